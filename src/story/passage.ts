import { createHash } from 'node:crypto';
import { z } from 'zod';
import { passageKinds, type PassageKind } from './schema.js';

/** What an undated event's passage context says in place of its date. */
export const UNDATED = 'Date not stated';

/** Character offsets into a served text. */
export const spanSchema = z
  .object({ start: z.number().int(), end: z.number().int() })
  .describe('Character offsets [start, end) into the stored text named by `field`');

/** Where a passage was cut from, as citations expose it. */
export const passageSourceSchema = z.object({
  publisher: z.string(),
  title: z.string(),
  url: z.string().optional(),
});
export type PassageSource = z.infer<typeof passageSourceSchema>;

/** A retrievable piece of a story, with the exact span it was cut from: the one shape every citation derives from. */
export const passageSchema = z.object({
  citation_id: z.string(),
  story_id: z.string(),
  kind: z.enum(passageKinds),
  /**
   * The served text the span points into: "body", "timeline[2].text", "sources[0].title",
   * "vulnerabilities[0].remediations[1].details" or "facts[3]" (facts are served with the story).
   */
  field: z.string(),
  /** Position of the passage within its story, for stable ordering. */
  ordinal: z.number().int(),
  /** Exactly `field` sliced at `span`: what a citation quotes. */
  text: z.string(),
  span: spanSchema,
  /** The event date for timeline passages; null when the story gives none. */
  date: z.string().nullable(),
  source: passageSourceSchema.nullable(),
  /**
   * What the passage is, in the story's own words (its title; an event's date and title; a
   * source's publisher): indexed and embedded with the text so a passage is found by what it
   * belongs to, but never cited as the passage's words.
   */
  context: z.string(),
});
export type Passage = z.infer<typeof passageSchema>;

/**
 * The kinds that carry a vector: the story's own prose (body and timeline events). This is the
 * one rule for which passages are embedded and indexed for vector search. Fact lines (entity,
 * and vulnerability lines: scores, product status), source titles and remediation texts are
 * stored without a vector and found by their words and identifiers (keyword search, the
 * identifier, entity and kind routes); hybrid fusion gives them their story's mean vector term
 * (src/retrieval/fusion.ts).
 * On the CSAF+KEV corpus those kinds were three quarters of the embedder's inputs, mostly
 * templated ("Vendors: X", "CVE-... Mitre 5.0 json", "Currently no fix is planned"), and the
 * bundled embedder's cost is per text (README "Performance").
 */
export const VECTOR_KINDS: ReadonlySet<PassageKind> = new Set<PassageKind>(['body', 'timeline']);

/** True when a passage of this kind is embedded and indexed for vector search (see VECTOR_KINDS). */
export const hasVector = (p: Pick<Passage, 'kind'>) => VECTOR_KINDS.has(p.kind);

/** The text an embedder is given for a passage: its context line(s), then its text. */
export const embeddingInput = (p: Pick<Passage, 'context' | 'text'>) => (p.context ? `${p.context}\n${p.text}` : p.text);

/**
 * Passages that give an embedder the same input share one stored vector and one index entry;
 * a passage without a vector (see VECTOR_KINDS) has the empty key.
 */
export const embedKey = (p: Pick<Passage, 'kind' | 'context' | 'text'>) =>
  hasVector(p) ? createHash('sha256').update(embeddingInput(p)).digest('hex').slice(0, 32) : '';
