import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Embedder } from '../embed/embedder.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { requireStory } from '../retrieval/stories.js';
import type { ExposureMatch } from '../exposure/service.js';
import type { Store } from '../store/store.js';
import type { StoryChange, WriteTx } from '../store/types.js';
import { createDeliveryWorker, type AttemptResult, type DeliveryOptions, type DeliveryWorker } from './delivery.js';
import { matchStory, type ExposureOf } from './matching.js';
import type { Caller } from './caller.js';
import { checkResolvedHost, checkWebhookUrl } from './ssrf.js';
import { publicSubscription, Subscriptions, type CreateResult, type Delivery, type DeliveryStatus, type Subscription, type SubscriptionStatus, type Target } from './subscriptions.js';
import type { AttemptOutcome } from './schema.js';
import type { SecretBox } from './secrets.js';

/** What a caller asks to subscribe to; at least one criterion is required. */
export interface CreateSubscriptionInput {
  name: string;
  query?: string;
  threshold?: number;
  entities?: string[];
  follow_story_id?: string;
  /** Only advisories that affect an imported asset (story.created, and story.updated when one changes). */
  affects_assets?: boolean;
  /** With affects_assets: the lowest match confidence that counts (default high). */
  min_confidence?: 'exact' | 'high' | 'low';
  webhook_url?: string;
  outbox?: string;
  idempotency_key?: string;
}

/** Changes to a subscription. */
export interface UpdateSubscriptionInput {
  status?: Extract<SubscriptionStatus, 'active' | 'paused'>;
  threshold?: number;
  webhook_url?: string;
  outbox?: string;
  name?: string;
  /** true: only advisories that affect an imported asset; false: drop that criterion. */
  affects_assets?: boolean;
  /** With affects_assets (given now, or already set): the lowest match confidence that counts. */
  min_confidence?: 'exact' | 'high' | 'low';
}

/** Default minimum similarity for semantic matches with the local embedder. */
export const DEFAULT_THRESHOLD = 0.45;

/** A URL in one spelling (as the WHATWG parser writes it), or the text as given when it does not parse. */
const sameUrl = (u: string) => {
  try {
    return new URL(u.trim()).href;
  } catch {
    return u.trim();
  }
};

/**
 * A hash of what a create call asks for, normalized (defaults applied, entities deduplicated
 * and sorted, the URL in one spelling), kept with its idempotency key: the same key with
 * another hash is a different request, and is refused.
 */
export function createRequestHash(input: CreateSubscriptionInput): string {
  const normalized = [
    input.name.trim(),
    input.query?.trim() || null,
    input.threshold ?? DEFAULT_THRESHOLD,
    [...new Set((input.entities ?? []).map((e) => e.trim()).filter(Boolean))].sort(),
    input.follow_story_id ?? null,
    input.webhook_url === undefined ? null : sameUrl(input.webhook_url),
    input.outbox ?? null,
    // Appended only when set, so hashes kept for keys used before affects_assets existed still match.
    ...(input.affects_assets ? [{ affects_assets: input.min_confidence ?? 'high' }] : []),
  ];
  return createHash('sha256').update(JSON.stringify(normalized)).digest('hex');
}

/**
 * The affects_assets an update asks for: undefined to leave it, null to drop it, or the new
 * setting. min_confidence alone changes an affects_assets subscription's confidence; dropping
 * the last criterion is refused, as creating without one is.
 */
function affectsAssetsPatch(current: Subscription, patch: UpdateSubscriptionInput): Subscription['affects_assets'] | undefined {
  if (patch.affects_assets === false) {
    if (patch.min_confidence) throw new UserError('min_confidence goes with affects_assets; do not give it with affects_assets false');
    if (!current.query && current.entities.length === 0 && !current.follow_story_id) {
      throw new UserError('affects_assets is the only thing this subscription matches; without it, it would match nothing (delete it instead)');
    }
    return null;
  }
  if (!patch.affects_assets && !patch.min_confidence) return undefined;
  if (!patch.affects_assets && !current.affects_assets) throw new UserError('min_confidence goes with affects_assets: give affects_assets true as well');
  return { min_confidence: patch.min_confidence ?? current.affects_assets?.min_confidence ?? 'high' };
}

