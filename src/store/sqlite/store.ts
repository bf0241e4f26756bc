import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EmbedderInfo } from '../../embed/embedder.js';
import { dataDirLayout, vectorGenerationDir, type DataDirLayout } from '../../data-dir.js';
import { embedKey, hasVector } from '../../story/passage.js';
import type { KevEntry } from '../../story/kev.js';
import type { Passage } from '../../story/passage.js';
import { checkSameEmbedder, StoreBusyError } from '../errors.js';
import type { Store, StoreOptions, WriteOptions } from '../store.js';
import { ftsPhrases } from './sql.js';
import { StoryDb } from './story-db.js';
import { SqliteSubscriptions } from './subscriptions.js';
import { SqliteAssets } from './assets.js';
import { TxGate, type Gated } from './gate.js';
import type { AssetRepo } from '../assets.js';
import type { SubscriptionRepo } from '../subscriptions.js';
import {
  isFiltered,
  type KeywordHit,
  type KeywordTop,
  type PassageFilter,
  type PassageVectorHit,
  type StoredStory,
  type StoryHead,
  type StoryListQuery,
  type StorySummary,
  type StoryWrite,
  type WriteHook,
  type WriteTx,
} from '../types.js';
import { exactSearch, VectorIndex, type VectorHit, type VectorItem } from '../vectors.js';

/**
 * Deleted vectors an index may hold, as a share of its live ones (or this many, whichever is
 * more), before a write rebuilds it.
 */
const MAX_DELETED_SHARE = 0.2;
const MAX_DELETED_MIN = 1_000;
/** Below this many filtered passages, vector search scans them exactly instead of walking the graph. */
const EXACT_SCAN_LIMIT = 4_000;
/** Up to this many, the keys a filter lets through confine the graph walk; beyond, the search widens and filters after. */
const FILTER_KEYS_LIMIT = 30_000;

/**
 * The SQLite engine of the Store: a SQLite database (the source of truth, vectors included)
 * and an HNSW index derived from it. A write builds the new index under a new generation
 * directory first, then commits the SQLite transaction that points at it, so a crash at any
 * moment leaves the previous, consistent state in use.
 */
export class SqliteStore implements Store {
  private index: VectorIndex = VectorIndex.empty();
  private readonly hooks: WriteHook[] = [];
  private loadedGeneration = -1;
  private refreshing: Promise<void> | null = null;
  // Writes from one process run one at a time; the lock file keeps other processes out.
  private queue: Promise<unknown> = Promise.resolve();

  private readonly paths: DataDirLayout;
  // Everything on the connection waits while a story write's transaction awaits its hooks.
  private readonly gate = new TxGate();
  private readonly run: Gated = (fn) => this.gate.run(fn);
  private readonly subs: SqliteSubscriptions;
  private readonly assetTables: SqliteAssets;

  private constructor(
    private readonly db: StoryDb,
    private readonly opts: StoreOptions,
  ) {
    this.paths = dataDirLayout(opts.dataDir);
    this.subs = new SqliteSubscriptions(db.db, this.run);
    this.assetTables = new SqliteAssets(db.db, this.run);
  }

  /** Subscriptions and their delivery outbox. */
  get subscriptions(): SubscriptionRepo {
    return this.subs;
  }

  /** The user's assets, VEX statements and the advisory product index. */
  get assets(): AssetRepo {
    return this.assetTables;
  }

  /** The hooks' view of the open write transaction: straight to the connection, past the gate. */
  private tx(): WriteTx {
    const db = this.db;
    const now = <T>(fn: () => T): Promise<T> => Promise.resolve(fn());
    return {
      activeSubscriptions: () => now(() => this.subs.activeNow()),
      enqueue: (d) => now(() => this.subs.enqueueNow(d)),
      indexAdvisories: (stories) => now(() => this.assetTables.indexAdvisoriesNow(stories)),
      assetsByKeys: (keys) => now(() => this.assetTables.assetsByKeysNow(keys)),
      vexFor: (cves) => now(() => this.assetTables.vexForNow(cves)),
      storyHeads: (ids) => now(() => db.storyHeads(ids)),
      passagesOf: (id) => now(() => db.passagesOf(id)),
      kevFor: (cves) => now(() => db.kevFor(cves)),
    };
  }

