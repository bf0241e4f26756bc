import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { callTool, connectClient, FIXTURES, openTestApp, SEED_ID, textOf, waitFor } from './helpers.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const FAST = {
  STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true',
  STORYLINE_WEBHOOK_BACKOFF_BASE_MS: '50',
  STORYLINE_WEBHOOK_BACKOFF_MAX_MS: '200',
  STORYLINE_WEBHOOK_TIMEOUT_MS: '400',
  STORYLINE_WEBHOOK_MAX_ATTEMPTS: '3',
};

interface Event {
  type: string;
  data: { story_id: string; title: string; why: string[]; passages: { citation_id: string; text: string; context: string }[]; new_events?: { title: string }[] };
}

describe('subscriptions end to end (real receiver, real SQLite, real local embedder)', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let client: Client;
  let receiver: Receiver;
  beforeAll(async () => {
    app = await openTestApp({ env: FAST });
    client = await connectClient(app);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await client.close();
    await receiver.close();
    app.cleanup();
  });
  afterEach(async () => {
    for (const s of await app.subscriptions.list(LOCAL_CALLER)) await app.subscriptions.delete(s.id, LOCAL_CALLER);
    receiver.received.length = 0;
    receiver.script.length = 0;
    receiver.fallback = 200;
  });

  const create = async (args: Record<string, unknown>) => (await callTool(client, 'create_subscription', args)).structured;
  const drain = () =>
    waitFor(async () => {
      if (await app.subscriptions.store.outstanding() === 0) return true;
      await app.subscriptions.worker.runOnce();
      return false;
    }, 10_000, 60);
  const writeStory = (name: string, story: Record<string, unknown>) => {
    const file = path.join(app.dir, name);
    writeFileSync(file, JSON.stringify(story));
    return file;
  };

  it('delivers exactly one signed story.created event to a matching subscription, and nothing for a non-matching story', async () => {
    const { subscription, secret } = await create({ name: 'ICS team', query: 'attack on water utility controllers', webhook_url: receiver.url });
    expect(secret).toMatch(/^whsec_/);
    await app.ingestPaths([path.join(FIXTURES, 'extra-story.json')]);
    await drain();
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    const event = new Webhook(secret!).verify(got.body, got.headers as Record<string, string>) as Event;
    expect(event.type).toBe('story.created');
    expect(event.data.story_id).toBe('test-ics-advisory');
    expect(event.data.why.join()).toMatch(/semantic similarity|every word/);
    expect(event.data.passages.length).toBeGreaterThan(0);
    expect(event.data.passages[0]!.citation_id).toMatch(/^[btsevr]_/);
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(got.body, got.headers as Record<string, string>)).toThrow();

    await app.ingestPaths([writeStory('bread.json', { id: 'bread', title: 'Sourdough starters', body: 'Feed the starter with flour and water every day. Bake at a high temperature.' })]);
    await drain();
    expect(receiver.received).toHaveLength(1);
    const detail = await callTool(client, 'get_subscription', { subscription_id: subscription.id });
    expect(detail.structured.deliveries.map((d) => d.status)).toEqual(['delivered']);
  });

  it('matches by entity and follows a story for new timeline events (story.updated)', async () => {
    const byEntity = await create({ name: 'ONCD watch', entities: ['Office of the National Cyber Director'], webhook_url: receiver.url });
    const follow = await create({ name: 'Follow the EO', follow_story_id: SEED_ID, webhook_url: receiver.url });
    const seed = JSON.parse(readFileSync(path.join(app.config.corpusDir, `${SEED_ID}.json`), 'utf8')) as { id: string; timeline: unknown[] };
    await app.ingestPaths([writeStory('oncd.json', { ...seed, id: 'oncd-copy' })]);
    seed.timeline = [{ date: '2026-06-10', title: 'CISA issued the directive', text: 'CISA issued the binding operational directive.' }, ...seed.timeline];
    await app.ingestPaths([writeStory('seed-updated.json', seed)]);
    await drain();
    const events = receiver.received.map((r) => ({ sub: r, e: JSON.parse(r.body) as Event }));
    const created = events.filter((x) => x.e.type === 'story.created');
    const updated = events.filter((x) => x.e.type === 'story.updated');
    expect(created.map((x) => x.e.data.story_id)).toEqual(['oncd-copy']);
    new Webhook(byEntity.secret!).verify(created[0]!.sub.body, created[0]!.sub.headers as Record<string, string>);
    expect(updated).toHaveLength(1);
    new Webhook(follow.secret!).verify(updated[0]!.sub.body, updated[0]!.sub.headers as Record<string, string>);
    expect(updated[0]!.e.data.new_events!.map((e) => e.title)).toEqual(['CISA issued the directive']);
    expect(updated[0]!.e.data.passages[0]!.context).toContain('CISA issued the directive');
  });

  it('retries a 500 with the same webhook-id and ends delivered', async () => {
    const { subscription } = await create({ name: 'flaky', entities: ['FBI'], webhook_url: receiver.url });
    receiver.script.push(500);
    await app.subscriptions.store.enqueue(subscription.id, 'story.created', 'x', { hello: 1 });
    await drain();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]!.headers['webhook-id']).toBe(receiver.received[1]!.headers['webhook-id']);
    const [d] = await app.subscriptions.store.deliveries({ subscription_id: subscription.id, limit: 1 });
    expect(d).toMatchObject({ status: 'delivered', attempts: 2, last_status: 200 });
  });

  it('dead-letters a delivery whose receiver never answers, after the configured attempts; retry puts it back', async () => {
    const { subscription } = await create({ name: 'silent', entities: ['FBI'], webhook_url: receiver.url });
    receiver.fallback = 'hang';
    const id = await app.subscriptions.store.enqueue(subscription.id, 'story.created', 'x', { hello: 1 });
    await drain();
    const d = (await app.subscriptions.store.getDelivery(id))!;
    expect(d).toMatchObject({ status: 'dead', attempts: 3 });
    expect(d.last_error).toMatch(/timed out.*dead after 3 attempts/);
    receiver.fallback = 200;
    await app.subscriptions.store.retry(id);
    expect((await app.subscriptions.worker.deliverNow(id))?.outcome).toBe('delivered');
  });

  it('honours Retry-After, and a 410 disables the subscription', async () => {
    const { subscription } = await create({ name: 'gone', entities: ['FBI'], webhook_url: receiver.url });
    receiver.script.push({ status: 429, headers: { 'retry-after': '2' } });
    const id = await app.subscriptions.store.enqueue(subscription.id, 'story.created', 'x', {});
    const before = Date.now();
    await app.subscriptions.worker.runOnce();
    // Retry-After: 2 outweighs the 200 ms backoff cap of these tests.
    expect((await app.subscriptions.store.getDelivery(id))!.next_attempt_at).toBeGreaterThanOrEqual(before + 2_000);
    receiver.script.push(410);
    expect((await app.subscriptions.worker.deliverNow((await app.subscriptions.store.retry(id)).id))?.outcome).toBe('disabled');
    expect((await app.subscriptions.get(subscription.id, LOCAL_CALLER)).subscription).toMatchObject({ status: 'disabled', disabled_reason: 'receiver answered 410 Gone' });
  });

  it('does not follow a redirect, even to a metadata address', async () => {
    const { subscription } = await create({ name: 'redirect', entities: ['FBI'], webhook_url: receiver.url });
    receiver.fallback = { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } };
    const r = await app.subscriptions.test(subscription.id, LOCAL_CALLER);
    expect(r.result.outcome).toBe('retry');
    expect(r.result.error).toMatch(/302 \(redirects are not followed\)/);
    expect(receiver.received).toHaveLength(1);
  });

  it('test_subscription sends a signed test event now; outbox targets get a JSON line', async () => {
    const { subscription, secret } = await create({ name: 'tester', query: 'anything', webhook_url: receiver.url });
    const t = await client.callTool({ name: 'test_subscription', arguments: { subscription_id: subscription.id } });
    expect(textOf(t)).toMatch(/delivered \(HTTP 200\)/);
    const event = new Webhook(secret!).verify(receiver.received[0]!.body, receiver.received[0]!.headers as Record<string, string>) as Event;
    expect(event.type).toBe('subscription.test');

    const box = await create({ name: 'no receiver', entities: ['FBI'], outbox: 'team-alerts' });
    await client.callTool({ name: 'test_subscription', arguments: { subscription_id: box.subscription.id } });
    const line = JSON.parse(readFileSync(app.subscriptions.outboxPath('team-alerts'), 'utf8').trim()) as { headers: Record<string, string>; payload: unknown };
    new Webhook(box.secret!).verify(JSON.stringify(line.payload), line.headers);
  });

  it('creates nothing twice for a repeated idempotency key', async () => {
    const a = await create({ name: 'once', query: 'ransomware', webhook_url: receiver.url, idempotency_key: 'req-123' });
    const b = await create({ name: 'once', query: 'ransomware', webhook_url: receiver.url, idempotency_key: 'req-123' });
    expect(b.subscription.id).toBe(a.subscription.id);
    expect(b.replayed).toBe(true);
    expect(await app.subscriptions.list(LOCAL_CALLER)).toHaveLength(1);
  });

  it('pauses and resumes; paused subscriptions keep their deliveries waiting', async () => {
    const { subscription } = await create({ name: 'pausable', entities: ['FBI'], webhook_url: receiver.url });
    await client.callTool({ name: 'update_subscription', arguments: { subscription_id: subscription.id, status: 'paused', threshold: 0.6 } });
    await app.subscriptions.store.enqueue(subscription.id, 'story.created', 'x', {});
    await app.subscriptions.worker.runOnce();
    expect(receiver.received).toHaveLength(0);
    await client.callTool({ name: 'update_subscription', arguments: { subscription_id: subscription.id, status: 'active' } });
    await drain();
    expect(receiver.received).toHaveLength(1);
    expect((await app.subscriptions.get(subscription.id, LOCAL_CALLER)).subscription.threshold).toBe(0.6);
  });

  it('keeps secrets sealed at rest and out of the logs and listings', async () => {
    const { secret, subscription } = await create({ name: 'secretive', entities: ['FBI'], webhook_url: receiver.url });
    const db = readFileSync(path.join(app.dir, 'storyline.db'));
    const wal = (() => {
      try {
        return readFileSync(path.join(app.dir, 'storyline.db-wal'));
      } catch {
        return Buffer.alloc(0);
      }
    })();
    expect(db.includes(secret!)).toBe(false);
    expect(wal.includes(secret!)).toBe(false);
    const listed = await client.callTool({ name: 'list_subscriptions', arguments: {} });
    const got = await client.callTool({ name: 'get_subscription', arguments: { subscription_id: subscription.id } });
    expect(JSON.stringify(listed) + JSON.stringify(got)).not.toContain('whsec_');
  });

  it('annotates action tools truthfully and says their arguments come from the user', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('create_subscription')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(byName.get('delete_subscription')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('update_subscription')!.annotations?.readOnlyHint).toBe(false);
    expect(byName.get('list_subscriptions')!.annotations?.readOnlyHint).toBe(true);
    for (const n of ['create_subscription', 'update_subscription', 'delete_subscription']) expect(byName.get(n)!.description).toMatch(/never from retrieved story text/);
    expect(client.getInstructions()).toMatch(/take every argument from the user's own words/);
  });
});
