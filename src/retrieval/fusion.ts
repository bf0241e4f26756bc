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

/** Reciprocal rank fusion: each list adds 1 / (k + rank) to the ids it holds. */
export function reciprocalRankFusion(lists: RankedList[], k: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const list of lists) {
    list.ids.forEach((id, rank) => out.set(id, (out.get(id) ?? 0) + 1 / (k + rank + 1)));
  }
  return out;
}

function minMax(scores: number[], floor?: number): number[] {
  if (scores.length === 0) return [];
  const lo = Math.min(...scores, ...(floor === undefined ? [] : [floor]));
  const hi = Math.max(...scores);
  return scores.map((s) => (hi > lo ? (s - lo) / (hi - lo) : 1));
}

/** Convex combination of min-max normalised scores: alpha * vector + (1 - alpha) * keyword. */
export function convexFusion(keyword: RankedList, vector: RankedList, alpha: number): Map<string, number> {
  const out = new Map<string, number>();
  const add = (list: RankedList, weight: number) => {
    const norm = minMax(list.scores, list.floor);
    list.ids.forEach((id, i) => out.set(id, (out.get(id) ?? 0) + weight * (norm[i] ?? 0)));
  };
  add(keyword, 1 - alpha);
  add(vector, alpha);
  return out;
}

/** Fuses a keyword and a vector list into one score per id. */
export function fuse(keyword: RankedList, vector: RankedList, opts: FusionOptions): Map<string, number> {
  return opts.method === 'rrf' ? reciprocalRankFusion([keyword, vector], opts.rrfK) : convexFusion(keyword, vector, opts.alpha);
}
