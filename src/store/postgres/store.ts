import type { EmbedderInfo } from '../../embed/embedder.js';
import type { KevEntry } from '../../story/kev.js';
import { embedKey, hasVector, type Passage } from '../../story/passage.js';
import type { Story } from '../../story/schema.js';
import { checkSameEmbedder } from '../errors.js';
import { PASSAGE_COLUMNS, toPassage, type PassageRow } from '../rows.js';
import {
  isFiltered,
  normalizeName,
  storyDates,
  type KeywordHit,
  type KeywordTop,
  type PassageFilter,
  type PassageVectorHit,
  type StoredStory,
  type StoryChange,
  type StoryHead,
  type StoryListQuery,
  type StorySummary,
  type StoryWrite,
  type WriteHook,
  type WriteTx,
} from '../types.js';
import type { AssetRepo } from '../assets.js';
import type { Store, WriteOptions } from '../store.js';
import type { SubscriptionRepo } from '../subscriptions.js';
import { efFor } from '../vectors.js';
import type { SqlClient, SqlRunner } from './client.js';
import { connectPostgres, databaseError, redactUrl, type PoolOptions } from './connect.js';
import { dimsClause, indexBuildMemoryKb, LOCKS, migrate, vectorIndexName, vectorIndexSql } from './schema.js';
import { assetsByKeys, indexAdvisories, PgAssets, vexFor } from './assets.js';
import { activeSubscriptions, deliveryRow, insertDeliveries, PgSubscriptions } from './subscriptions.js';
import { anyTermQuery, entityClause, filterSql, Params, parseVector, textArray, TS_CONFIG, vectorLiteral } from './sql.js';

/** Below this many filtered passages, vector search scans them exactly instead of walking the graph (as SQLite's). */
const EXACT_SCAN_LIMIT = 4_000;
/**
 * From this many passages with a vector on, a bulk write (a deferred run, a reindex) drops the
 * HNSW index and builds it once at its end rather than maintaining it row by row, when it writes
 * at least as many of them as the index holds.
 */
export const BULK_INDEX_MIN = 2_000;
/** Rows per multi-row INSERT (each statement sends one array per column). */
const INSERT_BATCH = 2_000;
/** pgvector's ceiling for hnsw.ef_search. */
const MAX_EF_SEARCH = 1_000;
/** How long a passage count used to size ef_search is trusted, in ms. */
const COUNT_TTL_MS = 30_000;
/** From this many passages on, keywordTop leaves terms half the passages hold out (as the SQLite engine). */
export const PRUNE_MIN_ROWS = 10_000;
/** FTS5's IDF for a term in at least half the rows (instead of a negative one). */
const IDF_FLOOR = 1e-6;
/** The most ts_rank gives one term (weight 1, occurrences decaying as 1/k², normalization 1): under pi^2/6. */
const MAX_TERM_RANK = 1.65;
/** How long document frequencies are trusted, and how many are kept. */
const DF_TTL_MS = 10_000;
const DF_CACHE_SIZE = 4_096;
/** ts_rank weights, {D, C, B, A}: a passage's own words (A) 1, its context (B) 0.6, as SQLite's BM25 columns. */
const RANK_WEIGHTS = '{0, 0, 0.6, 1}';

/** Options for opening the PostgreSQL store. */
export interface PgStoreOptions {
  /** The embedder queries and new passages will use; checked against the stored vectors. */
  embedder: EmbedderInfo;
  /** HNSW search breadth; undefined scales it with the number of passages (as the SQLite index does). */
  efSearch?: number;
  /** Below this many filtered passages, vector search scans them exactly (default 4,000). */
  exactScanLimit?: number;
  /** From this many passages with a vector on, a bulk write builds the HNSW index once at its end (default BULK_INDEX_MIN). */
  bulkIndexMin?: number;
  log?: (msg: string) => void;
}

/**
 * The store on PostgreSQL with pgvector: stories, passages with their vectors (HNSW index,
 * cosine), a generated tsvector (GIN) for keyword search, entities and KEV entries. Every
 * write is one transaction under an advisory lock, so any number of processes can share the
 * database; there is no derived state outside it.
 */
export class PgStore implements Store {
  readonly engine = 'postgres' as const;
  private readonly hooks: WriteHook[] = [];
  private vectorCount: { n: number; at: number } | null = null;
  private dfCache: { at: number; n: number | null; df: Map<string, number | null> } = { at: 0, n: null, df: new Map() };
  private readonly subs: PgSubscriptions;
  private readonly assetRepo: PgAssets;
  /** The session holding LOCKS.bulk while this process's bulk load has the HNSW index dropped. */
  private bulk: (SqlRunner & { release(): void }) | null = null;

  private constructor(
    private readonly sql: SqlClient,
    private readonly opts: PgStoreOptions,
    private readonly describeError: (err: unknown) => Error,
  ) {
    const run: SqlRunner = { query: (text, params) => this.q(text, params), exec: (text) => this.sql.exec(text) };
    this.subs = new PgSubscriptions(run, (fn) => this.tx(fn), (channel, onNotify) => this.sql.listen(channel, onNotify));
    this.assetRepo = new PgAssets(run, (fn) => this.tx(fn));
  }

