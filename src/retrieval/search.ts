import type { Embedder } from '../embed/embedder.js';
import type { Passage } from '../ingest/passages.js';
import { isFiltered, type PassageFilter } from '../store/db.js';
import type { Store } from '../store/store.js';
import { exactSearch } from '../store/vectors.js';
import { fuse, type FusionOptions, type RankedList } from './fusion.js';
import { ftsExpression } from './query.js';

/** Which retrievers run. Hybrid is the default; the others exist for measurement ('exact' is brute-force vector search). */
export type SearchMode = 'hybrid' | 'keyword' | 'vector' | 'exact';

/** A passage found for a query, with how it was found. */
export interface SearchHit extends Passage {
  story_title: string;
  /** Fused relevance; only comparable within one result list. */
  score: number;
  /** Cosine similarity of the passage to the query, when the vector retriever found it. */
  similarity: number | null;
  /** 1-based rank in the keyword (BM25) list, when it was there. */
  keyword_rank: number | null;
}

/** A search request. */
export interface SearchRequest {
  query: string;
  filter?: PassageFilter;
  limit: number;
  mode?: SearchMode;
}

/** Options for hybrid retrieval. */
export interface RetrieverOptions {
  fusion: FusionOptions;
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
}

/** Searches stored passages for a query. */
export interface Retriever {
  search(req: SearchRequest): Promise<SearchHit[]>;
}

const normText = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Hybrid retrieval: BM25 over FTS5 and cosine similarity over the HNSW index, fused (RRF or
 * convex), filtered by story, kind and date, with duplicate texts removed.
 */
export function createRetriever(store: Store, embedder: Embedder, opts: RetrieverOptions): Retriever {
  return {
    async search(req) {
      const mode = req.mode ?? 'hybrid';
      const filter = req.filter ?? {};
      const depth = Math.max(opts.candidates, req.limit);

      const keyword: RankedList = { ids: [], scores: [] };
      const match = mode === 'vector' || mode === 'exact' ? null : ftsExpression(req.query);
      if (match) {
        for (const row of store.db.keywordSearch(match, filter, depth)) {
          keyword.ids.push(row.id);
          keyword.scores.push(-row.bm25);
        }
      }

      const vector: RankedList = { ids: [], scores: [] };
      const similarity = new Map<string, number>();
      if (mode !== 'keyword') {
        store.checkEmbedder();
        const index = await store.vectors();
        const q = await embedder.embedQuery(req.query);
        const allowed = isFiltered(filter) ? store.db.filteredIds(filter) : null;
        const hits =
          allowed && allowed.size === 0
            ? []
            : mode === 'exact'
              ? exactSearch(store.db.allVectors().filter((v) => !allowed || allowed.has(v.id)), q, depth)
              : await index.search(q, depth, allowed ? (id) => allowed.has(id) : undefined);
        for (const h of hits) {
          vector.ids.push(h.id);
          vector.scores.push(h.similarity);
          similarity.set(h.id, h.similarity);
        }
      }

      const fused = fuse(keyword, vector, opts.fusion);
      const ranked = [...fused.entries()].sort((a, b) => b[1] - a[1]);
      const passages = store.db.getPassages(ranked.map(([id]) => id));
      const titles = store.db.storyTitles([...passages.values()].map((p) => p.story_id));
      const keywordRank = new Map(keyword.ids.map((id, i) => [id, i + 1]));
      const seenText = new Set<string>();
      const out: SearchHit[] = [];
      for (const [id, score] of ranked) {
        const p = passages.get(id);
        if (!p) continue;
        const key = normText(p.text);
        if (seenText.has(key)) continue;
        seenText.add(key);
        out.push({
          ...p,
          story_title: titles.get(p.story_id) ?? p.story_id,
          score,
          similarity: similarity.get(id) ?? null,
          keyword_rank: keywordRank.get(id) ?? null,
        });
        if (out.length >= req.limit) break;
      }
      return out;
    },
  };
}
