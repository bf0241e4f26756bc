/**
 * SQLite vs PostgreSQL side by side in one run (`npm run bench -- engines`), per corpus:
 * - ingest passages/s (and, where a corpus is moved rather than embedded twice, export and
 *   import with `storyline export`/`import`'s code, nothing re-embedded), each step labelled;
 * - search_passages p50/p95 through MCP (a spawned `serve --http 0 --stateless` and the SDK
 *   client) for hybrid, keyword and vector, with the question set's recall@10 per mode;
 * - recall@10 of the approximate vector index against an exact scan, for the questions' vectors;
 * - throughput of hybrid search_passages from concurrent clients spread round-robin over 1, 2, 4
 *   replicas on one PostgreSQL, and over the one SQLite process (a file is not shared).
 * The spawned servers use the store's embedder: each corpus carries the embedder environment
 * both the bench and its servers run with. PostgreSQL is the database the caller gives
 * (the bench owns it: its public schema is dropped before each corpus), or none (skipped).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pg from 'pg';
import { openApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ingestStories } from '../src/ingest/ingest.js';
import { createLogger } from '../src/log.js';
import type { SearchMode } from '../src/retrieval/search.js';
import { exportStore, importStore } from '../src/store/transfer.js';
import type { Story } from '../src/story/schema.js';
import { evaluate, type QuestionSet } from './eval-lib.js';
import { startReplica, stopReplica, type Replica } from './replicas.js';
import { percentile } from './stats.js';

const MODES = ['hybrid', 'keyword', 'vector'] as const satisfies readonly SearchMode[];
const TOKEN = `bench-${randomBytes(12).toString('hex')}`;

/** One corpus to measure on both engines. */
export interface EngineCorpus {
  label: string;
  /** What the embedder is, for the output. */
  embedderNote: string;
  /** STORYLINE_EMBEDDINGS* / OPENAI_* settings of the bench's stores and of the servers it spawns. */
  embedderEnv: Record<string, string>;
  /** Stories in memory, or files and directories as `storyline ingest` takes them. */
  source: { stories: readonly Story[] } | { paths: string[] };
  questions: QuestionSet;
  /**
   * Embed once into SQLite, then move the store into PostgreSQL with export/import (no
   * re-embedding), instead of ingesting into each engine.
   */
  moveByExport: boolean;
}

/** What the bench runs. */
export interface EngineBenchOptions {
  corpora: EngineCorpus[];
  /** An empty PostgreSQL database the bench may wipe, or null to measure SQLite alone. */
  databaseUrl: string | null;
  /** Replica counts for the PostgreSQL throughput runs, ascending. */
  replicas: number[];
  clients: number;
  callsPerClient: number;
  /** Sequential search_passages calls per mode for the latency figures. */
  searchCalls: number;
  log?: (line: string) => void;
}

export interface IngestRow {
  corpus: string;
  engine: string;
  step: string;
  stories: number;
  passages: number;
  secs: number;
}

export interface SearchRow {
  corpus: string;
  engine: string;
  passages: number;
  latency: Record<(typeof MODES)[number], { p50: number; p95: number; recall10: number }>;
  annRecall10: number;
  questions: number;
}

export interface ThroughputRow {
  corpus: string;
  engine: string;
  replicas: number;
  clients: number;
  requests: number;
  perSec: number;
  p50: number;
  p95: number;
}

export interface EngineBenchResult {
  corpora: { label: string; embedderNote: string; questions: number }[];
  ingest: IngestRow[];
  search: SearchRow[];
  throughput: ThroughputRow[];
}

const SQLITE = 'SQLite';
const POSTGRES = 'PostgreSQL';

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, (performance.now() - t0) / 1000];
};

/** Drops and recreates the public schema: each corpus starts from an empty database. */
async function wipe(databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await admin.end();
  }
}

