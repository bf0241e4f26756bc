import type { Embedder } from '../embed/embedder.js';
import { yieldToEventLoop } from '../event-loop.js';
import type { Store } from '../store/store.js';
import type { KevCatalog } from '../story/kev.js';
import { expandStoryPaths, loadIngestFile, StoryFileError } from '../story/load.js';
import type { Story } from '../story/schema.js';
import { ingestStories, type IngestOptions, type IngestResult } from './ingest.js';
import { planKev } from './kev.js';
import type { ChunkOptions } from './passages.js';

/** What ingest from files works on: the store, the embedder and the configured cutting. */
export interface IngestTarget {
  store: Store;
  embedder: Embedder;
  chunk: ChunkOptions;
  /** Stories per atomic write in a bulk run. */
  batchStories: number;
}

/** Options of one ingest from files. */
export interface IngestPathsOptions extends Pick<IngestOptions, 'force' | 'onProgress'> {
  /** Report bad files in `failed` and ingest the rest, instead of stopping before anything is written. */
  keepGoing?: boolean;
}

/** What one ingest from files did: the stories written, KEV stories removed, and files skipped. */
export interface IngestPathsResult extends IngestResult {
  /** kev-CVE stories removed because another story now names their CVE. */
  removed: string[];
  /** Files skipped with --keep-going, each with the reason. */
  failed: { file: string; error: string }[];
}

/**
 * Ingests story, CSAF and KEV files (and the directories holding them). Every file is
 * validated first, so by default one bad file stops the run before anything is written.
 */
export async function ingestPaths(target: IngestTarget, paths: readonly string[], opts: IngestPathsOptions = {}): Promise<IngestPathsResult> {
  const { keepGoing, ...o } = opts;
  const files = await expandStoryPaths(paths);
  const stories: Story[] = [];
  const catalogs: KevCatalog[] = [];
  const failed: { file: string; error: string }[] = [];
  for (const f of files) {
    try {
      const input = await loadIngestFile(f);
      if (input.kind === 'kev') catalogs.push(input.catalog);
      else stories.push(input.story);
    } catch (err) {
      if (!keepGoing || !(err instanceof StoryFileError)) throw err;
      failed.push({ file: f, error: err.message });
    }
    // Parsing and converting are CPU-bound: let other requests in between files.
    await yieldToEventLoop();
  }
  const plan = await planKev(target.store, stories, catalogs);
  const result = await ingestStories(target.store, target.embedder, plan.stories, { chunk: target.chunk, batchStories: target.batchStories, ...o });
  await target.store.write([], plan.removals);
  return { ...result, removed: plan.removals, failed };
}

/** Re-embeds every stored story with the target's embedder (after the embedder changed). */
export async function reindexStories(target: IngestTarget, onProgress?: (done: number, total: number) => void): Promise<IngestResult> {
  const { store, embedder, chunk } = target;
  const stories: Story[] = [];
  for (const id of await store.storyIds()) {
    const stored = await store.getStory(id);
    if (stored) stories.push(stored.story);
  }
  // One write for everything: a reindex half done would mix two embedders' vectors.
  return ingestStories(store, embedder, stories, { chunk, force: true, batchStories: Number.MAX_SAFE_INTEGER, ...(onProgress ? { onProgress } : {}) });
}
