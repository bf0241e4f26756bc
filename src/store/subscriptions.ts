import { randomBytes } from 'node:crypto';

// The store's own row shapes for subscriptions and deliveries. actions/schema.ts holds the
// zod schemas tools show; these are what every engine reads and writes, and the two agree
// structurally (actions/ checks it at compile time by assigning one to the other).

/** Where a subscription's events go. */
export type TargetRecord = { type: 'webhook'; url: string } | { type: 'outbox'; name: string };

export type SubscriptionStatusRecord = 'active' | 'paused' | 'disabled';

export type DeliveryStatusRecord = 'pending' | 'delivering' | 'delivered' | 'dead';

/** affects_assets: only advisories that affect an imported asset, at this confidence or better. */
export interface AffectsAssetsRecord {
  min_confidence: 'exact' | 'high' | 'low';
}

/** A subscription as stored (the secret stays sealed), with its query vector. */
export interface SubscriptionRecord {
  id: string;
  owner: string;
  name: string;
  query: string | null;
  query_vector: number[] | null;
  threshold: number;
  entities: string[];
  follow_story_id: string | null;
  affects_assets: AffectsAssetsRecord | null;
  target: TargetRecord;
  status: SubscriptionStatusRecord;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A subscriptions row as both engines' SQL returns it: JSON in text columns, the query vector
 * in the engine's own encoding (`V`).
 */
export interface SubscriptionRow<V> extends Omit<SubscriptionRecord, 'query_vector' | 'entities' | 'affects_assets' | 'target'> {
  query_vector: V | null;
  entities: string;
  affects_assets: string | null;
  target: string;
}

/** The columns a SubscriptionRow holds, in its order. */
export const SUBSCRIPTION_COLUMNS = 'id, owner, name, query, query_vector, threshold, entities, follow_story_id, affects_assets, target, status, disabled_reason, created_at, updated_at';

/** The record for a row, decoding the query vector with the engine's `decode`. */
export function subscriptionRecord<V>(r: SubscriptionRow<V>, decode: (v: V) => number[]): SubscriptionRecord {
  return {
    ...r,
    query_vector: r.query_vector === null ? null : decode(r.query_vector),
    entities: JSON.parse(r.entities) as string[],
    affects_assets: r.affects_assets ? (JSON.parse(r.affects_assets) as AffectsAssetsRecord) : null,
    target: JSON.parse(r.target) as TargetRecord,
  };
}

/** One event for one subscription: its id is the stable `webhook-id`. */
export interface Delivery {
  id: string;
  subscription_id: string;
  event_type: string;
  story_id: string | null;
  payload: string;
  status: DeliveryStatusRecord;
  /** Finished attempts (a response, a network error or a timeout); never more than the limit. */
  attempts: number;
  /** Times a worker claimed it; claims that never finished (a crashed worker) are claims - attempts. */
  claims: number;
  /** Epoch milliseconds. */
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** A subscription row to insert (new rows are active); the secret is already sealed. */
export interface NewSubscriptionRow extends Omit<SubscriptionRecord, 'status' | 'disabled_reason' | 'updated_at'> {
  sealed_secret: string;
  idempotency_key: string | null;
  request_hash: string | null;
}

/** The fields of a subscription that can change (all of them are written). */
export interface SubscriptionPatch {
  name: string;
  threshold: number;
  target: TargetRecord;
  affects_assets: AffectsAssetsRecord | null;
  status: SubscriptionStatusRecord;
  disabled_reason: string | null;
}

/** An event to queue for a subscription. */
export interface NewDelivery {
  subscription_id: string;
  event_type: string;
  story_id: string | null;
  /** The event's data; the payload sent is `{type, timestamp, data}`. */
  data: unknown;
}

/** The outcome of a finished attempt. */
export interface AttemptRecord {
  status: number | null;
  error: string;
  /** Pending again at this time (epoch ms), or dead when null. */
  retryAt: number | null;
}

/** Which deliveries to list, newest first. */
export interface DeliveryQuery {
  subscription_id?: string;
  status?: DeliveryStatusRecord;
  /** Only deliveries of this owner's subscriptions. */
  owner?: string;
  limit: number;
}

/**
 * Subscriptions and their durable delivery outbox, as every engine stores them. Claims are
 * leases: a claimed delivery is `delivering` until its lease runs out, then claimable again
 * (a worker that died mid-delivery), and the `claims` count a claim returns fences the
 * finishing write (see markDelivered). An engine with row locks claims with
 * `FOR UPDATE SKIP LOCKED`; SQLite's single writer serializes claims by itself.
 */
export interface SubscriptionRepo {
  /** Inserts a subscription; false (nothing written) when the owner already used its idempotency key. */
  insert(row: NewSubscriptionRow): Promise<boolean>;
  /** The subscription an owner created with an idempotency key, with the request hash kept beside it. */
  byIdempotencyKey(owner: string, key: string): Promise<{ id: string; request_hash: string | null } | null>;
  get(id: string): Promise<SubscriptionRecord | null>;
  /** Subscriptions oldest first, optionally one owner's or those of one status. */
  list(opts?: { owner?: string; status?: SubscriptionStatusRecord }): Promise<SubscriptionRecord[]>;
  /** The sealed signing secret, or null for an unknown id. */
  sealedSecret(id: string): Promise<string | null>;
  update(id: string, patch: SubscriptionPatch, updatedAt: string): Promise<void>;
  setQueryVector(id: string, vector: readonly number[]): Promise<void>;
  /** Deletes a subscription and its deliveries. */
  delete(id: string): Promise<void>;
  /** Queues an event now; returns the delivery id (the `webhook-id`). */
  enqueue(d: NewDelivery): Promise<string>;
  /**
   * Calls `cb` soon after deliveries are queued, so a worker need not wait for its next poll;
   * returns the function that stops it. PostgreSQL hears every process's commits (LISTEN/NOTIFY);
   * SQLite hears this process only. A hint, never a guarantee: workers still poll.
   */
  onEnqueued(cb: () => void): () => void;
  /**
   * Claims up to `limit` due deliveries of active subscriptions for `leaseMs`: pending ones
   * whose time has come, and delivering ones whose lease ran out. Each claim adds one to `claims`.
   */
  claim(limit: number, leaseMs: number, now: number): Promise<Delivery[]>;
  /** Claims one pending delivery now, whatever its schedule (test events, manual retries). */
  claimOne(id: string, leaseMs: number, now: number): Promise<Delivery | null>;
  /** Records a delivered attempt; false when the claim `d` held was lost (re-claimed, or finished by another worker). */
  markDelivered(d: Pick<Delivery, 'id' | 'claims'>, status: number, at: string): Promise<boolean>;
  /** Records a failed attempt: pending again at `retryAt`, or dead; false when the claim was lost. */
  markFailed(d: Pick<Delivery, 'id' | 'claims'>, r: AttemptRecord): Promise<boolean>;
  /** Dead-letters a claimed delivery without an attempt (a crash loop); false when the claim was lost. */
  markAbandoned(d: Pick<Delivery, 'id' | 'claims'>, error: string): Promise<boolean>;
  /** Puts a dead or pending delivery back in line at `now`; a dead one starts a fresh series (attempts and claims 0). */
  retry(id: string, now: number): Promise<void>;
  getDelivery(id: string): Promise<Delivery | null>;
  deliveries(q: DeliveryQuery): Promise<Delivery[]>;
  /** Deliveries still owed (pending or in flight) for active subscriptions. */
  outstanding(): Promise<number>;
}

/** A new id with a prefix ("sub_", "msg_"). */
export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

/** The stored form of a new delivery: a new id and its payload as it will be sent. */
export function deliveryPayload(d: NewDelivery, now: Date): { id: string; payload: string } {
  return { id: newId('msg'), payload: JSON.stringify({ type: d.event_type, timestamp: now.toISOString(), data: d.data }) };
}
