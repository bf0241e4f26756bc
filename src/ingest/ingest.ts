import type { Embedder } from '../embed/embedder.js';
import type { Store } from '../store/store.js';
import type { StoryWrite } from '../store/db.js';
import type { Story } from '../story/schema.js';
import { storyHash, storyToPassages, type ChunkOptions } from './passages.js';

/** What one ingest run did. */
export interface IngestResult {
  added: string[];
  updated: string[];
  unchanged: string[];
  passages: number;
}

/** Options for ingest. */
export interface IngestOptions {
  chunk?: ChunkOptions;
  /** Re-embed stories even when their content is unchanged (after changing embedder). */
  force?: boolean;
  /** Progress of embedding, in passages. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Ingests validated stories: skips those whose content hash is unchanged, cuts the rest into
 * passages, embeds them in batches and writes them all in one atomic store write.
 */
export async function ingestStories(
  store: Store,
  embedder: Embedder,
  stories: readonly Story[],
  opts: IngestOptions = {},
): Promise<IngestResult> {
  if (!opts.force) store.checkEmbedder();
  const result: IngestResult = { added: [], updated: [], unchanged: [], passages: 0 };
  const pending: { story: Story; hash: string; existed: boolean }[] = [];
  const seen = new Set<string>();
  for (const story of stories) {
    if (seen.has(story.id)) throw new Error(`story id "${story.id}" appears twice in one ingest`);
    seen.add(story.id);
    const hash = storyHash(story, opts.chunk);
    const prior = store.db.storyHash(story.id);
    if (prior === hash && !opts.force) result.unchanged.push(story.id);
    else pending.push({ story, hash, existed: prior !== null });
  }
  if (pending.length === 0) return result;

  const cut = await Promise.all(pending.map(async (p) => ({ ...p, passages: await storyToPassages(p.story, opts.chunk) })));
  const texts = cut.flatMap((c) => c.passages.map((p) => p.text));
  const vectors = await embedder.embedDocuments(texts, opts.onProgress);
  let offset = 0;
  const writes: StoryWrite[] = cut.map((c) => {
    const w = { story: c.story, hash: c.hash, passages: c.passages, vectors: vectors.slice(offset, offset + c.passages.length) };
    offset += c.passages.length;
    return w;
  });
  await store.write(writes, []);
  for (const c of cut) (c.existed ? result.updated : result.added).push(c.story.id);
  result.passages = texts.length;
  return result;
}