async function connect(r: Replica): Promise<Client> {
  const client = new Client({ name: 'bench-engines', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(r.url), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
  return client;
}

async function search(client: Client, query: string, mode: SearchMode): Promise<number> {
  const t0 = performance.now();
  const r = await client.callTool({ name: 'search_passages', arguments: { query, mode, limit: 10 } });
  const ms = performance.now() - t0;
  if (r.isError) throw new Error(`search_passages failed: ${JSON.stringify(r.content).slice(0, 500)}`);
  return ms;
}

/** Recall@10 of the store's approximate vector search against its exact scan (a tie with the exact 10th counts). */
async function annRecall(app: App, vectors: readonly number[][]): Promise<number> {
  let found = 0;
  let wanted = 0;
  for (const v of vectors) {
    const ann = await app.store.vectorSearch(v, {}, 10);
    const exact = await app.store.vectorSearch(v, {}, 10, { exact: true });
    const cutoff = (exact.at(-1)?.similarity ?? 0) - 1e-5;
    found += Math.min(exact.length, ann.filter((h) => h.similarity >= cutoff).length);
    wanted += exact.length;
  }
  return wanted ? found / wanted : 0;
}

/** One engine's store for one corpus: an app opened in-process, and the environment of its servers. */
interface Side {
  engine: string;
  env: Record<string, string>;
  /** Environment of the i-th spawned server (each replica keeps a data directory of its own). */
  serverEnv(i: number): Record<string, string>;
}

async function measureCorpus(c: EngineCorpus, opts: EngineBenchOptions, out: EngineBenchResult): Promise<void> {
  const log = opts.log ?? (() => undefined);
  const root = mkdtempSync(path.join(tmpdir(), 'storyline-bench-engines-'));
  const base = { ...c.embedderEnv, STORYLINE_SECRET_KEY: randomBytes(32).toString('base64'), STORYLINE_LOG_LEVEL: 'warn' };
  const server = { STORYLINE_HTTP_TOKENS: `bench:${TOKEN}`, STORYLINE_HTTP_RATE_LIMIT: '1000000', STORYLINE_LOG_LEVEL: 'info' };
  const sqlite: Side = {
    engine: SQLITE,
    env: { ...base, STORYLINE_DATA_DIR: path.join(root, 'sqlite') },
    serverEnv: () => ({ ...sqlite.env, ...server }),
  };
  const sides: Side[] = [sqlite];
  if (opts.databaseUrl) {
    const url = opts.databaseUrl;
    const env = { ...base, STORYLINE_DATA_DIR: path.join(root, 'pg-bench'), STORYLINE_DATABASE_URL: url };
    sides.push({ engine: POSTGRES, env, serverEnv: (i) => ({ ...env, ...server, STORYLINE_DATA_DIR: path.join(root, `pg-replica-${i}`) }) });
    await wipe(url);
  }
  const open = (s: Side) => openApp(loadConfig({ env: s.env }), { log: createLogger('warn') });
  const ingestRow = (engine: string, step: string, r: { stories: number; passages: number }, secs: number) => {
    out.ingest.push({ corpus: c.label, engine, step, stories: r.stories, passages: r.passages, secs });
    log(`${c.label}: ${engine} ${step}: ${r.passages} passages in ${secs.toFixed(1)} s`);
  };
  const ingest = async (app: App) => {
    const chunk = { chunkSize: app.config.chunk.size, chunkOverlap: app.config.chunk.overlap };
    let said = 0;
    const onProgress = (d: number, t: number) => {
      if (d < t && d < said + 1000) return;
      said = d;
      log(`  ${c.label}: embedded ${d}/${t}`);
    };
    if ('stories' in c.source) await ingestStories(app.store, app.embedder, c.source.stories, { chunk, batchStories: app.config.ingest.batchStories, onProgress });
    else await app.ingestPaths(c.source.paths, { keepGoing: true, onProgress });
    return app.store.counts();
  };

  try {
    // Ingest (or move), then the in-process figures: question-set recall per mode and ANN recall.
    const file = path.join(root, 'export.jsonl.gz');
    let queryVectors: number[][] | null = null;
    const passages = new Map<string, number>();
    const quality = new Map<string, Record<string, number>>();
    for (const side of sides) {
      const app = await open(side);
      try {
        let counts: { stories: number; passages: number };
        if (side.engine === SQLITE || !c.moveByExport) {
          let secs: number;
          [counts, secs] = await time(() => ingest(app));
          ingestRow(side.engine, `ingest: embed + write (${c.embedderNote})`, counts, secs);
          if (c.moveByExport) {
            const [r, exportSecs] = await time(() => exportStore(app.store, app.embedder.info, file));
            ingestRow(side.engine, 'export (storyline export, gzip)', r, exportSecs);
            // The same import into an empty SQLite store: write speed without the model, for comparison.
            const again = await openApp(loadConfig({ env: { ...side.env, STORYLINE_DATA_DIR: path.join(root, 'sqlite-import') } }), { log: createLogger('warn') });
            try {
              const [ri, importSecs] = await time(() => importStore(again.store, again.embedder.info, file));
              ingestRow(side.engine, 'import of that export into an empty store, no embedding', ri, importSecs);
            } finally {
              await again.close();
            }
          }
        } else {
          const [r, secs] = await time(() => importStore(app.store, app.embedder.info, file));
          counts = r;
          ingestRow(side.engine, 'import of the SQLite export, no embedding', r, secs);
        }
        passages.set(side.engine, counts.passages);
        log(`${c.label}: ${side.engine}: recall per mode, ANN vs exact`);
        queryVectors ??= await Promise.all(c.questions.questions.map((q) => app.embedder.embedQuery(q.q)));
        const q: Record<string, number> = { ann: await annRecall(app, queryVectors) };
        for (const mode of MODES) q[mode] = (await evaluate(app.retriever, c.questions, mode)).recallAt10;
        quality.set(side.engine, q);
      } finally {
        await app.close();
      }
    }

    // Through MCP: spawned servers on the stores just written.
    const queries = c.questions.questions.map((q) => q.q);
    const used = queries.slice(0, Math.min(queries.length, opts.callsPerClient + opts.clients));
    for (const side of sides) {
      const replicas: Replica[] = [];
      try {
        const counts = side.engine === SQLITE ? [1] : opts.replicas;
        for (const n of counts) {
          while (replicas.length < n) {
            log(`${c.label}: ${side.engine}: starting server ${replicas.length + 1}`);
            const r = await startReplica(side.serverEnv(replicas.length));
            replicas.push(r);
            // Warm-up, not measured: the index loads and each query's embedding is cached, so
            // the figures are the engine's, not the embedding model's (the same on both).
            const warm = await connect(r);
            for (const q of side.engine === SQLITE || replicas.length === 1 ? queries : used) await search(warm, q, 'hybrid');
            if (replicas.length === 1) {
              const latency = {} as SearchRow['latency'];
              for (const mode of MODES) {
                const ms: number[] = [];
                for (let i = 0; i < opts.searchCalls; i++) ms.push(await search(warm, queries[i % queries.length]!, mode));
                latency[mode] = { p50: percentile(ms, 50), p95: percentile(ms, 95), recall10: quality.get(side.engine)![mode]! };
              }
              out.search.push({ corpus: c.label, engine: side.engine, passages: passages.get(side.engine)!, latency, annRecall10: quality.get(side.engine)!.ann!, questions: c.questions.questions.length });
            }
            await warm.close();
          }
          log(`${c.label}: ${side.engine}: ${opts.clients} clients over ${n} server(s)`);
          out.throughput.push({ corpus: c.label, engine: side.engine, ...(await drive(replicas, used, opts)) });
        }
      } finally {
        await Promise.all(replicas.map((r) => stopReplica(r)));
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `clients` MCP clients spread round-robin over the replicas, each calling hybrid search `callsPerClient` times. */
async function drive(replicas: readonly Replica[], queries: readonly string[], opts: EngineBenchOptions): Promise<Omit<ThroughputRow, 'corpus' | 'engine'>> {
  const clients = await Promise.all(Array.from({ length: opts.clients }, (_, i) => connect(replicas[i % replicas.length]!)));
  try {
    const ms: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      clients.map(async (client, ci) => {
        for (let i = 0; i < opts.callsPerClient; i++) ms.push(await search(client, queries[(i + ci) % queries.length]!, 'hybrid'));
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    return { replicas: replicas.length, clients: clients.length, requests: ms.length, perSec: ms.length / secs, p50: percentile(ms, 50), p95: percentile(ms, 95) };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** Runs every corpus on SQLite and, with a database, on PostgreSQL. */
export async function benchEngines(opts: EngineBenchOptions): Promise<EngineBenchResult> {
  const out: EngineBenchResult = { corpora: [], ingest: [], search: [], throughput: [] };
  for (const c of opts.corpora) {
    out.corpora.push({ label: c.label, embedderNote: c.embedderNote, questions: c.questions.questions.length });
    await measureCorpus(c, opts, out);
  }
  return out;
}

/** The figures as Markdown tables. */
export function engineTables(r: EngineBenchResult): string {
  const f = (x: number, d = 1) => x.toFixed(d);
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    '| corpus | engine | step (what is timed) | stories | passages | s | passages/s |',
    '|---|---|---|---|---|---|---|',
    ...r.ingest.map((i) => `| ${i.corpus} | ${i.engine} | ${i.step} | ${n(i.stories)} | ${n(i.passages)} | ${f(i.secs)} | ${f(i.passages / i.secs, 0)} |`),
    '',
    '| corpus | engine | passages | hybrid p50 / p95 ms | keyword p50 / p95 ms | vector p50 / p95 ms | recall@10 hybrid / keyword / vector | ANN recall@10 vs exact |',
    '|---|---|---|---|---|---|---|---|',
    ...r.search.map(
      (s) =>
        `| ${s.corpus} | ${s.engine} | ${n(s.passages)} | ${MODES.map((m) => `${f(s.latency[m].p50)} / ${f(s.latency[m].p95)}`).join(' | ')} | ${MODES.map((m) => f(s.latency[m].recall10, 3)).join(' / ')} | ${f(s.annRecall10, 3)} |`,
    ),
    '',
    '| corpus | engine | servers | clients | requests | requests/s | p50 ms | p95 ms |',
    '|---|---|---|---|---|---|---|---|',
    ...r.throughput.map((t) => `| ${t.corpus} | ${t.engine} | ${t.replicas} | ${t.clients} | ${t.requests} | ${f(t.perSec)} | ${f(t.p50)} | ${f(t.p95)} |`),
  ].join('\n');
}
