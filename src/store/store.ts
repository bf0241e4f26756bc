import type { EmbedderInfo } from '../embed/embedder.js';
import type { KevEntry } from '../story/kev.js';
import type { Passage } from '../story/passage.js';
import type { AssetRepo } from './assets.js';
import { SqliteStore } from './sqlite/store.js';
import type { SubscriptionRepo } from './subscriptions.js';
import type {
  KeywordHit,
  KeywordTop,
  PassageFilter,
  PassageVectorHit,
  StoredStory,
  StoryHead,
  StoryListQuery,
  StorySummary,
  StoryWrite,
  WriteHook,
} from './types.js';
import type { VectorIndexOptions } from './vectors.js';

export { DatabaseError, EmbedderMismatchError, StoreBusyError } from './errors.js';

/** Options for one write. */
export interface WriteOptions {
  /**
   * Commit the rows but leave the vector index to a later write (bulk ingest batches): the
   * index is then built once per run instead of once per batch.
   */
  deferIndex?: boolean;
  /**
   * The passages with a vector (VECTOR_KINDS) the whole bulk run writes (this write and the
   * deferred ones around it), so that an engine can weigh building its vector index once
   * against maintaining it row by row.
   */
  bulkVectors?: number;
}

/** Options for opening the store. */
export interface StoreOptions {
  /** SQLite: the data directory holding the database file and the vector index. */
  dataDir: string;
  /** PostgreSQL with pgvector (`postgres://...`); unset keeps the embedded SQLite store in `dataDir`. */
  databaseUrl?: string;
  /** The embedder queries and new passages will use; checked against the index. */
  embedder: EmbedderInfo;
  vectors: VectorIndexOptions;
  /** Called with one-line notes worth a log line (self-healing, cleanup). */
  log?: (msg: string) => void;
}

/**
 * The one storage interface, and the only door to persistence: retrieval, ingest, actions,
 * exposure, the MCP server and the CLI use these methods and nothing else. Every method that
 * touches data is async, so an engine behind a connection pool (PostgreSQL) implements it as
 * it is; no engine type (a SQLite handle, a pg client) appears in it. Engines live in
 * `store/sqlite/` (and `store/postgres/`); `openStore` picks one.
 */
export interface Store {
  /** Subscriptions and their delivery outbox. */
  readonly subscriptions: SubscriptionRepo;
  /** The user's assets, VEX statements and the advisory product index. */
  readonly assets: AssetRepo;

  /** Releases the connection(s). */
  close(): Promise<void>;
  /** Resolves when the store can serve searches (the database answers; an index in memory is loaded); rejects with why not. */
  ping(): Promise<void>;

  /** Adds a hook that every write awaits inside its transaction (see WriteHook). */
  onWrite(hook: WriteHook): void;
  /** The embedder the stored vectors were made with, or null for an empty, never-written store. */
  indexedEmbedder(): Promise<EmbedderInfo | null>;
  /** Rejects with EmbedderMismatchError when the stored vectors were made by another embedder than the configured one. */
  checkEmbedder(): Promise<void>;

  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  counts(): Promise<{ stories: number; passages: number }>;
  storyHash(id: string): Promise<string | null>;
  storyIds(): Promise<string[]>;
  /** Story ids starting with `prefix`, for completion. */
  storyIdsLike(prefix: string, limit: number): Promise<string[]>;
  getStory(id: string): Promise<StoredStory | null>;
  passagesOf(storyId: string): Promise<Passage[]>;
  getPassage(citationId: string): Promise<Passage | null>;
  getPassages(ids: readonly string[]): Promise<Map<string, Passage>>;
  storyHeads(ids: readonly string[]): Promise<Map<string, StoryHead>>;

  /** Passages holding any of `terms` (lower-cased query words), best first, every match ranked. */
  keywordSearch(terms: readonly string[], filter: PassageFilter, limit: number): Promise<KeywordHit[]>;
  /**
   * The top `limit` passages holding any of `terms`, ranked as keywordSearch ranks them; an
   * engine may leave out passages that hold only very common terms, saying how high they
   * could have scored (`omittedUpTo`).
   */
  keywordTop(terms: readonly string[], filter: PassageFilter, limit: number): Promise<KeywordTop>;
  /**
   * The passages nearest to `vector` that pass the filter, best first: at most `depth`
   * (`exact`: no approximate index, for measuring it).
   */
  vectorSearch(vector: readonly number[], filter: PassageFilter, depth: number, opts?: { exact?: boolean }): Promise<PassageVectorHit[]>;
  /** Distinct stored vectors (one per embedded text; passages of kinds without a vector have none). */
  countVectors(): Promise<number>;
  /** Stored vectors by embedding key, for reuse when the embedded text has not changed. */
  vectorsOf(keys: readonly string[]): Promise<Map<string, number[]>>;

  /** Ids of stories whose id is, or that name, any of the identifiers; at most `limit`, newest first. */
  storiesIdentifiedBy(identifiers: readonly string[], limit: number): Promise<string[]>;
  storiesNamingCve(cve: string): Promise<string[]>;
  /** Stories matching a list query, newest first, and how many match in all. */
  listStories(q: StoryListQuery): Promise<{ stories: StorySummary[]; total: number }>;
  /** Stories naming an entity exactly (name or alias, case-insensitive), newest first, with the matching rows. */
  storiesByEntity(name: string, type: string | undefined, offset: number, limit: number): Promise<{ total: number; stories: (StorySummary & { matched: { type: string; name: string }[] })[] }>;
  /** Records KEV entries; returns the CVEs whose entry is new or changed. */
  upsertKev(entries: readonly KevEntry[], catalogVersion: string): Promise<string[]>;
  kevFor(cves: readonly string[]): Promise<KevEntry[]>;

  /** Every KEV entry with the catalog version it came from (export). */
  kevEntries(): Promise<{ entry: KevEntry; catalogVersion: string }[]>;

  /**
   * Writes stories and removes others in one transaction, with every write hook awaited
   * inside it: all of it commits, or (any failure, a hook's included) none of it. Writes from
   * one process run one at a time; an engine keeps writers in other processes out or
   * serializes them. Rejects with StoreBusyError when another process holds the store.
   */
  write(writes: readonly StoryWrite[], removals: readonly string[], opts?: WriteOptions): Promise<void>;
  /** Finishes what deferred writes left (SQLite: saves the vector index once); a no-op when nothing is left. */
  ensureIndexSaved(): Promise<void>;
}

/**
 * Opens the store the options name: PostgreSQL when `databaseUrl` is set (its schema brought
 * up to date first; a DatabaseError says what to fix when it cannot be used), else SQLite in
 * `dataDir`. Callers do not change with the engine.
 */
export async function openStore(opts: StoreOptions): Promise<Store> {
  // Loaded only when asked for: the zero-setup SQLite path never loads the pg driver.
  if (opts.databaseUrl) {
    const { PgStore } = await import('./postgres/store.js');
    return PgStore.open(opts.databaseUrl, { embedder: opts.embedder, ...(opts.vectors.efSearch ? { efSearch: opts.vectors.efSearch } : {}), ...(opts.log ? { log: opts.log } : {}) });
  }
  return SqliteStore.open(opts);
}
