import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf, waitFor } from './helpers.js';
import { startPostgresService, type PostgresService } from './support/postgres-service.js';
import type { Replica } from './support/replica.js';

// A replica on PostgreSQL lives through the database going away: /readyz follows it down and
// back up with no restart, its pool and its LISTEN connection reconnect, and a request the
// outage cuts short ends in one clear line, with nothing half-written. So does the CLI.

const WAIT_MS = 40_000;

const readyz = async (r: Replica) => (await fetch(`${r.base}/readyz`)).status;

function storyFile(dir: string, id: string, words: string): string {
  const file = path.join(dir, `${id}.json`);
  writeFileSync(
    file,
    JSON.stringify({ id, title: `Quorvex advisory ${id}`, body: `Quorvex published advisory ${id}. ${words}`, published: '2025-03-01', entities: [{ type: 'vendor', name: 'Quorvex' }] }),
  );
  return file;
}

/** One line, no stack trace. */
function expectOneLine(text: string): void {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\s+at .+:\d+:\d+/);
}

describe('PostgreSQL going away under a running replica and a CLI run', () => {
  let svc: PostgresService<'replica'>;
  let replica: Replica;
  let client: Client;
  const alive = () => replica.proc.exitCode === null && replica.proc.signalCode === null;
  /**
   * Holds the entity table in a transaction of its own: a story write then waits to insert its
   * entity rows, its story and passage rows inserted by then, uncommitted. Resolves once one
   * backend waits on it, with that backend's pid. The watching is done on another connection,
   * since a transaction sees one snapshot of pg_stat_activity.
   */
  async function holdWrites(start: () => void): Promise<{ writer: number | undefined; release: () => Promise<void> }> {
    const holder = await svc.connectDatabase();
    const watch = await svc.connectDatabase();
    try {
      const [me] = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE story_entities IN ACCESS EXCLUSIVE MODE');
      start();
      const waiters = async () => (await watch.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [me!.pid])).map((r) => r.pid);
      await waitFor(async () => (await waiters()).length === 1, WAIT_MS, 50);
      const [writer] = await waiters();
      return { writer, release: () => holder.query('ROLLBACK').then(() => holder.end(), () => undefined) };
    } finally {
      await watch.end();
    }
  }

  beforeAll(async () => {
    svc = await startPostgresService({
      database: 'outage',
      replicas: ['replica'],
      // Polls once in ten minutes: only a NOTIFY on a live LISTEN connection delivers in time.
      env: { STORYLINE_WEBHOOK_POLL_MS: '600000' },
    });
    replica = svc.replicas.replica;
    client = await svc.connect(replica);
  }, 180_000);
  afterAll(() => svc?.stop());

  it('answers /readyz 503 while the cluster is stopped and 200 once it is back, then searches and wakes its delivery worker again, with no restart', async () => {
    const { cluster, cli, incoming, receiver } = svc;
    const first = storyFile(incoming, 'before-outage', 'The heliotrope gateway leaks session tokens.');
    expect((await client.callTool({ name: 'ingest_stories', arguments: { paths: [first] } })).isError).toBeFalsy();
    expect(await readyz(replica)).toBe(200);

    await cluster.halt();
    await waitFor(async () => (await readyz(replica)) === 503, WAIT_MS, 100);
    const down = await fetch(`${replica.base}/readyz`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: string }).error).toMatch(/^cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/outage \(ECONNREFUSED\)/);
    // A tool call meanwhile is a one-line error that says what is wrong.
    const failed = await client.callTool({ name: 'search_passages', arguments: { query: 'heliotrope session tokens' } });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/^search_passages: cannot reach PostgreSQL at .*check that the server runs/);
    expectOneLine(textOf(failed));
    expect(alive()).toBe(true);

    await cluster.restart();
    await waitFor(async () => (await readyz(replica)) === 200, WAIT_MS, 100);
    expect(await readyz(replica)).toBe(200);
    const hits = await client.callTool({ name: 'search_passages', arguments: { query: 'heliotrope session tokens', limit: 3 } });
    expect(hits.isError).toBeFalsy();
    expect((hits.structuredContent as { results: { story_id: string }[] }).results[0]?.story_id).toBe('before-outage');

    // The worker's LISTEN connection came back too: another process's ingest wakes it.
    const created = await cli(['subscriptions', 'create', '--name', 'quorvex', '--entity', 'Quorvex', '--webhook', `${receiver.url}/hook`]);
    expect(created.stderr).toBe('');
    expect((await cli(['ingest', storyFile(incoming, 'after-outage', 'Operators should rotate keys.')])).code).toBe(0);
    await waitFor(() => receiver.received.length === 1, WAIT_MS, 50);
    expect(receiver.received.map((r) => (JSON.parse(r.body) as { data: { story_id: string } }).data.story_id)).toEqual(['after-outage']);
    expect(alive()).toBe(true);
  }, 120_000);

  it('ends a tool call whose connection is cut mid-write with one clear line, keeps serving, and leaves no half-written story', async () => {
    const file = storyFile(svc.incoming, 'cut-mid-write', 'The Quorvex appliance accepts unsigned firmware.');
    const db = await svc.connectDatabase();
    try {
      let call: ReturnType<typeof client.callTool> | undefined;
      const held = await holdWrites(() => {
        call = client.callTool({ name: 'ingest_stories', arguments: { paths: [file] } });
        call.catch(() => undefined);
      });
      const writer = held.writer;
      expect(writer).toBeDefined();
      await db.query('SELECT pg_terminate_backend($1)', [writer]);
      const result = await call!;
      await held.release();
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^ingest_stories: lost the connection to PostgreSQL at postgres:\/\/postgres:\*\*\*@.*; anything it was writing was rolled back: try again/);
      expectOneLine(textOf(result));
      // Nothing of the story is there: no row, no passage, no delivery.
      const [rows] = await db.query<{ s: number; p: number; d: number }>(
        "SELECT (SELECT count(*) FROM stories WHERE id = 'cut-mid-write')::int AS s, (SELECT count(*) FROM passages WHERE story_id = 'cut-mid-write')::int AS p, (SELECT count(*) FROM deliveries WHERE payload LIKE '%cut-mid-write%')::int AS d",
      );
      expect(rows).toEqual({ s: 0, p: 0, d: 0 });
      expect(alive()).toBe(true);
      expect(await readyz(replica)).toBe(200);

      // The same call again writes it whole.
      const again = await client.callTool({ name: 'ingest_stories', arguments: { paths: [file] } });
      expect(again.isError).toBeFalsy();
      expect((again.structuredContent as { added: string[] }).added).toEqual(['cut-mid-write']);
      const story = await client.callTool({ name: 'get_story', arguments: { story_id: 'cut-mid-write' } });
      const [stored] = await db.query<{ p: number }>("SELECT count(*)::int AS p FROM passages WHERE story_id = 'cut-mid-write'");
      expect(stored!.p).toBeGreaterThan(0);
      expect((story.structuredContent as { passages: unknown[] }).passages).toHaveLength(stored!.p);
    } finally {
      await db.end();
    }
  }, 120_000);

  it('stops `storyline ingest` with one line and a non-zero exit when the cluster stops mid-run; the rerun writes every story whole', async () => {
    const { cluster, cli } = svc;
    const batch = path.join(svc.incoming, 'batch');
    mkdirSync(batch);
    for (let i = 0; i < 5; i++) storyFile(batch, `batch-${i}`, `Advisory number ${i} covers the VPN concentrator.`);
    let run: ReturnType<typeof cli> | undefined;
    // The cluster's fast shutdown ends the holding transaction with every other session.
    const held = await holdWrites(() => void (run = cli(['ingest', batch])));
    expect(held.writer).toBeDefined();
    await cluster.halt();
    const r = await run!;
    await held.release();
    await cluster.restart();
    expect(r.code).toBe(2);
    // The embedding progress line, then the error in one line.
    const error = r.stderr.split('\n').filter((l) => l.startsWith('storyline:'));
    expect(error).toHaveLength(1);
    expect(error[0]).toMatch(/^storyline: lost the connection to PostgreSQL at postgres:\/\/postgres:\*\*\*@.*try again once the database answers$/);
    expect(r.stderr).not.toMatch(/\s+at .+:\d+:\d+/);
    expect(r.stderr).not.toContain(cluster.password);

    const check = await svc.connectDatabase();
    try {
      const [none] = await check.query<{ n: number }>("SELECT count(*)::int AS n FROM stories WHERE id LIKE 'batch-%'");
      expect(none!.n).toBe(0);
      const rerun = await cli(['ingest', batch, '--json']);
      expect(rerun.code).toBe(0);
      expect((JSON.parse(rerun.stdout) as { added: string[] }).added.sort()).toEqual(Array.from({ length: 5 }, (_, i) => `batch-${i}`));
      const perStory = await check.query<{ id: string; n: number }>(
        "SELECT s.id, (SELECT count(*) FROM passages p WHERE p.story_id = s.id)::int AS n FROM stories s WHERE s.id LIKE 'batch-%' ORDER BY s.id",
      );
      expect(perStory).toHaveLength(5);
      expect(perStory.every((s) => s.n > 0)).toBe(true);
    } finally {
      await check.end();
    }
    // The replica came through a second outage too.
    await waitFor(async () => (await readyz(replica)) === 200, WAIT_MS, 100);
    expect(await readyz(replica)).toBe(200);
    expect(alive()).toBe(true);
  }, 120_000);
});
