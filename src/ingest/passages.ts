import { createHash } from 'node:crypto';
import { RecursiveCharacterTextSplitter, TextSplitter } from '@langchain/textsplitters';
import type { PassageKind, Story } from '../story/schema.js';
import { splitSentences, trimSpan } from './sentences.js';

/** Where a passage was cut from, as citations expose it. */
export interface PassageSource {
  publisher: string;
  title: string;
  url?: string;
}

/** A retrievable piece of a story, with the exact span it was cut from. */
export interface Passage {
  citation_id: string;
  story_id: string;
  kind: PassageKind;
  /** The stored text the span points into: "body", "timeline[2]", "sources[0]", "references_tracked" or "entities". */
  field: string;
  /** Position of the passage within its story, for stable ordering. */
  ordinal: number;
  text: string;
  span: { start: number; end: number };
  /** The event date for timeline passages; null when the story gives none. */
  date: string | null;
  source: PassageSource | null;
}

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

/** The stored text of a timeline event; the date leads so "when" questions find it. */
export function renderTimelineEvent(e: Story['timeline'][number]): string {
  return `${e.date ?? 'Date unknown'}: ${e.title}\n${e.text}`;
}

/** The stored text of a source entry. */
export function renderSource(s: Story['sources'][number]): string {
  const extra = [s.date ? `dated ${s.date}` : '', s.url ?? ''].filter(Boolean).join(', ');
  return `Source: ${s.title}, published by ${s.publisher}${extra ? ` (${extra})` : ''}`;
}

/** The stored text of the entity list, in lines of "type: name (aliases)". */
export function renderEntities(entities: Story['entities']): string {
  const lines = entities.map(
    (e) => `${e.type}: ${e.name}${e.aliases?.length ? ` (also ${e.aliases.join(', ')})` : ''}`,
  );
  return `Entities named in this story:\n${lines.join('\n')}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
      const pattern = new RegExp(chunk.trim().split(/\s+/).map(escapeRegExp).join('\\s+'), 'g');
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
 * Cuts a story into passages: sentence-aware chunks of the body, one passage per timeline
 * event and per source, and passages listing the entities. Identical texts within a story
 * are kept once.
 */
export async function storyToPassages(story: Story, opts: ChunkOptions = {}): Promise<Passage[]> {
  const chunkSize = opts.chunkSize ?? 420;
  const chunkOverlap = opts.chunkOverlap ?? 120;
  const splitter = new SentenceSplitter({ chunkSize, chunkOverlap });
  const out: Passage[] = [];
  const seen = new Set<string>();
  const add = (p: Omit<Passage, 'citation_id' | 'story_id' | 'ordinal'>) => {
    const id = citationId(story.id, p.kind, p.text);
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ ...p, citation_id: id, story_id: story.id, ordinal: out.length });
  };

  const bodyChunks = (await splitter.splitText(story.body)).filter((c) => c.trim());
  const spans = locate(story.body, bodyChunks);
  for (const span of spans) {
    add({ kind: 'body', field: 'body', text: story.body.slice(span.start, span.end), span, date: null, source: null });
  }
  story.timeline.forEach((e, i) => {
    const text = renderTimelineEvent(e);
    add({ kind: 'timeline', field: `timeline[${i}]`, text, span: { start: 0, end: text.length }, date: e.date, source: null });
  });
  story.sources.forEach((s, i) => {
    const text = renderSource(s);
    const source: PassageSource = { publisher: s.publisher, title: s.title, ...(s.url ? { url: s.url } : {}) };
    add({ kind: 'source', field: `sources[${i}]`, text, span: { start: 0, end: text.length }, date: s.date ?? null, source });
  });
  if (story.references_tracked != null) {
    const text = `This story says it tracks ${story.references_tracked} references; it lists ${story.sources.length} sources.`;
    add({ kind: 'source', field: 'references_tracked', text, span: { start: 0, end: text.length }, date: null, source: null });
  }
  if (story.entities.length) {
    // Long entity lists (advisories name hundreds of products) are cut on line boundaries.
    const text = renderEntities(story.entities);
    const lines = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 0, separators: ['\n'], keepSeparator: false });
    const chunks = await lines.splitText(text);
    for (const span of locate(text, chunks)) {
      add({ kind: 'entity', field: 'entities', text: text.slice(span.start, span.end), span, date: null, source: null });
    }
  }
  return out;
}

/** Bump when the way stories become passages changes, so stored stories are re-cut. */
const PASSAGE_FORMAT = 2;

/** A digest of everything that shapes a story's passages; unchanged stories are skipped by it. */
export function storyHash(story: Story, chunkOpts: ChunkOptions = {}): string {
  return createHash('sha256').update(JSON.stringify({ story, chunkOpts, format: PASSAGE_FORMAT })).digest('hex');
}
