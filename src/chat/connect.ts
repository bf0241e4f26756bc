import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { PACKAGE_ROOT } from '../config.js';
import { UserError } from '../errors.js';
import { VERSION } from '../version.js';

/** Which Storyline server the chat talks to. */
export interface ServerTarget {
  /** A command line that starts a Storyline server on stdio, e.g. "node dist/src/cli.js serve". */
  server?: string;
  /** A Streamable HTTP endpoint, e.g. http://127.0.0.1:8787/mcp. */
  url?: string;
  /** Bearer token for `url`. */
  token?: string;
  env?: Record<string, string>;
}

/** Splits a command line on spaces, honouring single and double quotes. */
export function splitCommand(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/**
 * Connects an MCP client to Storyline: by default it starts this package's own server over
 * stdio (sharing the data directory and configuration through the environment).
 */
export async function connectStoryline(target: ServerTarget): Promise<Client> {
  const client = new Client({ name: 'storyline-chat', version: VERSION });
  if (target.url) {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      throw new UserError(`--url "${target.url}" is not a valid URL`);
    }
    const headers: Record<string, string> = target.token ? { Authorization: `Bearer ${target.token}` } : {};
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
    return client;
  }
  const [command, ...args] = target.server ? splitCommand(target.server) : [process.execPath, path.join(PACKAGE_ROOT, 'dist/src/cli.js'), 'serve'];
  if (!command) throw new UserError('--server needs a command');
  await client.connect(new StdioClientTransport({ command, args, env: { ...(process.env as Record<string, string>), ...target.env }, stderr: 'ignore' }));
  return client;
}
