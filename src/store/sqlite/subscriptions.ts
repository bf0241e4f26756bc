import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import {
  deliveryPayload,
  type AttemptRecord,
  type Delivery,
  type DeliveryQuery,
  type NewDelivery,
  type NewSubscriptionRow,
  type SubscriptionPatch,
  type SubscriptionRecord,
  type SubscriptionRepo,
  type SubscriptionStatusRecord,
  subscriptionRecord,
  SUBSCRIPTION_COLUMNS,
  type SubscriptionRow,
} from '../subscriptions.js';
import type { Gated } from './gate.js';
import { blobToVector, vectorToBlob } from './sql.js';

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
 * globally, which needs a table rebuild (SQLite cannot drop a column's UNIQUE); subscriptions
 * get affects_assets and deliveries a claim counter. Each step runs once, in its own write
 * transaction that re-checks, so a second process opening the same database at the same time
 * does nothing twice.
 */
export function migrateSubscriptions(db: Database.Database): void {
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

type SubRow = SubscriptionRow<Buffer>;
const toRecord = (r: SubRow) => subscriptionRecord(r, blobToVector);
const DELIVERY_COLUMNS = 'id, subscription_id, event_type, story_id, payload, status, attempts, claims, next_attempt_at, last_status, last_error, created_at, delivered_at';

/**
 * Subscriptions and their delivery outbox in the store's SQLite database (WAL). Every method
 * is synchronous underneath; claims run in one IMMEDIATE transaction, which SQLite serializes
 * across processes. `activeNow` and `enqueueNow` are for the story write transaction.
 */
export class SqliteSubscriptions implements SubscriptionRepo {
  // In-process only: another process's enqueues reach this one's worker by its poll.
  private readonly enqueued = new EventEmitter();

  constructor(
    private readonly db: Database.Database,
    private readonly run: Gated,
  ) {
    migrateSubscriptions(db);
  }

  activeNow(): SubscriptionRecord[] {
    return (this.db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE status = 'active' ORDER BY created_at, id`).all() as SubRow[]).map(toRecord);
  }

  enqueueNow(d: NewDelivery): string {
    const now = new Date();
    const { id, payload } = deliveryPayload(d, now);
    this.db
      .prepare(
        `INSERT INTO deliveries (id, subscription_id, event_type, story_id, payload, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(id, d.subscription_id, d.event_type, d.story_id, payload, now.getTime(), now.toISOString());
    // Told after this turn: a worker's claim goes through the gate, so it runs after the
    // story write's transaction ends (and finds nothing if it rolled back).
    setImmediate(() => this.enqueued.emit('enqueued'));
    return id;
  }

  onEnqueued(cb: () => void): () => void {
    this.enqueued.on('enqueued', cb);
    return () => void this.enqueued.off('enqueued', cb);
  }

  insert(r: NewSubscriptionRow): Promise<boolean> {
    return this.run(() => {
      const info = this.db
        .prepare(
          `INSERT INTO subscriptions (id, owner, name, query, query_vector, threshold, entities, follow_story_id, affects_assets, target, secret, status, idempotency_key, request_hash, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) ON CONFLICT (owner, idempotency_key) DO NOTHING`,
        )
        .run(
          r.id, r.owner, r.name, r.query, r.query_vector ? vectorToBlob(r.query_vector) : null, r.threshold, JSON.stringify(r.entities),
          r.follow_story_id, r.affects_assets ? JSON.stringify(r.affects_assets) : null, JSON.stringify(r.target), r.sealed_secret,
          r.idempotency_key, r.request_hash, r.created_at, r.created_at,
        );
      return info.changes === 1;
    });
  }

  byIdempotencyKey(owner: string, key: string): Promise<{ id: string; request_hash: string | null } | null> {
    return this.run(() => {
      const row = this.db.prepare('SELECT id, request_hash FROM subscriptions WHERE owner = ? AND idempotency_key = ?').get(owner, key) as
        | { id: string; request_hash: string | null }
        | undefined;
      return row ?? null;
    });
  }

  get(id: string): Promise<SubscriptionRecord | null> {
    return this.run(() => {
      const row = this.db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE id = ?`).get(id) as SubRow | undefined;
      return row ? toRecord(row) : null;
    });
  }

  list(opts: { owner?: string; status?: SubscriptionStatusRecord } = {}): Promise<SubscriptionRecord[]> {
    return this.run(() => {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (opts.owner !== undefined) {
        clauses.push('owner = ?');
        params.push(opts.owner);
      }
      if (opts.status) {
        clauses.push('status = ?');
        params.push(opts.status);
      }
      const rows = this.db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE ${clauses.join(' AND ') || '1'} ORDER BY created_at, id`).all(...params) as SubRow[];
      return rows.map(toRecord);
    });
  }

  sealedSecret(id: string): Promise<string | null> {
    return this.run(() => {
      const row = this.db.prepare('SELECT secret FROM subscriptions WHERE id = ?').get(id) as { secret: string } | undefined;
      return row?.secret ?? null;
    });
  }

  update(id: string, p: SubscriptionPatch, updatedAt: string): Promise<void> {
    return this.run(() => {
      this.db
        .prepare('UPDATE subscriptions SET name = ?, threshold = ?, target = ?, affects_assets = ?, status = ?, disabled_reason = ?, updated_at = ? WHERE id = ?')
        .run(p.name, p.threshold, JSON.stringify(p.target), p.affects_assets ? JSON.stringify(p.affects_assets) : null, p.status, p.disabled_reason, updatedAt, id);
      return ;
    });
  }

  setQueryVector(id: string, vector: readonly number[]): Promise<void> {
    return this.run(() => {
      this.db.prepare('UPDATE subscriptions SET query_vector = ? WHERE id = ?').run(vectorToBlob(vector), id);
      return ;
    });
  }

  delete(id: string): Promise<void> {
    return this.run(() => {
      this.db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id);
      return ;
    });
  }

  enqueue(d: NewDelivery): Promise<string> {
    return this.run(() => {
      return this.enqueueNow(d);
    });
  }

  claim(limit: number, leaseMs: number, now: number): Promise<Delivery[]> {
    return this.run(() => {
      const rows = this.db.transaction(() => {
        const ids = (
          this.db
            .prepare(
              `SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
               WHERE s.status = 'active' AND ((d.status = 'pending' AND d.next_attempt_at <= ?) OR (d.status = 'delivering' AND d.locked_until <= ?))
               ORDER BY d.next_attempt_at LIMIT ?`,
            )
            .all(now, now, limit) as { id: string }[]
        ).map((r) => r.id);
        const claim = this.db.prepare(`UPDATE deliveries SET status = 'delivering', locked_until = ?, claims = claims + 1 WHERE id = ? RETURNING ${DELIVERY_COLUMNS}`);
        return ids.map((id) => claim.get(now + leaseMs, id) as Delivery);
      }).immediate();
      return rows;
    });
  }

  claimOne(id: string, leaseMs: number, now: number): Promise<Delivery | null> {
    return this.run(() => {
      const row = this.db
        .prepare(`UPDATE deliveries SET status = 'delivering', locked_until = ?, claims = claims + 1 WHERE id = ? AND status = 'pending' RETURNING ${DELIVERY_COLUMNS}`)
        .get(now + leaseMs, id) as Delivery | undefined;
      return row ?? null;
    });
  }

  markDelivered(d: Pick<Delivery, 'id' | 'claims'>, status: number, at: string): Promise<boolean> {
    return this.run(() => {
      const info = this.db
        .prepare(
          "UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_status = ?, last_error = NULL, delivered_at = ?, locked_until = NULL WHERE id = ? AND claims = ? AND status = 'delivering'",
        )
        .run(status, at, d.id, d.claims);
      return info.changes === 1;
    });
  }

  markFailed(d: Pick<Delivery, 'id' | 'claims'>, r: AttemptRecord): Promise<boolean> {
    return this.run(() => {
      const info = this.db
        .prepare(
          "UPDATE deliveries SET status = ?, attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at), locked_until = NULL WHERE id = ? AND claims = ? AND status = 'delivering'",
        )
        .run(r.retryAt === null ? 'dead' : 'pending', r.status, r.error.slice(0, 500), r.retryAt, d.id, d.claims);
      return info.changes === 1;
    });
  }

  markAbandoned(d: Pick<Delivery, 'id' | 'claims'>, error: string): Promise<boolean> {
    return this.run(() => {
      const info = this.db
        .prepare("UPDATE deliveries SET status = 'dead', last_error = ?, locked_until = NULL WHERE id = ? AND claims = ? AND status = 'delivering'")
        .run(error.slice(0, 500), d.id, d.claims);
      return info.changes === 1;
    });
  }

  retry(id: string, now: number): Promise<void> {
    return this.run(() => {
      this.db
        .prepare(
          `UPDATE deliveries SET next_attempt_at = ?, locked_until = NULL,
             attempts = CASE status WHEN 'dead' THEN 0 ELSE attempts END, claims = CASE status WHEN 'dead' THEN 0 ELSE claims END,
             status = 'pending' WHERE id = ? AND status IN ('dead', 'pending')`,
        )
        .run(now, id);
      return ;
    });
  }

  getDelivery(id: string): Promise<Delivery | null> {
    return this.run(() => {
      return (this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = ?`).get(id) as Delivery | undefined) ?? null;
    });
  }

  deliveries(q: DeliveryQuery): Promise<Delivery[]> {
    return this.run(() => {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (q.owner !== undefined) {
        clauses.push('subscription_id IN (SELECT id FROM subscriptions WHERE owner = ?)');
        params.push(q.owner);
      }
      if (q.subscription_id) {
        clauses.push('subscription_id = ?');
        params.push(q.subscription_id);
      }
      if (q.status) {
        clauses.push('status = ?');
        params.push(q.status);
      }
      return this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE ${clauses.join(' AND ') || '1'} ORDER BY created_at DESC, id LIMIT ?`).all(...params, q.limit) as Delivery[];
    });
  }

  outstanding(): Promise<number> {
    return this.run(() => {
      const row = this.db
        .prepare("SELECT count(*) AS n FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.status = 'active' AND d.status IN ('pending', 'delivering')")
        .get() as { n: number };
      return row.n;
    });
  }
}
