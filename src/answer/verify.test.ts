import { describe, expect, it } from 'vitest';
import { verifyQuote } from './verify.js';

const text = 'He said the directive will address “vulnerability alleviation” and\n  vulnerability management — soon.';

describe('verifyQuote', () => {
  it('matches across case, whitespace and typographic quotes and dashes, returning the exact stored span', () => {
    const r = verifyQuote(text, 'THE DIRECTIVE will address "vulnerability alleviation" and vulnerability management - soon');
    expect(r.found).toBe(true);
    expect(r.matched_text).toBe('the directive will address “vulnerability alleviation” and\n  vulnerability management — soon');
    expect(text.slice(r.passage_offsets!.start, r.passage_offsets!.end)).toBe(r.matched_text);
  });

  it('ignores quotation marks wrapped around the whole quote', () => {
    expect(verifyQuote(text, '"vulnerability management"').found).toBe(true);
  });

  it('rejects altered quotes and reports how many words occur', () => {
    const r = verifyQuote(text, 'the directive will ban vulnerability management');
    expect(r.found).toBe(false);
    expect(r.passage_offsets).toBeNull();
    expect(r.word_coverage).toBeGreaterThan(0.5);
    expect(r.word_coverage).toBeLessThan(1);
  });
});
