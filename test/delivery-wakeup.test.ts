import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { hashEmbedder, openTestApp, waitFor } from './helpers.js';
import { startPostgresService, type PostgresService } from './support/postgres-service.js';
import { startReceiver } from './support/receiver.js';

// A delivery worker wakes when deliveries are queued instead of waiting for its poll: on
// PostgreSQL through LISTEN/NOTIFY, so an ingest in another process wakes it; on SQLite
// through an in-process event. Every worker here polls once every ten minutes, so only the
// wake-up can deliver within the 30 s the test waits.

const POLL_MS = '600000';
const WAIT_MS = 30_000;

function story(dir: string, id: string): string {
  const file = path.join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify({ id, title: `Quorvex advisory ${id}`, body: `Quorvex published advisory ${id} for its gateway appliance.`, published: '2025-03-01', entities: [{ type: 'vendor', name: 'Quorvex' }] }));
  return file;
}

describe('the delivery worker wakes on enqueue, PostgreSQL (LISTEN/NOTIFY across processes)', () => {
  let svc: PostgresService<'replica'>;
  beforeAll(async () => {
    svc = await startPostgresService({ database: 'wakeup', replicas: ['replica'], env: { STORYLINE_WEBHOOK_POLL_MS: POLL_MS } });
  }, 180_000);
  afterAll(() => svc?.stop());

  it('sends a delivery another process enqueued long before the poll, and again after its listening connection was cut', async () => {
    const { cli, receiver, incoming } = svc;
    const created = await cli(['subscriptions', 'create', '--name', 'quorvex', '--entity', 'Quorvex', '--webhook', `${receiver.url}/hook`]);
    expect(created.stderr).toBe('');
    const db = await svc.connectDatabase();
    const listeners = async () => (await db.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN %'")).map((r) => r.pid);
    try {
      // The worker listens on one connection of its own.
      await waitFor(async () => (await listeners()).length === 1, WAIT_MS);
      expect(await listeners()).toHaveLength(1);
      expect((await cli(['ingest', story(incoming, 'wake-1')])).code).toBe(0);
      await waitFor(() => receiver.received.length === 1, WAIT_MS, 20);
      expect(receiver.received).toHaveLength(1);
      expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'story.created', data: { story_id: 'wake-1' } });

      // The server drops the listening connection; the worker listens again on a new one.
      const [cut] = await listeners();
      await db.query('SELECT pg_terminate_backend($1)', [cut]);
      await waitFor(async () => {
        const now = await listeners();
        return now.length === 1 && now[0] !== cut;
      }, WAIT_MS);
      expect((await listeners()).filter((pid) => pid !== cut)).toHaveLength(1);
      expect((await cli(['ingest', story(incoming, 'wake-2')])).code).toBe(0);
      await waitFor(() => receiver.received.length === 2, WAIT_MS, 20);
      expect(receiver.received).toHaveLength(2);
      expect(JSON.parse(receiver.received[1]!.body)).toMatchObject({ data: { story_id: 'wake-2' } });
    } finally {
      await db.end();
    }
    // The replica lived through the cut and still answers.
    expect((await fetch(`${svc.replicas.replica.base}/readyz`)).status).toBe(200);
  }, 120_000);
});

describe('the delivery worker wakes on enqueue, SQLite (in-process)', () => {
  it('sends a delivery the same process enqueued long before the poll', async () => {
    const receiver = await startReceiver();
    const app = await openTestApp({ embedder: hashEmbedder(), env: { STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true' }, ingest: false });
    try {
      await app.subscriptions.create({ name: 'quorvex', entities: ['Quorvex'], webhook_url: `${receiver.url}/hook` }, LOCAL_CALLER);
      app.subscriptions.startDelivery(Number(POLL_MS));
      mkdirSync(path.join(app.dir, 'in'));
      await app.ingestPaths([story(path.join(app.dir, 'in'), 'wake-sqlite')]);
      await waitFor(() => receiver.received.length === 1, WAIT_MS, 20);
      expect(receiver.received).toHaveLength(1);
      expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ data: { story_id: 'wake-sqlite' } });
    } finally {
      await app.subscriptions.stopDelivery();
      app.cleanup();
      await receiver.close();
    }
  });
});
