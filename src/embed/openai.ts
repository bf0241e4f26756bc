import OpenAI from 'openai';
import { embedInBatches, type Embedder, type EmbedProgress } from './embedder.js';

/** Options for embeddings from OpenAI or any OpenAI-compatible endpoint. */
export interface OpenAIEmbedderOptions {
  /** Model name, e.g. "text-embedding-3-small". */
  model: string;
  /** Vector size; sent to the API when set, and checked against every answer. */
  dimensions: number;
  /** Send `dimensions` in the request (OpenAI's v3 models accept it; many local servers do not). */
  sendDimensions?: boolean;
  apiKey?: string;
  /** e.g. http://localhost:11434/v1 for Ollama. */
  baseURL?: string;
  /** Texts per request (default 96). */
  batchSize?: number;
  /** Retries on 408/409/429/5xx and connection errors, with backoff (default 4). */
  maxRetries?: number;
  timeoutMs?: number;
}

/** Embedder backed by the `openai` SDK, batched and retried. */
export function createOpenAIEmbedder(opts: OpenAIEmbedderOptions): Embedder {
  const client = new OpenAI({
    apiKey: opts.apiKey ?? 'not-needed',
    baseURL: opts.baseURL,
    maxRetries: opts.maxRetries ?? 4,
    timeout: opts.timeoutMs ?? 60_000,
  });
  const batchSize = opts.batchSize ?? 96;
  const embedBatch = async (input: string[]) => {
    const res = await client.embeddings.create({
      model: opts.model,
      input,
      encoding_format: 'float',
      ...(opts.sendDimensions ? { dimensions: opts.dimensions } : {}),
    });
    const rows = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    for (const row of rows) {
      if (row.length !== opts.dimensions) {
        throw new Error(
          `embedding model "${opts.model}" returned ${row.length} dimensions, but ${opts.dimensions} are configured (set embeddings.dimensions)`,
        );
      }
    }
    return rows;
  };
  return {
    info: { provider: 'openai', model: opts.model, dimensions: opts.dimensions },
    embedDocuments: (texts: string[], onProgress?: EmbedProgress) =>
      embedInBatches(texts, batchSize, embedBatch, onProgress),
    async embedQuery(text: string) {
      const [v] = await embedInBatches([text], 1, embedBatch);
      if (!v) throw new Error('embedding endpoint returned no vector');
      return v;
    },
  };
}
