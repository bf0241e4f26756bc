/**
 * Subscription figures for `npm run bench`: webhook deliveries per second to a local
 * receiver, and the matching cost each ingested story pays with 1,000 subscriptions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { openApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { storyToPassages } from '../src/ingest/passages.js';
import { createLogger } from '../src/log.js';
import type { StoryWrite } from '../src/store/types.js';
import { syntheticStories } from './synthetic.js';

async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-bench-actions-'));
  const app = await openApp(loadConfig({ env: { STORYLINE_DATA_DIR: dir, STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true' } }), { log: createLogger('warn') });
  try {
    return await fn(app);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deliveries per second from the worker to a receiver on loopback that answers 200 at once. */
export async function deliveriesPerSecond(count: number): Promise<{ count: number; secs: number; perSec: number; concurrency: number }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    return await withApp(async (app) => {
      const { subscription } = await app.subscriptions.create({ name: 'bench', entities: ['bench'], webhook_url: url }, LOCAL_CALLER);
      for (let i = 0; i < count; i++) await app.subscriptions.store.enqueue(subscription.id, 'story.created', `s${i}`, { n: i, text: 'x'.repeat(500) });
      const t0 = performance.now();
      while ((await app.subscriptions.worker.runOnce()).length > 0);
      const secs = (performance.now() - t0) / 1000;
      if (received < count) throw new Error(`receiver got ${received} of ${count}`);
      return { count, secs, perSec: count / secs, concurrency: app.config.webhooks.concurrency };
    });
  } finally {
    server.close();
  }
}

/** Milliseconds per ingested story spent matching against `subs` subscriptions (store write with vs without them). */
export async function matchingCost(subs: number, stories: number): Promise<{ subs: number; stories: number; msPerStoryWith: number; msPerStoryWithout: number }> {
  return withApp(async (app) => {
    const corpus = syntheticStories(stories * 20, 99).slice(0, stories * 2);
    const writes: StoryWrite[] = [];
    for (const story of corpus) {
      const passages = await storyToPassages(story);
      writes.push({ story, hash: story.id, passages, vectors: await app.embedder.embedDocuments(passages.map((p) => p.text)) });
    }
    const [first, second] = [writes.slice(0, stories), writes.slice(stories)];
    const timeWrites = async (ws: StoryWrite[]) => {
      const t0 = performance.now();
      for (const w of ws) await app.store.write([w], []);
      return (performance.now() - t0) / ws.length;
    };
    const without = await timeWrites(first);
    // Subscriptions with query vectors from real passages and entity lists, as users would make.
    const vectors = writes.flatMap((w) => w.vectors.filter((v) => v !== null));
    for (let i = 0; i < subs; i++) {
      await app.subscriptions.store.create({
        owner: 'local', name: `s${i}`, query: `query ${i}`, query_vector: vectors[i % vectors.length]!, threshold: 0.95, entities: i % 2 ? [`CVE-2024-${i}`] : [],
        follow_story_id: null, target: { type: 'outbox', name: 'bench' }, idempotency_key: null, request_hash: null,
      });
    }
    const withSubs = await timeWrites(second);
    return { subs, stories, msPerStoryWith: withSubs, msPerStoryWithout: without };
  });
}
