import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerTool, type ServerDeps, type ToolContract } from '../tool.js';
import { getStory } from './get-story.js';
import { getTimeline } from './get-timeline.js';
import { listSources } from './list-sources.js';
import { listStories } from './list-stories.js';
import { searchPassages } from './search-passages.js';
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions, testSubscription, updateSubscription } from './subscriptions.js';
import { verifyQuote } from './verify-quote.js';

/** Every retrieval tool's contract, for documentation and contract tests. */
export const retrievalTools: readonly ToolContract[] = [searchPassages, getStory, getTimeline, listSources, listStories, verifyQuote];

/** Every action tool's contract. */
export const actionTools: readonly ToolContract[] = [createSubscription, listSubscriptions, getSubscription, updateSubscription, deleteSubscription, testSubscription];

/** Registers every retrieval tool. */
export function registerRetrievalTools(server: McpServer, deps: ServerDeps): void {
  registerTool(server, searchPassages, deps);
  registerTool(server, getStory, deps);
  registerTool(server, getTimeline, deps);
  registerTool(server, listSources, deps);
  registerTool(server, listStories, deps);
  registerTool(server, verifyQuote, deps);
}

/** Registers the subscription (action) tools. */
export function registerActionTools(server: McpServer, deps: ServerDeps): void {
  registerTool(server, createSubscription, deps);
  registerTool(server, listSubscriptions, deps);
  registerTool(server, getSubscription, deps);
  registerTool(server, updateSubscription, deps);
  registerTool(server, deleteSubscription, deps);
  registerTool(server, testSubscription, deps);
}
