import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { z } from 'zod';
import { citationSchema, type Citation } from '../retrieval/citation.js';
import { CITATION_ID_SOURCE, passageKinds } from '../story/schema.js';

/** A source cited in an answer, numbered in order of first use. */
export interface CitedSource {
  n: number;
  citation_id: string;
  /** Null when the model cited an id no tool returned in this session. */
  passage: Citation | null;
}

/** A quotation in an answer and whether it stands in the passage it is attributed to. */
export interface QuoteCheck {
  quote: string;
  citation_id: string;
  verified: boolean;
}

/** An answer with its citation marks numbered. */
export interface RenderedAnswer {
  text: string;
  sources: CitedSource[];
  quotes: QuoteCheck[];
}

const MARK = new RegExp(`\\[((?:${CITATION_ID_SOURCE})(?:\\s*[,;]\\s*${CITATION_ID_SOURCE})*)\\]`, 'g');
const QUOTE = /[“"]([^”"\n]{6,500})[”"]/g;

const KINDS = Object.fromEntries(passageKinds.map((k) => [k[0], k])) as Record<string, (typeof passageKinds)[number]>;

/** What get_timeline, list_sources and get_story return per event, source or passage: enough to cite, not a whole passage. */
const citable = z.object({
  citation_id: z.string(),
  kind: citationSchema.shape.kind.optional(),
  field: z.string().optional(),
  span: citationSchema.shape.span.optional(),
  text: z.string().optional(),
  title: z.string().optional(),
  publisher: z.string().optional(),
  url: z.string().nullable().optional(),
  date: z.string().nullable().optional(),
});

/**
 * Every citable item in a tool result's structured content, by citation id: full passages
 * (search_passages) and the timeline events and sources of get_timeline and list_sources,
 * which carry their story from the enclosing result.
 */
export function collectPassages(structured: unknown, into: Map<string, Citation>): void {
  const visit = (v: unknown, story: { id: string; title: string } | null) => {
    if (Array.isArray(v)) return v.forEach((x) => visit(x, story));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const here = typeof o.story_id === 'string' ? { id: o.story_id, title: typeof o.story_title === 'string' ? o.story_title : o.story_id } : story;
    const id = o.citation_id;
    if (typeof id === 'string' && here && !into.has(id)) {
      const whole = citationSchema.safeParse(o);
      const item = citable.safeParse(o);
      if (whole.success) into.set(id, { ...whole.data, n: 0 });
      else if (item.success) {
        const c = item.data;
        const kind = KINDS[id[0] ?? ''] ?? 'body';
        const text = c.text ?? c.title ?? '';
        into.set(id, {
          n: 0,
          citation_id: id,
          story_id: here.id,
          story_title: here.title,
          kind: c.kind ?? kind,
          field: c.field ?? kind,
          text,
          span: c.span ?? { start: 0, end: text.length },
          date: c.date ?? null,
          source: c.publisher !== undefined && c.title !== undefined ? { publisher: c.publisher, title: c.title, ...(typeof c.url === 'string' ? { url: c.url } : {}) } : null,
        });
      }
    }
    Object.values(o).forEach((x) => visit(x, here));
  };
  visit(structured, null);
}

/**
 * Numbers the citation ids an answer uses ([b_...] becomes [1]) and checks every quotation
 * against the passages cited in the same sentence with verify_quote.
 */
export async function renderAnswer(answer: string, known: Map<string, Citation>, client: Client): Promise<RenderedAnswer> {
  const sources: CitedSource[] = [];
  const number = (id: string) => {
    let s = sources.find((x) => x.citation_id === id);
    if (!s) sources.push((s = { n: sources.length + 1, citation_id: id, passage: known.get(id) ?? null }));
    return s.n;
  };
  const quotes: QuoteCheck[] = [];
  // Sentences keep their marks together with their quotes.
  for (const sentence of answer.split(/(?<=[.!?])\s+/)) {
    const ids = [...sentence.matchAll(MARK)].flatMap((m) => (m[1] ?? '').split(/\s*[,;]\s*/));
    for (const q of sentence.matchAll(QUOTE)) {
      const quote = q[1] ?? '';
      let verified = false;
      let checkedId = ids[0] ?? '';
      for (const id of ids) {
        const r = await client.callTool({ name: 'verify_quote', arguments: { citation_id: id, quote } });
        if (!r.isError && (r.structuredContent as { found?: boolean } | undefined)?.found) {
          verified = true;
          checkedId = id;
          break;
        }
      }
      quotes.push({ quote, citation_id: checkedId, verified });
    }
  }
  const text = answer.replace(MARK, (_m, group: string) => group.split(/\s*[,;]\s*/).map((id) => `[${number(id)}]`).join(''));
  return { text, sources, quotes };
}

/** The numbered sources list and quote checks, as the terminal shows them. */
export function formatSources(r: RenderedAnswer): string {
  const lines: string[] = [];
  if (r.sources.length) {
    lines.push('Sources:');
    for (const s of r.sources) {
      const p = s.passage;
      if (!p) {
        lines.push(`[${s.n}] ${s.citation_id}: NOT RETRIEVED in this session; the model cited an id no tool returned`);
        continue;
      }
      const where = p.source
        ? `${p.source.publisher}, "${p.source.title}"${p.source.url ? ` <${p.source.url}>` : ''}`
        : `"${p.story_title}"`;
      const date = p.date ? `, ${p.date}` : p.kind === 'timeline' ? ', date not stated' : '';
      lines.push(`[${s.n}] ${where}${date} (${p.kind}, story ${p.story_id}, ${s.citation_id})`);
    }
  }
  for (const q of r.quotes) {
    lines.push(q.verified ? `  verified quote: "${q.quote}"` : `  UNVERIFIED QUOTE: "${q.quote}" does not stand in ${q.citation_id || 'any cited passage'}`);
  }
  return lines.join('\n');
}
