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
import type { SqlRunner } from './client.js';
import { Params, textArray } from './sql.js';

/** The subscriptions and deliveries tables (migration 2). Epoch-millisecond times are float8: exact, and read back as numbers by every driver. */
export const SUBSCRIPTIONS_SQL = `
CREATE TABLE subscriptions (
  id text COLLATE "C" PRIMARY KEY,
  owner text NOT NULL,
  name text NOT NULL,
  query text,
  query_vector text,
  threshold float8 NOT NULL,
  entities text NOT NULL,
  follow_story_id text,
  affects_assets text,
  target text NOT NULL,
  secret text NOT NULL,
  status text NOT NULL,
  disabled_reason text,
  idempotency_key text,
  request_hash text,
  created_at text COLLATE "C" NOT NULL,
  updated_at text NOT NULL
);
CREATE UNIQUE INDEX subscriptions_owner_key ON subscriptions (owner, idempotency_key);
CREATE INDEX subscriptions_owner ON subscriptions (owner, created_at);
CREATE TABLE deliveries (
  id text COLLATE "C" PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  event_type text NOT NULL,
  story_id text,
  payload text NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  claims integer NOT NULL DEFAULT 0,
  next_attempt_at float8 NOT NULL,
  locked_until float8,
  last_status integer,
  last_error text,
  created_at text COLLATE "C" NOT NULL,
  delivered_at text
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_sub ON deliveries (subscription_id, created_at);
`;

type SubRow = SubscriptionRow<string>;
const toRecord = (r: SubRow) => subscriptionRecord(r, (v) => JSON.parse(v) as number[]);
const DELIVERY_COLUMNS = 'id, subscription_id, event_type, story_id, payload, status, attempts, claims, next_attempt_at, last_status, last_error, created_at, delivered_at';

/** A queued delivery's row, ready for insertDeliveries. */
export type DeliveryRow = [id: string, subscriptionId: string, eventType: string, storyId: string | null, payload: string, at: number, createdAt: string];

/** A new delivery's row (its id is the `webhook-id`). */
export function deliveryRow(d: NewDelivery, now = new Date()): DeliveryRow {
  const { id, payload } = deliveryPayload(d, now);
  return [id, d.subscription_id, d.event_type, d.story_id, payload, now.getTime(), now.toISOString()];
}

/** The channel NOTIFYed when deliveries are queued; delivery workers LISTEN on it. */
export const ENQUEUED_CHANNEL = 'storyline_deliveries_enqueued';

/**
 * Inserts queued deliveries and NOTIFYs ENQUEUED_CHANNEL, in one statement. Inside a
 * transaction the notification goes out on commit (and never on rollback); PostgreSQL folds
 * the notifications of one transaction into one.
 */
export async function insertDeliveries(run: SqlRunner, rows: readonly DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = (i: number) => textArray(rows.map((r) => r[i] ?? null));
  await run.query(
    `WITH inserted AS (
       INSERT INTO deliveries (id, subscription_id, event_type, story_id, payload, status, next_attempt_at, created_at)
       SELECT id, sub, ev, story, payload, 'pending', at, created FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[])
         AS t(id, sub, ev, story, payload, at, created)
       RETURNING 1)
     SELECT pg_notify('${ENQUEUED_CHANNEL}', '') FROM (SELECT count(*) AS n FROM inserted) c WHERE c.n > 0`,
    [col(0), col(1), col(2), col(3), col(4), col(5), col(6)],
  );
}

