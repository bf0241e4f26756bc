import { splitSentences, trimSpan } from '../ingest/sentences.js';
import { queryTerms } from '../retrieval/query.js';
import type { SearchHit } from '../retrieval/search.js';

/** One sentence of an extractive answer and the citation it came from. */
export interface AnswerSentence {
  text: string;
  /** 1-based index into `citations`. */
  citation: number;
  /** Offsets of the sentence within the cited passage's text. */
  passage_offsets: { start: number; end: number };
}

/** An answer built only from stored sentences, each with its citation. */
export interface ExtractiveAnswer {
  found: boolean;
  answer: string;
  sentences: AnswerSentence[];
  /** Cited passages, numbered from 1 in order of first use. */
  citations: SearchHit[];
}

/** Options for extractive answers. */
export interface ExtractiveOptions {
  /** Most sentences in an answer (default 3). */
  maxSentences?: number;
  /**
   * Below this cosine similarity a passage with no keyword match counts as unrelated.
   * Calibrated on the question set's unanswerable questions for the local embedder.
   */
  minSimilarity?: number;
}

// Crude stemming so "signed"/"signing" and "directive"/"directives" meet.
const stem = (w: string) => w.replace(/(ing|ed|es|s)$/u, '').slice(0, 7);

/** Whether a hit plausibly bears on the question at all. */
export function isRelevant(hit: SearchHit, question: string, minSimilarity: number): boolean {
  const terms = new Set(queryTerms(question).map(stem));
  const words = new Set((hit.text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu) ?? []).map(stem));
  const overlap = [...terms].filter((t) => words.has(t)).length;
  const coverage = terms.size ? overlap / terms.size : 0;
  return (hit.similarity ?? 0) >= minSimilarity || coverage >= 0.34;
}

/**
 * Picks the best-supported sentences from retrieved passages: the best sentence of the top
 * passage first, then the best sentences of other relevant passages. Says plainly when
 * nothing relevant was found rather than quoting noise.
 */
export function extractiveAnswer(question: string, hits: SearchHit[], opts: ExtractiveOptions = {}): ExtractiveAnswer {
  const maxSentences = opts.maxSentences ?? 3;
  const minSimilarity = opts.minSimilarity ?? 0.38;
  const relevant = hits.filter((h) => isRelevant(h, question, minSimilarity));
  if (relevant.length === 0) {
    return { found: false, answer: 'The indexed stories do not say anything relevant to this question.', sentences: [], citations: [] };
  }
  const terms = queryTerms(question).map(stem);
  const scoreSentence = (s: string) => {
    const words = new Set((s.toLowerCase().match(/[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu) ?? []).map(stem));
    return terms.filter((t) => words.has(t)).length / Math.max(1, terms.length);
  };
  const picked: { hit: SearchHit; text: string; start: number; end: number; score: number }[] = [];
  for (const hit of relevant.slice(0, 5)) {
    let best: (typeof picked)[number] | null = null;
    for (const s of splitSentences(hit.text)) {
      const span = trimSpan(hit.text, s.start, s.end);
      const text = hit.text.slice(span.start, span.end);
      if (text.length < 12) continue;
      const score = scoreSentence(text);
      if (!best || score > best.score) best = { hit, text, ...span, score };
    }
    // The top passage always speaks first; later ones only when a sentence shares words with the question.
    if (best && (picked.length === 0 || best.score > 0)) picked.push(best);
    if (picked.length >= maxSentences) break;
  }
  const citations: SearchHit[] = [];
  const sentences: AnswerSentence[] = picked.map((p) => {
    let n = citations.indexOf(p.hit) + 1;
    if (n === 0) n = citations.push(p.hit);
    return { text: p.text.replace(/\s+/g, ' '), citation: n, passage_offsets: { start: p.start, end: p.end } };
  });
  return { found: true, answer: sentences.map((s) => `${s.text} [${s.citation}]`).join(' '), sentences, citations };
}
