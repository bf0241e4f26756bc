import type { SqlClient } from './client.js';
import { TS_CONFIG } from './sql.js';
import { ASSETS_SQL } from './assets.js';
import { SUBSCRIPTIONS_SQL } from './subscriptions.js';

/** Advisory lock keys (arbitrary constants, the same in every Storyline process). */
export const LOCKS = {
  migrate: 7_246_001,
  write: 7_246_002,
  /** Held (session-level) by a process whose bulk load dropped the HNSW index and will build it at its end. */
  bulk: 7_246_003,
} as const;

/**
 * Versioned migrations, applied in order, each once (recorded in storyline_migrations).
 * Append new ones; never edit one that has shipped. Ids and dates compare bytewise
 * (COLLATE "C"), as SQLite compares them, whatever the database's locale.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE stories (
  id text COLLATE "C" PRIMARY KEY,
  title text NOT NULL,
  published text COLLATE "C",
  updated text COLLATE "C",
  first_date text COLLATE "C",
  last_date text COLLATE "C",
  content_hash text NOT NULL,
  data text NOT NULL,
  ingested_at text NOT NULL
);
CREATE INDEX stories_lower_id ON stories (lower(id));
CREATE INDEX stories_last_date ON stories (last_date DESC NULLS LAST, id);
-- One row per passage; passages that embed the same text (embed_key) hold the same vector.
-- The vector column has no fixed dimension: the HNSW index is an expression index on
-- embedding::vector(N) for the configured embedder's N (see vectorIndexSql).
CREATE TABLE passages (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  citation_id text COLLATE "C" NOT NULL UNIQUE,
  story_id text COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  kind text NOT NULL,
  field text NOT NULL,
  ordinal integer NOT NULL,
  text text NOT NULL,
  span_start integer NOT NULL,
  span_end integer NOT NULL,
  date text COLLATE "C",
  source text,
  context text NOT NULL DEFAULT '',
  embed_key text NOT NULL,
  embedding vector NOT NULL,
  -- A passage's own words weigh A, its context (titles) B, as SQLite's BM25 weighs 1 and 0.6.
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('${TS_CONFIG}', text), 'A') || setweight(to_tsvector('${TS_CONFIG}', context), 'B')
  ) STORED
);
CREATE INDEX passages_story ON passages (story_id, ordinal);
CREATE INDEX passages_embed_key ON passages (embed_key);
CREATE INDEX passages_tsv ON passages USING gin (tsv);
CREATE TABLE story_entities (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  story_id text COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  type text NOT NULL,
  name text NOT NULL,
  norm text NOT NULL
);
CREATE INDEX story_entities_norm ON story_entities (norm);
CREATE INDEX story_entities_story ON story_entities (story_id);
CREATE TABLE kev_entries (cve text PRIMARY KEY, data text NOT NULL, catalog_version text NOT NULL);
`,
  },
  { version: 2, sql: SUBSCRIPTIONS_SQL },
  { version: 3, sql: ASSETS_SQL },
  // HNSW m 16 / ef_construction 128 missed the exact top 10 too often (0.85 on 110k hashed
  // vectors): drop every HNSW index built with them; the next open builds it with HNSW below.
  {
    version: 4,
    sql: `
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexname FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = 'passages' AND indexname LIKE 'passages\\_embedding\\_hnsw\\_%'
  LOOP
    EXECUTE format('DROP INDEX %I', r.indexname);
  END LOOP;
END $$;
`,
  },
  // Only passages of VECTOR_KINDS (body, timeline) carry a vector; the others are stored with
  // NULL (and the empty embed_key), which the partial HNSW index leaves out.
  { version: 5, sql: 'ALTER TABLE passages ALTER COLUMN embedding DROP NOT NULL;' },
];

/**
 * HNSW graph parameters (pgvector's defaults are m 16, ef_construction 64). On 110k 512-d
 * hashed vectors, whose queries sit far from every passage, m 16 / ef_construction 128 found
 * 0.80 of the exact top 10 at ef_search 994, m 32 / 200 found 0.92, m 32 / 400 0.98-0.99
 * (0.96-0.98 over 200 queries; hnswlib's M 32 / efConstruction 400, as the SQLite index). Changing them needs a migration
 * that drops the built indexes (see version 4).
 */
export const HNSW = { m: 32, efConstruction: 400 } as const;

/**
 * maintenance_work_mem (kB) for building the HNSW index over `rows` vectors of `dims`: enough
 * for pgvector to build the graph in memory (each element holds its vector and up to 2·m
 * neighbours at layer 0), at most 1 GB; beyond what fits it goes on building on disk, slower.
 */
export const indexBuildMemoryKb = (rows: number, dims: number) =>
  Math.min(1024 * 1024, Math.max(64 * 1024, Math.ceil((rows * (dims * 4 + HNSW.m * 48 + 128)) / 1024)));

/** The name of the HNSW index for vectors of `dims` dimensions. */
export const vectorIndexName = (dims: number) => `passages_embedding_hnsw_${dims}`;

/**
 * Creates the HNSW index for `dims`-dimensional vectors (cosine distance) if it is missing.
 * It is partial (only vectors of that dimension), so rows of another dimension, such as those
 * a reindex deleted earlier in the same transaction, are never cast, and passages without a
 * vector (NULL: kinds outside VECTOR_KINDS) are not in it; a query uses it when its
 * WHERE holds the same `vector_dims(...) = N` (see dimsClause).
 */
export const vectorIndexSql = (dims: number) =>
  `CREATE INDEX IF NOT EXISTS ${vectorIndexName(dims)} ON passages USING hnsw ((embedding::vector(${dims})) vector_cosine_ops)
   WITH (m = ${HNSW.m}, ef_construction = ${HNSW.efConstruction}) WHERE vector_dims(embedding) = ${dims}`;

/** The predicate of the HNSW index for `dims`, for the WHERE of a query over `passages p`. */
export const dimsClause = (dims: number) => `vector_dims(p.embedding) = ${dims}`;

/**
 * Brings the database up to the latest schema: the vector extension, then every migration not
 * yet applied, in one transaction under an advisory lock so that two processes starting
 * together never race (the second waits, then finds nothing left to do).
 */
export async function migrate(client: SqlClient): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrate]);
    await tx.query('CREATE EXTENSION IF NOT EXISTS vector');
    await tx.query('CREATE TABLE IF NOT EXISTS storyline_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM storyline_migrations')).map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO storyline_migrations (version) VALUES ($1)', [m.version]);
    }
  });
}
