import { splitSentences, trimSpan } from '../ingest/sentences.js';
import { queryIntent } from '../retrieval/intent.js';
import { queryTerms, stem, wordStems } from '../retrieval/query.js';
import type { SearchHit } from '../retrieval/search.js';
import { verifyQuote } from './verify.js';

/** One sentence of an extractive answer and the citation it came from. */
export interface AnswerSentence {
  text: string;
  /** 1-based index into `citations`. */
  citation: number;
  /** Offsets of the sentence within the cited passage's text. */
  passage_offsets: { start: number; end: number };
}

/** A quoted sentence checked against the passage it is attributed to. */
export interface AnswerQuoteCheck {
  quote: string;
  citation_id: string;
  verified: boolean;
}

/** An answer built only from stored sentences, each with its citation. */
export interface ExtractiveAnswer {
  /** False when no retrieved passage supports an answer: the answer then says so. */
  found: boolean;
  /** Why it declined, when it did. */
  declined_because?: string;
  answer: string;
  sentences: AnswerSentence[];
  /** Cited passages, numbered from 1 in order of first use. */
  citations: SearchHit[];
  /** Every sentence checked against its cited passage (verify_quote's rule). */
  quotes: AnswerQuoteCheck[];
}

/** Options for extractive answers. */
export interface ExtractiveOptions {
  /** Most sentences in an answer (default 3). */
  maxSentences?: number;
  /**
   * Least share of the question's content words that one passage (with its context) must
   * hold to support an answer, when the vector retriever is not confident either.
   */
  minCoverage?: number;
  /** Cosine similarity at which a passage supports an answer on meaning alone. */
  minSimilarity?: number;
}

/** What the answer says when nothing supports one. */
export const NOT_FOUND = 'The indexed stories do not say. No stored passage supports an answer to this question.';

// Defaults calibrated on the answerable and unanswerable questions of the seed and CSAF
// question sets (`npm run eval` prints the decline table).
const MIN_COVERAGE = 0.5;
const MIN_SIMILARITY = 0.55;

// Question words that carry no content for support ("what happened", "tell me about").
const QUESTION_WORDS = new Set(['happened', 'happen', 'happens', 'know', 'known', 'anything', 'something', 'thing', 'things', 'give', 'me', 'us', 'please', 'explain', 'describe', 'summary', 'summarize', 'many', 'much', 'there', 'any', 'whether', 'also']);

const wordsOf = (s: string) => new Set(wordStems(s));

/** The content terms of a question, stemmed. */
export function contentTerms(question: string): string[] {
  return [...new Set(queryTerms(question).filter((t) => !QUESTION_WORDS.has(t)).map(stem))];
}

/** How well a hit supports an answer: the share of content terms its text and context hold, or its similarity. */
export function support(hit: SearchHit, terms: readonly string[]): number {
  const words = wordsOf(`${hit.context} ${hit.story_title} ${hit.text}`);
  return terms.length ? terms.filter((t) => words.has(t)).length / terms.length : 0;
}

/**
 * Whether a hit supports an answer to the question at all: routed to it by an identifier or
 * the timeline, or close enough in words or meaning. An identifier the question names (a CVE,
 * say) must be what the passage is about: a passage about another CVE never answers it.
 */
export function isSupported(hit: SearchHit, question: string, terms: readonly string[], opts: Required<Pick<ExtractiveOptions, 'minCoverage' | 'minSimilarity'>>): boolean {
  if (hit.route) return true;
  const ids = queryIntent(question).identifiers;
  if (ids.length && !ids.some((id) => `${hit.context} ${hit.text}`.toUpperCase().includes(id))) return false;
  return (hit.similarity ?? 0) >= opts.minSimilarity || support(hit, terms) >= opts.minCoverage;
}

/** What kind of thing a question asks for, when a passage must state one to answer it. */
type AnswerType = 'quantity' | 'date';
const ANSWER_TYPES: Record<AnswerType, RegExp> = {
  // A number that is not part of a date, a number word, or a currency amount.
  quantity: /(?<![-\d])(?<!(?:january|february|march|april|may|june|july|august|september|october|november|december)\s)\d+(?:[.,]\d+)?(?![-\d])|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion)\b|[$€£]/i,
  date: /\b\d{4}-\d{2}-\d{2}\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(19|20)\d{2}\b/i,
};

function answerType(question: string): AnswerType | null {
  if (/\b(how (much|many|long)|what (amount|number|percentage|share)|how large|how big)\b/i.test(question)) return 'quantity';
  if (/\b(when|what date|which date|what day|which day|on what (date|day))\b/i.test(question)) return 'date';
  return null;
}

/**
 * A reason to decline before any sentence is weighed: the question names something no
 * retrieved passage mentions at all — a proper name ("OpenAI", "Congress"), or three or more
 * of its content words — so whatever the passages say, they are about something else.
 */
