import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { z } from 'zod';
import { citationSchema, type Citation } from '../retrieval/citation.js';
import type { CitedAnswer, CitedSource, QuoteCheck } from '../render/answers.js';
import { CITATION_ID_SOURCE, passageKinds } from '../story/schema.js';

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
export async function numberCitations(answer: string, known: Map<string, Citation>, client: Client): Promise<CitedAnswer> {
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
