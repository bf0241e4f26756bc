import { NotFoundError, UserError } from '../errors.js';
import { newId, type Delivery, type DeliveryQuery, type SubscriptionRecord, type SubscriptionRepo } from '../store/subscriptions.js';
import type { Caller } from './caller.js';
import type { Subscription, SubscriptionStatus, Target } from './schema.js';
import { newSigningSecret, type SecretBox } from './secrets.js';

export type { DeliveryStatus, Subscription, SubscriptionStatus, Target } from './schema.js';
export type { Delivery } from '../store/subscriptions.js';

/** A subscription with what matching needs that is never shown (its query vector). */
export type MatchableSubscription = SubscriptionRecord;

/** Fields to create a subscription with; validated by the caller. */
export interface NewSubscription {
  owner: string;
  name: string;
  query: string | null;
  query_vector: number[] | null;
  threshold: number;
  entities: string[];
  follow_story_id: string | null;
  affects_assets?: Subscription['affects_assets'];
  target: Target;
  /** Unique per owner: a repeat returns the first result, without its secret. */
  idempotency_key: string | null;
  /** A hash of the normalized arguments, so a repeated key with other arguments is refused. */
  request_hash: string | null;
}

/** What creating a subscription gave: the secret only on the call that created it. */
export interface CreateResult {
  subscription: Subscription;
  /** The signing secret; null on a replay (it was shown to the first call only). */
  secret: string | null;
  replayed: boolean;
}

/** The same idempotency key again with different arguments (HTTP would answer 409 Conflict). */
export class IdempotencyConflictError extends UserError {
  constructor(key: string) {
    super(
      `idempotency_key "${key.length > 80 ? `${key.slice(0, 80)}…` : key}" was already used with different arguments (409 Conflict); ` +
        'nothing was created or changed. Repeat the first call exactly, or use a new key for a new request',
    );
  }
}

/** The one answer for an id a caller cannot use, whether it is unknown or someone else's. */
const notFound = (id: string) => new NotFoundError('subscription', id, 'list_subscriptions shows the existing ids');

/** Strips what is never shown (the query vector). */
export function publicSubscription(s: MatchableSubscription): Subscription {
  const { id, owner, name, query, threshold, entities, follow_story_id, affects_assets, target, status, disabled_reason, created_at, updated_at } = s;
  return { id, owner, name, query, threshold, entities, follow_story_id, affects_assets, target, status, disabled_reason, created_at, updated_at };
}

/**
 * Subscriptions and their delivery outbox as the actions see them: ownership, idempotent
 * creation, not-found errors and sealed secrets, over the store's SubscriptionRepo (which
 * holds the rows, in whichever engine runs).
 */
export class Subscriptions {
  constructor(
    readonly repo: SubscriptionRepo,
    private readonly box: SecretBox,
  ) {}

  /**
   * The earlier result for an owner's idempotency key: a replay (no secret) when the arguments
   * hash the same, an IdempotencyConflictError when they differ, null when the key is new.
   */
  async replay(owner: string, key: string, requestHash: string | null): Promise<CreateResult | null> {
    const prior = await this.repo.byIdempotencyKey(owner, key);
    if (!prior) return null;
    // Rows from before request hashes were kept have none; replaying them changes nothing and shows no secret.
    if (prior.request_hash !== null && prior.request_hash !== requestHash) throw new IdempotencyConflictError(key);
    return { subscription: publicSubscription(await this.require(prior.id)), secret: null, replayed: true };
  }

  /** Creates a subscription and returns it with its new secret, or replays an earlier call with the same owner and key. */
  async create(input: NewSubscription): Promise<CreateResult> {
    const key = input.idempotency_key;
    const prior = key ? await this.replay(input.owner, key, input.request_hash) : null;
    if (prior) return prior;
    const secret = newSigningSecret();
    const id = newId('sub');
    const inserted = await this.repo.insert({
      id,
      owner: input.owner,
      name: input.name,
      query: input.query,
      query_vector: input.query_vector,
      threshold: input.threshold,
      entities: input.entities,
      follow_story_id: input.follow_story_id,
      affects_assets: input.affects_assets ?? null,
      target: input.target,
      sealed_secret: this.box.seal(secret),
      idempotency_key: key,
      request_hash: key ? input.request_hash : null,
      created_at: new Date().toISOString(),
    });
    // Another call with the same key won the race: answer as its replay.
    if (!inserted && key) {
      const again = await this.replay(input.owner, key, input.request_hash);
      if (again) return again;
    }
    if (!inserted) throw new Error(`internal: subscription ${id} was not written`);
    return { subscription: publicSubscription(await this.require(id)), secret, replayed: false };
  }

  /** Any subscription by id, whoever owns it: for delivery and matching, never for callers. */
  get(id: string): Promise<MatchableSubscription | null> {
    return this.repo.get(id);
  }

  /** Like get, but an unknown id is a NotFoundError. */
  async require(id: string): Promise<MatchableSubscription> {
    const s = await this.repo.get(id);
    if (!s) throw notFound(id);
    return s;
  }

