/**
 * Retrieval quality per mode and fusion setting, so defaults are chosen by measurement.
 *   node dist/tools/eval.js              the seed story and test/fixtures/seed-questions.json
 *   node dist/tools/eval.js data [dir]   the real CSAF+KEV corpus in ../shared/data and
 *                                        test/fixtures/csaf-questions.json; the index is kept in
 *                                        dir (default $TMPDIR/storyline-eval-data) for reuse
 *   node dist/tools/eval.js exposure     precision/recall of `affected` on test/fixtures/exposure (hand-judged)
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
import { dataFiles, evaluate, evaluateAnswers, loadQuestionSet, splitOf, splits } from './eval-lib.js';
import { evalExposure } from './eval-exposure.js';

const print = (s: string) => process.stdout.write(`${s}\n`);
if (process.argv[2] === 'exposure') {
  await evalExposure(print);
  process.exit(0);
}
const useData = process.argv[2] === 'data';
const dataSet = path.join(PACKAGE_ROOT, '..', 'shared', 'data');
if (useData && !existsSync(dataSet)) throw new Error(`${dataSet} is not there; the data evaluation needs ../shared/data`);
const dataDir = useData ? (process.argv[3] ?? path.join(tmpdir(), 'storyline-eval-data')) : mkdtempSync(path.join(tmpdir(), 'storyline-eval-'));
const config = loadConfig({ env: { STORYLINE_DATA_DIR: dataDir } });
const questionFile = path.join(PACKAGE_ROOT, 'test/fixtures', useData ? 'csaf-questions.json' : 'seed-questions.json');

const app = await openApp(config, { log: createLogger('warn') });
try {
  const t0 = performance.now();
  const ingest = await app.ingestPaths(useData ? await dataFiles(dataSet, questionFile, process.env.EVAL_SAMPLE, dataDir) : [config.corpusDir], {
    keepGoing: true,
    onProgress: (d, t) => {
      if (d === t || d % 1000 < 32) process.stderr.write(`  embedded ${d}/${t}\n`);
    },
  });
  const { stories, passages } = await app.store.counts();
  print(`corpus: ${stories} stories, ${passages} passages (this run: ${ingest.added.length} added, ${ingest.passages} passages embedded in ${((performance.now() - t0) / 1000).toFixed(0)} s, ${ingest.failed.length} files skipped)`);
  const file = questionFile;
  const set = loadQuestionSet(file);
  interface Variant {
    label: string;
    mode: SearchMode;
    method?: 'rrf' | 'convex';
    alpha?: number;
    candidates?: number;
    ef?: number;
  }
  const d = config.retrieval;
  const variants: Variant[] = [
    { label: 'keyword (BM25)', mode: 'keyword' },
    { label: `vector (HNSW, ef=${d.efSearch ?? 'auto'})`, mode: 'vector' },
    ...[100].map((ef): Variant => ({ label: `vector (HNSW, ef=${ef})`, mode: 'vector', ef })),
    ...[400, 1600].map((ef): Variant => ({ label: `vector (HNSW, ef=${ef})`, mode: 'vector', ef })),
    { label: 'vector (exact)', mode: 'exact' },
    { label: 'hybrid rrf k=60', mode: 'hybrid', method: 'rrf' },
    ...[0.2, 0.3, 0.4, 0.5, 0.7].map((alpha): Variant => ({ label: `hybrid convex a=${alpha}`, mode: 'hybrid', method: 'convex', alpha })),
    { label: `hybrid convex a=${d.alpha}, 200 candidates`, mode: 'hybrid', method: 'convex', candidates: 200 },
    { label: `hybrid convex a=${d.alpha}, ef=400`, mode: 'hybrid', method: 'convex', ef: 400 },
  ];
  print(`question set: ${file}`);
  print('| retrieval | recall@5 | recall@10 | MRR | top-1 |\n|---|---|---|---|---|');
  const misses: string[] = [];
  // Misses are printed for the tune split only: the holdout split is for checking, not tuning.
  const tuneQuestions = new Set(splitOf(set, 'tune').questions.map((q) => q.q));
  for (const v of variants) {
    // Another ef needs the index loaded with it: a second app on the same store.
    const other = v.ef ? await openApp(loadConfig({ env: { STORYLINE_DATA_DIR: dataDir, STORYLINE_HNSW_EF: String(v.ef) } }), { log: createLogger('warn') }) : null;
    try {
      const on = other ?? app;
      const fusion = { method: v.method ?? d.fusion, rrfK: d.rrfK, alpha: v.alpha ?? d.alpha };
      const r = await evaluate(createRetriever(on.store, on.embedder, { fusion, candidates: v.candidates ?? d.candidates }), set, v.mode);
      print(`| ${v.label} | ${r.recallAt5.toFixed(3)} | ${r.recallAt10.toFixed(3)} | ${r.mrr.toFixed(3)} | ${r.top1.toFixed(3)} |`);
      const tuneMisses = r.misses.filter((q) => tuneQuestions.has(q));
      if (tuneMisses.length) misses.push(`${v.label} misses@5 (tune split):\n  ${tuneMisses.join('\n  ')}`);
    } finally {
      await other?.close();
    }
  }
  // The default retrieval on each split: holdout questions were written before the answer was tuned.
  print('\n| default hybrid, by split | questions | recall@5 | recall@10 | MRR | top-1 |\n|---|---|---|---|---|---|');
  for (const split of splits) {
    const part = splitOf(set, split);
    if (!part.questions.some((q) => q.answers?.length)) continue;
    const r = await evaluate(app.retriever, part);
    print(`| ${split} | ${r.answerable} | ${r.recallAt5.toFixed(3)} | ${r.recallAt10.toFixed(3)} | ${r.mrr.toFixed(3)} | ${r.top1.toFixed(3)} |`);
  }
  if (misses.length) print(`\n${misses.join('\n')}`);

  // The offline answer: answered with the expected facts, or declined, per split and support
  // threshold. Only the tune split's misses are printed: the holdout split is for checking.
  print('\n| offline answer (extractive) | answered | facts found | declined (unanswerable) |\n|---|---|---|---|');
  const answerMisses: string[] = [];
  for (const split of splits) {
    const part = splitOf(set, split);
    if (part.questions.length === 0) continue;
    for (const minCoverage of split === 'tune' ? [0.4, 0.5, 0.6] : [0.5]) {
      const r = await evaluateAnswers(app.retriever, part, { minCoverage });
      print(`| ${split}, support >= ${minCoverage} of the question's words${minCoverage === 0.5 ? ' (default)' : ''} | ${r.answered.toFixed(3)} (${r.answerable}) | ${r.factsFound.toFixed(3)} | ${r.declined.toFixed(3)} (${r.unanswerable}) |`);
      if (split === 'tune' && minCoverage === 0.5) answerMisses.push(...r.misses);
    }
  }
  if (answerMisses.length) print(`\nanswer misses at the default (tune split):\n  ${answerMisses.join('\n  ')}`);
} finally {
  await app.close();
  if (!useData) rmSync(dataDir, { recursive: true, force: true });
}
