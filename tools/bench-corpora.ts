/**
 * Corpus figures for `npm run bench`, side by side: ingest speed and peak memory (each run in
 * a process of its own), time to resume after a kill -9, index size and load time, search
 * latency per retriever through the MCP client, and quality on a question set for hybrid,
 * BM25 only, vector only and exact (brute-force) vector search.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import Database from 'better-sqlite3';
import { asSqlite } from '../src/store/sqlite/store.js';
import { openApp } from '../src/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { dataDirLayout } from '../src/data-dir.js';
import { createLogger } from '../src/log.js';
import { createServer } from '../src/mcp/server.js';
import { efFor, exactSearch } from '../src/store/vectors.js';
import type { IngestRunReport } from './bench-ingest.js';
import { evaluate, loadQuestionSet, type EvalReport, type QuestionSet } from './eval-lib.js';
import { percentile } from './stats.js';

const RUNNER = path.join(PACKAGE_ROOT, 'dist/tools/bench-ingest.js');
const CLI = path.join(PACKAGE_ROOT, 'dist/src/cli.js');

/** The embedder settings of this process's environment, for configs built in it (child processes inherit them). */
export function embedderEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && /^(STORYLINE_EMBEDDINGS|OPENAI_)/.test(e[0])));
}
const MODES = ['hybrid', 'keyword', 'vector'] as const;
const QUALITY_MODES = ['hybrid', 'keyword', 'vector', 'exact'] as const;

/** A corpus to measure: files to ingest and questions with known answers. */
export interface CorpusSpec {
  label: string;
  paths: string[];
  questions: QuestionSet;
}

/** Everything measured on one corpus. */
export interface CorpusRow {
  label: string;
  ingest: IngestRunReport;
  resume: { storiesKept: number; restartSecs: number } | null;
  dbMb: number;
  indexMb: number;
  loadSecs: number;
  latency: Record<(typeof MODES)[number], { p50: number; p95: number }>;
  /**
   * Hybrid search_passages through a spawned `storyline serve` over stdio, once the server has
   * answered 30 other questions: each question the first time (its query embedding computed)
   * and again (served from the query-embedding cache).
   */
  stdio: { cold: { p50: number; p95: number }; cached: { p50: number; p95: number }; calls: number };
  quality: Record<(typeof QUALITY_MODES)[number], EvalReport>;
  hnswRecall10: number;
  /** Recall@10 against exact search and ms per graph search, per ef (the first is the default, which grows with size). */
  efCurve: { ef: number; auto: boolean; recall10: number; ms: number }[];
  /** ms per exact (brute-force) search over every vector. */
  exactMs: number;
}

/** Mean milliseconds of `fn` over the inputs. */
function timeEach<T>(inputs: readonly T[], fn: (x: T, i: number) => unknown): number {
  const t0 = performance.now();
  inputs.forEach((x, i) => fn(x, i));
  return (performance.now() - t0) / Math.max(1, inputs.length);
}

const log = (s: string) => process.stderr.write(`${s}\n`);
const sizeMb = (p: string): number =>
  statSync(p).isDirectory() ? readdirSync(p).reduce((n, f) => n + sizeMb(path.join(p, f)), 0) : statSync(p).size / 1024 / 1024;

function storedStories(dataDir: string): number {
  try {
    const db = new Database(dataDirLayout(dataDir).db, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM stories').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

/**
 * Runs the ingest runner on `paths`. With `killAfterStories` it is killed (SIGKILL) once that
 * many stories are committed; with `killAtFirstEmbed`, as soon as it starts embedding.
 */
function ingestRun(
  dataDir: string,
  paths: string[],
  opts: { killAfterStories?: number; killAtFirstEmbed?: boolean } = {},
): Promise<{ report: IngestRunReport | null; firstEmbedSecs: number | null }> {
  const child = spawn(process.execPath, [RUNNER, dataDir, ...paths], { stdio: ['ignore', 'pipe', 'inherit'] });
  let report: IngestRunReport | null = null;
  let firstEmbedSecs: number | null = null;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const first = /^first-embed ([\d.]+)$/.exec(line);
    if (first) {
      firstEmbedSecs = Number(first[1]);
      if (opts.killAtFirstEmbed) child.kill('SIGKILL');
    } else if (line.startsWith('{')) report = JSON.parse(line) as IngestRunReport;
  });
  const poll =
    opts.killAfterStories === undefined
      ? null
      : setInterval(() => {
          if (storedStories(dataDir) >= opts.killAfterStories!) child.kill('SIGKILL');
        }, 250);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`ingest runner exited with ${code ?? signal}`));
      else resolve({ report, firstEmbedSecs });
    });
  });
}

