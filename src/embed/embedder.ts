import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { yieldToEventLoop } from '../event-loop.js';

/** What produced a set of vectors; an index only answers queries embedded the same way. */
export interface EmbedderInfo {
  provider: string;
  model: string;
  dimensions: number;
}

/** Called after each batch with the number of texts embedded so far. */
export type EmbedProgress = (done: number, total: number) => void;

/**
 * Turns text into unit-length vectors. It satisfies LangChain's `EmbeddingsInterface`, so the
 * same object can be handed to LangChain vector stores.
 */
export interface Embedder extends EmbeddingsInterface {
  readonly info: EmbedderInfo;
  embedDocuments(texts: string[], onProgress?: EmbedProgress): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  /** Readies what embedding a question needs, in the background, so the first question need not wait for it. */
  prepare?(): void;
}

/** Scales a vector to unit length so cosine similarity is a dot product. */
export function normalize(v: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] ?? 0) ** 2;
  const norm = Math.sqrt(sum) || 1;
  return Array.from(v, (x) => x / norm);
}

/** Embeds texts in batches of `batchSize`, reporting progress after each batch. */
export async function embedInBatches(
  texts: string[],
  batchSize: number,
  embedBatch: (batch: string[]) => Promise<number[][]>,
  onProgress?: EmbedProgress,
): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += batchSize) {
    const batch = texts.slice(i, i + batchSize);
    const vectors = await embedBatch(batch);
    if (vectors.length !== batch.length) {
      throw new Error(`embedding provider returned ${vectors.length} vectors for ${batch.length} texts`);
    }
    out.push(...vectors.map(normalize));
    onProgress?.(out.length, texts.length);
    // Providers that compute in this thread would otherwise hold it for the whole job.
    await yieldToEventLoop();
  }
  return out;
}
