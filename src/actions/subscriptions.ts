import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { NotFoundError, UserError } from '../errors.js';
import { blobToVector, vectorToBlob } from '../store/sqlite/sql.js';
import type { Caller } from './caller.js';
import type { DeliveryStatus, Subscription, SubscriptionStatus, Target } from './schema.js';
import { newSigningSecret, type SecretBox } from './secrets.js';

export type { DeliveryStatus, Subscription, SubscriptionStatus, Target } from './schema.js';

/** A subscription with what matching needs that is never shown. */
export interface MatchableSubscription extends Subscription {
  query_vector: number[] | null;
}

/** One event for one subscription: its id is the stable `webhook-id`. */
export interface Delivery {
  id: string;
  subscription_id: string;
  event_type: string;
  story_id: string | null;
  payload: string;
  status: DeliveryStatus;
  /** Finished attempts (a response, a network error or a timeout); never more than the limit. */
  attempts: number;
  /** Times a worker claimed it; claims that never finished (a crashed worker) are claims - attempts. */
  claims: number;
  next_attempt_at: number;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** Fields to create a subscription with; validated by the caller. */
export interface NewSubscription {
  owner: string;
  name: string;
  query: string | null;
  query_vector: number[] | null;
  threshold: number;
  entities: string[];
  follow_story_id: string | null;
  affects_assets?: { min_confidence: 'exact' | 'high' | 'low' } | null;
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

const SUBSCRIPTIONS_TABLE = (name: string) => `
CREATE TABLE IF NOT EXISTS ${name} (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  query TEXT,
  query_vector BLOB,
  threshold REAL NOT NULL,
  entities TEXT NOT NULL,
  follow_story_id TEXT,
  affects_assets TEXT,
  target TEXT NOT NULL,
  secret TEXT NOT NULL,
  status TEXT NOT NULL,
  disabled_reason TEXT,
  idempotency_key TEXT,
  request_hash TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)`;

/** Columns every version of the subscriptions table has, copied as they are by the migration. */
const V1_COLUMNS = 'id, name, query, query_vector, threshold, entities, follow_story_id, target, secret, status, disabled_reason, idempotency_key, created_at, updated_at';

const SCHEMA = `
${SUBSCRIPTIONS_TABLE('subscriptions')};
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY,
  subscription_id TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  event_type TEXT NOT NULL,
  story_id TEXT,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  claims INTEGER NOT NULL DEFAULT 0,
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

const columns = (db: Database.Database, table: string) => new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));

/**
 * Creates the tables, or brings a database from before owners up to date: subscriptions get
 * an owner (existing ones "local") and idempotency keys become unique per owner instead of
 * globally, which needs a table rebuild (SQLite cannot drop a column's UNIQUE); deliveries
 * get a claim counter. Each step runs once, in its own write transaction that re-checks, so a
 * second process opening the same database at the same time does nothing twice.
 */
function migrate(db: Database.Database): void {
  db.exec(SCHEMA);
  if (!columns(db, 'subscriptions').has('owner')) {
    // Dropping the old table must not cascade into its deliveries; this pragma is a no-op inside a transaction.
    db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        if (columns(db, 'subscriptions').has('owner')) return;
        db.exec(
          `${SUBSCRIPTIONS_TABLE('subscriptions_owned')};
           INSERT INTO subscriptions_owned (${V1_COLUMNS}, owner) SELECT ${V1_COLUMNS}, 'local' FROM subscriptions;
           DROP TABLE subscriptions;
           ALTER TABLE subscriptions_owned RENAME TO subscriptions;`,
        );
        if ((db.pragma('foreign_key_check') as unknown[]).length) throw new Error('subscriptions migration broke delivery references');
      }).immediate();
    } finally {
      db.pragma('foreign_keys = ON');
    }
  }
  db.transaction(() => {
    if (!columns(db, 'subscriptions').has('affects_assets')) db.exec('ALTER TABLE subscriptions ADD COLUMN affects_assets TEXT');
    if (!columns(db, 'deliveries').has('claims')) db.exec('ALTER TABLE deliveries ADD COLUMN claims INTEGER NOT NULL DEFAULT 0');
  }).immediate();
  db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS subscriptions_owner_key ON subscriptions(owner, idempotency_key);
           CREATE INDEX IF NOT EXISTS subscriptions_owner ON subscriptions(owner, created_at)`);
}

/** The one answer for an id a caller cannot use, whether it is unknown or someone else's. */
const notFound = (id: string) => new NotFoundError('subscription', id, 'list_subscriptions shows the existing ids');

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

