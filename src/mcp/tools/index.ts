import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { z } from 'zod';
import type { Caller } from '../../actions/caller.js';
import { registerTool, type ServerDeps, type ToolDefinition } from '../tool.js';
import { checkExposure, exposureReport, importAssets, listAssets, removeAssets } from './exposure.js';
import { findStoriesByEntity } from './find-stories-by-entity.js';
import { getStory } from './get-story.js';
import { getTimeline } from './get-timeline.js';
import { ingestStories } from './ingest-stories.js';
import { listSources } from './list-sources.js';
import { listStories } from './list-stories.js';
import { searchPassages } from './search-passages.js';
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions, testSubscription, updateSubscription } from './subscriptions.js';
import { verifyQuote } from './verify-quote.js';

type AnyTool = ToolDefinition<z.ZodRawShape, z.ZodRawShape>;

/** The read-only tools: retrieval and exposure checks. */
export const retrievalTools: readonly AnyTool[] = [searchPassages, getStory, getTimeline, listSources, listStories, findStoriesByEntity, verifyQuote, checkExposure, exposureReport, listAssets];

/** The action tools (subscriptions, ingest, asset inventory). */
export const actionTools: readonly AnyTool[] = [createSubscription, listSubscriptions, getSubscription, updateSubscription, deleteSubscription, testSubscription, ingestStories, importAssets, removeAssets];

/** Registers tools on a server whose calls act for `caller`. */
export function registerTools(server: McpServer, tools: readonly AnyTool[], deps: ServerDeps, caller: Caller): void {
  for (const tool of tools) registerTool(server, tool, deps, caller);
}
