import { createHash } from 'node:crypto';
import { RecursiveCharacterTextSplitter, TextSplitter } from '@langchain/textsplitters';
import { productLabel, REMEDIATION_LABELS, storyFacts } from '../story/facts.js';
import { type Passage, type PassageSource, UNDATED } from '../story/passage.js';
import type { PassageKind, Story } from '../story/schema.js';
import { splitSentences, trimSpan } from './sentences.js';
import { escapeRegExp } from '../regexp.js';

/** Options for cutting story bodies into passages. */
export interface ChunkOptions {
  /** Target passage length in characters (default 420). */
  chunkSize?: number;
  /** Characters of overlap between neighbouring passages, in whole sentences (default 120). */
  chunkOverlap?: number;
}

/**
 * Merges whole sentences into passages with LangChain's splitter logic; sentences longer than
 * a chunk fall back to its recursive character splitting.
 */
class SentenceSplitter extends TextSplitter {
  private readonly fallback: RecursiveCharacterTextSplitter;

  constructor(fields: { chunkSize: number; chunkOverlap: number }) {
    super(fields);
    // One character less: each piece gets back the space the split removed.
    this.fallback = new RecursiveCharacterTextSplitter({ chunkSize: fields.chunkSize - 1, chunkOverlap: Math.min(fields.chunkOverlap, fields.chunkSize - 2), keepSeparator: false });
  }

  async splitText(text: string): Promise<string[]> {
    const pieces: string[] = [];
    for (const s of splitSentences(text)) {
      if (s.text.length <= this.chunkSize) pieces.push(s.text);
      else pieces.push(...(await this.fallback.splitText(s.text)).map((p) => `${p} `));
    }
    return this.mergeSplits(pieces, '');
  }
}

/** Stable citation id: the same story, field kind and text always give the same id. */
export function citationId(storyId: string, kind: PassageKind, text: string): string {
  const h = createHash('sha256').update(`${storyId}\0${kind}\0${text}`).digest('hex');
  return `${kind[0]}_${h.slice(0, 16)}`;
}


/**
 * Locates each chunk in the original text so its span is exact. Splitters rejoin pieces
 * with single separators, so runs of whitespace are matched loosely; the passage text is
 * then the original slice, never the splitter's rewrite.
 */
