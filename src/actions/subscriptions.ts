import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { NotFoundError } from '../errors.js';
import { blobToVector, vectorToBlob } from '../store/db.js';
import { newSigningSecret, type SecretBox } from './secrets.js';

/** Where a subscription's events go. */
export type Target = { type: 'webhook'; url: string } | { type: 'outbox'; name: string };

export type SubscriptionStatus = 'active' | 'paused' | 'disabled';

/** A subscription as stored (the secret stays sealed). */
export interface Subscription {
  id: string;
  name: string;
  query: string | null;
  /** Minimum cosine similarity between the query and a passage for a semantic match. */
  threshold: number;
  entities: string[];
  follow_story_id: string | null;
  target: Target;
  status: SubscriptionStatus;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A subscription with what matching needs that is never shown. */
export interface MatchableSubscription extends Subscription {
  query_vector: number[] | null;
}

export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'dead';

/** One event for one subscription: its id is the stable `webhook-id`. */
export interface Delivery {
  id: string;
  subscription_id: string;
  event_type: string;
  story_id: string | null;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** Fields to create a subscription with; validated by the caller. */
export interface NewSubscription {
  name: string;
  query: string | null;
  query_vector: number[] | null;
  threshold: number;
  entities: string[];
  follow_story_id: string | null;
  target: Target;
  idempotency_key: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subscriptions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  query TEXT,
  query_vector BLOB,
  threshold REAL NOT NULL,
  entities TEXT NOT NULL,
  follow_story_id TEXT,
  target TEXT NOT NULL,
  secret TEXT NOT NULL,
  status TEXT NOT NULL,
  disabled_reason TEXT,
  idempotency_key TEXT UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY,
  subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  event_type TEXT NOT NULL,
  story_id TEXT,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  locked_until INTEGER,
  last_status INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(status, next_attempt_at);
CREATE INDEX IF NOT EXISTS deliveries_sub ON deliveries(subscription_id, created_at);
`;

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

interface SubRow {
  id: string;
  name: string;
  query: string | null;
  query_vector: Buffer | null;
  threshold: number;
  entities: string;
  follow_story_id: string | null;
  target: string;
  status: SubscriptionStatus;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

function toSubscription(r: SubRow): MatchableSubscription {
  return {
    id: r.id,
    name: r.name,
    query: r.query,
    threshold: r.threshold,
    entities: JSON.parse(r.entities) as string[],
    follow_story_id: r.follow_story_id,
    target: JSON.parse(r.target) as Target,
    status: r.status,
    disabled_reason: r.disabled_reason,
    created_at: r.created_at,
    updated_at: r.updated_at,
    query_vector: r.query_vector ? blobToVector(r.query_vector) : null,
  };
}

/** Strips what is never shown (the query vector). */
export function publicSubscription(s: MatchableSubscription): Subscription {
  const { id, name, query, threshold, entities, follow_story_id, target, status, disabled_reason, created_at, updated_at } = s;
  return { id, name, query, threshold, entities, follow_story_id, target, status, disabled_reason, created_at, updated_at };
}

/**
 * Subscriptions and their durable delivery outbox, in the store's SQLite database (WAL).
 * Signing secrets are sealed with the SecretBox before they are written.
 */
export class SubscriptionStore {
  constructor(
    readonly db: Database.Database,
    private readonly box: SecretBox,
  ) {
    db.exec(SCHEMA);
  }

  /** Creates a subscription; returns it with its secret, or the earlier one for a repeated idempotency key. */
  create(input: NewSubscription): { subscription: Subscription; secret: string; replayed: boolean } {
    if (input.idempotency_key) {
      const prior = this.db.prepare('SELECT id, secret FROM subscriptions WHERE idempotency_key = ?').get(input.idempotency_key) as { id: string; secret: string } | undefined;
      if (prior) return { subscription: publicSubscription(this.require(prior.id)), secret: this.box.open(prior.secret), replayed: true };
    }
    const secret = newSigningSecret();
    const id = newId('sub');
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO subscriptions (id, name, query, query_vector, threshold, entities, follow_story_id, target, secret, status, idempotency_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
      )
      .run(
        id, input.name, input.query, input.query_vector ? vectorToBlob(input.query_vector) : null,
        input.threshold, JSON.stringify(input.entities), input.follow_story_id, JSON.stringify(input.target),
        this.box.seal(secret), input.idempotency_key, now, now,
      );
    return { subscription: publicSubscription(this.require(id)), secret, replayed: false };
  }

  get(id: string): MatchableSubscription | null {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubRow | undefined;
    return row ? toSubscription(row) : null;
  }

  require(id: string): MatchableSubscription {
    const s = this.get(id);
    if (!s) throw new NotFoundError('subscription', id, 'list_subscriptions shows the existing ids');
    return s;
  }

  list(): MatchableSubscription[] {
    return (this.db.prepare('SELECT * FROM subscriptions ORDER BY created_at, id').all() as SubRow[]).map(toSubscription);
  }

  active(): MatchableSubscription[] {
    return (this.db.prepare("SELECT * FROM subscriptions WHERE status = 'active'").all() as SubRow[]).map(toSubscription);
  }

  /** The signing secret, for the delivery worker only. */
  secretOf(id: string): string {
    const row = this.db.prepare('SELECT secret FROM subscriptions WHERE id = ?').get(id) as { secret: string } | undefined;
    if (!row) throw new NotFoundError('subscription', id, 'it may have been deleted');
    return this.box.open(row.secret);
  }

  update(id: string, patch: { status?: SubscriptionStatus; threshold?: number; target?: Target; name?: string; disabled_reason?: string | null }): Subscription {
    const s = this.require(id);
    const next = { ...s, ...patch };
    this.db
      .prepare('UPDATE subscriptions SET name = ?, threshold = ?, target = ?, status = ?, disabled_reason = ?, updated_at = ? WHERE id = ?')
      .run(next.name, next.threshold, JSON.stringify(next.target), next.status, next.status === 'disabled' ? (patch.disabled_reason ?? s.disabled_reason) : null, new Date().toISOString(), id);
    return publicSubscription(this.require(id));
  }

  /** Replaces a subscription's query vector (after the embedder changed). */
  setQueryVector(id: string, vector: number[]): void {
    this.db.prepare('UPDATE subscriptions SET query_vector = ? WHERE id = ?').run(vectorToBlob(vector), id);
  }

  delete(id: string): void {
    this.require(id);
    this.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id);
  }

  /** Queues an event for a subscription; call inside the transaction that caused it. */
  enqueue(subscriptionId: string, eventType: string, storyId: string | null, data: unknown): string {
    const id = newId('msg');
    const now = new Date();
    const payload = JSON.stringify({ type: eventType, timestamp: now.toISOString(), data });
    this.db
      .prepare(
        `INSERT INTO deliveries (id, subscription_id, event_type, story_id, payload, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(id, subscriptionId, eventType, storyId, payload, now.getTime(), now.toISOString());
    return id;
  }

