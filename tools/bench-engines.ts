/**
 * SQLite vs PostgreSQL side by side in one run (`npm run bench -- engines`): the same stories
 * ingested into each, then the seed question set through the unchanged retriever (hybrid,
 * keyword, vector: recall and latency), and on a synthetic corpus the latency of keyword and
 * vector search and the recall@10 of each approximate index against an exact scan.
 * PostgreSQL is the database at STORYLINE_BENCH_DATABASE_URL, which the bench owns: its
 * public schema is dropped and recreated before each corpus. Unset, PGlite runs in-process.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { vector } from '@electric-sql/pglite/vector';
import type { Config } from '../src/config.js';
import { embedInBatches, normalize, type Embedder } from '../src/embed/embedder.js';
import { createEmbedder } from '../src/embed/index.js';
import { ingestPaths } from '../src/ingest/files.js';
import { ingestStories } from '../src/ingest/ingest.js';
import { queryTerms } from '../src/retrieval/query.js';
import { createRetriever, type SearchMode } from '../src/retrieval/search.js';
import { pgliteClient } from '../src/store/postgres/client.js';
import { PgStore } from '../src/store/postgres/store.js';
import { openStore, type Store } from '../src/store/store.js';
import { evaluate, type QuestionSet } from './eval-lib.js';
import { percentile } from './stats.js';
import { syntheticStories } from './synthetic.js';

/** One engine's figures. */
export interface EngineRow {
  engine: string;
  ingestSecs: number;
  quality: Record<SearchMode, { recallAt5: number; recallAt10: number; mrr: number; p50: number; p95: number }>;
  synthetic: { passages: number; ingestSecs: number; keywordP50: number; keywordP95: number; vectorP50: number; vectorP95: number; annRecallAt10: number };
}

/** A deterministic bag-of-words embedder, so the synthetic corpus is measured at size in seconds (its vectors carry no meaning). */
function hashedEmbedder(dimensions = 256): Embedder {
  const embed = (t: string) => {
    const v = new Array<number>(dimensions).fill(0);
    for (const w of t.toLowerCase().match(/[a-z0-9]+/g) ?? []) v[createHash('md5').update(w).digest().readUInt16LE(0) % dimensions]! += 1;
    v[0]! += 0.01;
    return v;
  };
  return {
    info: { provider: 'bench', model: 'hashed-bow', dimensions },
    embedDocuments: (texts, onProgress) => embedInBatches(texts, 256, (b) => Promise.resolve(b.map(embed)), onProgress),
    embedQuery: (text) => Promise.resolve(normalize(embed(text))),
  };
}

interface Opened {
  store: Store;
  close(): Promise<void>;
}

type Opener = (embedder: Embedder, fresh: string) => Promise<Opened>;

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, (performance.now() - t0) / 1000];
};