interface SubRow {
  id: string;
  owner: string;
  name: string;
  query: string | null;
  query_vector: Buffer | null;
  threshold: number;
  entities: string;
  follow_story_id: string | null;
  affects_assets: string | null;
  target: string;
  status: SubscriptionStatus;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

function toSubscription(r: SubRow): MatchableSubscription {
  return {
    id: r.id,
    owner: r.owner,
    name: r.name,
    query: r.query,
    threshold: r.threshold,
    entities: JSON.parse(r.entities) as string[],
    follow_story_id: r.follow_story_id,
    affects_assets: r.affects_assets ? (JSON.parse(r.affects_assets) as Subscription['affects_assets']) : null,
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
  const { id, owner, name, query, threshold, entities, follow_story_id, affects_assets, target, status, disabled_reason, created_at, updated_at } = s;
  return { id, owner, name, query, threshold, entities, follow_story_id, affects_assets, target, status, disabled_reason, created_at, updated_at };
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
    migrate(db);
  }

  /**
   * The earlier result for an owner's idempotency key: a replay (no secret) when the arguments
   * hash the same, an IdempotencyConflictError when they differ, null when the key is new.
   */
  replay(owner: string, key: string, requestHash: string | null): CreateResult | null {
    const prior = this.db.prepare('SELECT id, request_hash FROM subscriptions WHERE owner = ? AND idempotency_key = ?').get(owner, key) as
      | { id: string; request_hash: string | null }
      | undefined;
    if (!prior) return null;
    // Rows from before request hashes were kept have none; replaying them changes nothing and shows no secret.
    if (prior.request_hash !== null && prior.request_hash !== requestHash) throw new IdempotencyConflictError(key);
    return { subscription: publicSubscription(this.require(prior.id)), secret: null, replayed: true };
  }

  /** Creates a subscription and returns it with its new secret, or replays an earlier call with the same owner and key. */
  create(input: NewSubscription): CreateResult {
    // One write transaction: two processes racing with the same key cannot both insert.
    return this.db.transaction((): CreateResult => {
      const prior = input.idempotency_key ? this.replay(input.owner, input.idempotency_key, input.request_hash) : null;
      if (prior) return prior;
      const secret = newSigningSecret();
      const id = newId('sub');
      const now = new Date().toISOString();
      this.db
        .prepare(
          `INSERT INTO subscriptions (id, owner, name, query, query_vector, threshold, entities, follow_story_id, affects_assets, target, secret, status, idempotency_key, request_hash, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)`,
        )
        .run(
          id, input.owner, input.name, input.query, input.query_vector ? vectorToBlob(input.query_vector) : null,
          input.threshold, JSON.stringify(input.entities), input.follow_story_id,
          input.affects_assets ? JSON.stringify(input.affects_assets) : null, JSON.stringify(input.target),
          this.box.seal(secret), input.idempotency_key, input.idempotency_key ? input.request_hash : null, now, now,
        );
      return { subscription: publicSubscription(this.require(id)), secret, replayed: false };
    }).immediate();
  }

  /** Any subscription by id, whoever owns it: for delivery and matching, never for callers. */
  get(id: string): MatchableSubscription | null {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubRow | undefined;
    return row ? toSubscription(row) : null;
  }

  /** Like get, but an unknown id is a NotFoundError. */
  require(id: string): MatchableSubscription {
    const s = this.get(id);
    if (!s) throw notFound(id);
    return s;
  }

  /**
   * A subscription the caller may see: their own, or any for an admin. Another owner's id
   * fails exactly like an unknown one, so ids of others' subscriptions do not leak.
   */
  requireVisible(id: string, caller: Caller): MatchableSubscription {
    const s = this.get(id);
    if (!s || !(caller.admin || s.owner === caller.owner)) throw notFound(id);
    return s;
  }

  /** Every subscription, whoever owns it. */
  list(): MatchableSubscription[] {
    return (this.db.prepare('SELECT * FROM subscriptions ORDER BY created_at, id').all() as SubRow[]).map(toSubscription);
  }

  /** The subscriptions a caller may see: their own, or all for an admin. */
  listVisible(caller: Caller): MatchableSubscription[] {
    if (caller.admin) return this.list();
    return (this.db.prepare('SELECT * FROM subscriptions WHERE owner = ? ORDER BY created_at, id').all(caller.owner) as SubRow[]).map(toSubscription);
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

  update(
    id: string,
    patch: { status?: SubscriptionStatus; threshold?: number; target?: Target; name?: string; disabled_reason?: string | null; affects_assets?: Subscription['affects_assets'] },
  ): Subscription {
    const s = this.require(id);
    const next = { ...s, ...patch };
    this.db
      .prepare('UPDATE subscriptions SET name = ?, threshold = ?, target = ?, affects_assets = ?, status = ?, disabled_reason = ?, updated_at = ? WHERE id = ?')
      .run(
        next.name, next.threshold, JSON.stringify(next.target), next.affects_assets ? JSON.stringify(next.affects_assets) : null, next.status,
        next.status === 'disabled' ? (patch.disabled_reason ?? s.disabled_reason) : null, new Date().toISOString(), id,
      );
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
   * ones a crashed worker left mid-delivery once their lease ran out (at-least-once). A claim
   * is not an attempt: `claims` counts it, and only a finished attempt counts in `attempts`,
   * so a crash never spends an attempt. The returned `claims` fences the finishing write.
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
      const claim = this.db.prepare("UPDATE deliveries SET status = 'delivering', locked_until = ?, claims = claims + 1 WHERE id = ? RETURNING *");
      return ids.map((id) => claim.get(now + leaseMs, id) as Delivery);
    })();
  }

