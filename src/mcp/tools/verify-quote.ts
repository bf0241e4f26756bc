import { z } from 'zod';
import { verifyQuote as check } from '../../answer/verify.js';
import { requirePassage } from '../../retrieval/stories.js';
import { spanSchema } from '../../story/passage.js';
import { defineTool } from '../tool.js';

export const verifyQuote = defineTool({
  name: 'verify_quote',
  title: 'Verify a quote against its citation',
  description:
    'Checks that a quote really stands in the cited passage (ignoring case, whitespace and typographic quotes/dashes) ' +
    'and returns its exact span in the stored text. Use it before presenting a quotation; a quote that is not found ' +
    'must not be attributed to the story.',
  input: {
    citation_id: z.string().trim().min(1).max(200).describe('The citation_id the quote is attributed to'),
    quote: z.string().trim().min(1, 'must not be empty').max(5_000).describe('The exact words attributed to the passage'),
  },
  output: {
    citation_id: z.string(),
    story_id: z.string(),
    found: z.boolean(),
    field: z.string(),
    span: spanSchema.nullable().describe('Where the quote stands in the stored field text, when found'),
    matched_text: z.string().nullable().describe('The stored text at that span, exactly'),
    word_coverage: z.number().describe('Share of the quote\'s words present in the passage (1 when found)'),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { store }) {
    const p = await requirePassage(store, args.citation_id);
    const r = check(p.text, args.quote);
    const span = r.passage_offsets ? { start: p.span.start + r.passage_offsets.start, end: p.span.start + r.passage_offsets.end } : null;
    const text = r.found
      ? `VERIFIED: the quote stands in ${p.citation_id} (story ${p.story_id}, ${p.field} ${span?.start}-${span?.end}).`
      : `NOT FOUND: the quote does not stand in ${p.citation_id} (story ${p.story_id}); ${Math.round(r.word_coverage * 100)}% of its words occur there. Do not attribute it to this passage.`;
    return {
      structured: { citation_id: p.citation_id, story_id: p.story_id, found: r.found, field: p.field, span, matched_text: r.matched_text, word_coverage: r.word_coverage },
      text,
    };
  },
});