  /** Assets, VEX statements and the advisory product index. */
  get assets(): AssetRepo {
    return this.assetRepo;
  }

  /** Subscriptions and their delivery outbox. */
  get subscriptions(): SubscriptionRepo {
    return this.subs;
  }

  /** Connects to `url` (postgres://...), applies migrations and returns the store. */
  static async open(url: string, opts: PgStoreOptions & { pool?: PoolOptions }): Promise<PgStore> {
    const client = await connectPostgres(url, opts.pool);
    const store = new PgStore(client, opts, (err) => databaseError(err, redactUrl(url)));
    await store.recoverIndex(client);
    return store;
  }

  /** A store whose bulk load died with the HNSW index dropped (or a migration dropped it) gets it back at the next open. */
  private async recoverIndex(client: SqlClient): Promise<void> {
    try {
      if (await this.ensureVectorIndex()) this.opts.log?.('the vector index was missing (an interrupted bulk load, or a migration that changed its settings); rebuilt it');
    } catch (err) {
      await client.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * The store on a client already open (PGlite, or a pool the caller manages); applies
   * migrations. `where` names the database in error messages.
   */
  static async openOn(client: SqlClient, opts: PgStoreOptions & { where?: string }): Promise<PgStore> {
    const where = opts.where ?? 'the database';
    try {
      await migrate(client);
    } catch (err) {
      throw databaseError(err, where);
    }
    const store = new PgStore(client, opts, (err) => databaseError(err, where));
    await store.recoverIndex(client);
    return store;
  }

  async close(): Promise<void> {
    await this.endBulk();
    await this.sql.close();
  }

  /** Throws a DatabaseError when the database does not answer (for /readyz). */
  async ping(): Promise<void> {
    await this.q('SELECT 1');
  }

  /** Nothing to load: the index lives in the database. */
  warmUp(): Promise<void> {
    return Promise.resolve();
  }

  /** Builds the HNSW index if a deferred bulk load left it dropped. */
  async ensureIndexSaved(): Promise<void> {
    await this.ensureVectorIndex();
  }

  /**
   * Builds the HNSW index for the stored vectors when it is missing, in a transaction of its own
   * under the write lock (writers wait; readers scan exactly meanwhile). Left to the process
   * whose bulk load dropped it while that load runs (it holds LOCKS.bulk). True when it built.
   */
  private async ensureVectorIndex(): Promise<boolean> {
    const indexed = await this.indexedEmbedder();
    if (!indexed || (await this.hasVectorIndex(indexed.dimensions))) return false;
    // This process's own bulk load is over: let go of the lock first, then build.
    await this.endBulk();
    return this.tx(async (tx) => {
      const [free] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock_shared($1) AS ok', [LOCKS.bulk]);
      if (!free?.ok) return false;
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.write]);
      if (await this.hasVectorIndex(indexed.dimensions, tx)) return false;
      // Room to build the graph in memory (pgvector's on-disk build is several times slower);
      // never less than the server gives already. SET LOCAL: it ends with this transaction.
      const [rows] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM passages WHERE embedding IS NOT NULL');
      await tx.query(
        `SELECT set_config('maintenance_work_mem', $1::int || 'kB', true) WHERE pg_size_bytes(current_setting('maintenance_work_mem')) < $1::bigint * 1024`,
        [indexBuildMemoryKb(rows?.n ?? 0, indexed.dimensions)],
      );
      await tx.query(vectorIndexSql(indexed.dimensions));
      return true;
    });
  }

  /** Lets go of LOCKS.bulk, if this process holds it. */
  private async endBulk(): Promise<void> {
    const session = this.bulk;
    this.bulk = null;
    if (!session) return;
    await session.query('SELECT pg_advisory_unlock($1)', [LOCKS.bulk]).catch(() => undefined);
    session.release();
  }

