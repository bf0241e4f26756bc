/**
 * Retrieval quality per mode and fusion setting, so defaults are chosen by measurement.
 *   node dist/tools/eval.js              the seed story and test/fixtures/seed-questions.json
 *   node dist/tools/eval.js data [dir]   the real CSAF+KEV corpus in ../shared/data and
 *                                        test/fixtures/csaf-questions.json; the index is kept in
 *                                        dir (default $TMPDIR/storyline-eval-data) for reuse
 * EVAL_SAMPLE=N limits the data run to the advisories the questions name plus N others (no KEV),
 * for a quicker measurement among similar advisories.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp } from '../src/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { createRetriever, type SearchMode } from '../src/retrieval/search.js';
import { dataFiles, evaluate, loadQuestionSet } from './eval-lib.js';

const print = (s: string) => process.stdout.write(`${s}\n`);
const useData = process.argv[2] === 'data';
const dataSet = path.join(PACKAGE_ROOT, '..', 'shared', 'data');
if (useData && !existsSync(dataSet)) throw new Error(`${dataSet} is not there; the data evaluation needs ../shared/data`);
const dataDir = useData ? (process.argv[3] ?? path.join(tmpdir(), 'storyline-eval-data')) : mkdtempSync(path.join(tmpdir(), 'storyline-eval-'));
const config = loadConfig({ env: { STORYLINE_DATA_DIR: dataDir } });
const questionFile = path.join(PACKAGE_ROOT, 'test/fixtures', useData ? 'csaf-questions.json' : 'seed-questions.json');

const app = await openApp(config, { log: createLogger('warn') });
try {
  const t0 = performance.now();
  const ingest = await app.ingestPaths(useData ? dataFiles(dataSet, questionFile, process.env.EVAL_SAMPLE) : [config.corpusDir], {
    keepGoing: true,
    onProgress: (d, t) => {
      if (d === t || d % 1000 < 32) process.stderr.write(`  embedded ${d}/${t}\n`);
    },
  });
  const { stories, passages } = app.store.db.counts();
  print(`corpus: ${stories} stories, ${passages} passages (this run: ${ingest.added.length} added, ${ingest.passages} passages embedded in ${((performance.now() - t0) / 1000).toFixed(0)} s, ${ingest.failed.length} files skipped)`);
  const file = questionFile;
  const set = loadQuestionSet(file);
  const variants: [string, SearchMode, 'rrf' | 'convex', number, number][] = [
    ['keyword (BM25)', 'keyword', 'rrf', 0, 50],
    ['vector (HNSW)', 'vector', 'rrf', 0, 50],
    ['vector (exact)', 'exact', 'rrf', 0, 50],
    ['hybrid rrf k=60', 'hybrid', 'rrf', 0, 50],
    ...[0.2, 0.3, 0.4, 0.5, 0.7].map((a): [string, SearchMode, 'rrf' | 'convex', number, number] => [`hybrid convex a=${a}`, 'hybrid', 'convex', a, 50]),
    ['hybrid convex a=0.3, 200 candidates', 'hybrid', 'convex', 0.3, 200],
  ];
  print(`question set: ${file}`);
  print('| retrieval | recall@5 | recall@10 | MRR | top-1 |\n|---|---|---|---|---|');
  const misses: string[] = [];
  for (const [label, mode, method, alpha, candidates] of variants) {
    const r = await evaluate(createRetriever(app.store, app.embedder, { fusion: { method, rrfK: 60, alpha }, candidates }), set, mode);
    print(`| ${label} | ${r.recallAt5.toFixed(3)} | ${r.recallAt10.toFixed(3)} | ${r.mrr.toFixed(3)} | ${r.top1.toFixed(3)} |`);
    if (r.misses.length) misses.push(`${label} misses@5:\n  ${r.misses.join('\n  ')}`);
  }
  if (misses.length) print(`\n${misses.join('\n')}`);
} finally {
  app.close();
  if (!useData) rmSync(dataDir, { recursive: true, force: true });
}
