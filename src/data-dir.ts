import path from 'node:path';

/**
 * The data directory's layout: every file and folder Storyline writes there (embedded engine),
 * named in this one place.
 */
export interface DataDirLayout {
  root: string;
  /** The SQLite database, the source of truth (vectors included). */
  db: string;
  /** HNSW index generations, each in `gen-N`; rebuilt from the database when missing. */
  vectors: string;
  /** Held by the one process writing to the store. */
  writeLock: string;
  /** The key sealing webhook signing secrets (mode 0600), unless STORYLINE_SECRET_KEY is set. */
  secretKey: string;
  /** Outbox delivery targets, one `<name>.jsonl` file each. */
  outbox: string;
  /** Saved chat transcripts. */
  chats: string;
}

/** The layout of the data directory `root`. */
export function dataDirLayout(root: string): DataDirLayout {
  return {
    root,
    db: path.join(root, 'storyline.db'),
    vectors: path.join(root, 'vectors'),
    writeLock: path.join(root, 'write.lock'),
    secretKey: path.join(root, 'secret.key'),
    outbox: path.join(root, 'outbox'),
    chats: path.join(root, 'chats'),
  };
}

/** One generation of the vector index, below `layout.vectors`. */
export const vectorGenerationDir = (layout: DataDirLayout, gen: number) => path.join(layout.vectors, `gen-${gen}`);
