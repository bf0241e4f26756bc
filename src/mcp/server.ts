import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { VERSION } from '../version.js';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import type { ServerDeps } from './tool.js';
import { registerActionTools, registerRetrievalTools } from './tools/index.js';

export const SERVER_NAME = 'storyline';

/**
 * Builds Storyline's MCP server over the given store and retriever. The caller connects it
 * to a transport; one server serves one connection.
 */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, title: 'Storyline', version: VERSION },
    {
      instructions: SERVER_INSTRUCTIONS,
      capabilities: { tools: {}, resources: {}, prompts: {}, completions: {} },
      // Bounds the size of any tools/call arguments object (hostile input).
      maxToolInputElements: 1_000,
    },
  );
  registerRetrievalTools(server, deps);
  registerActionTools(server, deps);
  registerResources(server, deps.store);
  registerPrompts(server, deps.store);
  return server;
}
