/**
 * Retrieval quality on a question set, for every retrieval mode and fusion setting, so the
 * defaults are chosen by measurement. Usage: node dist/tools/eval.js [questions.json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp } from '../src/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { createRetriever, type SearchMode } from '../src/retrieval/search.js';
import { evaluate, loadQuestionSet } from './eval-lib.js';

const file = process.argv[2] ?? path.join(PACKAGE_ROOT, 'test/fixtures/seed-questions.json');
const dataDir = mkdtempSync(path.join(tmpdir(), 'storyline-eval-'));
const config = loadConfig({ env: { STORYLINE_DATA_DIR: dataDir } });
const app = await openApp(config, { log: createLogger('warn') });
try {
  await app.ingestPaths([config.corpusDir]);
  const set = loadQuestionSet(file);
  const rows: [string, Awaited<ReturnType<typeof evaluate>>][] = [];
  const variants: [string, SearchMode, 'rrf' | 'convex', number][] = [
    ['keyword (BM25)', 'keyword', 'rrf', 0],
    ['vector', 'vector', 'rrf', 0],
    ['hybrid rrf k=60', 'hybrid', 'rrf', 0],
    ...[0.3, 0.5, 0.7].map((a): [string, SearchMode, 'rrf' | 'convex', number] => [`hybrid convex a=${a}`, 'hybrid', 'convex', a]),
  ];
  for (const [label, mode, method, alpha] of variants) {
    const r = createRetriever(app.store, app.embedder, { fusion: { method, rrfK: 60, alpha }, candidates: config.retrieval.candidates });
    rows.push([label, await evaluate(r, set, mode)]);
  }
  process.stdout.write(`question set: ${file}\n`);
  process.stdout.write('| retrieval | recall@5 | recall@10 | MRR | top-1 |\n|---|---|---|---|---|\n');
  for (const [label, r] of rows) {
    process.stdout.write(`| ${label} | ${r.recallAt5.toFixed(3)} | ${r.recallAt10.toFixed(3)} | ${r.mrr.toFixed(3)} | ${r.top1.toFixed(3)} |\n`);
  }
  for (const [label, r] of rows) if (r.misses.length) process.stdout.write(`\n${label} misses@5:\n  ${r.misses.join('\n  ')}\n`);
} finally {
  app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
