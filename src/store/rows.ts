import type { Passage, PassageSource } from '../story/passage.js';
import type { PassageKind } from '../story/schema.js';

/** A passage row as the engine selects it (PASSAGE_COLUMNS). */
export interface PassageRow {
  citation_id: string;
  story_id: string;
  kind: string;
  field: string;
  ordinal: number;
  text: string;
  span_start: number;
  span_end: number;
  date: string | null;
  source: string | null;
  context: string;
}

export const PASSAGE_COLUMNS = 'p.citation_id, p.story_id, p.kind, p.field, p.ordinal, p.text, p.span_start, p.span_end, p.date, p.source, p.context';

/** A passage row back as a Passage. */
export function toPassage(r: PassageRow): Passage {
  return {
    citation_id: r.citation_id,
    story_id: r.story_id,
    kind: r.kind as PassageKind,
    field: r.field,
    ordinal: r.ordinal,
    text: r.text,
    span: { start: r.span_start, end: r.span_end },
    date: r.date,
    source: r.source ? (JSON.parse(r.source) as PassageSource) : null,
    context: r.context,
  };
}
