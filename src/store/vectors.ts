import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import hnswlib from 'hnswlib-node';

/** One stored vector and the key of the text it embeds (passages with the same embedded text share it). */
export interface VectorItem {
  key: string;
  vector: ArrayLike<number>;
}

/** A vector hit; similarity is cosine similarity in [-1, 1]. */
export interface VectorHit {
  key: string;
  similarity: number;
}

/** Tuning for the HNSW graph. */
export interface VectorIndexOptions {
  /**
   * Search breadth; undefined scales it with the index size (see `efFor`). hnswlib's
   * default of 10 loses recall badly.
   */
  efSearch?: number;
  /** Graph degree (default 32). LangChain's wrapper forced 16, which lost recall on templated advisories. */
  m?: number;
  /** Build breadth (default 400). */
  efConstruction?: number;
}

const DEFAULT_M = 32;
const DEFAULT_EF_CONSTRUCTION = 400;
const INDEX_FILE = 'hnsw.bin';
const KEYS_FILE = 'keys.json';

/**
 * The search breadth for an index of `size` vectors: at least 100, growing with the square
 * root of the size (about 640 at 46,000 vectors, 950 at 100,000), at most 2,000. Measured by
 * `npm run bench` (recall@10 against exact search, scripted vectors): 2·√n kept 0.985 on the
 * real corpus but only 0.953 on the templated synthetic one at 110,000 vectors, where ef 1,000
 * reaches 0.998.
 */
export function efFor(size: number, k: number, configured?: number): number {
  const ef = configured ?? Math.max(100, Math.min(2_000, Math.ceil(3 * Math.sqrt(size))));
  return Math.max(ef, k);
}

// hnswlib's cosine space returns distance = 1 - cosine similarity; this is the one place
// that turns it back.
const toSimilarity = (distance: number) => 1 - distance;

/**
 * The approximate nearest-neighbour index over passage vectors, built directly on
 * hnswlib-node with the graph parameters set here (M, efConstruction, ef). One vector is
 * kept per distinct embedded text. It is derived data: the database keeps every vector, so
 * the index can always be rebuilt from it. A write updates it in place (`update`): removed
 * vectors are marked deleted (searches skip them) and stay in the graph until a rebuild.
 */
export class VectorIndex {
  /** Label of each live key. */
  private readonly labels = new Map<string, number>();

  private constructor(
    private readonly hnsw: hnswlib.HierarchicalNSW | null,
    /** The key of each label; null for a label marked deleted. */
    private readonly keys: (string | null)[],
    private readonly opts: VectorIndexOptions,
  ) {
    keys.forEach((k, label) => {
      if (k !== null) this.labels.set(k, label);
    });
  }

  /** Distinct vectors held. */
  get size(): number {
    return this.labels.size;
  }

  /** Vectors marked deleted, still in the graph. */
  get deleted(): number {
    return this.keys.length - this.labels.size;
  }

  /** True when the index holds a vector for this key. */
  has(key: string): boolean {
    return this.labels.has(key);
  }

  static empty(): VectorIndex {
    return new VectorIndex(null, [], {});
  }

  /** Builds an index over the items, one vector per distinct key. */
  static build(items: readonly VectorItem[], dimensions: number, opts: VectorIndexOptions): VectorIndex {
    const distinct = new Map<string, ArrayLike<number>>();
    for (const i of items) if (!distinct.has(i.key)) distinct.set(i.key, i.vector);
    if (distinct.size === 0) return VectorIndex.empty();
    const hnsw = new hnswlib.HierarchicalNSW('cosine', dimensions);
    hnsw.initIndex(distinct.size, opts.m ?? DEFAULT_M, opts.efConstruction ?? DEFAULT_EF_CONSTRUCTION, 100);
    const keys: string[] = [];
    for (const [key, vector] of distinct) {
      hnsw.addPoint(Array.from(vector), keys.length);
      keys.push(key);
    }
    return new VectorIndex(hnsw, keys, opts);
  }

