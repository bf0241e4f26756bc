import type { Embedder } from '../embed/embedder.js';
import { yieldToEventLoop } from '../event-loop.js';
import { UserError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { StoryWrite } from '../store/types.js';
import type { Story } from '../story/schema.js';
import { embeddingInput, embedKey, hasVector, type Passage } from '../story/passage.js';
import { storyHash, storyToPassages, type ChunkOptions } from './passages.js';

/** What one ingest run did. */
export interface IngestResult {
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Texts embedded in this run (passages of VECTOR_KINDS whose text is new; the others reuse a stored vector or carry none). */
  passages: number;
}

/** Options for ingest. */
export interface IngestOptions {
  chunk?: ChunkOptions;
  /** Re-embed stories even when their content is unchanged (after changing embedder). */
  force?: boolean;
  /** Progress of embedding, in passages. */
  onProgress?: (done: number, total: number) => void;
  /** Stories per atomic write in a bulk run (default 256). */
  batchStories?: number;
}

/**
 * Ingests validated stories: skips those whose content hash is unchanged, cuts the rest into
 * passages, embeds only passages whose text is new (unchanged passages keep their vectors),
 * and writes them in batches of `batchStories`. Each batch is atomic and the vector index is
 * built once, after the last batch, so an interrupted run keeps whole batches and a rerun
 * resumes where it stopped (finished stories are unchanged by then).
 */
export async function ingestStories(
  store: Store,
  embedder: Embedder,
  stories: readonly Story[],
  opts: IngestOptions = {},
): Promise<IngestResult> {
  if (!opts.force) await store.checkEmbedder();
  const result: IngestResult = { added: [], updated: [], unchanged: [], passages: 0 };
  const pending: { story: Story; hash: string; existed: boolean }[] = [];
  const seen = new Set<string>();
  for (const story of stories) {
    if (seen.has(story.id)) throw new UserError(`story id "${story.id}" appears twice in one ingest`);
    seen.add(story.id);
    const hash = storyHash(story, opts.chunk);
    const prior = await store.storyHash(story.id);
    if (prior === hash && !opts.force) result.unchanged.push(story.id);
    else pending.push({ story, hash, existed: prior !== null });
    await yieldToEventLoop();
  }
  if (pending.length === 0) {
    await store.ensureIndexSaved();
    return result;
  }

  // One story at a time, yielding between them: the server keeps answering during a long ingest.
  const cut: ((typeof pending)[number] & { passages: Passage[] })[] = [];
  for (const p of pending) {
    cut.push({ ...p, passages: await storyToPassages(p.story, opts.chunk) });
    await yieldToEventLoop();
  }
  // A reindex (force) re-embeds everything; otherwise an input already embedded (here or in
  // an earlier run) keeps its vector: each distinct input is embedded once. Passages of the
  // kinds without a vector (VECTOR_KINDS) are never embedded.
  const embeddable = (ps: readonly Passage[]) => ps.filter(hasVector);
  const reuse = opts.force ? new Map<string, number[]>() : await store.vectorsOf(cut.flatMap((c) => embeddable(c.passages).map(embedKey)));
  const distinctNew = (ps: readonly Passage[]) => [...new Map(embeddable(ps).map((p) => [embedKey(p), p])).entries()].filter(([k]) => !reuse.has(k));
  const total = distinctNew(cut.flatMap((c) => c.passages)).length;
  let embedded = 0;
  const batchStories = opts.batchStories ?? 256;
  const bulkVectors = cut.reduce((n, c) => n + embeddable(c.passages).length, 0);
  try {
    for (let i = 0; i < cut.length; i += batchStories) {
      const batch = cut.slice(i, i + batchStories);
      const fresh = distinctNew(batch.flatMap((c) => c.passages));
      const vectors = await embedder.embedDocuments(
        fresh.map(([, p]) => embeddingInput(p)),
        opts.onProgress ? (done) => opts.onProgress!(embedded + done, total) : undefined,
      );
      embedded += fresh.length;
      fresh.forEach(([key], j) => reuse.set(key, vectors[j]!));
      const writes: StoryWrite[] = batch.map((c) => ({
        story: c.story,
        hash: c.hash,
        passages: c.passages,
        vectors: c.passages.map((p) => (hasVector(p) ? reuse.get(embedKey(p))! : null)),
      }));
      const last = i + batchStories >= cut.length;
      await store.write(writes, [], { deferIndex: !last, bulkVectors });
      for (const c of batch) (c.existed ? result.updated : result.added).push(c.story.id);
    }
  } catch (err) {
    // A run stopped after deferred batches committed: finish their index now (the batches
    // stay; a rerun skips them), or the next open does when the store cannot be reached.
    await store.ensureIndexSaved().catch(() => undefined);
    throw err;
  }
  result.passages = embedded;
  return result;
}
