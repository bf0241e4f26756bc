/** Where a quote stands in a passage, or how close it came. */
export interface QuoteCheck {
  found: boolean;
  /** Offsets into the passage text of the matched quote (or of the closest sentence). */
  passage_offsets: { start: number; end: number } | null;
  /** The passage text at those offsets, exactly as stored. */
  matched_text: string | null;
  /** Share of the quote's words that occur in the passage (1 when found). */
  word_coverage: number;
}

// Typographic variants that a model or a copy-paste may swap for plain ones.
const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u00a0': ' ',
};

/**
 * Folds case, typographic quotes and dashes, and collapses whitespace runs to one space,
 * keeping for each output character the index of the input character it came from.
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const raw = text[i] as string;
    const ch = FOLD[raw] ?? raw;
    if (/\s/.test(ch)) {
      if (!inSpace && folded.length > 0) {
        folded += ' ';
        map.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    const lower = ch.toLowerCase();
    // Lower-casing may change length (e.g. "İ"); map every produced unit to the same input.
    for (const unit of lower) {
      folded += unit;
      map.push(i);
    }
  }
  if (folded.endsWith(' ')) {
    folded = folded.slice(0, -1);
    map.pop();
  }
  return { folded, map };
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Checks that a quote stands in a passage, ignoring case, whitespace and typographic
 * variants, and returns its exact offsets in the stored text.
 */
export function verifyQuote(passageText: string, quote: string): QuoteCheck {
  const p = foldWithMap(passageText);
  const q = foldWithMap(quote.trim().replace(/^["'\u201c\u2018]+|["'\u201d\u2019]+$/g, ''));
  if (q.folded.length > 0) {
    const at = p.folded.indexOf(q.folded);
    if (at >= 0) {
      const start = p.map[at] ?? 0;
      const end = (p.map[at + q.folded.length - 1] ?? start) + 1;
      return { found: true, passage_offsets: { start, end }, matched_text: passageText.slice(start, end), word_coverage: 1 };
    }
  }
  const qWords = words(quote);
  const pWords = new Set(words(passageText));
  const coverage = qWords.length ? qWords.filter((w) => pWords.has(w)).length / qWords.length : 0;
  return { found: false, passage_offsets: null, matched_text: null, word_coverage: Math.round(coverage * 100) / 100 };
}
