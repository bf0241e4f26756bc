import type { Retriever, SearchHit } from '../retrieval/search.js';

/** What the offline answer searches. */
export interface EvidenceOptions {
  /** Passages of each search: over every story, then of the first story alone. */
  limit: number;
  /** Only this story (one search then). */
  storyId?: string;
}

/**
 * The passages an offline answer weighs: the question's best over every story, then the first
 * story's own best after them. An advisory's other passages hold what the best over all left
 * out: the "OpenSSL" a fix question names beside the fix, a KEV entry's required action beside
 * the date it was added. (Measured on the CSAF set: 43 more of 2,724 answerable questions
 * answered, 47 more with their facts, 7 more of 1,700 unanswerable ones answered.)
 */
export async function gatherEvidence(retriever: Retriever, question: string, opts: EvidenceOptions): Promise<SearchHit[]> {
  const hits = await retriever.search({ query: question, limit: opts.limit, ...(opts.storyId ? { filter: { story_id: opts.storyId } } : {}) });
  const first = hits[0]?.story_id;
  if (opts.storyId || !first) return hits;
  const seen = new Set(hits.map((h) => h.citation_id));
  const own = await retriever.search({ query: question, limit: opts.limit, filter: { story_id: first } });
  return [...hits, ...own.filter((h) => !seen.has(h.citation_id))];
}