  private async hasVectorIndex(dims: number, runner: SqlRunner = this.sql): Promise<boolean> {
    const [row] = await this.q<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [vectorIndexName(dims)], runner);
    return row?.present ?? false;
  }

  /**
   * Drops the HNSW index for `dims` (if there is one) ahead of a bulk write, holding LOCKS.bulk
   * (session-level) so that no other process builds it before this one's load ends;
   * CONCURRENTLY, so that readers are not stopped. A process that dies mid-load leaves the lock
   * with its session.
   */
  private async dropVectorIndex(dims: number): Promise<void> {
    if (!this.bulk) {
      const session = await this.sql.session().catch((err: unknown) => {
        throw isConnectionError(err) ? this.describeError(err) : err;
      });
      try {
        // Another process's bulk load holding it has the index dropped already and builds it at
        // its end: this load goes on beside it rather than waiting for the whole of it.
        const [got] = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCKS.bulk]);
        if (got?.ok) this.bulk = session;
        else session.release();
      } catch (err) {
        session.release();
        throw isConnectionError(err) ? this.describeError(err) : err;
      }
    }
    if (!(await this.hasVectorIndex(dims))) return;
    try {
      await this.q(`DROP INDEX CONCURRENTLY IF EXISTS ${vectorIndexName(dims)}`);
    } catch (err) {
      if (isConnectionError(err) || (err as { code?: string }).code !== '25001') throw err;
      // PGlite runs every statement in a transaction block: one connection, no one to stop.
      await this.q(`DROP INDEX IF EXISTS ${vectorIndexName(dims)}`);
    }
  }

  /** Adds a hook that runs inside every write transaction (see WriteHook). */
  onWrite(hook: WriteHook): void {
    this.hooks.push(hook);
  }

  // Connection failures mid-request become DatabaseErrors too; SQL errors are bugs and pass as they are.
  private async q<T>(text: string, params: readonly unknown[] = [], runner: SqlRunner = this.sql): Promise<T[]> {
    try {
      return await runner.query<T>(text, params);
    } catch (err) {
      throw isConnectionError(err) ? this.describeError(err) : err;
    }
  }

  private async tx<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    try {
      return await this.sql.transaction(fn);
    } catch (err) {
      throw isConnectionError(err) ? this.describeError(err) : err;
    }
  }

  async getMeta(key: string, runner: SqlRunner = this.sql): Promise<string | null> {
    const [row] = await this.q<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key], runner);
    return row?.value ?? null;
  }

  async setMeta(key: string, value: string, runner: SqlRunner = this.sql): Promise<void> {
    await this.q('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value], runner);
  }

  /** The embedder the stored vectors come from, or null for a never-written store. */
  async indexedEmbedder(runner: SqlRunner = this.sql): Promise<EmbedderInfo | null> {
    const raw = await this.getMeta('embedder', runner);
    return raw ? (JSON.parse(raw) as EmbedderInfo) : null;
  }

  /** Throws EmbedderMismatchError when the stored vectors come from another embedder. */
  async checkEmbedder(): Promise<void> {
    checkSameEmbedder(await this.indexedEmbedder(), this.opts.embedder);
  }

  async counts(): Promise<{ stories: number; passages: number }> {
    const [row] = await this.q<{ stories: number; passages: number }>(
      'SELECT (SELECT count(*) FROM stories)::int AS stories, (SELECT count(*) FROM passages)::int AS passages',
    );
    return row ?? { stories: 0, passages: 0 };
  }

  async storyHash(id: string): Promise<string | null> {
    const [row] = await this.q<{ content_hash: string }>('SELECT content_hash FROM stories WHERE id = $1', [id]);
    return row?.content_hash ?? null;
  }

  async storyIds(): Promise<string[]> {
    return (await this.q<{ id: string }>('SELECT id FROM stories ORDER BY id')).map((r) => r.id);
  }

  /** Story ids starting with `prefix` (ASCII case-insensitive, as SQLite's LIKE), for completion. */
  async storyIdsLike(prefix: string, limit: number): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      "SELECT id FROM stories WHERE lower(id) LIKE $1 ESCAPE '\\' ORDER BY id LIMIT $2",
      [`${prefix.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`, limit],
    );
    return rows.map((r) => r.id);
  }

  async getStory(id: string): Promise<StoredStory | null> {
    const [row] = await this.q<{ data: string; content_hash: string; ingested_at: string; n: number }>(
      'SELECT data, content_hash, ingested_at, (SELECT count(*) FROM passages WHERE story_id = s.id)::int AS n FROM stories s WHERE id = $1',
      [id],
    );
    if (!row) return null;
    return { story: JSON.parse(row.data) as Story, content_hash: row.content_hash, ingested_at: row.ingested_at, passage_count: row.n };
  }

  async passagesOf(storyId: string, runner: SqlRunner = this.sql): Promise<Passage[]> {
    return (await this.q<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM passages p WHERE p.story_id = $1 ORDER BY p.ordinal`, [storyId], runner)).map(toPassage);
  }

  async getPassage(citationId: string): Promise<Passage | null> {
    const [row] = await this.q<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM passages p WHERE p.citation_id = $1`, [citationId]);
    return row ? toPassage(row) : null;
  }

  async getPassages(ids: readonly string[]): Promise<Map<string, Passage>> {
    const out = new Map<string, Passage>();
    if (ids.length === 0) return out;
    const rows = await this.q<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM passages p WHERE p.citation_id = ANY($1::text[])`, [textArray(ids)]);
    const byId = new Map(rows.map((r) => [r.citation_id, toPassage(r)]));
    // In the order asked for, as the SQLite engine returns them.
    for (const id of ids) {
      const p = byId.get(id);
      if (p) out.set(id, p);
    }
    return out;
  }

  async storyHeads(ids: readonly string[], runner: SqlRunner = this.sql): Promise<Map<string, StoryHead>> {
    const out = new Map<string, StoryHead>();
    if (ids.length === 0) return out;
    const rows = await this.q<StoryHead & { id: string }>('SELECT id, title, published, updated FROM stories WHERE id = ANY($1::text[])', [textArray([...new Set(ids)])], runner);
    const byId = new Map(rows.map((r) => [r.id, { title: r.title, published: r.published, updated: r.updated }]));
    for (const id of new Set(ids)) {
      const h = byId.get(id);
      if (h) out.set(id, h);
    }
    return out;
  }

  /**
   * Passages holding any of `terms`, best first by a BM25-like score: the sum over the terms
   * of the term's IDF (as FTS5's bm25() computes it) times ts_rank of the term in the passage
   * (term frequency, saturating, length-normalized, the text weighed above the context).
   * Plain ts_rank_cd knows no IDF: a CVE id found in three passages would count no more than
   * "update". Every passage holding a term is ranked.
   */
  async keywordSearch(terms: readonly string[], filter: PassageFilter, limit: number): Promise<KeywordHit[]> {
    const weighted = await this.weighTerms(terms);
    return weighted.length ? this.rankTerms(weighted, filter, limit) : [];
  }

  /**
   * The top `limit` passages as keywordSearch ranks them, but on a large store terms that half
   * the passages hold are left out when the others decide the top: with FTS5's IDF floor
   * (1e-6) a passage holding only such terms scores at most a few millionths (`omittedUpTo`),
   * and ranking every passage that holds "advisory" or "update" is what makes a keyword query
   * slow. As the SQLite engine's keywordTop.
   */
  async keywordTop(terms: readonly string[], filter: PassageFilter, limit: number): Promise<KeywordTop> {
    const weighted = await this.weighTerms(terms);
    if (weighted.length === 0) return { hits: [], omittedUpTo: null };
    const full = async () => ({ hits: await this.rankTerms(weighted, filter, limit), omittedUpTo: null });
    const rows = weighted[0]!.n;
    if (rows < PRUNE_MIN_ROWS) return full();
    const kept = weighted.filter((t) => 2 * t.df < rows);
    const dropped = weighted.length - kept.length;
    if (dropped === 0 || kept.length === 0) return full();
    const bound = dropped * IDF_FLOOR * MAX_TERM_RANK;
    const top = await this.rankTerms(kept, filter, limit);
    const last = top.at(-1);
    if (top.length === limit && last && last.score <= bound) return full();
    return { hits: top, omittedUpTo: top.length < limit ? bound : null };
  }

  private async rankTerms(terms: readonly { term: string; idf: number }[], filter: PassageFilter, limit: number): Promise<KeywordHit[]> {
    const p = new Params();
    const filtered = isFiltered(filter);
    // One ts_rank per term, inline (a subquery per row over the terms costs four times as
    // much), and only for a term the passage holds: ts_rank gives a multi-lexeme term
    // ("cve-2021-10017" is four) partial credit for the parts another CVE id shares.
    const score = terms
      .map((t) => {
        const q = `plainto_tsquery('${TS_CONFIG}', ${p.add(t.term)})`;
        return `CASE WHEN p.tsv @@ ${q} THEN ${p.add(t.idf, 'float8')} * ts_rank('${RANK_WEIGHTS}', p.tsv, ${q}, 1) ELSE 0 END`;
      })
      .join(' + ');
    return this.q<{ id: string; score: number }>(
      `SELECT p.citation_id AS id, (${score})::float8 AS score
       FROM passages p${filtered ? ' JOIN stories s ON s.id = p.story_id' : ''}
       WHERE p.tsv @@ ${anyTermQuery(p, terms.map((t) => t.term))}${filtered ? ` AND ${filterSql(filter, p)}` : ''}
       ORDER BY score DESC, p.seq LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /**
   * Each distinct term PostgreSQL can search for (not a stop word), with its document
   * frequency (counted up to half the passages: beyond that the IDF is floored anyway) and
   * FTS5's IDF, max(1e-6, ln((N - n + 0.5) / (n + 0.5))). Frequencies are cached for a few
   * seconds (they only weigh terms), and dropped when this process writes.
   */
  private async weighTerms(terms: readonly string[]): Promise<{ term: string; df: number; n: number; idf: number }[]> {
    const distinct = [...new Set(terms)];
    if (distinct.length === 0) return [];
    const now = Date.now();
    if (now - this.dfCache.at > DF_TTL_MS || this.dfCache.df.size > DF_CACHE_SIZE) this.dfCache = { at: now, n: null, df: new Map() };
    const cache = this.dfCache;
    cache.n ??= (await this.counts()).passages;
    const n = cache.n;
    const missing = distinct.filter((t) => !cache.df.has(t));
    if (missing.length) {
      const rows = await this.q<{ term: string; df: number | null }>(
        `SELECT t.term, CASE WHEN q::text = '' THEN NULL ELSE (SELECT count(*)::int FROM (SELECT 1 FROM passages WHERE tsv @@ q LIMIT $2) x) END AS df
         FROM unnest($1::text[]) AS t(term), plainto_tsquery('${TS_CONFIG}', t.term) AS q`,
        [textArray(missing), Math.ceil(n / 2)],
      );
      for (const r of rows) cache.df.set(r.term, r.df);
    }
    return distinct.flatMap((term) => {
      const df = cache.df.get(term);
      return df === null || df === undefined ? [] : [{ term, df, n, idf: Math.max(IDF_FLOOR, Math.log((n - df + 0.5) / (df + 0.5))) }];
    });
  }

  /**
   * The passages nearest to `q` that pass the filter, best first: at most `depth`. A small
   * filtered set (or every passage when `exact`) is scanned exactly; otherwise the HNSW index
   * is walked with iterative scans, so a selective filter still fills `depth`.
   */
  async vectorSearch(q: readonly number[], filter: PassageFilter, depth: number, opts: { exact?: boolean } = {}): Promise<PassageVectorHit[]> {
    const dims = (await this.indexedEmbedder())?.dimensions ?? this.opts.embedder.dimensions;
    if (q.length !== dims) return [];
    const filtered = isFiltered(filter);
    const join = filtered ? ' JOIN stories s ON s.id = p.story_id' : '';
    let exact = opts.exact === true;
    const limit = this.opts.exactScanLimit ?? EXACT_SCAN_LIMIT;
    if (!exact && filtered && limit > 0) {
      const p = new Params();
      const [row] = await this.q<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM passages p${join} WHERE p.embedding IS NOT NULL AND ${filterSql(filter, p)} LIMIT ${limit + 1}) x`,
        p.values,
      );
      exact = (row?.n ?? 0) <= limit;
    }
    const p = new Params();
    const vec = p.add(vectorLiteral(q), `vector(${dims})`);
    const dist = `(p.embedding::vector(${dims}) <=> ${vec})`;
    const where = `${dimsClause(dims)}${filtered ? ` AND ${filterSql(filter, p)}` : ''}`;
    let rows: { id: string; seq: string; d: number }[];
    if (exact) {
      // MATERIALIZED keeps the planner from walking the HNSW index for an exact scan.
      rows = await this.q(
        `WITH f AS MATERIALIZED (SELECT p.citation_id AS id, p.seq, ${dist} AS d FROM passages p${join} WHERE ${where})
         SELECT id, seq::text AS seq, d FROM f ORDER BY d, seq LIMIT ${p.add(depth)}`,
        p.values,
      );
    } else {
      const ef = Math.min(MAX_EF_SEARCH, efFor(await this.countIndexed(), depth, this.opts.efSearch));
      rows = await this.tx(async (tx) => {
        // SET LOCAL: the settings end with this transaction, never leaking into a pooled connection.
        await tx.query(`SET LOCAL hnsw.ef_search = ${ef}`);
        if (filtered) await tx.query("SET LOCAL hnsw.iterative_scan = 'strict_order'");
        return this.q(`SELECT p.citation_id AS id, p.seq::text AS seq, ${dist} AS d FROM passages p${join} WHERE ${where} ORDER BY ${dist} LIMIT ${p.add(depth)}`, p.values, tx);
      });
      // Passages that embed the same text tie: list them in stored order, as SQLite does.
      rows.sort((a, b) => a.d - b.d || Number(a.seq) - Number(b.seq));
    }
    return rows.map((r) => ({ id: r.id, similarity: 1 - r.d }));
  }

  /** The number of passages with a vector (those the HNSW index holds), trusted for a while (`fresh` counts now). */
  private async countIndexed(fresh = false): Promise<number> {
    const now = Date.now();
    if (fresh || !this.vectorCount || now - this.vectorCount.at > COUNT_TTL_MS) {
      const [row] = await this.q<{ n: number }>('SELECT count(*)::int AS n FROM passages WHERE embedding IS NOT NULL');
      this.vectorCount = { n: row?.n ?? 0, at: now };
    }
    return this.vectorCount.n;
  }

  /** Distinct stored vectors (one per embedded text; passages without a vector hold NULL). */
  async countVectors(): Promise<number> {
    const [row] = await this.q<{ n: number }>('SELECT count(DISTINCT embed_key)::int AS n FROM passages WHERE embedding IS NOT NULL');
    return row?.n ?? 0;
  }

  /** Vectors the HNSW index holds: every stored one, or none while a bulk load has it dropped. */
  async indexedVectors(): Promise<number> {
    return (await this.hasVectorIndex(this.opts.embedder.dimensions)) ? this.countVectors() : 0;
  }

  /** Stored vectors by embedding key, for reuse when the embedded text has not changed. */
  async vectorsOf(keys: readonly string[]): Promise<Map<string, number[]>> {
    if (keys.length === 0) return new Map();
    const rows = await this.q<{ key: string; v: string }>(
      'SELECT DISTINCT ON (embed_key) embed_key AS key, embedding::text AS v FROM passages WHERE embed_key = ANY($1::text[]) AND embedding IS NOT NULL ORDER BY embed_key, seq',
      [textArray([...new Set(keys)])],
    );
    return new Map(rows.map((r) => [r.key, parseVector(r.v)]));
  }

  /** Ids of stories whose id is, or that name, any of the identifiers; at most `limit`, newest first. */
  async storiesIdentifiedBy(identifiers: readonly string[], limit: number): Promise<string[]> {
    if (identifiers.length === 0) return [];
    const rows = await this.q<{ id: string }>(
      `SELECT s.id FROM stories s WHERE s.id IN (
         SELECT id FROM stories WHERE lower(id) = ANY($1::text[])
         UNION SELECT story_id FROM story_entities WHERE norm = ANY($1::text[]))
       ORDER BY s.last_date DESC NULLS LAST, s.id LIMIT $2`,
      [textArray(identifiers.map(normalizeName)), limit],
    );
    return rows.map((r) => r.id);
  }

  async storiesNamingCve(cve: string): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      "SELECT story_id AS id FROM story_entities WHERE type = 'cve' AND norm = $1 GROUP BY story_id ORDER BY min(seq)",
      [normalizeName(cve)],
    );
    return rows.map((r) => r.id);
  }

  /** Stories matching a list query, newest first, and how many match in all. */
  async listStories(q: StoryListQuery): Promise<{ stories: StorySummary[]; total: number }> {
    const p = new Params();
    const clauses: string[] = [];
    if (q.terms?.length) clauses.push(`s.id IN (SELECT story_id FROM passages WHERE tsv @@ ${anyTermQuery(p, q.terms)})`);
    if (q.entity) clauses.push(`s.id IN (${entityClause({ name: q.entity, ...(q.entityType ? { type: q.entityType } : {}) }, p)})`);
    // A story is in a date range when any date it states (published, updated or a timeline
    // event) falls in it.
    if (q.since) clauses.push(`s.last_date >= ${p.add(q.since)}`);
    if (q.until) clauses.push(`s.first_date <= ${p.add(q.until)}`);
    if (q.since && q.until) {
      clauses.push(`EXISTS (SELECT 1 FROM (SELECT s.published AS d UNION ALL SELECT s.updated UNION ALL
        SELECT e->>'date' FROM jsonb_array_elements(s.data::jsonb->'timeline') e) x
        WHERE d COLLATE "C" BETWEEN ${p.add(q.since)} AND ${p.add(q.until)})`);
    }
    const where = clauses.length ? clauses.join(' AND ') : 'TRUE';
    const [count] = await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM stories s WHERE ${where}`, p.values);
    const rows = await this.q<StorySummary>(
      `SELECT s.id, s.title, s.published, s.updated, s.first_date, s.last_date,
         (SELECT count(*) FROM passages WHERE story_id = s.id)::int AS passage_count
       FROM stories s WHERE ${where}
       ORDER BY s.last_date IS NULL, s.last_date DESC, s.id LIMIT ${p.add(q.limit)} OFFSET ${p.add(q.offset)}`,
      p.values,
    );
    return { stories: rows, total: count?.n ?? 0 };
  }

  /** Stories naming an entity exactly (name or alias, case-insensitive), newest first, with the matching rows. */
  async storiesByEntity(
    name: string,
    type: string | undefined,
    offset: number,
    limit: number,
  ): Promise<{ total: number; stories: (StorySummary & { matched: { type: string; name: string }[] })[] }> {
    const page = await this.listStories({ entity: name, ...(type ? { entityType: type } : {}), offset, limit });
    if (page.stories.length === 0) return { total: page.total, stories: [] };
    const p = new Params();
    const rows = await this.q<{ story_id: string; type: string; name: string }>(
      `SELECT story_id, type, name FROM story_entities
       WHERE story_id = ANY(${p.add(textArray(page.stories.map((s) => s.id)), 'text[]')}) AND norm = ${p.add(normalizeName(name))}${type ? ` AND type = ${p.add(type.toLowerCase())}` : ''}
       GROUP BY story_id, type, name ORDER BY min(seq)`,
      p.values,
    );
    return {
      total: page.total,
      stories: page.stories.map((st) => ({ ...st, matched: rows.filter((r) => r.story_id === st.id).map((r) => ({ type: r.type, name: r.name })) })),
    };
  }

  /** Records KEV entries; returns the CVEs whose entry is new or changed. */
  async upsertKev(entries: readonly KevEntry[], catalogVersion: string): Promise<string[]> {
    if (entries.length === 0) return [];
    return this.tx(async (tx) => {
      const changed: string[] = [];
      const cves = entries.map((e) => e.cveID);
      const stored = new Map((await this.q<{ cve: string; data: string }>('SELECT cve, data FROM kev_entries WHERE cve = ANY($1::text[])', [textArray(cves)], tx)).map((r) => [r.cve, r.data]));
      const rows: [string, string][] = [];
      for (const e of entries) {
        const data = JSON.stringify(e);
        if (stored.get(e.cveID) === data) continue;
        stored.set(e.cveID, data);
        rows.push([e.cveID, data]);
        changed.push(e.cveID);
      }
      // One row per CVE per statement: ON CONFLICT cannot touch a row twice.
      const last = new Map(rows);
      const list = [...last.entries()];
      for (let i = 0; i < list.length; i += INSERT_BATCH) {
        const batch = list.slice(i, i + INSERT_BATCH);
        await this.q(
          `INSERT INTO kev_entries (cve, data, catalog_version) SELECT cve, data, $3 FROM unnest($1::text[], $2::text[]) AS t(cve, data)
           ON CONFLICT (cve) DO UPDATE SET data = excluded.data, catalog_version = excluded.catalog_version`,
          [textArray(batch.map((r) => r[0])), textArray(batch.map((r) => r[1])), catalogVersion],
          tx,
        );
      }
      return changed;
    });
  }

  async kevEntries(): Promise<{ entry: KevEntry; catalogVersion: string }[]> {
    const rows = await this.q<{ data: string; catalog_version: string }>('SELECT data, catalog_version FROM kev_entries ORDER BY cve', [], this.sql);
    return rows.map((r) => ({ entry: JSON.parse(r.data) as KevEntry, catalogVersion: r.catalog_version }));
  }

  async kevFor(cves: readonly string[], runner: SqlRunner = this.sql): Promise<KevEntry[]> {
    if (cves.length === 0) return [];
    const upper = cves.map((c) => c.toUpperCase());
    const rows = await this.q<{ cve: string; data: string }>('SELECT cve, data FROM kev_entries WHERE cve = ANY($1::text[])', [textArray(upper)], runner);
    const byCve = new Map(rows.map((r) => [r.cve, JSON.parse(r.data) as KevEntry]));
    return upper.flatMap((c) => {
      const e = byCve.get(c);
      return e ? [e] : [];
    });
  }

  /**
   * Writes stories and removes others in one transaction, with the write hooks run inside it.
   * An advisory lock serializes writers across processes (as SQLite's write lock does).
   */
  async write(writes: readonly StoryWrite[], removals: readonly string[], opts: WriteOptions = {}): Promise<void> {
    if (writes.length === 0 && removals.length === 0) return;
    for (const w of writes) {
      w.passages.forEach((p, i) => {
        if (hasVector(p) && w.vectors[i]?.length !== this.opts.embedder.dimensions) throw new Error(`internal: no ${this.opts.embedder.dimensions}-dimensional vector for passage ${p.citation_id}`);
      });
    }
    const dims = this.opts.embedder.dimensions;
    const before = await this.indexedEmbedder();
    if (before && before.dimensions !== dims) {
      // Only a reindex (every stored story rewritten) may change the embedder: check it before
      // dropping anything (the transaction checks again under the write lock).
      const [others] = await this.q<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM stories WHERE NOT (id = ANY($1::text[]))) AS any', [textArray(writes.map((w) => w.story.id))]);
      if (others?.any) checkSameEmbedder(before, this.opts.embedder);
    }
    // A bulk write as large as the index drops it and builds it once at the end, after its
    // transaction(s): a graph built at once costs less than one grown row by row. Only
    // passages with a vector (VECTOR_KINDS) are in the index, so only they are weighed.
    const adding = opts.bulkVectors ?? writes.reduce((n, w) => n + w.passages.filter(hasVector).length, 0);
    let dropped = false;
    if (adding >= (this.opts.bulkIndexMin ?? BULK_INDEX_MIN) && adding >= (await this.countIndexed(true))) {
      await this.dropVectorIndex(dims);
      dropped = true;
    }
    // A reindex to another dimension: the old index cannot hold the new vectors.
    if (before && before.dimensions !== dims && (await this.hasVectorIndex(before.dimensions))) {
      await this.dropVectorIndex(before.dimensions);
      dropped = true;
    }
    try {
      await this.tx(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.write]);
        const rewritten = writes.map((w) => w.story.id);
        // Rewriting every stored story (a reindex) is how the embedder is changed; anything less
        // must match the embedder the stored vectors come from.
        const [others] = await tx.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM stories WHERE NOT (id = ANY($1::text[]))) AS any', [textArray(rewritten)]);
        const indexed = await this.indexedEmbedder(tx);
        if (others?.any) checkSameEmbedder(indexed, this.opts.embedder);
        const previous = new Map(
          (await tx.query<{ id: string; data: string }>('SELECT id, data FROM stories WHERE id = ANY($1::text[])', [textArray(rewritten)])).map((r) => [r.id, JSON.parse(r.data) as Story]),
        );
        const changes: StoryChange[] = writes.map((w) => ({ ...w, previous: previous.get(w.story.id) ?? null }));
        // Passages and entities go with their story (ON DELETE CASCADE).
        await tx.query('DELETE FROM stories WHERE id = ANY($1::text[])', [textArray([...removals, ...rewritten])]);
        await this.insertStories(tx, writes);
        await this.setMeta('embedder', JSON.stringify(this.opts.embedder), tx);
        const hookTx = this.writeTx(tx);
        for (const hook of this.hooks) await hook(changes, hookTx);
      });
    } catch (err) {
      // The write is rolled back: the index it dropped comes back for the vectors still stored.
      if (dropped) await this.ensureVectorIndex().catch(() => undefined);
      throw err;
    } finally {
      this.vectorCount = null;
      this.dfCache = { at: 0, n: null, df: new Map() };
    }
    if (!opts.deferIndex) await this.ensureVectorIndex();
  }

  /** What write hooks may read and write, on the story write's transaction. */
  private writeTx(tx: SqlRunner): WriteTx {
    return {
      activeSubscriptions: () => activeSubscriptions(tx),
      enqueue: async (d) => {
        const row = deliveryRow(d);
        await insertDeliveries(tx, [row]);
        return row[0];
      },
      indexAdvisories: (stories) => indexAdvisories(tx, stories),
      assetsByKeys: (keys) => assetsByKeys(tx, keys),
      vexFor: (cves) => vexFor(tx, cves),
      storyHeads: (ids) => this.storyHeads(ids, tx),
      passagesOf: (id) => this.passagesOf(id, tx),
      kevFor: (cves) => this.kevFor(cves, tx),
    };
  }

  /** Multi-row inserts of stories, their passages and entity rows (one array per column per statement). */
  private async insertStories(tx: SqlRunner, writes: readonly StoryWrite[]): Promise<void> {
    const now = new Date().toISOString();
    for (let i = 0; i < writes.length; i += INSERT_BATCH) {
      const batch = writes.slice(i, i + INSERT_BATCH);
      const dates = batch.map((w) => storyDates(w.story));
      await tx.query(
        `INSERT INTO stories (id, title, published, updated, first_date, last_date, content_hash, data, ingested_at)
         SELECT *, $9 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
        [
          textArray(batch.map((w) => w.story.id)),
          textArray(batch.map((w) => w.story.title)),
          textArray(batch.map((w) => w.story.published ?? null)),
          textArray(batch.map((w) => w.story.updated ?? null)),
          textArray(dates.map((d) => d[0] ?? null)),
          textArray(dates.map((d) => d[d.length - 1] ?? null)),
          textArray(batch.map((w) => w.hash)),
          textArray(batch.map((w) => JSON.stringify(w.story))),
          now,
        ],
      );
    }
    // A passage of a kind without a vector (VECTOR_KINDS) is stored with NULL and the empty key.
    const passages = writes.flatMap((w) => w.passages.map((p, i) => ({ p, v: hasVector(p) ? (w.vectors[i] ?? null) : null })));
    for (let i = 0; i < passages.length; i += INSERT_BATCH) {
      const batch = passages.slice(i, i + INSERT_BATCH);
      const col = (f: (x: (typeof batch)[number]) => string | number | null) => textArray(batch.map(f));
      await tx.query(
        `INSERT INTO passages (citation_id, story_id, kind, field, ordinal, text, span_start, span_end, date, source, context, embed_key, embedding)
         SELECT c, s, k, f, o, t, ss, se, d, src, ctx, ek, v::vector FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[],
           $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) AS x(c, s, k, f, o, t, ss, se, d, src, ctx, ek, v)`,
        [
          col((x) => x.p.citation_id),
          col((x) => x.p.story_id),
          col((x) => x.p.kind),
          col((x) => x.p.field),
          col((x) => x.p.ordinal),
          col((x) => x.p.text),
          col((x) => x.p.span.start),
          col((x) => x.p.span.end),
          col((x) => x.p.date),
          col((x) => (x.p.source ? JSON.stringify(x.p.source) : null)),
          col((x) => x.p.context),
          col((x) => embedKey(x.p)),
          col((x) => (x.v ? vectorLiteral(x.v) : null)),
        ],
      );
    }
    const entities = writes.flatMap((w) =>
      w.story.entities.flatMap((e) => [e.name, ...(e.aliases ?? [])].map((name) => [w.story.id, e.type.toLowerCase(), name, normalizeName(name)] as const)),
    );
    for (let i = 0; i < entities.length; i += INSERT_BATCH) {
      const batch = entities.slice(i, i + INSERT_BATCH);
      await tx.query('INSERT INTO story_entities (story_id, type, name, norm) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])', [
        textArray(batch.map((e) => e[0])),
        textArray(batch.map((e) => e[1])),
        textArray(batch.map((e) => e[2])),
        textArray(batch.map((e) => e[3])),
      ]);
    }
  }
}

/** True for an error of the connection rather than of a statement (the server went away, a socket broke). */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return /^(E[A-Z]+|08\d{3}|57P0[1-3]|28\w{3}|3D000)$/.test(code) || /Connection terminated|connection timeout/i.test((err as Error).message ?? '');
}
