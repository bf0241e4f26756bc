import { describe, expect, it } from 'vitest';
import { exactSearch, VectorIndex, type VectorItem } from './vectors.js';

const DIMS = 16;

/** mulberry32: the same vectors on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function unitVectors(n: number, seed: number): VectorItem[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const v = Array.from({ length: DIMS }, () => rand() - 0.5);
    const norm = Math.hypot(...v);
    return { key: `k${i}`, vector: v.map((x) => x / norm) };
  });
}

describe('VectorIndex.search among keys (hnswlib filter callback)', () => {
  const items = unitVectors(3_000, 11);
  const index = VectorIndex.build(items, DIMS, { m: 16, efConstruction: 100, efSearch: 200 });
  const queries = unitVectors(20, 12).map((q) => Array.from(q.vector));

  it('returns only the allowed keys, and the same nearest ones an exact scan of them finds', () => {
    // Every third key: a set far larger than ef, as the store uses it.
    const among = items.filter((_, i) => i % 3 === 0);
    const allowed = new Set(among.map((i) => i.key));
    let agree = 0;
    for (const q of queries) {
      const hits = index.search(q, 10, undefined, [...allowed]);
      expect(hits).toHaveLength(10);
      expect(hits.every((h) => allowed.has(h.key))).toBe(true);
      const exact = new Set(exactSearch(among, q, 10).map((h) => h.key));
      agree += hits.filter((h) => exact.has(h.key)).length;
    }
    expect(agree / (10 * queries.length)).toBeGreaterThanOrEqual(0.98);
  });

  it('ignores keys it does not hold and returns nothing when none are held', () => {
    expect(index.search(queries[0]!, 5, undefined, ['missing'])).toEqual([]);
    const hits = index.search(queries[0]!, 5, undefined, ['k1', 'k2', 'missing']);
    expect(hits.map((h) => h.key).sort()).toEqual(['k1', 'k2']);
  });
});