  /**
   * A subscription the caller may see: their own, or any for an admin. Another owner's id
   * fails exactly like an unknown one, so ids of others' subscriptions do not leak.
   */
  async requireVisible(id: string, caller: Caller): Promise<MatchableSubscription> {
    const s = await this.repo.get(id);
    if (!s || !(caller.admin || s.owner === caller.owner)) throw notFound(id);
    return s;
  }

  /** Every subscription, whoever owns it. */
  list(): Promise<MatchableSubscription[]> {
    return this.repo.list();
  }

  /** The subscriptions a caller may see: their own, or all for an admin. */
  listVisible(caller: Caller): Promise<MatchableSubscription[]> {
    return this.repo.list(caller.admin ? {} : { owner: caller.owner });
  }

  /** The signing secret, for the delivery worker only. */
  async secretOf(id: string): Promise<string> {
    const sealed = await this.repo.sealedSecret(id);
    if (sealed === null) throw new NotFoundError('subscription', id, 'it may have been deleted');
    return this.box.open(sealed);
  }

  async update(
    id: string,
    patch: { status?: SubscriptionStatus; threshold?: number; target?: Target; name?: string; disabled_reason?: string | null; affects_assets?: Subscription['affects_assets'] },
  ): Promise<Subscription> {
    const s = await this.require(id);
    const next = { ...s, ...patch };
    await this.repo.update(
      id,
      {
        name: next.name,
        threshold: next.threshold,
        target: next.target,
        affects_assets: next.affects_assets,
        status: next.status,
        disabled_reason: next.status === 'disabled' ? (patch.disabled_reason ?? s.disabled_reason) : null,
      },
      new Date().toISOString(),
    );
    return publicSubscription(await this.require(id));
  }

  /** Replaces a subscription's query vector (after the embedder changed). */
  setQueryVector(id: string, vector: number[]): Promise<void> {
    return this.repo.setQueryVector(id, vector);
  }

  async delete(id: string): Promise<void> {
    await this.require(id);
    await this.repo.delete(id);
  }

  /** Queues an event for a subscription now (test events, benchmarks); story matches are queued inside the write. */
  enqueue(subscriptionId: string, eventType: string, storyId: string | null, data: unknown): Promise<string> {
    return this.repo.enqueue({ subscription_id: subscriptionId, event_type: eventType, story_id: storyId, data });
  }

  /**
   * Claims up to `limit` due deliveries for `leaseMs`: pending ones whose time has come, and
   * ones a crashed worker left mid-delivery once their lease ran out (at-least-once). A claim
   * is not an attempt: `claims` counts it, and only a finished attempt counts in `attempts`,
   * so a crash never spends an attempt. The returned `claims` fences the finishing write.
   */
  claim(limit: number, leaseMs: number, now = Date.now()): Promise<Delivery[]> {
    return this.repo.claim(limit, leaseMs, now);
  }

  /** Claims one pending delivery now, whatever its schedule (test events, manual retries). */
  claimOne(id: string, leaseMs: number): Promise<Delivery | null> {
    return this.repo.claimOne(id, leaseMs, Date.now());
  }

  /**
   * Records a delivered attempt. Like markFailed it only applies to the claim `d` still holds
   * (same claims count, still delivering): a worker whose lease ran out and was re-claimed
   * must not count a second attempt. Resolves to false when the claim was lost.
   */
  markDelivered(d: Pick<Delivery, 'id' | 'claims'>, status: number): Promise<boolean> {
    return this.repo.markDelivered(d, status, new Date().toISOString());
  }

  /** Records a failed attempt: pending again at `retryAt`, or dead when it is null. Resolves to false when the claim was lost. */
  markFailed(d: Pick<Delivery, 'id' | 'claims'>, r: { status: number | null; error: string; retryAt: number | null }): Promise<boolean> {
    return this.repo.markFailed(d, r);
  }

  /** Dead-letters a claimed delivery without an attempt (a crash loop); attempts stay as they were. */
  markAbandoned(d: Pick<Delivery, 'id' | 'claims'>, error: string): Promise<boolean> {
    return this.repo.markAbandoned(d, error);
  }

  /**
   * Puts a dead (or pending) delivery back in line for an attempt now. A dead one starts a
   * fresh series (attempts and claims from zero), so its counter never passes the limit.
   */
  async retry(id: string): Promise<Delivery> {
    if (!(await this.repo.getDelivery(id))) throw new NotFoundError('delivery', id, '`storyline deliveries` lists them');
    await this.repo.retry(id, Date.now());
    return (await this.repo.getDelivery(id))!;
  }

  getDelivery(id: string): Promise<Delivery | null> {
    return this.repo.getDelivery(id);
  }

  /** Deliveries newest first; `owner` keeps only those of that owner's subscriptions. */
  deliveries(q: DeliveryQuery): Promise<Delivery[]> {
    return this.repo.deliveries(q);
  }

  /** Deliveries still owed: pending or in flight. */
  outstanding(): Promise<number> {
    return this.repo.outstanding();
  }
}
