/** A ranked list of ids from one retriever, best first, with that retriever's own score. */
export interface RankedList {
  ids: string[];
  /** Higher is better; used by the convex combination only. */
  scores: number[];
  /**
   * When ids that would have ranked below these were left out (see StoryDb.keywordTop), the
   * lowest score they could have had: min-max normalisation counts it, so the ids kept are
   * normalised as they would have been beside them.
   */
  floor?: number;
}

/** How keyword and vector results are merged. */
export type FusionMethod = 'rrf' | 'convex';

/** Fusion parameters. */
export interface FusionOptions {
  method: FusionMethod;
  /** RRF constant (default 60 in the literature). */
  rrfK: number;
  /** Convex weight of the vector score; 1 - alpha goes to keywords. */
  alpha: number;
}

/**
 * Passages that cannot be in the vector list (no vector: see VECTOR_KINDS), and the story of a
 * candidate. Fusion gives such a passage, for the vector signal it cannot have, what its
 * story's candidates that have one got on average (the list's average when none of them is in
 * it): a fact line or a remediation is taken to be as close in meaning as its story's prose,
 * neither ranked down for lacking a vector (counted as zero) nor up (its keyword score counted
 * for both).
 */
export interface KeywordOnly {
  ids: ReadonlySet<string>;
  storyOf: (id: string) => string | undefined;
}

/** For each story, the mean of `values` over its ids in the list; and the list's mean. */
function storyMeans(list: RankedList, values: readonly number[], storyOf: KeywordOnly['storyOf']): { byStory: Map<string, number>; all: number } {
  const sums = new Map<string, { s: number; n: number }>();
  list.ids.forEach((id, i) => {
    const story = storyOf(id);
    if (story === undefined) return;
    const e = sums.get(story) ?? { s: 0, n: 0 };
    e.s += values[i] ?? 0;
    e.n++;
    sums.set(story, e);
  });
  const all = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
  return { byStory: new Map([...sums].map(([k, e]) => [k, e.s / e.n])), all };
}

/** Reciprocal rank fusion: each list adds 1 / (k + rank) to the ids it holds (a keyword-only id: its story's mean vector term). */
export function reciprocalRankFusion(keyword: RankedList, vector: RankedList, k: number, keywordOnly?: KeywordOnly): Map<string, number> {
  const out = new Map<string, number>();
  for (const list of [keyword, vector]) {
    list.ids.forEach((id, rank) => out.set(id, (out.get(id) ?? 0) + 1 / (k + rank + 1)));
  }
  if (keywordOnly && vector.ids.length) imputeVector(out, vector, vector.ids.map((_, rank) => 1 / (k + rank + 1)), keywordOnly);
  return out;
}

/** Adds to each keyword-only id its story's mean vector term (see KeywordOnly). */
function imputeVector(out: Map<string, number>, vector: RankedList, terms: readonly number[], keywordOnly: KeywordOnly): void {
  const means = storyMeans(vector, terms, keywordOnly.storyOf);
  for (const id of keywordOnly.ids) {
    if (!out.has(id)) continue;
    const story = keywordOnly.storyOf(id);
    out.set(id, out.get(id)! + ((story !== undefined ? means.byStory.get(story) : undefined) ?? means.all));
  }
}

function minMax(scores: number[], floor?: number): number[] {
  if (scores.length === 0) return [];
  const lo = Math.min(...scores, ...(floor === undefined ? [] : [floor]));
  const hi = Math.max(...scores);
  return scores.map((s) => (hi > lo ? (s - lo) / (hi - lo) : 1));
}

/** Convex combination of min-max normalised scores: alpha * vector + (1 - alpha) * keyword (a keyword-only id: its story's mean vector term). */
export function convexFusion(keyword: RankedList, vector: RankedList, alpha: number, keywordOnly?: KeywordOnly): Map<string, number> {
  const out = new Map<string, number>();
  const add = (list: RankedList, weight: number) => {
    const terms = minMax(list.scores, list.floor).map((x) => weight * x);
    list.ids.forEach((id, i) => out.set(id, (out.get(id) ?? 0) + (terms[i] ?? 0)));
    return terms;
  };
  add(keyword, 1 - alpha);
  const terms = add(vector, alpha);
  if (keywordOnly && terms.length) imputeVector(out, vector, terms, keywordOnly);
  return out;
}

/** Fuses a keyword and a vector list into one score per id; `keywordOnly` names the passages without a vector. */
export function fuse(keyword: RankedList, vector: RankedList, opts: FusionOptions, keywordOnly?: KeywordOnly): Map<string, number> {
  return opts.method === 'rrf' ? reciprocalRankFusion(keyword, vector, opts.rrfK, keywordOnly) : convexFusion(keyword, vector, opts.alpha, keywordOnly);
}
