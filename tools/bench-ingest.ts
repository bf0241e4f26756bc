/**
 * One ingest run for `npm run bench`, in a process of its own so its peak memory is its own
 * and the bench can kill -9 it to measure resuming:
 *   node dist/tools/bench-ingest.js <data-dir> <path>...
 * Runs the same `ingestPaths` as `storyline ingest --keep-going`. Prints `first-embed <secs>`
 * on stdout when the first batch goes to the embedder, then one JSON line with the figures.
 */
import { openApp } from '../src/app.js';
import { progressReporter } from '../src/cli/output.js';
import { loadConfig } from '../src/config.js';
import type { Embedder } from '../src/embed/embedder.js';
import { createEmbedder } from '../src/embed/index.js';
import { createLogger } from '../src/log.js';

/** What the runner prints as its last line. */
export interface IngestRunReport {
  secs: number;
  firstEmbedSecs: number | null;
  stories: number;
  passages: number;
  added: number;
  unchanged: number;
  embedded: number;
  failed: number;
  maxRssMb: number;
}

const [dataDir, ...paths] = process.argv.slice(2);
if (!dataDir || paths.length === 0) throw new Error('usage: bench-ingest.js <data-dir> <path>...');
const t0 = performance.now();
const secs = () => (performance.now() - t0) / 1000;
const config = loadConfig({ env: { ...process.env, STORYLINE_DATA_DIR: dataDir } });
const real = createEmbedder(config.embeddings);
let firstEmbedSecs: number | null = null;
const embedder: Embedder = {
  ...real,
  embedDocuments(texts, onProgress) {
    if (firstEmbedSecs === null) {
      firstEmbedSecs = secs();
      process.stdout.write(`first-embed ${firstEmbedSecs.toFixed(2)}\n`);
    }
    return real.embedDocuments(texts, onProgress);
  },
};
const app = await openApp(config, { embedder, log: createLogger('warn') });
try {
  const r = await app.ingestPaths(paths, { keepGoing: true, onProgress: progressReporter('  embedding passages') });
  const counts = await app.store.counts();
  const report: IngestRunReport = {
    secs: secs(),
    firstEmbedSecs,
    stories: counts.stories,
    passages: counts.passages,
    added: r.added.length + r.updated.length,
    unchanged: r.unchanged.length,
    embedded: r.passages,
    failed: r.failed.length,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  await app.close();
}
