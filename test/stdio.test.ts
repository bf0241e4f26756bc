import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { callTool, CLI, connectStdio, FIXTURES, runCli, SEED_ID, sleep, tempDir, textOf, waitFor } from './helpers.js';
import { startReceiver } from './support/receiver.js';

describe('the built `storyline serve` spawned over stdio, as a desktop client runs it', () => {
  it('indexes the corpus on first start, then answers tools, resources and prompts', async () => {
    const { dir, cleanup } = tempDir();
    const { client, stderr, protocolErrors } = await connectStdio(
      {
        command: process.execPath,
        args: [CLI, 'serve'],
        env: { ...(process.env as Record<string, string>), STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_LOG_LEVEL: 'info' },
      },
      'stdio-test',
    );
    try {
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
      expect(stderr()).toMatch(/first start: indexing/);
      expect(protocolErrors.map(String)).toEqual([]);
    } finally {
      await client.close();
      cleanup();
    }
  });
});

describe('the delivery worker inside a spawned `storyline serve`', () => {
  it('delivers a signed event for a story ingested by another process', async () => {
    const receiver = await startReceiver();
    const { dir, cleanup } = tempDir();
    const env = {
      ...(process.env as Record<string, string>),
      STORYLINE_DATA_DIR: path.join(dir, 'data'),
      STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true',
      STORYLINE_WEBHOOK_POLL_MS: '100',
      STORYLINE_LOG_LEVEL: 'warn',
    };
    const client = new Client({ name: 'stdio-worker-test', version: '1.0.0' });
    try {
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve'], env, stderr: 'ignore' }));
      const { secret } = (await callTool(client, 'create_subscription', { name: 'ICS', entities: ['Unitronics'], webhook_url: receiver.url, idempotency_key: 'k1' })).structured;
      const ingest = await runCli(['ingest', path.join(FIXTURES, 'extra-story.json')], env);
      expect(ingest.code, ingest.stderr).toBe(0);
      await waitFor(() => receiver.received.length > 0, 20_000);
      // Then a while longer: a second delivery of the same event would arrive now.
      await sleep(500);
      expect(receiver.received).toHaveLength(1);
      const got = receiver.received[0]!;
      const event = new Webhook(secret!).verify(got.body, got.headers as Record<string, string>) as { type: string; data: { story_id: string } };
      expect(event).toMatchObject({ type: 'story.created', data: { story_id: 'test-ics-advisory' } });
    } finally {
      await client.close();
      await receiver.close();
      cleanup();
    }
  });
});