  /** Loads an index written by `saveAtomically`. */
  static async load(dir: string, dimensions: number, opts: VectorIndexOptions): Promise<VectorIndex> {
    const keys = JSON.parse(await readFile(path.join(dir, KEYS_FILE), 'utf8')) as unknown;
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' || k === null)) throw new Error('index key list is damaged');
    const hnsw = new hnswlib.HierarchicalNSW('cosine', dimensions);
    await hnsw.readIndex(path.join(dir, INDEX_FILE));
    if (hnsw.getCurrentCount() !== keys.length) throw new Error(`index holds ${hnsw.getCurrentCount()} vectors for ${keys.length} keys`);
    return new VectorIndex(hnsw, keys as (string | null)[], opts);
  }

  /**
   * Adds the vectors of keys it does not hold and marks those of `remove` deleted, in place:
   * a write then costs its own passages, not a rebuild of every vector (minutes at 100,000).
   * An empty index cannot be updated; build one instead.
   */
  update(add: readonly VectorItem[], remove: readonly string[]): void {
    if (!this.hnsw) throw new Error('internal: an empty vector index is built, not updated');
    for (const key of remove) {
      const label = this.labels.get(key);
      if (label === undefined) continue;
      this.hnsw.markDelete(label);
      this.keys[label] = null;
      this.labels.delete(key);
    }
    const fresh = new Map<string, ArrayLike<number>>();
    for (const i of add) if (!this.labels.has(i.key) && !fresh.has(i.key)) fresh.set(i.key, i.vector);
    const needed = this.keys.length + fresh.size;
    // Grow by a quarter at least, so that writes one story at a time do not resize each time.
    if (needed > this.hnsw.getMaxElements()) this.hnsw.resizeIndex(Math.max(needed, Math.ceil(this.keys.length * 1.25)));
    for (const [key, vector] of fresh) {
      const label = this.keys.length;
      this.hnsw.addPoint(Array.from(vector), label);
      this.keys.push(key);
      this.labels.set(key, label);
    }
  }

  /** Writes the index to a new directory `dir` that appears whole or not at all (a temporary sibling, renamed). */
  async saveAtomically(dir: string): Promise<void> {
    if (!this.hnsw) throw new Error('internal: an empty vector index is not saved');
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await mkdir(tmp, { recursive: true });
    try {
      await this.hnsw.writeIndex(path.join(tmp, INDEX_FILE));
      await writeFile(path.join(tmp, KEYS_FILE), JSON.stringify(this.keys));
      await rename(tmp, dir);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
  }

  /**
   * The k nearest keys; `ef` overrides the search breadth (the bench measures the recall curve
   * with it). With `among`, only those keys are candidates (hnswlib's filter callback): meant
   * for sets well above ef, since the graph walk goes on until it has ef of them.
   */
  search(query: readonly number[], k: number, ef?: number, among?: readonly string[]): VectorHit[] {
    if (!this.hnsw || this.size === 0) return [];
    let allowed: Set<number> | null = null;
    if (among) {
      allowed = new Set<number>();
      for (const key of among) {
        const label = this.labels.get(key);
        if (label !== undefined) allowed.add(label);
      }
    }
    const limit = Math.min(k, allowed?.size ?? this.size);
    if (limit === 0) return [];
    this.hnsw.setEf(efFor(this.size, limit, ef ?? this.opts.efSearch));
    const r = allowed ? this.hnsw.searchKnn(query as number[], limit, (label) => allowed.has(label)) : this.hnsw.searchKnn(query as number[], limit);
    return r.neighbors.map((label, i) => ({ key: this.keys[label] ?? '', similarity: toSimilarity(r.distances[i] ?? 1) }));
  }
}

/** Cosine similarity of two unit vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/** Exact cosine search over unit vectors; the reference the approximate index is measured against. */
export function exactSearch(items: readonly VectorItem[], query: readonly number[], k: number): VectorHit[] {
  const best = new Map<string, number>();
  for (const item of items) if (!best.has(item.key)) best.set(item.key, dot(query, item.vector));
  return [...best]
    .map(([key, similarity]) => ({ key, similarity }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}
