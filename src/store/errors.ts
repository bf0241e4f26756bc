import type { EmbedderInfo } from '../embed/embedder.js';
import { StorylineError } from '../errors.js';

const describe = (i: EmbedderInfo) => `provider "${i.provider}", model "${i.model}", ${i.dimensions} dimensions`;

/** The embedder an index was built with differs from the one configured now. */
export class EmbedderMismatchError extends StorylineError {
  constructor(
    readonly indexed: EmbedderInfo,
    readonly configured: EmbedderInfo,
  ) {
    // The CLI and README count it as an error in what was asked (exit 1): the fix is a command, `ingest --reindex`.
    super(
      'input',
      `this index was built with ${describe(indexed)}, but the configured embedder is ${describe(configured)}. ` +
        'Vectors from different embedders are not comparable, so searching would give wrong results. ' +
        'Either configure the original embedder again, or rebuild the index with the new one: ' +
        '`storyline ingest --reindex` (re-embeds every stored story).',
    );
  }
}

/** Throws EmbedderMismatchError when `indexed` (null: nothing written yet) is not `configured`. */
export function checkSameEmbedder(indexed: EmbedderInfo | null, configured: EmbedderInfo): void {
  if (!indexed) return;
  if (indexed.provider !== configured.provider || indexed.model !== configured.model || indexed.dimensions !== configured.dimensions) {
    throw new EmbedderMismatchError(indexed, configured);
  }
}

/** Another process holds the write lock. */
export class StoreBusyError extends StorylineError {
  constructor(lockFile: string, holder: string) {
    super('busy', `another Storyline process (pid ${holder}) is writing to this data directory (${lockFile}); try again when it finishes`);
  }
}

/**
 * The database cannot be used (unreachable, refused credentials, a missing extension, an
 * engine this build lacks): the message says what to change.
 */
export class DatabaseError extends StorylineError {
  constructor(message: string) {
    super('configuration', message);
  }
}