function missingSpecifics(question: string, hits: readonly SearchHit[]): string | null {
  if (hits.some((h) => h.route)) return null;
  const seen = new Set<string>();
  for (const h of hits) for (const w of wordsOf(`${h.context} ${h.story_title} ${h.text}`)) seen.add(w);
  // Capitalised words after the first, and mixed-case or digit-bearing tokens, are names.
  const names = (question.match(/(?<=\s)[A-Z][\p{L}\p{N}]*(?:[-.][\p{L}\p{N}]+)*|\b\p{L}+\d[\p{L}\p{N}-]*/gu) ?? []).filter((n) => !QUESTION_WORDS.has(n.toLowerCase()));
  const absentName = names.find((n) => !seen.has(stem(n.toLowerCase())));
  if (absentName) return `no retrieved passage mentions "${absentName}"`;
  const absent = contentTerms(question).filter((t) => !seen.has(t));
  if (absent.length >= 3) return `no retrieved passage mentions ${absent.slice(0, 3).map((t) => `"${t}"`).join(', ')}`;
  return null;
}

/** Fact passages (entity lines, scores, product status) are answered line by line, labelled. */
const isFact = (h: SearchHit) => h.field.startsWith('facts[');

/**
 * Picks the best-supported sentences from retrieved passages. The sentence that shares most
 * of the question's words, in a highly ranked passage, leads; other supported passages add
 * at most one sentence each. Fact lines keep their label ("CVE-2021-25670: ..."). Says plainly
 * when no passage supports an answer rather than quoting noise.
 */
export function extractiveAnswer(question: string, hits: SearchHit[], opts: ExtractiveOptions = {}): ExtractiveAnswer {
  const maxSentences = opts.maxSentences ?? 3;
  const thresholds = { minCoverage: opts.minCoverage ?? MIN_COVERAGE, minSimilarity: opts.minSimilarity ?? MIN_SIMILARITY };
  const terms = contentTerms(question);
  const decline = (because: string): ExtractiveAnswer => ({ found: false, declined_because: because, answer: NOT_FOUND, sentences: [], citations: [], quotes: [] });
  const missing = missingSpecifics(question, hits);
  if (missing) return decline(missing);
  const kind = answerType(question);
  const relevant = hits.filter((h) => isSupported(h, question, terms, thresholds) && (!kind || h.route || ANSWER_TYPES[kind].test(h.text)));
  if (relevant.length === 0) return decline(kind ? `no retrieved passage states ${kind === 'quantity' ? 'an amount or number' : 'a date'} for it` : 'no retrieved passage supports an answer');
  const top = relevant[0]!.score || 1;
  const candidates: { hit: SearchHit; text: string; start: number; end: number; score: number }[] = [];
  relevant.slice(0, 5).forEach((hit, rank) => {
    let best: (typeof candidates)[number] | null = null;
    for (const s of splitSentences(hit.text)) {
      const span = trimSpan(hit.text, s.start, s.end);
      const text = hit.text.slice(span.start, span.end);
      if (text.length < 12 && !isFact(hit)) continue;
      const words = wordsOf(text);
      const coverage = terms.length ? terms.filter((t) => words.has(t)).length / terms.length : 0;
      // The passage's rank matters as much as the sentence's words: retrieval saw its context.
      const score = coverage + 0.6 * Math.max(0, hit.score / top) - 0.05 * rank;
      if (!best || score > best.score) best = { hit, text, ...span, score };
    }
    if (best) candidates.push(best);
  });
  const picked = candidates.sort((a, b) => b.score - a.score).filter((c, i, all) => all.findIndex((x) => x.text === c.text) === i).slice(0, maxSentences);

  const citations: SearchHit[] = [];
  const sentences: AnswerSentence[] = picked.map((p) => {
    let n = citations.indexOf(p.hit) + 1;
    if (n === 0) n = citations.push(p.hit);
    return { text: p.text.replace(/\s+/g, ' '), citation: n, passage_offsets: { start: p.start, end: p.end } };
  });
  const answer = sentences
    .map((s) => {
      const hit = citations[s.citation - 1]!;
      // A fact sentence cut from the middle of its line gets the line's label back; a source
      // title is said with its publisher, as a fact rather than as the story's prose.
      const label = hit.kind === 'source' && hit.source ? `${hit.source.publisher} published` : isFact(hit) && s.passage_offsets.start > 0 ? /^[^:]{1,80}:/.exec(hit.text)?.[0] : undefined;
      return `${label ? `${label} ` : ''}${s.text} [${s.citation}]`;
    })
    .join(' ');
  const quotes = sentences.map((s) => {
    const hit = citations[s.citation - 1]!;
    return { quote: s.text, citation_id: hit.citation_id, verified: verifyQuote(hit.text, s.text).found };
  });
  return { found: true, answer, sentences, citations, quotes };
}
