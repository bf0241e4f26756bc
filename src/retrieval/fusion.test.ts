import { describe, expect, it } from 'vitest';
import { convexFusion, reciprocalRankFusion, type KeywordOnly, type RankedList } from './fusion.js';

// Three passages of story A (a1, a2 with vectors; af a fact line without one), one of story B
// with a vector (b1) and a fact line of story C, whose prose the vector list does not hold (cf).
const storyOf = (id: string) => id[0]!.toUpperCase();
const keyword: RankedList = { ids: ['af', 'a1', 'cf', 'b1'], scores: [4, 3, 2, 0] };
const vector: RankedList = { ids: ['b1', 'a1', 'a2'], scores: [0.9, 0.7, 0.5] };
const keywordOnly: KeywordOnly = { ids: new Set(['af', 'cf']), storyOf };

describe('fusion of passages without a vector', () => {
  it('convex: a keyword-only passage gets its story mean vector term, the list mean when its story has none', () => {
    const alpha = 0.3;
    const out = convexFusion(keyword, vector, alpha, keywordOnly);
    // Vector terms: b1 0.3, a1 0.15, a2 0; story A's mean 0.075, the list's 0.15.
    expect(out.get('af')).toBeCloseTo(0.7 * 1 + 0.075, 10);
    expect(out.get('cf')).toBeCloseTo(0.7 * 0.5 + 0.15, 10);
    // Passages with a vector are fused as before.
    expect(out.get('a1')).toBeCloseTo(0.7 * 0.75 + 0.15, 10);
    expect(out.get('b1')).toBeCloseTo(0 + 0.3, 10);
    // Without the set, a missing vector counts as zero.
    expect(convexFusion(keyword, vector, alpha).get('af')).toBeCloseTo(0.7, 10);
  });

  it('RRF: a keyword-only passage gets its story mean vector term', () => {
    const k = 60;
    const out = reciprocalRankFusion(keyword, vector, k, keywordOnly);
    const storyA = (1 / (k + 2) + 1 / (k + 3)) / 2;
    expect(out.get('af')).toBeCloseTo(1 / (k + 1) + storyA, 12);
    expect(out.get('cf')).toBeCloseTo(1 / (k + 3) + (1 / (k + 1) + 1 / (k + 2) + 1 / (k + 3)) / 3, 12);
    expect(out.get('a1')).toBeCloseTo(1 / (k + 2) + 1 / (k + 2), 12);
    // An empty vector list (keyword mode, or nothing embedded) adds nothing.
    expect(reciprocalRankFusion(keyword, { ids: [], scores: [] }, k, keywordOnly).get('af')).toBeCloseTo(1 / (k + 1), 12);
  });
});
