import type { Config } from '../config.js';
import type { Embedder } from './embedder.js';
import { createLocalEmbedder } from './local.js';
import { createOpenAIEmbedder } from './openai.js';

/** Creates the embedder the configuration names. */
export function createEmbedder(cfg: Config['embeddings']): Embedder {
  if (cfg.provider === 'openai') {
    return createOpenAIEmbedder({
      model: cfg.model,
      dimensions: cfg.dimensions,
      sendDimensions: cfg.sendDimensions,
      ...(cfg.apiKey ? { apiKey: cfg.apiKey } : {}),
      ...(cfg.baseUrl ? { baseURL: cfg.baseUrl } : {}),
      ...(cfg.batchSize ? { batchSize: cfg.batchSize } : {}),
    });
  }
  return createLocalEmbedder({ threads: cfg.threads, ...(cfg.batchSize ? { batchSize: cfg.batchSize } : {}) });
}