  /** Claims one pending delivery now, whatever its schedule (test events, manual retries). */
  claimOne(id: string, leaseMs: number): Delivery | null {
    const row = this.db
      .prepare("UPDATE deliveries SET status = 'delivering', locked_until = ?, claims = claims + 1 WHERE id = ? AND status = 'pending' RETURNING *")
      .get(Date.now() + leaseMs, id) as Delivery | undefined;
    return row ?? null;
  }

  /**
   * Records a delivered attempt. Like markFailed it only applies to the claim `d` still holds
   * (same claims count, still delivering): a worker whose lease ran out and was re-claimed
   * must not count a second attempt. Returns false when the claim was lost.
   */
  markDelivered(d: Pick<Delivery, 'id' | 'claims'>, status: number): boolean {
    return (
      this.db
        .prepare(
          "UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_status = ?, last_error = NULL, delivered_at = ?, locked_until = NULL WHERE id = ? AND claims = ? AND status = 'delivering'",
        )
        .run(status, new Date().toISOString(), d.id, d.claims).changes === 1
    );
  }

  /** Records a failed attempt: pending again at `retryAt`, or dead when it is null. Returns false when the claim was lost. */
  markFailed(d: Pick<Delivery, 'id' | 'claims'>, r: { status: number | null; error: string; retryAt: number | null }): boolean {
    return (
      this.db
        .prepare(
          "UPDATE deliveries SET status = ?, attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at), locked_until = NULL WHERE id = ? AND claims = ? AND status = 'delivering'",
        )
        .run(r.retryAt === null ? 'dead' : 'pending', r.status, r.error.slice(0, 500), r.retryAt, d.id, d.claims).changes === 1
    );
  }

  /** Dead-letters a claimed delivery without an attempt (a crash loop); attempts stay as they were. */
  markAbandoned(d: Pick<Delivery, 'id' | 'claims'>, error: string): boolean {
    return (
      this.db
        .prepare("UPDATE deliveries SET status = 'dead', last_error = ?, locked_until = NULL WHERE id = ? AND claims = ? AND status = 'delivering'")
        .run(error.slice(0, 500), d.id, d.claims).changes === 1
    );
  }

  /**
   * Puts a dead (or pending) delivery back in line for an attempt now. A dead one starts a
   * fresh series (attempts and claims from zero), so its counter never passes the limit.
   */
  retry(id: string): Delivery {
    const d = this.getDelivery(id);
    if (!d) throw new NotFoundError('delivery', id, '`storyline deliveries` lists them');
    this.db
      .prepare(
        `UPDATE deliveries SET next_attempt_at = ?, locked_until = NULL,
           attempts = CASE status WHEN 'dead' THEN 0 ELSE attempts END, claims = CASE status WHEN 'dead' THEN 0 ELSE claims END,
           status = 'pending' WHERE id = ? AND status IN ('dead', 'pending')`,
      )
      .run(Date.now(), id);
    return this.getDelivery(id)!;
  }

  getDelivery(id: string): Delivery | null {
    return (this.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(id) as Delivery | undefined) ?? null;
  }

  /** Deliveries newest first; `owner` keeps only those of that owner's subscriptions. */
  deliveries(opts: { subscription_id?: string; status?: DeliveryStatus; owner?: string; limit: number }): Delivery[] {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (opts.owner !== undefined) {
      clauses.push('subscription_id IN (SELECT id FROM subscriptions WHERE owner = ?)');
      params.push(opts.owner);
    }
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