  /**
   * Opens (creating if needed) the store in `opts.dataDir`. The vector index is loaded on
   * first use (`vectors()`), so commands that never search, such as a resumed bulk ingest,
   * never pay for loading or rebuilding it. Nothing here waits today (SQLite opens
   * synchronously); it returns a promise because an engine behind a connection pool
   * (PostgreSQL) must, and callers should not change when one is chosen.
   */
  static open(opts: StoreOptions): Promise<SqliteStore> {
    return Promise.resolve(new SqliteStore(new StoryDb(dataDirLayout(opts.dataDir).db), opts));
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  /** Ready to serve: the database answers and the vector index is loaded (so the first search does not wait). */
  async ping(): Promise<void> {
    await this.run(() => this.db.getMeta('vector_generation'));
    await this.refresh();
  }

  /** Adds a hook that runs inside every write transaction (see WriteHook). */
  onWrite(hook: WriteHook): void {
    this.hooks.push(hook);
  }

  /** The embedder recorded in the index, or null for an empty, never-written store. */
  indexedEmbedder(): Promise<EmbedderInfo | null> {
    return this.run(() => this.embedderNow());
  }

  /** Rejects with EmbedderMismatchError when the index was built by another embedder. */
  checkEmbedder(): Promise<void> {
    return this.run(() => checkSameEmbedder(this.embedderNow(), this.opts.embedder));
  }

  private embedderNow(): EmbedderInfo | null {
    const raw = this.db.getMeta('embedder');
    return raw ? (JSON.parse(raw) as EmbedderInfo) : null;
  }

  private generation(): number {
    return Number(this.db.getMeta('vector_generation') ?? '0');
  }

  /**
   * Makes the in-memory index match the database: reloads it after another process wrote,
   * and rebuilds it from stored vectors when its directory is missing or damaged. A missing
   * one (an interrupted bulk ingest never saved it) is saved once rebuilt, so the next
   * start loads it instead of rebuilding again.
   */
  refresh(): Promise<void> {
    // One load at a time: concurrent first searches share it.
    this.refreshing ??= this.load().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async load(): Promise<void> {
    const gen = await this.run(() => this.generation());
    if (gen === this.loadedGeneration) return;
    // Counted only when the generation moved: a search calls this first, and counting the
    // distinct vectors reads every passage row (about 7 ms at 100,000 passages).
    const { vectors, dims } = await this.run(() => ({
      vectors: this.db.countVectors(),
      dims: this.embedderNow()?.dimensions ?? this.opts.embedder.dimensions,
    }));
    if (vectors === 0) {
      this.index = VectorIndex.empty();
      this.loadedGeneration = gen;
      return;
    }
    const dir = vectorGenerationDir(this.paths, gen);
    try {
      this.index = await VectorIndex.load(dir, dims, this.opts.vectors);
      if (this.index.size !== vectors) throw new Error(`index holds ${this.index.size} vectors, database ${vectors}`);
      this.loadedGeneration = gen;
      return;
    } catch (err) {
      const missing = !existsSync(dir);
      this.opts.log?.(
        missing
          ? `vector index generation ${gen} was never saved (an interrupted bulk ingest); rebuilding from the database`
          : `vector index generation ${gen} unusable (${(err as Error).message}); rebuilding from the database`,
      );
      this.index = VectorIndex.build(await this.run(() => this.db.allVectors()), dims, this.opts.vectors);
      this.loadedGeneration = gen;
      if (missing) await this.ensureIndexSaved().catch((e: unknown) => this.opts.log?.(`could not save the rebuilt vector index: ${(e as Error).message}`));
    }
  }

  /**
   * The current vector index, loaded first if this process has not yet, or another has written
   * since. SQLite-specific: for tests of the index and the benchmark's recall figures.
   */
  async vectors(): Promise<VectorIndex> {
    await this.refresh();
    return this.index;
  }

  // Reads. They are async because an engine behind a connection pool (PostgreSQL) must be;
  // callers above src/store/ use these, never the SQLite handle.

  getMeta(key: string): Promise<string | null> {
    return this.run(() => this.db.getMeta(key));
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.run(() => this.db.setMeta(key, value));
  }

  counts(): Promise<{ stories: number; passages: number }> {
    return this.run(() => this.db.counts());
  }

  storyHash(id: string): Promise<string | null> {
    return this.run(() => this.db.storyHash(id));
  }

  storyIds(): Promise<string[]> {
    return this.run(() => this.db.storyIds());
  }

  /** Story ids starting with `prefix`, for completion. */
  storyIdsLike(prefix: string, limit: number): Promise<string[]> {
    return this.run(() => this.db.storyIdsLike(prefix, limit));
  }

  getStory(id: string): Promise<StoredStory | null> {
    return this.run(() => this.db.getStory(id));
  }

  passagesOf(storyId: string): Promise<Passage[]> {
    return this.run(() => this.db.passagesOf(storyId));
  }

  getPassage(citationId: string): Promise<Passage | null> {
    return this.run(() => this.db.getPassage(citationId));
  }

  getPassages(ids: readonly string[]): Promise<Map<string, Passage>> {
    return this.run(() => this.db.getPassages(ids));
  }

  storyHeads(ids: readonly string[]): Promise<Map<string, StoryHead>> {
    return this.run(() => this.db.storyHeads(ids));
  }

  /** Passages holding any of `terms` (lower-cased query words), best first by BM25, every match ranked. */
  keywordSearch(terms: readonly string[], filter: PassageFilter, limit: number): Promise<KeywordHit[]> {
    if (terms.length === 0) return Promise.resolve([]);
    // FTS5's bm25() is lower for better matches.
    return this.run(() => this.db.keywordSearch(ftsPhrases(terms).join(' OR '), filter, limit).map((r) => ({ id: r.id, score: -r.bm25 })));
  }

  /**
   * The top `limit` passages holding any of `terms`, ranked as keywordSearch ranks them, but
   * on a large store passages that hold only very common terms may be left out (their score
   * is then at most `omittedUpTo`, a few millionths): see StoryDb.keywordTop.
   */
  keywordTop(terms: readonly string[], filter: PassageFilter, limit: number): Promise<KeywordTop> {
    return this.run(() => {
      const r = this.db.keywordTop(ftsPhrases(terms), filter, limit);
      return { hits: r.rows.map((row) => ({ id: row.id, score: -row.bm25 })), omittedUpTo: r.omittedUpTo };
    });
  }

  /**
   * The passages nearest to `vector` that pass the filter, best first: at most `depth`.
   * Exact over a small filtered set (or every vector when `exact`, for measuring the
   * approximate index), the HNSW graph otherwise, widened until enough pass the filter.
   */
  async vectorSearch(q: readonly number[], filter: PassageFilter, depth: number, opts: { exact?: boolean } = {}): Promise<PassageVectorHit[]> {
    const filtered = isFiltered(filter);
    // Which keys a filter lets through, from covering indexes (no vectors read), unless very many do.
    const keys = filtered && !opts.exact ? await this.run(() => this.db.filteredKeys(filter, FILTER_KEYS_LIMIT)) : null;
    // A small filtered set is scanned exactly: the graph walk would go on until it met ef of them.
    const few = opts.exact ? await this.run(() => this.db.allVectors()) : keys && keys.length <= EXACT_SCAN_LIMIT ? await this.run(() => this.db.vectorItems(keys)) : null;
    let hits: VectorHit[];
    let byKey: Map<string, string[]> | null = null;
    if (few) {
      hits = exactSearch(few, q, depth * 2);
    } else if (keys) {
      // A middle-sized set: the graph walk keeps to it (widening would walk far when the
      // query's neighbours are all outside it, e.g. a timeline-only search for body words).
      hits = (await this.vectors()).search(q, depth * 2, undefined, keys);
    } else {
      // Most passages pass: search wider until enough do.
      const index = await this.vectors();
      for (let k = depth * (filtered ? 4 : 2); ; k *= 4) {
        hits = index.search(q, k);
        if (filtered) {
          const keys = hits.map((h) => h.key);
          const passing = await this.run(() => this.db.passagesByKeys(keys, filter));
          hits = hits.filter((h) => passing.has(h.key));
          byKey = passing;
        }
        if (hits.length >= depth || k >= index.size) break;
      }
    }
    // One vector may stand for several passages with the same embedded text.
    const found = hits;
    const map = byKey ?? (await this.run(() => this.db.passagesByKeys(found.map((h) => h.key), filter)));
    return hits.flatMap((h) => (map.get(h.key) ?? []).map((id) => ({ id, similarity: h.similarity }))).slice(0, depth);
  }

  /** Every distinct stored vector with its embedding key. SQLite-specific: the benchmark's exact search. */
  allVectors(): Promise<VectorItem[]> {
    return this.run(() => this.db.allVectors());
  }

  /** Distinct stored vectors (one per embedded text). */
  countVectors(): Promise<number> {
    return this.run(() => this.db.countVectors());
  }

  /** Stored vectors by embedding key, for reuse when the embedded text has not changed. */
  vectorsOf(keys: readonly string[]): Promise<Map<string, number[]>> {
    return this.run(() => this.db.vectorsOf(keys));
  }

  /** Ids of stories whose id is, or that name, any of the identifiers; at most `limit`, newest first. */
  storiesIdentifiedBy(identifiers: readonly string[], limit: number): Promise<string[]> {
    return this.run(() => this.db.storiesIdentifiedBy(identifiers, limit));
  }

  storiesNamingCve(cve: string): Promise<string[]> {
    return this.run(() => this.db.storiesNamingCve(cve));
  }

  /** Stories matching a list query, newest first, and how many match in all. */
  listStories(q: StoryListQuery): Promise<{ stories: StorySummary[]; total: number }> {
    return this.run(() => this.db.listStories(q));
  }

  /** Stories naming an entity exactly (name or alias, case-insensitive), newest first, with the matching rows. */
  storiesByEntity(name: string, type: string | undefined, offset: number, limit: number): Promise<{ total: number; stories: (StorySummary & { matched: { type: string; name: string }[] })[] }> {
    return this.run(() => this.db.storiesByEntity(name, type, offset, limit));
  }

  /** Records KEV entries; returns the CVEs whose entry is new or changed. */
  upsertKev(entries: readonly KevEntry[], catalogVersion: string): Promise<string[]> {
    return this.run(() => this.db.upsertKev(entries, catalogVersion));
  }

  kevFor(cves: readonly string[]): Promise<KevEntry[]> {
    return this.run(() => this.db.kevFor(cves));
  }

  kevEntries(): Promise<{ entry: KevEntry; catalogVersion: string }[]> {
    return this.run(() => this.db.kevEntries());
  }

  /**
   * Writes stories and removes others atomically (see the class comment). Holds an
   * exclusive lock file so two processes never interleave writes.
   */
  write(writes: readonly StoryWrite[], removals: readonly string[], opts: WriteOptions = {}): Promise<void> {
    if (writes.length === 0 && removals.length === 0) return Promise.resolve();
    return this.serialized(() => this.writeLocked(writes, removals, opts));
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Saves the index of the current generation if a deferred write left it unsaved (a bulk
   * run that was interrupted, or whose last batch changed nothing).
   */
  ensureIndexSaved(): Promise<void> {
    return this.serialized(async () => {
      const gen = this.generation();
      if (this.db.countVectors() === 0 || existsSync(vectorGenerationDir(this.paths, gen))) return;
      const release = this.lock();
      try {
        // An index this process already rebuilt for this generation is saved as it is.
        const index = this.loadedGeneration === gen ? this.index : VectorIndex.build(this.db.allVectors(), this.opts.embedder.dimensions, this.opts.vectors);
        await index.saveAtomically(vectorGenerationDir(this.paths, gen));
        this.index = index;
        this.loadedGeneration = gen;
      } finally {
        release();
      }
    });
  }

  private async writeLocked(writes: readonly StoryWrite[], removals: readonly string[], opts: WriteOptions): Promise<void> {
    const release = this.lock();
    try {
      // Rewriting every stored story (a reindex) is how the embedder is changed; anything
      // less must match the embedder the index was built with.
      const rewritten = new Set(writes.map((w) => w.story.id));
      if (!this.db.storyIds().every((id) => rewritten.has(id))) checkSameEmbedder(this.embedderNow(), this.opts.embedder);
      const gen = this.generation() + 1;
      // A directory for an uncommitted generation can only be debris from a crashed write.
      await rm(vectorGenerationDir(this.paths, gen), { recursive: true, force: true });
      let index: VectorIndex | null = null;
      if (!opts.deferIndex) {
        index = await this.nextIndex(gen - 1, writes, removals);
        if (index.size > 0) await index.saveAtomically(vectorGenerationDir(this.paths, gen));
      }
      // The commit point: until this transaction commits, readers keep the previous generation.
      try {
        await this.gate.hold(() =>
          this.db.apply(writes, removals, { vector_generation: String(gen), embedder: JSON.stringify(this.opts.embedder) }, async (changes) => {
            const tx = this.tx();
            for (const h of this.hooks) await h(changes, tx);
          }),
        );
      } catch (err) {
        // The index in memory may have been updated in place for a write that did not commit:
        // the next search reloads the previous generation from disk.
        if (index === this.index) this.loadedGeneration = -1;
        throw err;
      }
      if (index) {
        this.index = index;
        this.loadedGeneration = gen;
      }
      // A deferred write leaves no directory for its generation; readers rebuild in memory
      // until ensureIndexSaved() or a later write saves one.
      await this.removeStaleGenerations(index && index.size > 0 ? `gen-${gen}` : null);
    } finally {
      release();
    }
  }

  /**
   * The index for the database as it will be after a write: the previous generation's,
   * updated in place with the write's passages when it is at hand (in memory, or saved on
   * disk) and the embedder is the same, else built from every stored vector. Past a share of
   * deleted vectors, it is rebuilt so that the graph does not fill with dead nodes.
   */
  private async nextIndex(previous: number, writes: readonly StoryWrite[], removals: readonly string[]): Promise<VectorIndex> {
    const stories = [...removals, ...writes.map((w) => w.story.id)];
    // Only passages of VECTOR_KINDS have a vector, and only those are in the index.
    const added: VectorItem[] = writes.flatMap((w) => w.passages.flatMap((p, i) => (hasVector(p) ? [{ key: embedKey(p), vector: w.vectors[i] ?? [] }] : [])));
    const base = await this.indexOf(previous);
    if (base) {
      const addedKeys = new Set(added.map((a) => a.key));
      const gone = this.db.keysOnlyIn(stories).filter((k) => !addedKeys.has(k));
      const fresh = [...addedKeys].filter((k) => !base.has(k)).length;
      const live = base.size - gone.length + fresh;
      if (live > 0 && base.deleted + gone.length <= Math.max(MAX_DELETED_MIN, live * MAX_DELETED_SHARE)) {
        base.update(added, gone);
        return base;
      }
    }
    return VectorIndex.build([...this.db.allVectors(stories), ...added], this.opts.embedder.dimensions, this.opts.vectors);
  }

  /**
   * The index of a generation, if it can be had without a rebuild and was built by the
   * configured embedder: the one in memory, or its saved directory.
   */
  private async indexOf(gen: number): Promise<VectorIndex | null> {
    const indexed = this.embedderNow();
    const configured = this.opts.embedder;
    if (!indexed || indexed.provider !== configured.provider || indexed.model !== configured.model || indexed.dimensions !== configured.dimensions) return null;
    if (this.loadedGeneration === gen && this.generation() === gen) return this.index.size > 0 ? this.index : null;
    const dir = vectorGenerationDir(this.paths, gen);
    if (!existsSync(dir)) return null;
    try {
      const index = await VectorIndex.load(dir, configured.dimensions, this.opts.vectors);
      return index.size === this.db.countVectors() && index.size > 0 ? index : null;
    } catch {
      return null; // damaged: the write builds a new one
    }
  }

  private async removeStaleGenerations(keep: string | null): Promise<void> {
    const dir = this.paths.vectors;
    const entries = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(entries.filter((e) => e !== keep).map((e) => rm(path.join(dir, e), { recursive: true, force: true })));
  }

  /** Takes the data directory's write lock; a lock left by a dead process is taken over. */
  private lock(): () => void {
    const file = this.paths.writeLock;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return () => rmSync(file, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = readFileSync(file, 'utf8').trim();
        if (isAlive(Number(holder)) && Number(holder) !== process.pid) throw new StoreBusyError(file, holder);
        rmSync(file, { force: true });
      }
    }
    throw new StoreBusyError(file, 'unknown');
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The SQLite engine behind a Store, for SQLite-specific tests and benchmarks; throws for another engine. */
export function asSqlite(store: Store): SqliteStore {
  if (!(store instanceof SqliteStore)) throw new Error('this needs the SQLite engine');
  return store;
}
