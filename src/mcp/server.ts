import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Caller } from '../actions/caller.js';
import { VERSION } from '../version.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import type { ServerDeps } from './tool.js';
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
 * caller connects it to a transport; one server serves one connection.
 */
export function createServer(deps: ServerDeps, opts: CreateServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, title: 'Storyline', version: VERSION },
    {
      instructions: SERVER_INSTRUCTIONS,
      capabilities: { tools: {}, resources: { listChanged: true }, prompts: {}, completions: {} },
      // Bounds the size of any tools/call arguments object (hostile input).
      maxToolInputElements: 1_000,
    },
  );
  registerTools(server, retrievalTools, deps);
  if (!opts.readOnly) registerTools(server, actionTools, deps);
  registerResources(server, deps.store);
  registerPrompts(server, deps.store);
  return server;
}