/** Active subscriptions, oldest first (for the story write's hooks). */
export async function activeSubscriptions(run: SqlRunner): Promise<SubscriptionRecord[]> {
  return (await run.query<SubRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE status = 'active' ORDER BY created_at, id`)).map(toRecord);
}

/**
 * Subscriptions and their delivery outbox on PostgreSQL. Claims take rows with
 * `FOR UPDATE SKIP LOCKED`, so workers in many processes never claim one delivery at once;
 * each claim bumps `claims`, which fences the finishing update (see SubscriptionRepo).
 */
export class PgSubscriptions implements SubscriptionRepo {
  constructor(
    private readonly run: SqlRunner,
    private readonly transaction: <T>(fn: (tx: SqlRunner) => Promise<T>) => Promise<T>,
    private readonly listen: (channel: string, onNotify: () => void) => () => void,
  ) {}

  /** LISTENs on its own connection: enqueues committed by any process call `cb`. */
  onEnqueued(cb: () => void): () => void {
    return this.listen(ENQUEUED_CHANNEL, cb);
  }

  async insert(r: NewSubscriptionRow): Promise<boolean> {
    const rows = await this.run.query(
      `INSERT INTO subscriptions (id, owner, name, query, query_vector, threshold, entities, follow_story_id, affects_assets, target, secret, status, idempotency_key, request_hash, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12, $13, $14, $14) ON CONFLICT (owner, idempotency_key) DO NOTHING RETURNING id`,
      [
        r.id, r.owner, r.name, r.query, r.query_vector ? JSON.stringify(r.query_vector) : null, r.threshold, JSON.stringify(r.entities),
        r.follow_story_id, r.affects_assets ? JSON.stringify(r.affects_assets) : null, JSON.stringify(r.target), r.sealed_secret,
        r.idempotency_key, r.request_hash, r.created_at,
      ],
    );
    return rows.length === 1;
  }

  async byIdempotencyKey(owner: string, key: string): Promise<{ id: string; request_hash: string | null } | null> {
    const [row] = await this.run.query<{ id: string; request_hash: string | null }>('SELECT id, request_hash FROM subscriptions WHERE owner = $1 AND idempotency_key = $2', [owner, key]);
    return row ?? null;
  }

  async get(id: string): Promise<SubscriptionRecord | null> {
    const [row] = await this.run.query<SubRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  async list(opts: { owner?: string; status?: SubscriptionStatusRecord } = {}): Promise<SubscriptionRecord[]> {
    const p = new Params();
    const clauses: string[] = [];
    if (opts.owner !== undefined) clauses.push(`owner = ${p.add(opts.owner)}`);
    if (opts.status) clauses.push(`status = ${p.add(opts.status)}`);
    const rows = await this.run.query<SubRow>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE ${clauses.join(' AND ') || 'TRUE'} ORDER BY created_at, id`, p.values);
    return rows.map(toRecord);
  }

  async sealedSecret(id: string): Promise<string | null> {
    const [row] = await this.run.query<{ secret: string }>('SELECT secret FROM subscriptions WHERE id = $1', [id]);
    return row?.secret ?? null;
  }

  async update(id: string, p: SubscriptionPatch, updatedAt: string): Promise<void> {
    await this.run.query('UPDATE subscriptions SET name = $1, threshold = $2, target = $3, affects_assets = $4, status = $5, disabled_reason = $6, updated_at = $7 WHERE id = $8', [
      p.name, p.threshold, JSON.stringify(p.target), p.affects_assets ? JSON.stringify(p.affects_assets) : null, p.status, p.disabled_reason, updatedAt, id,
    ]);
  }

  async setQueryVector(id: string, vector: readonly number[]): Promise<void> {
    await this.run.query('UPDATE subscriptions SET query_vector = $1 WHERE id = $2', [JSON.stringify(vector), id]);
  }

  async delete(id: string): Promise<void> {
    await this.run.query('DELETE FROM subscriptions WHERE id = $1', [id]);
  }

  async enqueue(d: NewDelivery): Promise<string> {
    const row = deliveryRow(d);
    await insertDeliveries(this.run, [row]);
    return row[0];
  }

  claim(limit: number, leaseMs: number, now: number): Promise<Delivery[]> {
    return this.transaction((tx) =>
      tx.query<Delivery>(
        `UPDATE deliveries SET status = 'delivering', locked_until = $2, claims = claims + 1
         WHERE id IN (
           SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
           WHERE s.status = 'active' AND ((d.status = 'pending' AND d.next_attempt_at <= $1) OR (d.status = 'delivering' AND d.locked_until <= $1))
           ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED)
         RETURNING ${DELIVERY_COLUMNS}`,
        [now, now + leaseMs, limit],
      ).then((rows) => rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at)),
    );
  }

  async claimOne(id: string, leaseMs: number, now: number): Promise<Delivery | null> {
    const [row] = await this.run.query<Delivery>(
      `UPDATE deliveries SET status = 'delivering', locked_until = $1, claims = claims + 1 WHERE id = $2 AND status = 'pending' RETURNING ${DELIVERY_COLUMNS}`,
      [now + leaseMs, id],
    );
    return row ?? null;
  }

  async markDelivered(d: Pick<Delivery, 'id' | 'claims'>, status: number, at: string): Promise<boolean> {
    const rows = await this.run.query(
      "UPDATE deliveries SET status = 'delivered', attempts = attempts + 1, last_status = $1, last_error = NULL, delivered_at = $2, locked_until = NULL WHERE id = $3 AND claims = $4 AND status = 'delivering' RETURNING id",
      [status, at, d.id, d.claims],
    );
    return rows.length === 1;
  }

  async markFailed(d: Pick<Delivery, 'id' | 'claims'>, r: AttemptRecord): Promise<boolean> {
    const rows = await this.run.query(
      `UPDATE deliveries SET status = $1, attempts = attempts + 1, last_status = $2, last_error = $3, next_attempt_at = COALESCE($4::float8, next_attempt_at), locked_until = NULL
       WHERE id = $5 AND claims = $6 AND status = 'delivering' RETURNING id`,
      [r.retryAt === null ? 'dead' : 'pending', r.status, r.error.slice(0, 500), r.retryAt, d.id, d.claims],
    );
    return rows.length === 1;
  }

  async markAbandoned(d: Pick<Delivery, 'id' | 'claims'>, error: string): Promise<boolean> {
    const rows = await this.run.query(
      "UPDATE deliveries SET status = 'dead', last_error = $1, locked_until = NULL WHERE id = $2 AND claims = $3 AND status = 'delivering' RETURNING id",
      [error.slice(0, 500), d.id, d.claims],
    );
    return rows.length === 1;
  }

  async retry(id: string, now: number): Promise<void> {
    await this.run.query(
      `UPDATE deliveries SET next_attempt_at = $1, locked_until = NULL,
         attempts = CASE status WHEN 'dead' THEN 0 ELSE attempts END, claims = CASE status WHEN 'dead' THEN 0 ELSE claims END,
         status = 'pending' WHERE id = $2 AND status IN ('dead', 'pending')`,
      [now, id],
    );
  }

  async getDelivery(id: string): Promise<Delivery | null> {
    const [row] = await this.run.query<Delivery>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = $1`, [id]);
    return row ?? null;
  }

  async deliveries(q: DeliveryQuery): Promise<Delivery[]> {
    const p = new Params();
    const clauses: string[] = [];
    if (q.owner !== undefined) clauses.push(`subscription_id IN (SELECT id FROM subscriptions WHERE owner = ${p.add(q.owner)})`);
    if (q.subscription_id) clauses.push(`subscription_id = ${p.add(q.subscription_id)}`);
    if (q.status) clauses.push(`status = ${p.add(q.status)}`);
    return this.run.query<Delivery>(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE ${clauses.join(' AND ') || 'TRUE'} ORDER BY created_at DESC, id LIMIT ${p.add(q.limit)}`, p.values);
  }

  async outstanding(): Promise<number> {
    const [row] = await this.run.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE s.status = 'active' AND d.status IN ('pending', 'delivering')",
    );
    return row?.n ?? 0;
  }
}