  /**
   * Claims up to `limit` due deliveries for `leaseMs`: pending ones whose time has come, and
   * ones a crashed worker left mid-delivery once their lease ran out (at-least-once).
   */
  claim(limit: number, leaseMs: number, now = Date.now()): Delivery[] {
    return this.db.transaction(() => {
      const ids = (
        this.db
          .prepare(
            `SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
             WHERE s.status = 'active' AND ((d.status = 'pending' AND d.next_attempt_at <= ?) OR (d.status = 'delivering' AND d.locked_until <= ?))
             ORDER BY d.next_attempt_at LIMIT ?`,
          )
          .all(now, now, limit) as { id: string }[]
      ).map((r) => r.id);
      const claim = this.db.prepare("UPDATE deliveries SET status = 'delivering', locked_until = ?, attempts = attempts + 1 WHERE id = ? RETURNING *");
      return ids.map((id) => claim.get(now + leaseMs, id) as Delivery);
    })();
  }

  /** Claims one delivery now, whatever its schedule (test events, manual retries). */
  claimOne(id: string, leaseMs: number): Delivery | null {
    const row = this.db
      .prepare("UPDATE deliveries SET status = 'delivering', locked_until = ?, attempts = attempts + 1 WHERE id = ? AND status IN ('pending', 'dead') RETURNING *")
      .get(Date.now() + leaseMs, id) as Delivery | undefined;
    return row ?? null;
  }

  markDelivered(id: string, status: number): void {
    this.db.prepare("UPDATE deliveries SET status = 'delivered', last_status = ?, last_error = NULL, delivered_at = ?, locked_until = NULL WHERE id = ?").run(status, new Date().toISOString(), id);
  }

  markFailed(id: string, r: { status: number | null; error: string; retryAt: number | null }): void {
    this.db
      .prepare("UPDATE deliveries SET status = ?, last_status = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at), locked_until = NULL WHERE id = ?")
      .run(r.retryAt === null ? 'dead' : 'pending', r.status, r.error.slice(0, 500), r.retryAt, id);
  }

  /** Puts a dead (or pending) delivery back in line for an attempt now. */
  retry(id: string): Delivery {
    const d = this.getDelivery(id);
    if (!d) throw new NotFoundError('delivery', id, '`storyline deliveries` lists them');
    this.db.prepare("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, locked_until = NULL WHERE id = ? AND status IN ('dead', 'pending')").run(Date.now(), id);
    return this.getDelivery(id)!;
  }

  getDelivery(id: string): Delivery | null {
    return (this.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(id) as Delivery | undefined) ?? null;
  }

  deliveries(opts: { subscription_id?: string; status?: DeliveryStatus; limit: number }): Delivery[] {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (opts.subscription_id) {
      clauses.push('subscription_id = ?');
      params.push(opts.subscription_id);
    }
    if (opts.status) {
      clauses.push('status = ?');
      params.push(opts.status);
    }
    return this.db
      .prepare(`SELECT * FROM deliveries WHERE ${clauses.join(' AND ') || '1'} ORDER BY created_at DESC, id LIMIT ?`)
      .all(...params, opts.limit) as Delivery[];
  }

  /** Deliveries still owed: pending or in flight. */
  outstanding(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.status = 'active' AND d.status IN ('pending', 'delivering')").get() as { n: number }).n;
  }
}
