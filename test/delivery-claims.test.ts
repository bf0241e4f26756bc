import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { createDeliveryWorker } from '../src/actions/delivery.js';
import { dataDirLayout } from '../src/data-dir.js';
import { hashEmbedder, openTestApp } from './helpers.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const MAX = 3;

/**
 * A crashed worker is simulated deterministically: it claims with a lease of 0 ms (already
 * expired for the next claimer) and never finishes, exactly what `kill -9` leaves behind.
 */
describe('claims are not attempts: crash-recovered deliveries never pass the attempt limit', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let receiver: Receiver;
  let subId: string;
  beforeAll(async () => {
    app = await openTestApp({
      embedder: hashEmbedder(),
      ingest: false,
      env: { STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true', STORYLINE_WEBHOOK_MAX_ATTEMPTS: String(MAX), STORYLINE_WEBHOOK_BACKOFF_BASE_MS: '50', STORYLINE_WEBHOOK_BACKOFF_MAX_MS: '100' },
    });
    receiver = await startReceiver();
    subId = (await app.subscriptions.create({ name: 'claims', entities: ['FBI'], webhook_url: receiver.url }, LOCAL_CALLER)).subscription.id;
  });
  afterAll(async () => {
    await receiver.close();
    app.cleanup();
  });
  afterEach(() => {
    receiver.received.length = 0;
    receiver.fallback = 200;
  });

  const store = () => app.subscriptions.store;
  const crash = () => store().claim(10, 0);

  it('a crash after attempts ran out of room still ends dead at exactly the limit', async () => {
    receiver.fallback = 500;
    const id = await store().enqueue(subId, 'story.created', 'x', {});
    expect((await app.subscriptions.worker.deliverNow(id))?.outcome).toBe('retry');
    expect((await app.subscriptions.worker.deliverNow(id))?.outcome).toBe('retry');
    await store().retry(id);
    const [crashed] = await crash();
    expect(crashed).toMatchObject({ id, attempts: MAX - 1, claims: MAX });

    // The next worker takes over the expired claim; its failure is the last attempt.
    const [r] = await app.subscriptions.worker.runOnce();
    expect(r).toMatchObject({ id, outcome: 'dead' });
    const d = (await store().getDelivery(id))!;
    expect(d).toMatchObject({ status: 'dead', attempts: MAX, claims: MAX + 1 });
    expect(d.last_error).toMatch(new RegExp(`receiver answered 500; dead after ${MAX} attempts`));
    expect(receiver.received).toHaveLength(MAX);
  });

  it('a crashed claim costs no attempt, and is re-sent (at least once)', async () => {
    const id = await store().enqueue(subId, 'story.created', 'y', {});
    await crash();
    const [r] = await app.subscriptions.worker.runOnce();
    expect(r).toMatchObject({ id, outcome: 'delivered' });
    expect(await store().getDelivery(id)).toMatchObject({ status: 'delivered', attempts: 1, claims: 2 });
  });

  it('a worker that finishes after its claim was taken over does not count an attempt', async () => {
    const id = await store().enqueue(subId, 'story.created', 'z', {});
    const [stale] = await crash();
    await app.subscriptions.worker.runOnce();
    expect(await store().markFailed(stale!, { status: 500, error: 'late', retryAt: Date.now() })).toBe(false);
    expect(await store().markDelivered(stale!, 200)).toBe(false);
    expect(await store().getDelivery(id)).toMatchObject({ status: 'delivered', attempts: 1, last_error: null });
  });

  it('a delivery already at the limit (a lowered limit, or counted under the old rule) is dead-lettered without another attempt', async () => {
    receiver.fallback = 500;
    const id = await store().enqueue(subId, 'story.created', 'legacy', {});
    expect((await app.subscriptions.worker.deliverNow(id))?.outcome).toBe('retry');
    expect((await app.subscriptions.worker.deliverNow((await store().retry(id)).id))?.outcome).toBe('retry');
    expect(receiver.received).toHaveLength(MAX - 1);
    // The operator lowers the limit to the attempts already made.
    const lowered = createDeliveryWorker(store(), { ...app.config.webhooks, outboxDir: dataDirLayout(app.config.dataDir).outbox, maxAttempts: MAX - 1 }, app.log);
    await store().retry(id);
    const [r] = await lowered.runOnce();
    expect(r).toMatchObject({ id, outcome: 'dead' });
    expect(await store().getDelivery(id)).toMatchObject({ status: 'dead', attempts: MAX - 1, last_error: `dead: ${MAX - 1} attempts already made, the limit is ${MAX - 1}` });
    expect(receiver.received).toHaveLength(MAX - 1);
  });

  it('a delivery that keeps killing its worker is dead-lettered after the limit of unfinished claims, with a clear error', async () => {
    const id = await store().enqueue(subId, 'story.created', 'loop', {});
    for (let i = 0; i < MAX; i++) await crash();
    const [r] = await app.subscriptions.worker.runOnce();
    expect(r).toMatchObject({ id, outcome: 'dead' });
    const d = (await store().getDelivery(id))!;
    expect(d).toMatchObject({ status: 'dead', attempts: 0, claims: MAX + 1 });
    expect(d.last_error).toMatch(new RegExp(`dead after ${MAX} unfinished deliveries: the worker stopped \\(crashed or was killed\\) mid-delivery`));
    expect(receiver.received).toHaveLength(0);
    // Nothing claims it again on its own.
    expect(await app.subscriptions.worker.runOnce()).toEqual([]);

    // A manual retry starts a fresh series.
    await store().retry(id);
    expect((await app.subscriptions.worker.deliverNow(id))?.outcome).toBe('delivered');
    expect(await store().getDelivery(id)).toMatchObject({ status: 'delivered', attempts: 1, claims: 1 });
  });
});