/** Measures one corpus from an empty store. The store is deleted afterwards. */
export async function benchCorpus(spec: CorpusSpec): Promise<CorpusRow> {
  const root = mkdtempSync(path.join(tmpdir(), 'storyline-bench-corpus-'));
  const dataDir = path.join(root, 'store');
  try {
    const config = loadConfig({ env: { ...embedderEnv(), STORYLINE_DATA_DIR: dataDir } });
    // Kill -9 once the first write batch is committed, then time a restart until it embeds
    // again. A corpus smaller than one batch finishes first: nothing to resume (n/a).
    let resume: CorpusRow['resume'] = null;
    const resumeDir = path.join(root, 'resume');
    log(`${spec.label}: ingest, killed after ${config.ingest.batchStories} stories`);
    const killed = await ingestRun(resumeDir, spec.paths, { killAfterStories: config.ingest.batchStories });
    if (!killed.report) {
      const storiesKept = storedStories(resumeDir);
      log(`${spec.label}: restart after the kill`);
      const restart = await ingestRun(resumeDir, spec.paths, { killAtFirstEmbed: true });
      if (restart.firstEmbedSecs === null) throw new Error('the resumed run never embedded');
      resume = { storiesKept, restartSecs: restart.firstEmbedSecs };
    }
    rmSync(resumeDir, { recursive: true, force: true });
    log(`${spec.label}: ingest from empty`);
    const { report } = await ingestRun(dataDir, spec.paths);
    if (!report) throw new Error('the ingest runner printed no report');

    const l0 = performance.now();
    const app = await openApp(config, { log: createLogger('warn') });
    await app.store.ping(); // the index loads on first use
    const loadSecs = (performance.now() - l0) / 1000;
    try {
      await app.embedder.embedQuery('warm up'); // model load is not search latency
      const server = createServer(app);
      const [a, b] = InMemoryTransport.createLinkedPair();
      await server.connect(b);
      const client = new Client({ name: 'bench', version: '1' });
      await client.connect(a);
      const queries = spec.questions.questions.map((q) => q.q);
      const calls = Math.max(60, queries.length);
      const latency = {} as CorpusRow['latency'];
      for (const mode of MODES) {
        const ms: number[] = [];
        for (let i = 0; i < calls; i++) {
          const q0 = performance.now();
          const r = await client.callTool({ name: 'search_passages', arguments: { query: queries[i % queries.length]!, mode, limit: 10 } });
          ms.push(performance.now() - q0);
          if (r.isError) throw new Error(`search_passages failed: ${JSON.stringify(r.content)}`);
        }
        latency[mode] = { p50: percentile(ms, 50), p95: percentile(ms, 95) };
      }
      await client.close();

      log(`${spec.label}: search over stdio`);
      const stdio = await stdioLatency(dataDir, queries);

      log(`${spec.label}: quality`);
      const quality = {} as CorpusRow['quality'];
      for (const mode of QUALITY_MODES) quality[mode] = await evaluate(app.retriever, spec.questions, mode);

      // Recall@10 of the approximate index against exact search for the questions' own query
      // vectors (queries are not passages, and that is where HNSW loses), per search breadth,
      // with the time one graph search takes.
      const items = await asSqlite(app.store).allVectors();
      const index = await asSqlite(app.store).vectors();
      const vectors = await Promise.all(spec.questions.questions.map((q) => app.embedder.embedQuery(q.q)));
      // A hit is a result at least as similar as the exact 10th (ann-benchmarks' rule): texts
      // with the same words tie, and which of the tied the exact sort keeps is arbitrary.
      const tenth = vectors.map((v) => exactSearch(items, v, 10).at(-1)?.similarity ?? -1);
      const exactMs = timeEach(vectors, (v) => exactSearch(items, v, 10));
      const efCurve = [undefined, 50, 100, 200, 400, 800, 1600].map((ef) => {
        let hit = 0;
        const ms = timeEach(vectors, (v, i) => (hit += index.search(v, 10, ef).filter((h) => h.similarity >= tenth[i]! - 1e-5).length));
        return { ef: ef ?? efFor(index.size, 10), auto: ef === undefined, recall10: hit / (Math.min(10, items.length) * Math.max(1, vectors.length)), ms };
      });
      const hnswRecall10 = efCurve[0]!.recall10;
      return {
        label: spec.label,
        ingest: report,
        resume,
        dbMb: sizeMb(dataDirLayout(dataDir).db),
        indexMb: sizeMb(dataDirLayout(dataDir).vectors),
        loadSecs,
        latency,
        stdio,
        quality,
        hnswRecall10,
        efCurve,
        exactMs,
      };
    } finally {
      await app.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Questions a fresh server is asked before the measured ones (see stdioLatency). */
const WARM_UP_CALLS = 30;
const warmUpQuestions = (): string[] =>
  ['seed-questions.json', 'csaf-questions.json'].flatMap((f) => loadQuestionSet(path.join(PACKAGE_ROOT, 'test/fixtures', f)).questions.map((q) => q.q));

/** See CorpusRow.stdio. The server is spawned on the measured store and stopped afterwards. */
async function stdioLatency(dataDir: string, queries: readonly string[]): Promise<CorpusRow['stdio']> {
  const env = { ...(process.env as Record<string, string>), STORYLINE_DATA_DIR: dataDir, STORYLINE_LOG_LEVEL: 'error' };
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve'], env, stderr: 'ignore' }));
  try {
    const call = async (query: string) => {
      const q0 = performance.now();
      const r = await client.callTool({ name: 'search_passages', arguments: { query, limit: 10 } });
      if (r.isError) throw new Error(`search_passages over stdio failed: ${JSON.stringify(r.content)}`);
      return performance.now() - q0;
    };
    await call('warm up: the index and the model load on first use'); // not search latency
    const distinct = [...new Set(queries)];
    // So is V8 compiling the search code on a fresh server's first questions: other questions go first.
    for (const q of warmUpQuestions().filter((q) => !distinct.includes(q)).slice(0, WARM_UP_CALLS)) await call(q);
    const cold: number[] = [];
    for (const q of distinct) cold.push(await call(q));
    const cached: number[] = [];
    for (const q of distinct) cached.push(await call(q));
    const p = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
    return { cold: p(cold), cached: p(cached), calls: distinct.length };
  } finally {
    await client.close();
  }
}

/** The side-by-side tables for `npm run bench`. */
export function corpusTables(rows: readonly CorpusRow[], efSearch: number | string): string {
  const f = (n: number, d = 1) => n.toFixed(d);
  const q = (r: EvalReport) => `${f(r.recallAt5, 3)} / ${f(r.mrr, 3)}`;
  return [
    // Passages stored per second, from an empty store: only prose is embedded (VECTOR_KINDS), so the embedded count is its own column.
    '| corpus | stories | passages | embedded | ingest s | stories/s | passages/s | peak RSS | to first embedding | resume: kept, restart to embedding | SQLite | HNSW | load at start |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const i = r.ingest;
      const resume = r.resume ? `${r.resume.storiesKept} stories, ${f(r.resume.restartSecs)} s` : 'n/a';
      return `| ${r.label} | ${i.stories} | ${i.passages} | ${i.embedded} | ${f(i.secs)} | ${f(i.added / i.secs)} | ${f(i.passages / i.secs)} | ${f(i.maxRssMb, 0)} MB | ${f(i.firstEmbedSecs ?? 0)} s | ${resume} | ${f(r.dbMb, 0)} MB | ${f(r.indexMb, 0)} MB | ${f(r.loadSecs, 2)} s |`;
    }),
    '',
    '| corpus | hybrid p50 / p95 ms | BM25 only p50 / p95 ms | vector only p50 / p95 ms |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${MODES.map((m) => `${f(r.latency[m].p50)} / ${f(r.latency[m].p95)}`).join(' | ')} |`),
    '',
    '| corpus | stdio hybrid, each question first time: p50 / p95 ms | again (query embedding cached): p50 / p95 ms | questions |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${f(r.stdio.cold.p50)} / ${f(r.stdio.cold.p95)} | ${f(r.stdio.cached.p50)} / ${f(r.stdio.cached.p95)} | ${r.stdio.calls} |`),
    '',
    `| corpus | questions | hybrid recall@5 / MRR | BM25 only | vector (HNSW, ef=${efSearch}) | vector (exact) | HNSW recall@10 vs exact |`,
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.quality.hybrid.answerable} | ${QUALITY_MODES.map((m) => q(r.quality[m])).join(' | ')} | ${f(r.hnswRecall10, 3)} |`),
    '',
    '| corpus | HNSW recall@10 vs exact / ms per search, by ef | exact search ms |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.efCurve.map((c) => `ef ${c.ef}${c.auto ? ' (default)' : ''}: ${f(c.recall10, 3)} / ${f(c.ms, 2)}`).join('; ')} | ${f(r.exactMs, 2)} |`),
  ].join('\n');
}
