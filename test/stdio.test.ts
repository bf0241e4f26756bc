import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, SEED_ID, tempDir, textOf } from './helpers.js';

describe('the built `storyline serve` spawned over stdio, as a desktop client runs it', () => {
  it('indexes the corpus on first start, then answers tools, resources and prompts', async () => {
    const { dir, cleanup } = tempDir();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'serve'],
      env: { ...(process.env as Record<string, string>), STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_LOG_LEVEL: 'info' },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    try {
      // Any stray byte on stdout would break the JSON-RPC stream and fail this connect.
      await client.connect(transport);
      expect(client.getServerVersion()?.name).toBe('storyline');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('search_passages');
      const r = await client.callTool({ name: 'search_passages', arguments: { query: 'Who signed the AI executive order?', limit: 3 } });
      expect(r.isError).toBeFalsy();
      expect(textOf(r)).toContain('<untrusted-passage');
      const timeline = await client.callTool({ name: 'get_timeline', arguments: { story_id: SEED_ID } });
      expect(textOf(timeline)).toContain('```mermaid');
      const res = await client.readResource({ uri: `story://${SEED_ID}/sources` });
      expect(res.contents).toHaveLength(1);
      expect(stderr).toMatch(/first start: indexing/);
    } finally {
      await client.close();
      cleanup();
    }
  });
});
