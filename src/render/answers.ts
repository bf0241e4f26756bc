import type { ExtractiveAnswer } from '../answer/extractive.js';
import { toCitation, type Citation } from '../retrieval/citation.js';
import { citedWhere, describeCitation } from './passages.js';

/** An extractive answer with its numbered sources, as `storyline ask` and the offline chat print it. */
export function renderExtractiveAnswer(a: ExtractiveAnswer): string {
  if (!a.found) return a.answer;
  const sources = a.citations.map((c, i) => `[${i + 1}] ${describeCitation(toCitation(i + 1, c))}\n    citation_id ${c.citation_id}`);
  return `${a.answer}\n\nSources:\n${sources.join('\n')}`;
}

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
export interface CitedAnswer {
  text: string;
  sources: CitedSource[];
  quotes: QuoteCheck[];
}

/** The numbered sources list and quote checks, as the terminal shows them. */
export function renderAnswerSources(r: CitedAnswer): string {
  const lines: string[] = [];
  if (r.sources.length) {
    lines.push('Sources:');
    for (const s of r.sources) {
      const p = s.passage;
      if (!p) {
        lines.push(`[${s.n}] ${s.citation_id}: NOT RETRIEVED in this session; the model cited an id no tool returned`);
        continue;
      }
      const date = p.date ? `, ${p.date}` : p.kind === 'timeline' ? ', date not stated' : '';
      lines.push(`[${s.n}] ${citedWhere(p)}${date} (${p.kind}, story ${p.story_id}, ${s.citation_id})`);
    }
  }
  for (const q of r.quotes) {
    lines.push(q.verified ? `  verified quote: "${q.quote}"` : `  UNVERIFIED QUOTE: "${q.quote}" does not stand in ${q.citation_id || 'any cited passage'}`);
  }
  return lines.join('\n');
}
