/**
 * `npm run bench [-- corpora|actions|transports|exposure ...]` (default: all) prints, figures only and
 * never asserted (machines here are shared):
 * - corpora side by side: the bundled story, the real CSAF+KEV corpus in ../shared/data and a
 *   synthetic corpus: ingest, resume, index size and load time, latency and quality per retriever;
 * - subscriptions: webhook deliveries per second and the matching cost per ingested story;
 * - transports: search_passages over in-memory, stdio and HTTP.
 * BENCH_SYNTHETIC_PASSAGES sets the synthetic size (default 100000); BENCH_DATA the data set
 * (default ../shared/data); BENCH_DATA_SAMPLE=N takes the advisories the questions name plus
 * N others, without KEV, for a quicker run. BENCH_EMBEDDINGS=scripted embeds through a scripted
 * OpenAI-compatible endpoint on loopback (tools/scripted-embeddings.ts) instead of the configured
 * embedder, so the corpora can be measured at full size in minutes (its vector quality is not
 * a real model's).
 * engines (tools/bench-engines.ts): SQLite vs PostgreSQL on a CSAF+KEV sample (BENCH_ENGINES_DATA_SAMPLE=N
 * advisories besides those the questions name, default 0; `all` for the whole data set) and a synthetic
 * corpus (BENCH_ENGINES_PASSAGES, default 20000, hashed vectors from a scripted endpoint); PostgreSQL at
 * STORYLINE_BENCH_DATABASE_URL (wiped), else a throwaway cluster, else skipped; BENCH_ENGINES_REPLICAS
 * (default 1,2,4), BENCH_ENGINES_CLIENTS (20), BENCH_ENGINES_CALLS per client (25), BENCH_ENGINES_SEARCH_CALLS
 * per mode (100).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { deliveriesPerSecond, matchingCost } from './bench-actions.js';
import { benchCorpus, corpusTables, embedderEnv, type CorpusRow } from './bench-corpora.js';
import { benchTransports } from './bench-transports.js';
import { benchEngines, engineTables, type EngineCorpus } from './bench-engines.js';
import { benchSbomImport } from './bench-exposure.js';
import { dataFiles, loadQuestionSet } from './eval-lib.js';
import { startPostgres, type ThrowawayPostgres } from './pg-cluster.js';
import { scriptedEnv, startScriptedEmbeddings } from './scripted-embeddings.js';
import { syntheticQuestions, syntheticStories, writeStoryFiles } from './synthetic.js';

const print = (s: string) => process.stdout.write(`${s}\n`);
const SECTIONS = ['corpora', 'actions', 'transports', 'exposure', 'engines'];
const asked = process.argv.slice(2);
const unknown = asked.filter((s) => !SECTIONS.includes(s));
if (unknown.length) {
  process.stderr.write(`unknown bench section(s): ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}\n`);
  process.exit(2);
}
const run = (section: string) => asked.length === 0 || asked.includes(section);

// The ingest runners and `storyline serve` processes inherit the embedder settings from here.
const scripted = process.env.BENCH_EMBEDDINGS === 'scripted' ? await startScriptedEmbeddings() : null;
if (scripted) Object.assign(process.env, scriptedEnv(scripted.url));
const config = loadConfig({ env: embedderEnv() });
print(`Storyline bench: Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${new Date().toISOString()}`);
print(`embedder: ${scripted ? `scripted hashed bag-of-words at ${scripted.url} (openai provider)` : `${config.embeddings.provider} (${config.embeddings.threads} threads)`}; fusion: ${config.retrieval.fusion} alpha ${config.retrieval.alpha}; candidates: ${config.retrieval.candidates}; efSearch: ${config.retrieval.efSearch ?? 'auto (grows with the index)'}`);

if (run('corpora')) {
  const fixtures = path.join(PACKAGE_ROOT, 'test/fixtures');
  const rows: CorpusRow[] = [];
  rows.push(await benchCorpus({ label: 'bundled', paths: [config.corpusDir], questions: loadQuestionSet(path.join(fixtures, 'seed-questions.json'))}));

  const dataSet = process.env.BENCH_DATA ?? path.join(PACKAGE_ROOT, '..', 'shared', 'data');
  if (existsSync(dataSet)) {
    const questionFile = path.join(fixtures, 'csaf-questions.json');
    const sample = process.env.BENCH_DATA_SAMPLE;
    const label = sample === undefined ? 'CSAF+KEV' : `CSAF sample (${sample}+named)`;
    rows.push(await benchCorpus({ label, paths: await dataFiles(dataSet, questionFile, sample, mkdtempSync(path.join(tmpdir(), 'storyline-bench-kev-'))), questions: loadQuestionSet(questionFile) }));
  } else {
    process.stderr.write(`${dataSet} is not there: skipping the real corpus\n`);
  }

  const size = Number(process.env.BENCH_SYNTHETIC_PASSAGES ?? 100_000);
  const stories = syntheticStories(size);
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-bench-synthetic-'));
  try {
    writeStoryFiles(dir, stories);
    rows.push(await benchCorpus({ label: `synthetic ~${size}`, paths: [dir], questions: syntheticQuestions(stories) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  print('');
  print(corpusTables(rows, config.retrieval.efSearch ?? 'auto'));
}

if (run('actions')) {
  const d = await deliveriesPerSecond(1000);
  const m = await matchingCost(1000, 20);
  print('');
  print('| subscriptions | figure |');
  print('|---|---|');
  print(`| webhook deliveries to a loopback receiver | ${d.count} in ${d.secs.toFixed(2)} s = ${d.perSec.toFixed(0)}/s (concurrency ${d.concurrency}) |`);
  print(`| store write per ingested story, 0 subscriptions | ${m.msPerStoryWithout.toFixed(1)} ms |`);
  print(`| store write per ingested story, ${m.subs} subscriptions | ${m.msPerStoryWith.toFixed(1)} ms (matching adds ${(m.msPerStoryWith - m.msPerStoryWithout).toFixed(1)} ms) |`);
}

if (run('transports')) {
  const transports = await benchTransports(200);
  print('');
  print('| search_passages via | clients | calls | p50 ms | p95 ms | calls/s |');
  print('|---|---|---|---|---|---|');
  for (const t of transports) print(`| ${t.transport} | ${t.clients} | ${t.calls} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.perSec.toFixed(0)} |`);
}

if (run('exposure')) {
  const e = await benchSbomImport(100_000);
  print('');
  print('| exposure | figure |');
  print('|---|---|');
  print(`| import a CycloneDX SBOM of ${e.components} components (${(e.bytes / 1024 / 1024).toFixed(1)} MB) | ${e.firstSecs.toFixed(2)} s; re-import (replace) ${e.againSecs.toFixed(2)} s |`);
  print(`| heap growth after the import / peak RSS of the process | ${e.heapMb.toFixed(0)} MB / ${e.rssMb.toFixed(0)} MB |`);
  print(`| check_exposure for one asset among them | ${e.checkMs.toFixed(1)} ms |`);
}

if (run('engines')) {
  // PostgreSQL at STORYLINE_BENCH_DATABASE_URL (an empty database the bench owns), else a throwaway
  // cluster when initdb/pg_ctl are installed, else SQLite alone.
  let cluster: ThrowawayPostgres | null = null;
  let databaseUrl = process.env.STORYLINE_BENCH_DATABASE_URL ?? null;
  if (!databaseUrl) {
    try {
      cluster = await startPostgres();
      // Interrupted, the throwaway cluster is stopped and removed all the same.
      const stopCluster = () => void cluster?.stop().finally(() => process.exit(130));
      process.once('SIGINT', stopCluster);
      process.once('SIGTERM', stopCluster);
      databaseUrl = await cluster.createDatabase('bench');
    } catch (err) {
      print(`PostgreSQL skipped: STORYLINE_BENCH_DATABASE_URL is unset and no throwaway cluster could be started (${(err as Error).message.split('\n')[0]})`);
    }
  }
  const synthetic = await startScriptedEmbeddings();
  const work = mkdtempSync(path.join(tmpdir(), 'storyline-bench-engines-data-'));
  try {
    const corpora: EngineCorpus[] = [];
    const dataSet = process.env.BENCH_DATA ?? path.join(PACKAGE_ROOT, '..', 'shared', 'data');
    const sample = process.env.BENCH_ENGINES_DATA_SAMPLE ?? '0';
    if (existsSync(dataSet)) {
      const questionFile = path.join(PACKAGE_ROOT, 'test/fixtures/csaf-questions.json');
      corpora.push({
        label: sample === 'all' ? 'CSAF+KEV' : `CSAF sample (named + ${sample})`,
        embedderNote: scripted ? 'scripted hashed vectors' : config.embeddings.provider === 'local' ? 'USE-lite, local' : `${config.embeddings.provider} ${config.embeddings.model}`,
        embedderEnv: embedderEnv(),
        source: { paths: await dataFiles(dataSet, questionFile, sample === 'all' ? undefined : sample, work) },
        questions: loadQuestionSet(questionFile),
        moveByExport: true,
      });
    } else {
      print(`${dataSet} is not there: the CSAF+KEV corpus is skipped`);
    }
    const stories = syntheticStories(Number(process.env.BENCH_ENGINES_PASSAGES ?? 20_000));
    corpora.push({
      label: `synthetic ~${process.env.BENCH_ENGINES_PASSAGES ?? 20_000}`,
      embedderNote: 'scripted hashed vectors',
      embedderEnv: scriptedEnv(synthetic.url),
      source: { stories },
      questions: syntheticQuestions(stories),
      moveByExport: false,
    });
    const replicas = (process.env.BENCH_ENGINES_REPLICAS ?? '1,2,4').split(',').map(Number);
    const clients = Number(process.env.BENCH_ENGINES_CLIENTS ?? 20);
    const callsPerClient = Number(process.env.BENCH_ENGINES_CALLS ?? 25);
    print('');
    print(
      `engines: SQLite (one process) vs ${databaseUrl ? `PostgreSQL ${cluster ? '(a throwaway cluster on this machine: fsync, synchronous_commit, full_page_writes off)' : 'at STORYLINE_BENCH_DATABASE_URL'}` : 'nothing (PostgreSQL skipped)'}; ` +
        `${corpora.length > 1 ? `CSAF embedder: ${corpora[0]!.embedderNote}; ` : ''}synthetic: hashed bag-of-words 512-d from a scripted OpenAI-compatible endpoint on loopback (USE-lite at 100k passages takes hours here), served to the spawned servers too; ` +
        `MCP figures through spawned \`serve --http 0 --stateless\` processes and the SDK client, query embeddings cached by a warm-up pass; throughput: hybrid search, ${clients} clients x ${callsPerClient} calls, round-robin over the servers; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    );
    const result = await benchEngines({
      corpora,
      databaseUrl,
      replicas,
      clients,
      callsPerClient,
      searchCalls: Number(process.env.BENCH_ENGINES_SEARCH_CALLS ?? 100),
      log: (l) => process.stderr.write(`${l}\n`),
    });
    print(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    print('');
    print(engineTables(result));
  } finally {
    await synthetic.close();
    rmSync(work, { recursive: true, force: true });
    await cluster?.stop();
  }
}

await scripted?.close();
