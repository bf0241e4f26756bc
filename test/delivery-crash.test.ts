import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { CLI, hashEmbedder, tempDir, waitFor } from './helpers.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const N = 240;

describe('delivery survives kill -9 (real process, real receiver, real SQLite)', () => {
  let receiver: Receiver;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    receiver = await startReceiver();
    ({ dir, cleanup } = tempDir());
  });
  afterAll(async () => {
    await receiver.close();
    cleanup();
  });

  it(`delivers every one of ${N} events at least once across a crash, reporting duplicates`, async () => {
    const env = {
      ...process.env,
      STORYLINE_DATA_DIR: path.join(dir, 'data'),
      STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true',
      STORYLINE_WEBHOOK_TIMEOUT_MS: '1000',
      STORYLINE_WEBHOOK_POLL_MS: '50',
      STORYLINE_LOG_LEVEL: 'error',
    };
    // Queue the events with the same code the ingest path uses, then hand them to real processes.
    const app = await openApp(loadConfig({ env }), { embedder: hashEmbedder(), log: createLogger('silent') });
    const { subscription } = await app.subscriptions.create({ name: 'crash test', entities: ['CISA'], webhook_url: receiver.url }, LOCAL_CALLER);
    const ids = new Set<string>();
    for (let i = 0; i < N; i++) ids.add(await app.subscriptions.store.enqueue(subscription.id, 'story.created', `s${i}`, { n: i }));
    await app.close();

    receiver.delayMs = 15;
    const run = (): ChildProcess => spawn(process.execPath, [CLI, 'deliver', '--watch'], { env, stdio: 'ignore' });
    const first = run();
    await waitFor(() => receiver.received.length >= N / 4, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const beforeRestart = receiver.countsById().size;
    expect(beforeRestart).toBeGreaterThan(0);
    expect(beforeRestart).toBeLessThan(N);

    // The restarted worker sends what was never sent, and re-sends what was in flight at the
    // kill once its lease runs out: every event ends delivered, some perhaps twice.
    const second = run();
    const db = new Database(path.join(dir, 'data', 'storyline.db'), { readonly: true });
    const delivered = () => (db.prepare("SELECT count(*) AS n FROM deliveries WHERE status = 'delivered'").get() as { n: number }).n;
    await waitFor(() => delivered() === N, 60_000);
    db.close();
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));

    const counts = receiver.countsById();
    const missing = [...ids].filter((id) => !counts.has(id));
    const duplicates = [...counts.values()].filter((c) => c > 1).length;
    process.stderr.write(`delivery crash test: ${N} events, ${beforeRestart} delivered before kill -9, ${missing.length} missing, ${duplicates} delivered more than once\n`);
    expect(missing).toEqual([]);
    expect([...counts.keys()].every((id) => ids.has(id))).toBe(true);

    const after = await openApp(loadConfig({ env }), { embedder: hashEmbedder(), log: createLogger('silent') });
    const done = await after.subscriptions.store.deliveries({ status: 'delivered', limit: 10_000 });
    expect(done).toHaveLength(N);
    // A claim cut short by kill -9 is not an attempt: the counter stays within the limit.
    expect(Math.max(...done.map((d) => d.attempts))).toBeLessThanOrEqual(after.config.webhooks.maxAttempts);
    expect(done.every((d) => d.attempts >= 1 && d.claims >= d.attempts)).toBe(true);
    await after.close();
  });
});