/**
 * Subscriptions as an action: validation (criteria, SSRF-safe targets), creation with an
 * idempotency key, matching of new stories inside the ingest transaction, and the worker
 * that delivers the resulting events. Every method a caller uses takes the Caller: they see
 * and change their own subscriptions only (an admin, every one); matching and delivery
 * ignore ownership.
 */
export class SubscriptionService {
  /** The rows, for tests and benchmarks that set up deliveries directly; callers use the methods below. */
  readonly store: Subscriptions;
  /** The delivery worker, for the same; callers use startDelivery, deliverDue and retryDelivery. */
  readonly worker: DeliveryWorker;

  constructor(
    private readonly stories: Store,
    private readonly embedder: Embedder,
    box: SecretBox,
    private readonly delivery: DeliveryOptions,
    private readonly log: Logger,
    /** Verdicts for a written story against the imported assets (affects_assets subscriptions), read through the write's transaction. */
    private readonly exposureOf: (change: StoryChange, tx: WriteTx) => Promise<ExposureMatch[]> = () => Promise.resolve([]),
  ) {
    this.store = new Subscriptions(stories.subscriptions, box);
    this.worker = createDeliveryWorker(this.store, delivery, log);
    // Matching runs in the same transaction that records the story: both commit or neither.
    stories.onWrite(async (changes, tx) => {
      const active = await tx.activeSubscriptions();
      const exposureOf: ExposureOf = (c) => this.exposureOf(c, tx);
      for (const change of changes) {
        for (const sub of active) {
          const m = await matchStory(sub, change, exposureOf);
          if (!m) continue;
          await tx.enqueue({
            subscription_id: sub.id,
            event_type: m.event_type,
            story_id: change.story.id,
            data: {
              subscription_id: sub.id,
              story_id: change.story.id,
              title: change.story.title,
              why: m.why,
              passages: m.passages,
              ...(m.new_events.length ? { new_events: m.new_events } : {}),
              ...(m.exposure ? { exposure: m.exposure } : {}),
            },
          });
        }
      }
    });
  }

  private async target(webhook_url: string | undefined, outbox: string | undefined): Promise<Target> {
    if (webhook_url && outbox) throw new UserError('give either webhook_url or outbox, not both');
    if (outbox) return { type: 'outbox', name: outbox };
    if (!webhook_url) throw new UserError('give a delivery target: webhook_url (https) or outbox (a file name under the data directory)');
    // An unsafe URL throws UnsafeTargetError, an input error the caller sees as it is.
    const url = checkWebhookUrl(webhook_url, this.delivery);
    await checkResolvedHost(url.hostname, this.delivery);
    return { type: 'webhook', url: url.href };
  }

  /**
   * Creates a subscription owned by the caller. The signing secret comes back only on the call
   * that created it: a repeat of the caller's idempotency_key with the same arguments returns
   * the subscription with `secret: null`; with other arguments it is an IdempotencyConflictError.
   */
  async create(input: CreateSubscriptionInput, caller: Caller): Promise<CreateResult> {
    const requestHash = createRequestHash(input);
    const key = input.idempotency_key ?? null;
    // A replay answers before any lookup or embedding: nothing new is being asked for.
    const replayed = key ? await this.store.replay(caller.owner, key, requestHash) : null;
    if (replayed) return replayed;
    const entities = [...new Set((input.entities ?? []).map((e) => e.trim()).filter(Boolean))];
    const query = input.query?.trim() || null;
    if (!query && entities.length === 0 && !input.follow_story_id && !input.affects_assets) {
      throw new UserError('say what to match: a query, one or more entities, a follow_story_id or affects_assets (or several)');
    }
    if (input.min_confidence && !input.affects_assets) throw new UserError('min_confidence goes with affects_assets');
    if (input.follow_story_id) await requireStory(this.stories, input.follow_story_id);
    const target = await this.target(input.webhook_url, input.outbox);
    const query_vector = query ? await this.embedder.embedQuery(query) : null;
    const r = await this.store.create({
      owner: caller.owner,
      name: input.name,
      query,
      query_vector,
      threshold: input.threshold ?? DEFAULT_THRESHOLD,
      entities,
      follow_story_id: input.follow_story_id ?? null,
      affects_assets: input.affects_assets ? { min_confidence: input.min_confidence ?? 'high' } : null,
      target,
      idempotency_key: key,
      request_hash: key ? requestHash : null,
    });
    this.log.info(`subscription ${r.subscription.id} ${r.replayed ? 'replayed' : 'created'} (${r.subscription.name})`);
    return r;
  }

