/**
 * `npm run bench`: prints index build speed, search latency through the MCP client, vector
 * recall@10 of the HNSW index against exact search, and memory, for the bundled corpus and
 * a synthetic corpus. Figures are printed, never asserted: machines here are shared.
 * BENCH_SYNTHETIC_PASSAGES sets the synthetic size (default 10000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { openApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ingestStories } from '../src/ingest/ingest.js';
import { createLogger } from '../src/log.js';
import { createServer } from '../src/mcp/server.js';
import { exactSearch, VectorIndex } from '../src/store/vectors.js';
import { expandStoryPaths, loadStoryFile } from '../src/story/load.js';
import type { Story } from '../src/story/schema.js';
import { deliveriesPerSecond, matchingCost } from './bench-actions.js';
import { benchTransports } from './bench-transports.js';
import { prng, syntheticStories } from './synthetic.js';

const print = (s: string) => process.stdout.write(`${s}\n`);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sampleRss, 100);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

interface Row {
  corpus: string;
  loadSecs: number;
  stories: number;
  passages: number;
  embedSecs: number;
  storeSecs: number;
  p50: number;
  p95: number;
  recallEf: number;
  recall10: number;
  rss: number;
}

async function benchCorpus(label: string, stories: Story[], queries: string[]): Promise<Row> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-bench-'));
  const config = loadConfig({ env: { STORYLINE_DATA_DIR: dir } });
  const app: App = await openApp(config, { log: createLogger('warn') });
  try {
    // Model load is a one-off per process; time it apart from embedding throughput.
    const l0 = performance.now();
    await app.embedder.embedQuery('warm up');
    const loadSecs = (performance.now() - l0) / 1000;
    // Embedding and storing are timed apart: the model dominates, the store is ours.
    let embedMs = 0;
    const timedEmbedder = {
      ...app.embedder,
      embedDocuments: async (texts: string[], onProgress?: (d: number, t: number) => void) => {
        const t0 = performance.now();
        const v = await app.embedder.embedDocuments(texts, onProgress);
        embedMs += performance.now() - t0;
        return v;
      },
    };
    const t0 = performance.now();
    const r = await ingestStories(app.store, timedEmbedder, stories, {
      chunk: { chunkSize: config.chunk.size, chunkOverlap: config.chunk.overlap },
      onProgress: (d, t) => {
        if (d === t || d % 2000 < 32) process.stderr.write(`  ${label}: embedded ${d}/${t}\n`);
      },
    });
    const totalMs = performance.now() - t0;
    sampleRss();

    const server = createServer(app);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(b);
    const client = new Client({ name: 'bench', version: '1' });
    await client.connect(a);
    const latencies: number[] = [];
    for (const query of queries) {
      const q0 = performance.now();
      const res = await client.callTool({ name: 'search_passages', arguments: { query, limit: 10 } });
      latencies.push(performance.now() - q0);
      if (res.isError) throw new Error(`search failed: ${JSON.stringify(res.content)}`);
    }
    await client.close();

    // Recall@10 of the approximate index against exact search, with the configured ef and hnswlib's default.
    const items = app.store.db.allVectors();
    const rand = prng(11);
    const probes = Array.from({ length: Math.min(200, items.length) }, () => items[Math.floor(rand() * items.length)]!.vector);
    const recallAt = async (ef: number) => {
      const index = await VectorIndex.build(items, app.embedder.info.dimensions, { efSearch: ef });
      let hit = 0;
      for (const q of probes) {
        const truth = new Set(exactSearch(items, q, 10).map((h) => h.id));
        hit += (await index.search(q, 10)).filter((h) => truth.has(h.id)).length;
      }
      return hit / (probes.length * Math.min(10, items.length));
    };
    const row: Row = {
      corpus: label,
      loadSecs,
      stories: stories.length,
      passages: r.passages,
      embedSecs: embedMs / 1000,
      storeSecs: (totalMs - embedMs) / 1000,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      recallEf: await recallAt(config.retrieval.efSearch),
      recall10: await recallAt(10),
      rss: process.memoryUsage().rss,
    };
    sampleRss();
    return row;
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const config = loadConfig({ env: {} });
const bundled = await Promise.all((await expandStoryPaths([config.corpusDir])).map((f) => loadStoryFile(f)));
const bundledQueries = ['Who signed the executive order?', 'binding operational directive', 'covered frontier model benchmark', 'Who reported the CISA directive?', 'What happened on 2026-05-21?'];
const syntheticSize = Number(process.env.BENCH_SYNTHETIC_PASSAGES ?? 10_000);
const synthetic = syntheticStories(syntheticSize);
const syntheticQueries = Array.from({ length: 40 }, (_, i) => [`hard-coded credentials in Siemens HMI panel`, `remote code execution water and wastewater`, `CVE-2021-${10000 + i * 7}`, `Rockwell PLC firmware buffer overflow update`][i % 4]!);

print(`Storyline bench: Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString()}`);
print(`embedder: ${config.embeddings.provider}; fusion: ${config.retrieval.fusion}; efSearch: ${config.retrieval.efSearch}`);
const rows = [
  await benchCorpus('bundled', bundled, Array.from({ length: 40 }, (_, i) => bundledQueries[i % bundledQueries.length]!)),
  await benchCorpus(`synthetic ~${syntheticSize}`, synthetic, syntheticQueries),
];
print('');
print('| corpus | stories | passages | model load s | embed s | embed passages/s | store+index s | search p50 ms | search p95 ms | recall@10 ef=' + config.retrieval.efSearch + ' | recall@10 ef=10 | RSS after |');
print('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  print(`| ${r.corpus} | ${r.stories} | ${r.passages} | ${r.loadSecs.toFixed(1)} | ${r.embedSecs.toFixed(1)} | ${(r.passages / r.embedSecs).toFixed(0)} | ${r.storeSecs.toFixed(2)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.recallEf.toFixed(3)} | ${r.recall10.toFixed(3)} | ${mb(r.rss)} |`);
}
clearInterval(timer);
print(`peak RSS: ${mb(peakRss)}`);

const d = await deliveriesPerSecond(1000);
const m = await matchingCost(1000, 20);
print('');
print('| subscriptions | figure |');
print('|---|---|');
print(`| webhook deliveries to a loopback receiver | ${d.count} in ${d.secs.toFixed(2)} s = ${d.perSec.toFixed(0)}/s (concurrency ${d.concurrency}) |`);
print(`| store write per ingested story, 0 subscriptions | ${m.msPerStoryWithout.toFixed(1)} ms |`);
print(`| store write per ingested story, ${m.subs} subscriptions | ${m.msPerStoryWith.toFixed(1)} ms (matching adds ${(m.msPerStoryWith - m.msPerStoryWithout).toFixed(1)} ms) |`);

const transports = await benchTransports(200);
print('');
print('| search_passages via | clients | calls | p50 ms | p95 ms | calls/s |');
print('|---|---|---|---|---|---|');
for (const t of transports) print(`| ${t.transport} | ${t.clients} | ${t.calls} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.perSec.toFixed(0)} |`);
