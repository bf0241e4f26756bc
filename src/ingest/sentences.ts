/** A sentence of a text with its exact character span. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// ICU breaks after abbreviations such as "U.S." or "Mr."; these never end a sentence here.
const ABBREVIATION = /(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co|Corp|No|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)\s*$/;

/**
 * Splits text into sentences with spans into the original string. Each sentence's span
 * covers its trailing whitespace, so the spans tile the text exactly.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const seg of segmenter.segment(text)) {
    const prev = out[out.length - 1];
    if (prev && ABBREVIATION.test(prev.text) && !/\n\s*$/.test(prev.text)) {
      prev.text += seg.segment;
      prev.end = seg.index + seg.segment.length;
    } else {
      out.push({ text: seg.segment, start: seg.index, end: seg.index + seg.segment.length });
    }
  }
  return out;
}

/** Trims a span to its non-whitespace content. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}
