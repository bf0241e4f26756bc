import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './helpers.js';
import { startPostgresService, type PostgresService } from './support/postgres-service.js';
import { stopReplica, type Replica } from './support/replica.js';

// Two `serve --http --stateless` processes on one real PostgreSQL are replicas of one service:
// what one ingests the other finds at once, /readyz follows the database, and their delivery
// workers share one outbox, so killing one mid-run loses no event and duplicates none under a
// different webhook-id.

async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const r = await client.callTool({ name, arguments: args });
  if (r.isError) throw new Error(`${name}: ${JSON.stringify(r.content)}`);
  return r.structuredContent as Record<string, unknown>;
}

async function readyz(r: Replica): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${r.base}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A story file naming the vendor the subscription follows, with words of its own. */
function storyFile(dir: string, i: number): void {
  writeFileSync(
    path.join(dir, `replica-${i}.json`),
    JSON.stringify({
      id: `replica-${i}`,
      title: `Quorvex advisory ${i}`,
      body: `Quorvex published advisory ${i} for its gateway appliance. Operators should apply update ${i} to the appliance firmware.`,
      published: '2025-03-01',
      entities: [{ type: 'vendor', name: 'Quorvex' }],
    }),
  );
}

describe('replicas: two serve --http --stateless processes on one PostgreSQL', () => {
  let svc: PostgresService<'a' | 'b'>;
  beforeAll(async () => {
    svc = await startPostgresService({
      database: 'replicas',
      replicas: ['a', 'b'],
      env: {
        STORYLINE_WEBHOOK_POLL_MS: '100',
        // A claim's lease is 2 × timeout + 1 s: a killed replica's claims come free after 3 s.
        STORYLINE_WEBHOOK_TIMEOUT_MS: '1000',
      },
      stopSignal: 'SIGKILL',
    });
  }, 180_000);
  afterAll(() => svc?.stop());

  it('finds through one replica what was ingested through the other, at once', async () => {
    const { a, b } = svc.replicas;
    const ca = await svc.connect(a);
    const cb = await svc.connect(b);
    const before = await tool(cb, 'list_stories', {});
    const file = path.join(svc.incoming, 'heliotrope.json');
    writeFileSync(
      file,
      JSON.stringify({ id: 'heliotrope-1', title: 'Heliotrope botnet takedown', body: 'Investigators dismantled the Heliotrope botnet, which had enrolled 40,000 routers.', published: '2025-02-01' }),
    );
    const ingested = await tool(ca, 'ingest_stories', { paths: [file] });
    expect(ingested.added).toEqual(['heliotrope-1']);
    // No wait, no restart: the next request to the other replica sees it.
    const hits = (await tool(cb, 'search_passages', { query: 'Heliotrope botnet routers', limit: 3 })) as { results: { story_id: string }[] };
    expect(hits.results[0]?.story_id).toBe('heliotrope-1');
    const fromA = (await tool(ca, 'search_passages', { query: 'Heliotrope botnet routers', limit: 3 })) as { results: unknown[] };
    expect(hits.results).toEqual(fromA.results);
    const after = (await tool(cb, 'list_stories', {})) as { stories: { id: string }[] };
    expect(after.stories.length).toBe((before as { stories: unknown[] }).stories.length + 1);
    for (const r of [a, b]) expect(await readyz(r)).toMatchObject({ status: 200, body: { status: 'ready' } });
  }, 60_000);

  it('delivers 200 events with a worker in each replica and one killed -9 midway: none lost, duplicates only under one webhook-id', async () => {
    const { cli, receiver, replicas } = svc;
    const created = await cli(['subscriptions', 'create', '--name', 'quorvex', '--entity', 'Quorvex', '--webhook', `${receiver.url}/hook`, '--json']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    // Slow enough answers that the kill lands with deliveries in flight.
    receiver.delayMs = 50;
    const files = path.join(svc.incoming, 'quorvex');
    mkdirSync(files);
    for (let i = 0; i < 200; i++) storyFile(files, i);
    const ingested = await cli(['ingest', files, '--json']);
    expect(ingested.code).toBe(0);

    const db = await svc.connectDatabase();
    // A worker claims at most 4 × concurrency (32) deliveries at once, so more than 32 claimed
    // means both replicas hold claims: the kill then surely lands mid-delivery.
    const claimed = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE status = 'delivering'"))[0]?.n ?? 0;
    let inFlight = 0;
    await waitFor(async () => receiver.received.length >= 40 && (inFlight = await claimed()) > 32, 60_000, 5);
    expect(inFlight).toBeGreaterThan(32);
    const atKill = receiver.received.length;
    await stopReplica(replicas.a, 'SIGKILL');
    const killedAt = Date.now();
    let drained = 0;
    let reclaimed = 0;
    // Done when the outbox says so: the killed replica's claims (sent or not) expire with their
    // lease, and the survivor sends them again under the same webhook-id.
    const statuses = () => db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM deliveries GROUP BY status ORDER BY status');
    try {
      await waitFor(async () => (await statuses()).every((s) => s.status === 'delivered'), 90_000, 100);
      expect(await statuses()).toEqual([{ status: 'delivered', n: 200 }]);
      drained = Date.now() - killedAt;
      reclaimed = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM deliveries WHERE claims > 1'))[0]?.n ?? 0;
    } finally {
      await db.end();
    }

    // The killed replica's claims were taken again once their lease ran out.
    expect(reclaimed).toBeGreaterThan(0);

    // Each story came under exactly one webhook-id, and that id came with no other story.
    const idsByStory = new Map<string, Set<string>>();
    for (const x of receiver.received) {
      const story = (JSON.parse(x.body) as { data: { story_id: string } }).data.story_id;
      idsByStory.set(story, (idsByStory.get(story) ?? new Set()).add(String(x.headers['webhook-id'])));
    }
    expect([...idsByStory.keys()].sort()).toEqual(Array.from({ length: 200 }, (_, i) => `replica-${i}`).sort());
    expect([...idsByStory.values()].every((ids) => ids.size === 1)).toBe(true);
    const counts = receiver.countsById();
    expect(counts.size).toBe(200);
    const duplicates = [...counts.values()].filter((n) => n > 1).length;
    process.stderr.write(`replicas: ${receiver.received.length} requests for 200 events, ${duplicates} delivered twice; replica A killed after ${atKill} requests with ${inFlight} claimed in flight; ${reclaimed} claimed again after the lease; outbox drained ${drained} ms after the kill\n`);
    // The surviving replica answers ready; the killed one is gone.
    expect((await readyz(replicas.b)).status).toBe(200);
  }, 180_000);

  it('/readyz answers 503 with the reason once the database is gone', async () => {
    const { cluster, replicas } = svc;
    await cluster.stop();
    const r = await readyz(replicas.b).catch((err: unknown) => {
      throw new Error(`replica B did not answer (${(err as Error).message}); its log:\n${replicas.b.log().slice(-3000)}`);
    });
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'not ready' });
    expect(String(r.body.error)).toMatch(/^cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/replicas \(ECONNREFUSED\); check that the server runs/);
    expect(String(r.body.error)).not.toContain(cluster.password);
  }, 60_000);
});