  /** The caller's subscriptions (every one for an admin). */
  async list(caller: Caller): Promise<Subscription[]> {
    return (await this.store.listVisible(caller)).map(publicSubscription);
  }

  /** One subscription the caller may see, with its recent deliveries. */
  async get(id: string, caller: Caller, recent = 10): Promise<{ subscription: Subscription; deliveries: Delivery[] }> {
    const s = await this.store.requireVisible(id, caller);
    return { subscription: publicSubscription(s), deliveries: await this.store.deliveries({ subscription_id: s.id, limit: recent }) };
  }

  /** Deliveries of the subscriptions the caller may see, newest first. */
  async deliveries(caller: Caller, opts: { subscription_id?: string; status?: DeliveryStatus; limit: number }): Promise<Delivery[]> {
    if (opts.subscription_id) await this.store.requireVisible(opts.subscription_id, caller);
    return this.store.deliveries({ ...opts, ...(caller.admin ? {} : { owner: caller.owner }) });
  }

  async update(id: string, patch: UpdateSubscriptionInput, caller: Caller): Promise<Subscription> {
    const current = await this.store.requireVisible(id, caller);
    const affects_assets = affectsAssetsPatch(current, patch);
    const target = patch.webhook_url || patch.outbox ? await this.target(patch.webhook_url, patch.outbox) : undefined;
    return this.store.update(id, {
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.threshold !== undefined ? { threshold: patch.threshold } : {}),
      ...(patch.name ? { name: patch.name } : {}),
      ...(target ? { target } : {}),
      ...(affects_assets !== undefined ? { affects_assets } : {}),
    });
  }

  async delete(id: string, caller: Caller): Promise<void> {
    await this.store.requireVisible(id, caller);
    await this.store.delete(id);
    this.log.info(`subscription ${id} deleted`);
  }

  /**
   * Re-embeds every subscription's query with the current embedder; vectors from another
   * embedder are not comparable, so a reindex must refresh them too.
   */
  async reembedQueries(): Promise<number> {
    const withQuery = (await this.store.list()).filter((s) => s.query);
    for (const s of withQuery) await this.store.setQueryVector(s.id, await this.embedder.embedQuery(s.query!));
    return withQuery.length;
  }

  /** Sends a signed `subscription.test` event now and reports how the attempt went. */
  async test(id: string, caller: Caller): Promise<{ delivery_id: string; result: AttemptResult }> {
    const sub = await this.store.requireVisible(id, caller);
    if (sub.status !== 'active') throw new UserError(`subscription ${id} is ${sub.status}; resume it first`);
    const deliveryId = await this.store.enqueue(id, 'subscription.test', null, { subscription_id: id, name: sub.name, message: 'Test event from Storyline' });
    const result = await this.worker.deliverNow(deliveryId);
    if (!result) throw new UserError(`test delivery ${deliveryId} was taken by another worker`);
    return { delivery_id: deliveryId, result };
  }

  /** Starts polling for due deliveries every `pollMs` (serve, deliver --watch). */
  startDelivery(pollMs: number): void {
    this.worker.start(pollMs);
  }

  /** Stops polling and waits for the attempts in flight. */
  stopDelivery(): Promise<void> {
    return this.worker.stop();
  }

  /** Puts a dead delivery back in line and attempts it now; null when another worker took it first. */
  async retryDelivery(id: string): Promise<AttemptResult | null> {
    await this.store.retry(id);
    return this.worker.deliverNow(id);
  }

  /** Attempts every due delivery once (a cron run) and counts the outcomes, with what is still pending. */
  async deliverDue(): Promise<Record<AttemptOutcome, number> & { still_pending: number }> {
    const totals = { delivered: 0, retry: 0, dead: 0, disabled: 0 };
    for (;;) {
      const batch = await this.worker.runOnce();
      if (batch.length === 0) break;
      for (const r of batch) totals[r.outcome]++;
    }
    return { ...totals, still_pending: await this.store.outstanding() };
  }

  /** Where outbox files live, for messages. */
  outboxPath(name: string): string {
    return path.join(this.delivery.outboxDir, `${name}.jsonl`);
  }
}