async function measure(engine: string, open: Opener, config: Config, questions: QuestionSet, syntheticPassages: number): Promise<EngineRow> {
  const embedder = createEmbedder(config.embeddings);
  const a = await open(embedder, 'seed');
  const quality = {} as EngineRow['quality'];
  let ingestSecs: number;
  try {
    [, ingestSecs] = await time(() => ingestPaths({ store: a.store, embedder, chunk: { chunkSize: config.chunk.size, chunkOverlap: config.chunk.overlap }, batchStories: config.ingest.batchStories }, [config.corpusDir]));
    const retriever = createRetriever(a.store, embedder, { fusion: { method: config.retrieval.fusion, rrfK: config.retrieval.rrfK, alpha: config.retrieval.alpha }, candidates: config.retrieval.candidates });
    for (const mode of ['hybrid', 'keyword', 'vector'] as const) {
      const r = await evaluate(retriever, questions, mode);
      const lat: number[] = [];
      for (const q of questions.questions) {
        const t0 = performance.now();
        await retriever.search({ query: q.q, limit: 10, mode });
        lat.push(performance.now() - t0);
      }
      quality[mode] = { recallAt5: r.recallAt5, recallAt10: r.recallAt10, mrr: r.mrr, p50: percentile(lat, 50), p95: percentile(lat, 95) };
    }
  } finally {
    await a.close();
  }

  const hashed = hashedEmbedder();
  const b = await open(hashed, 'synthetic');
  try {
    const stories = syntheticStories(syntheticPassages);
    const [, synIngest] = await time(() => ingestStories(b.store, hashed, stories));
    const passages = (await b.store.counts()).passages;
    const queries = stories.filter((_, i) => i % Math.max(1, Math.floor(stories.length / 50)) === 0).slice(0, 50).map((s) => `${s.title} operators isolate update`);
    const kw: number[] = [];
    const vec: number[] = [];
    let found = 0;
    let wanted = 0;
    for (const text of queries) {
      const t0 = performance.now();
      await b.store.keywordTop(queryTerms(text), {}, 50);
      kw.push(performance.now() - t0);
      const q = await hashed.embedQuery(text);
      const t1 = performance.now();
      const ann = await b.store.vectorSearch(q, {}, 10);
      vec.push(performance.now() - t1);
      const exact = await b.store.vectorSearch(q, {}, 10, { exact: true });
      // Passages with the same text tie: count hits whose similarity reaches the exact 10th.
      const cutoff = (exact.at(-1)?.similarity ?? 0) - 1e-6;
      found += Math.min(10, ann.filter((h) => h.similarity >= cutoff).length);
      wanted += exact.length;
    }
    return {
      engine,
      ingestSecs,
      quality,
      synthetic: { passages, ingestSecs: synIngest, keywordP50: percentile(kw, 50), keywordP95: percentile(kw, 95), vectorP50: percentile(vec, 50), vectorP95: percentile(vec, 95), annRecallAt10: found / wanted },
    };
  } finally {
    await b.close();
  }
}

/** Runs the comparison; `databaseUrl` names an empty PostgreSQL database, else PGlite is used. */
export async function benchEngines(config: Config, questions: QuestionSet, syntheticPassages: number, databaseUrl?: string): Promise<EngineRow[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'storyline-bench-engines-'));
  const rows: EngineRow[] = [];
  try {
    rows.push(
      await measure('SQLite + FTS5 + HNSW file', async (embedder, fresh) => {
        const store = await openStore({ dataDir: path.join(root, fresh), embedder: embedder.info, vectors: { ...(config.retrieval.efSearch ? { efSearch: config.retrieval.efSearch } : {}) } });
        return { store, close: () => store.close() };
      }, config, questions, syntheticPassages),
    );
    let pglite: PGlite | null = null;
    const pgOpen: Opener = async (embedder) => {
      if (databaseUrl) {
        // Each corpus starts from an empty database: the bench owns the one it is given.
        const admin = new pg.Client({ connectionString: databaseUrl });
        await admin.connect();
        await admin.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;').finally(() => admin.end());
        const store = await PgStore.open(databaseUrl, { embedder: embedder.info });
        return { store, close: () => store.close() };
      }
      pglite?.close().catch(() => undefined);
      pglite = await PGlite.create({ extensions: { vector } });
      const store = await PgStore.openOn(pgliteClient(pglite), { embedder: embedder.info, where: 'PGlite' });
      return { store, close: () => store.close() };
    };
    rows.push(await measure(databaseUrl ? 'PostgreSQL + pgvector' : 'PGlite + pgvector', pgOpen, config, questions, syntheticPassages));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

/** The rows as Markdown tables. */
export function engineTables(rows: readonly EngineRow[]): string {
  const f = (x: number, d = 3) => x.toFixed(d);
  const out = ['| engine | mode | recall@5 | recall@10 | MRR | p50 ms | p95 ms |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) for (const [mode, q] of Object.entries(r.quality)) out.push(`| ${r.engine} | ${mode} | ${f(q.recallAt5)} | ${f(q.recallAt10)} | ${f(q.mrr)} | ${f(q.p50, 1)} | ${f(q.p95, 1)} |`);
  out.push('', '| engine | synthetic passages | ingest s | keyword p50/p95 ms | vector p50/p95 ms | ANN recall@10 vs exact |', '|---|---|---|---|---|---|');
  for (const r of rows) {
    const s = r.synthetic;
    out.push(`| ${r.engine} | ${s.passages} | ${f(s.ingestSecs, 1)} | ${f(s.keywordP50, 1)} / ${f(s.keywordP95, 1)} | ${f(s.vectorP50, 1)} / ${f(s.vectorP95, 1)} | ${f(s.annRecallAt10)} |`);
  }
  return out.join('\n');
}
