import path from 'node:path';
import type { Embedder } from '../embed/embedder.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { requireStory } from '../retrieval/stories.js';
import type { Store } from '../store/store.js';
import { createDeliveryWorker, type AttemptResult, type DeliveryOptions, type DeliveryWorker } from './delivery.js';
import { matchStory } from './matching.js';
import { checkResolvedHost, checkWebhookUrl, UnsafeTargetError } from './ssrf.js';
import { publicSubscription, SubscriptionStore, type Delivery, type Subscription, type SubscriptionStatus, type Target } from './subscriptions.js';
import type { SecretBox } from './secrets.js';

/** What a caller asks to subscribe to; at least one criterion is required. */
export interface CreateSubscriptionInput {
  name: string;
  query?: string;
  threshold?: number;
  entities?: string[];
  follow_story_id?: string;
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
}

/** Default minimum similarity for semantic matches with the local embedder. */
export const DEFAULT_THRESHOLD = 0.45;

/**
 * Subscriptions as an action: validation (criteria, SSRF-safe targets), creation with an
 * idempotency key, matching of new stories inside the ingest transaction, and the worker
 * that delivers the resulting events.
 */
export class SubscriptionService {
  readonly store: SubscriptionStore;
  readonly worker: DeliveryWorker;

  constructor(
    private readonly stories: Store,
    private readonly embedder: Embedder,
    box: SecretBox,
    private readonly delivery: DeliveryOptions,
    private readonly log: Logger,
  ) {
    this.store = new SubscriptionStore(stories.db.db, box);
    this.worker = createDeliveryWorker(this.store, delivery, log);
    // Matching runs in the same transaction that records the story: both commit or neither.
    stories.onWrite((changes) => {
      const active = this.store.active();
      for (const change of changes) {
        for (const sub of active) {
          const m = matchStory(sub, change);
          if (!m) continue;
          this.store.enqueue(sub.id, m.event_type, change.story.id, {
            subscription_id: sub.id,
            story_id: change.story.id,
            title: change.story.title,
            why: m.why,
            passages: m.passages,
            ...(m.new_events.length ? { new_events: m.new_events } : {}),
          });
        }
      }
    });
  }

  private async target(webhook_url: string | undefined, outbox: string | undefined): Promise<Target> {
    if (webhook_url && outbox) throw new UserError('give either webhook_url or outbox, not both');
    if (outbox) return { type: 'outbox', name: outbox };
    if (!webhook_url) throw new UserError('give a delivery target: webhook_url (https) or outbox (a file name under the data directory)');
    try {
      const url = checkWebhookUrl(webhook_url, this.delivery);
      await checkResolvedHost(url.hostname, this.delivery);
      return { type: 'webhook', url: url.href };
    } catch (err) {
      if (err instanceof UnsafeTargetError) throw new UserError(err.message);
      throw err;
    }
  }

  async create(input: CreateSubscriptionInput): Promise<{ subscription: Subscription; secret: string; replayed: boolean }> {
    const entities = [...new Set((input.entities ?? []).map((e) => e.trim()).filter(Boolean))];
    const query = input.query?.trim() || null;
    if (!query && entities.length === 0 && !input.follow_story_id) {
      throw new UserError('say what to match: a query, one or more entities, or a follow_story_id (or several)');
    }
    if (input.follow_story_id) requireStory(this.stories, input.follow_story_id);
    const target = await this.target(input.webhook_url, input.outbox);
    const query_vector = query ? await this.embedder.embedQuery(query) : null;
    const r = this.store.create({
      name: input.name,
      query,
      query_vector,
      threshold: input.threshold ?? DEFAULT_THRESHOLD,
      entities,
      follow_story_id: input.follow_story_id ?? null,
      target,
      idempotency_key: input.idempotency_key ?? null,
    });
    this.log.info(`subscription ${r.subscription.id} ${r.replayed ? 'replayed' : 'created'} (${r.subscription.name})`);
    return r;
  }

  list(): Subscription[] {
    return this.store.list().map(publicSubscription);
  }

  get(id: string, recent = 10): { subscription: Subscription; deliveries: Delivery[] } {
    return { subscription: publicSubscription(this.store.require(id)), deliveries: this.store.deliveries({ subscription_id: id, limit: recent }) };
  }

  async update(id: string, patch: UpdateSubscriptionInput): Promise<Subscription> {
    this.store.require(id);
    const target = patch.webhook_url || patch.outbox ? await this.target(patch.webhook_url, patch.outbox) : undefined;
    return this.store.update(id, {
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.threshold !== undefined ? { threshold: patch.threshold } : {}),
      ...(patch.name ? { name: patch.name } : {}),
      ...(target ? { target } : {}),
    });
  }

  delete(id: string): void {
    this.store.delete(id);
    this.log.info(`subscription ${id} deleted`);
  }

  /**
   * Re-embeds every subscription's query with the current embedder; vectors from another
   * embedder are not comparable, so a reindex must refresh them too.
   */
  async reembedQueries(): Promise<number> {
    const withQuery = this.store.list().filter((s) => s.query);
    for (const s of withQuery) this.store.setQueryVector(s.id, await this.embedder.embedQuery(s.query!));
    return withQuery.length;
  }

  /** Sends a signed `subscription.test` event now and reports how the attempt went. */
  async test(id: string): Promise<{ delivery_id: string; result: AttemptResult }> {
    const sub = this.store.require(id);
    if (sub.status !== 'active') throw new UserError(`subscription ${id} is ${sub.status}; resume it first`);
    const deliveryId = this.store.enqueue(id, 'subscription.test', null, { subscription_id: id, name: sub.name, message: 'Test event from Storyline' });
    const result = await this.worker.deliverNow(deliveryId);
    if (!result) throw new UserError(`test delivery ${deliveryId} was taken by another worker`);
    return { delivery_id: deliveryId, result };
  }

  /** Where outbox files live, for messages. */
  outboxPath(name: string): string {
    return path.join(this.delivery.outboxDir, `${name}.jsonl`);
  }
}
