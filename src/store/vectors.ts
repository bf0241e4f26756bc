import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

/** One stored vector and the passage it belongs to. */
export interface VectorItem {
  id: string;
  vector: number[];
}

/** A vector hit; similarity is cosine similarity in [-1, 1]. */
export interface VectorHit {
  id: string;
  similarity: number;
}

/** Tuning for the HNSW graph. */
export interface VectorIndexOptions {
  /** Search breadth; LangChain never sets it and hnswlib's default of 10 loses recall. */
  efSearch: number;
}

// LangChain's HNSWLib needs an Embeddings object, but Storyline always embeds before it
// reaches the index, so this one refuses to be called.
const noEmbeddings: EmbeddingsInterface = {
  embedDocuments: () => Promise.reject(new Error('vector index is given vectors, not text')),
  embedQuery: () => Promise.reject(new Error('vector index is given vectors, not text')),
};

// hnswlib's cosine space returns distance = 1 - cosine similarity; this is the one place
// that turns it back.
const toSimilarity = (distance: number) => 1 - distance;

/**
 * The approximate nearest-neighbour index over passage vectors (LangChain HNSWLib on
 * hnswlib-node). It is derived data: the SQLite store keeps every vector, so the index can
 * always be rebuilt from it.
 */
export class VectorIndex {
  private constructor(
    private readonly store: HNSWLib | null,
    readonly size: number,
  ) {}

  static empty(): VectorIndex {
    return new VectorIndex(null, 0);
  }

  /** Builds an index over all items. */
  static async build(items: VectorItem[], dimensions: number, opts: VectorIndexOptions): Promise<VectorIndex> {
    if (items.length === 0) return VectorIndex.empty();
    const store = new HNSWLib(noEmbeddings, { space: 'cosine', numDimensions: dimensions });
    await store.addVectors(
      items.map((i) => i.vector),
      items.map((i) => new Document({ pageContent: '', metadata: { id: i.id } })),
    );
    store.index.setEf(opts.efSearch);
    return new VectorIndex(store, items.length);
  }

  /** Loads an index written by `saveAtomically`. */
  static async load(dir: string, opts: VectorIndexOptions): Promise<VectorIndex> {
    const store = await HNSWLib.load(dir, noEmbeddings);
    store.index.setEf(opts.efSearch);
    return new VectorIndex(store, store.index.getCurrentCount());
  }

  /**
   * Writes the index to a new directory `dir` that appears whole or not at all: LangChain's
   * save() writes in place, so it writes to a sibling temporary directory that is renamed.
   */
  async saveAtomically(dir: string): Promise<void> {
    if (!this.store) throw new Error('internal: an empty vector index is not saved');
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    await mkdir(path.dirname(dir), { recursive: true });
    try {
      await this.store.save(tmp);
      await rename(tmp, dir);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
  }

  /** The k nearest passages, optionally only those whose id passes `accept`. */
  async search(query: number[], k: number, accept?: (id: string) => boolean): Promise<VectorHit[]> {
    if (!this.store || this.size === 0) return [];
    const limit = Math.min(k, this.size);
    const filter = accept ? (doc: Document) => accept(String(doc.metadata.id)) : undefined;
    const hits = await this.store.similaritySearchVectorWithScore(query, limit, filter);
    return hits.map(([doc, distance]) => ({ id: String(doc.metadata.id), similarity: toSimilarity(distance) }));
  }
}

/** Exact cosine search over unit vectors; the reference the approximate index is measured against. */
export function exactSearch(items: readonly VectorItem[], query: number[], k: number): VectorHit[] {
  const scored = items.map((item) => {
    let dot = 0;
    for (let i = 0; i < query.length; i++) dot += (query[i] ?? 0) * (item.vector[i] ?? 0);
    return { id: item.id, similarity: dot };
  });
  return scored.sort((a, b) => b.similarity - a.similarity).slice(0, k);
}