function locate(text: string, chunks: string[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let from = 0;
  for (const chunk of chunks) {
    // Chunks follow each other closely: an exact match is looked for only nearby, since a
    // miss over the whole rest of a long text, chunk after chunk, was quadratic.
    const near = text.slice(from, from + 2 * chunk.length + 1_024).indexOf(chunk);
    let start = near < 0 ? -1 : from + near;
    let end = start + chunk.length;
    if (start < 0) {
      // \s* rather than \s+: the fallback splitter cuts a run longer than a chunk (a long URL)
      // mid-word, and the space it adds back to each piece is not in the original.
      const pattern = new RegExp(chunk.trim().split(/\s+/).map(escapeRegExp).join('\\s*'), 'g');
      pattern.lastIndex = from;
      const m = pattern.exec(text);
      if (!m) throw new Error(`internal: chunk not found in text at or after ${from}`);
      start = m.index;
      end = m.index + m[0].length;
    }
    const span = trimSpan(text, start, end);
    spans.push(span);
    from = span.start + 1;
  }
  return spans;
}

/**
 * Cuts a story into passages, each an exact slice of text the story serves: sentence-aware
 * chunks of the body, of each timeline event's text and of each remediation's details; each
 * source's title; and the story's facts (entity lines, the stated reference count, per
 * vulnerability scores and product status). Identical texts of one kind within a story are
 * kept once, but for timeline events of different days.
 */
export async function storyToPassages(story: Story, opts: ChunkOptions = {}): Promise<Passage[]> {
  const chunkSize = opts.chunkSize ?? 420;
  const chunkOverlap = opts.chunkOverlap ?? 120;
  const splitter = new SentenceSplitter({ chunkSize, chunkOverlap });
  const out: Passage[] = [];
  const seen = new Set<string>();
  /** `day`: the same words on another day are another event (an update published under the first release's title). */
  const add = (p: Omit<Passage, 'citation_id' | 'story_id' | 'ordinal'>, day?: string) => {
    let id = citationId(story.id, p.kind, p.text);
    if (seen.has(id) && day) id = citationId(story.id, p.kind, `${day}\n${p.text}`);
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ ...p, citation_id: id, story_id: story.id, ordinal: out.length });
  };
  /** Sentence-aware chunks of `text`, each an exact span of it; a text up to `whole` characters stays one passage. */
  const chunks = async (text: string, whole = chunkSize) => {
    if (text.length <= whole) {
      const span = trimSpan(text, 0, text.length);
      return span.end > span.start ? [span] : [];
    }
    return locate(text, (await splitter.splitText(text)).filter((c) => c.trim()));
  };

  const title = story.title;
  for (const span of await chunks(story.body)) {
    add({ kind: 'body', field: 'body', text: story.body.slice(span.start, span.end), span, date: null, source: null, context: title });
  }
  for (const [i, e] of story.timeline.entries()) {
    const context = `${title}\n${e.date ?? UNDATED}: ${e.title}`;
    // An event is one unit of meaning: it is cut only when it is very long.
    for (const span of await chunks(e.text, chunkSize * 2)) {
      add({ kind: 'timeline', field: `timeline[${i}].text`, text: e.text.slice(span.start, span.end), span, date: e.date, source: null, context }, e.date ?? undefined);
    }
  }
  story.sources.forEach((s, i) => {
    const source: PassageSource = { publisher: s.publisher, title: s.title, ...(s.url ? { url: s.url } : {}) };
    const context = `${title}\nSource published by ${s.publisher}${s.date ? `, dated ${s.date}` : ''}${s.url ? ` ${s.url}` : ''}`;
    add({ kind: 'source', field: `sources[${i}].title`, text: s.title, span: { start: 0, end: s.title.length }, date: s.date ?? null, source, context });
  });
  const products = new Map((story.products ?? []).map((p) => [p.id, productLabel(p)]));
  // One remediation text is often given for every vulnerability: cut it once, naming them all.
  const remediations = new Map<string, { field: string; category: string; cves: string[]; products: string[] }>();
  (story.vulnerabilities ?? []).forEach((v, i) =>
    v.remediations.forEach((r, j) => {
      const entry = remediations.get(r.details) ?? { field: `vulnerabilities[${i}].remediations[${j}].details`, category: r.category, cves: [], products: [] };
      if (v.cve) entry.cves.push(v.cve);
      entry.products.push(...r.product_ids.map((id) => products.get(id) ?? id));
      remediations.set(r.details, entry);
    }),
  );
  for (const [details, r] of remediations) {
    const what = REMEDIATION_LABELS[r.category] ?? r.category;
    const names = [...new Set(r.products)];
    const context = `${title}\n${what}${r.cves.length ? ` for ${[...new Set(r.cves)].join(', ')}` : ''}${names.length ? `: ${names.slice(0, 10).join('; ')}${names.length > 10 ? '; ...' : ''}` : ''}`;
    for (const span of await chunks(details, chunkSize * 2)) {
      add({ kind: 'remediation', field: r.field, text: details.slice(span.start, span.end), span, date: null, source: null, context });
    }
  }
  storyFacts(story).forEach((f, i) => {
    add({ kind: f.kind, field: `facts[${i}]`, text: f.text, span: { start: 0, end: f.text.length }, date: null, source: null, context: title });
  });
  return out;
}

/** Bump when the way stories become passages (or which of them carry a vector) changes, so stored stories are re-cut (6: only VECTOR_KINDS carry one; 7: an event repeating an earlier one on another day is kept; 8: a product's full name where it names more). */
const PASSAGE_FORMAT = 8;

/** A digest of everything that shapes a story's passages; unchanged stories are skipped by it. */
export function storyHash(story: Story, chunkOpts: ChunkOptions = {}): string {
  return createHash('sha256').update(JSON.stringify({ story, chunkOpts, format: PASSAGE_FORMAT })).digest('hex');
}
