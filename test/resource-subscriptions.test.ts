import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startHttpServer } from '../src/mcp/http/server.js';
import { storyWatch } from '../src/mcp/resource-subscriptions.js';
import { CLI, FIXTURES, hashEmbedder, openTestApp, runCli, SEED_ID, sleep, tempDir, textOf, waitFor } from './helpers.js';

const ID = 'test-ics-advisory';
const STORY = `story://${ID}`;
const TIMELINE = `story://${ID}/timeline`;
const SOURCES = `story://${ID}/sources`;

type StoryJson = { body: string; timeline: { date: string; title: string; text: string }[] };
const original = JSON.parse(readFileSync(path.join(FIXTURES, 'extra-story.json'), 'utf8')) as StoryJson;
/** The fixture story with one more timeline event (its timeline and the story change, its sources do not). */
const withEvent = (): StoryJson => ({
  ...original,
  timeline: [...original.timeline, { date: '2023-12-01', title: 'Controllers back online', text: 'The utility restored the booster station controllers.' }],
});
/** The fixture story with a new body only (the story changes, its timeline does not). */
const newBody = (s: StoryJson): StoryJson => ({ ...s, body: `${s.body} The utility has since replaced the controllers.` });

/** Records the resources/updated notifications a client hears. */
function hear(client: Client): string[] {
  const heard: string[] = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void heard.push(n.params.uri));
  return heard;
}

describe('resources/subscribe over stdio, on the built server', () => {
  it('tells the subscribed client when a re-ingest (by another process, then through the tool) changes the story or its timeline', async () => {
    const { dir, cleanup } = tempDir();
    const roots = path.join(dir, 'roots');
    const file = path.join(roots, 'story.json');
    const env = { ...(process.env as Record<string, string>), STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_INGEST_ROOTS: roots, STORYLINE_LOG_LEVEL: 'warn' };
    mkdirSync(roots);
    writeFileSync(file, JSON.stringify(original));
    const client = new Client({ name: 'stdio-subscribe-test', version: '1.0.0' });
    try {
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve'], env, stderr: 'ignore' }));
      expect(client.getServerCapabilities()?.resources).toMatchObject({ subscribe: true, listChanged: true });
      const first = await client.callTool({ name: 'ingest_stories', arguments: { paths: ['story.json'] } });
      expect(first.isError, textOf(first)).toBeFalsy();
      const heard = hear(client);
      for (const uri of [STORY, TIMELINE, SOURCES]) await client.subscribeResource({ uri });

      // Another process re-ingests the file with a new timeline event: the story and timeline change, the sources do not.
      writeFileSync(file, JSON.stringify(withEvent()));
      const cli = await runCli(['ingest', file], env);
      expect(cli.code, cli.stderr).toBe(0);
      await waitFor(() => heard.length >= 2, 15_000);
      await sleep(1_500);
      expect(heard.sort()).toEqual([STORY, TIMELINE].sort());

      // Through the tool, a body change: only the story changes; an unsubscribed timeline would not be told anyway.
      heard.length = 0;
      await client.unsubscribeResource({ uri: TIMELINE });
      writeFileSync(file, JSON.stringify(newBody(withEvent())));
      const again = await client.callTool({ name: 'ingest_stories', arguments: { paths: ['story.json'] } });
      expect(again.structuredContent).toMatchObject({ updated: [ID] });
      await waitFor(() => heard.length >= 1, 5_000);
      await sleep(1_500);
      expect(heard).toEqual([STORY]);

      // Subscribing to something that is not a stored story is refused clearly.
      await expect(client.subscribeResource({ uri: 'story://no-such-story' })).rejects.toThrow(/no stored story "no-such-story"/);
      await expect(client.subscribeResource({ uri: 'file:///etc/passwd' })).rejects.toThrow(/only story:\/\/\{id\}/);
    } finally {
      await client.close();
      cleanup();
    }
  });
});

describe('resources/subscribe over Streamable HTTP', () => {
  it('tells only the sessions that subscribed, whichever session re-ingested, and forgets a session that closed', async () => {
    const { dir: roots, cleanup: cleanRoots } = tempDir('storyline-roots-');
    writeFileSync(path.join(roots, 'story.json'), JSON.stringify(original));
    const app = await openTestApp({ embedder: hashEmbedder(), env: { STORYLINE_INGEST_ROOTS: roots } });
    await app.ingestPaths([path.join(roots, 'story.json')]);
    const cfg = loadConfig({ env: {} });
    const server = await startHttpServer(app, { port: 0, http: cfg.http, log: pino({ level: 'silent' }), insecureNoAuth: true });
    const transports: StreamableHTTPClientTransport[] = [];
    const connect = async () => {
      const c = new Client({ name: 'http-subscribe-test', version: '1.0.0' });
      const t = new StreamableHTTPClientTransport(new URL(server.url));
      transports.push(t);
      await c.connect(t);
      return c;
    };
    const [watcher, bystander, writer] = await Promise.all([connect(), connect(), connect()]);
    try {
      const heardByWatcher = hear(watcher);
      const heardByBystander = hear(bystander);
      await watcher.subscribeResource({ uri: TIMELINE });
      await watcher.subscribeResource({ uri: `story://${SEED_ID}` });
      await bystander.subscribeResource({ uri: `story://${SEED_ID}` });

      writeFileSync(path.join(roots, 'story.json'), JSON.stringify(withEvent()));
      const r = await writer.callTool({ name: 'ingest_stories', arguments: { paths: ['story.json'] } });
      expect(r.structuredContent).toMatchObject({ updated: [ID] });
      await waitFor(() => heardByWatcher.length >= 1, 5_000);
      await sleep(1_500);
      expect(heardByWatcher).toEqual([TIMELINE]);
      // The bystander watches an unchanged story: it hears nothing.
      expect(heardByBystander).toEqual([]);

      // Ended sessions are forgotten: only the seed story, still watched by the bystander, remains.
      expect(storyWatch(app.store).size()).toBe(2);
      await transports[0]!.terminateSession();
      await watcher.close();
      await waitFor(() => storyWatch(app.store).size() === 1, 5_000);
      expect(storyWatch(app.store).size()).toBe(1);
    } finally {
      await Promise.all([bystander.close(), writer.close()]);
      await server.close();
      app.cleanup();
      cleanRoots();
    }
  });
});
