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
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { deliveriesPerSecond, matchingCost } from './bench-actions.js';
import { benchCorpus, corpusTables, embedderEnv, type CorpusRow } from './bench-corpora.js';
import { benchTransports } from './bench-transports.js';
import { benchEngines, engineTables } from './bench-engines.js';
import { benchSbomImport } from './bench-exposure.js';
import { dataFiles, loadQuestionSet } from './eval-lib.js';
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
  // PostgreSQL at STORYLINE_BENCH_DATABASE_URL (an empty database it may write), else PGlite in-process.
  const rows = await benchEngines(config, loadQuestionSet(path.join(PACKAGE_ROOT, 'test/fixtures/seed-questions.json')), Number(process.env.BENCH_ENGINES_PASSAGES ?? 20_000), process.env.STORYLINE_BENCH_DATABASE_URL);
  print('');
  print(engineTables(rows));
}

await scripted?.close();
