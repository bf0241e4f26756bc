import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { LOCAL_CALLER, type Caller } from '../actions/caller.js';
import { VERSION } from '../version.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { registerPrompts } from './prompts.js';
import { registerResourceSubscriptions } from './resource-subscriptions.js';
import { registerResources } from './resources.js';
import type { ServerDeps } from './tool.js';
import { registerTimelineView } from './views/timeline-view.js';
import { actionTools, registerTools, retrievalTools } from './tools/index.js';

export const SERVER_NAME = 'storyline';

/** Options for one server instance. */
export interface CreateServerOptions {
  /** Leave out the action tools entirely (read-only tokens, --read-only). */
  readOnly?: boolean;
  /** Who this connection acts for (default: the local user, who owns everything). */
  caller?: Caller;
}

/**
 * Builds Storyline's MCP server over the given store, retriever and subscriptions. The
 * caller connects it to a transport; one server serves one connection, and its action tools
 * act for `opts.caller` (default: the local user, an admin).
 */
export function createServer(deps: ServerDeps, opts: CreateServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, title: 'Storyline', version: VERSION },
    {
      instructions: SERVER_INSTRUCTIONS,
      capabilities: { tools: {}, resources: { subscribe: true, listChanged: true }, prompts: {}, completions: {} },
      // Bounds the size of any tools/call arguments object (hostile input).
      maxToolInputElements: 1_000,
    },
  );
  const caller = opts.caller ?? LOCAL_CALLER;
  registerTools(server, retrievalTools, deps, caller);
  if (!opts.readOnly) registerTools(server, actionTools, deps, caller);
  registerResources(server, deps.store);
  registerResourceSubscriptions(server, deps.store);
  registerTimelineView(server);
  registerPrompts(server, deps.store);
  return server;
}
