import { z } from 'zod';
import { UserError } from '../../errors.js';
import { queryTerms } from '../../retrieval/query.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { checkFilters, dateRangeInput, cursorInput, entityInput, entityTypeInput, queryInput } from '../schemas.js';
import { quoteUntrusted, UNTRUSTED_NOTICE } from '../../render/passages.js';
import { defineTool } from '../tool.js';

export const listStories = defineTool({
  name: 'list_stories',
  title: 'List stories',
  description:
    'Lists stored stories, newest first, optionally only those matching words, naming an entity (agency, vendor, CVE...) ' +
    'or dated within a range. Paginated: pass next_cursor back as cursor for more.',
  input: {
    query: queryInput.optional().describe('Only stories whose text matches these words'),
    entity: entityInput.optional().describe('Only stories naming this entity, e.g. "CISA" (case-insensitive, exact name or alias)'),
    entity_type: entityTypeInput.optional(),
    ...dateRangeInput.shape,
    cursor: cursorInput,
    limit: z.number().int().min(1).max(100).default(20).describe('Stories per page, 1-100 (default 20)'),
  },
  output: {
    stories: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        published: z.string().nullable(),
        updated: z.string().nullable(),
        first_date: z.string().nullable().describe('Earliest date the story states'),
        last_date: z.string().nullable().describe('Latest date the story states'),
        passage_count: z.number().int(),
      }),
    ),
    total: z.number().int(),
    next_cursor: z.string().nullable(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { store }) {
    checkFilters(args);
    const offset = args.cursor ? decodeCursor(args.cursor) : 0;
    const terms = args.query ? queryTerms(args.query) : [];
    if (args.query && terms.length === 0) throw new UserError('query has no searchable words');
    const { stories, total } = await store.listStories({
      ...(terms.length ? { terms } : {}),
      ...(args.entity ? { entity: args.entity } : {}),
      ...(args.entity_type ? { entityType: args.entity_type } : {}),
      ...(args.since ? { since: args.since } : {}),
      ...(args.until ? { until: args.until } : {}),
      offset,
      limit: args.limit,
    });
    const next = offset + stories.length < total ? encodeCursor(offset + stories.length) : null;
    const lines = [
      `${total} stor${total === 1 ? 'y' : 'ies'} match; showing ${stories.length ? `${offset + 1}-${offset + stories.length}` : 'none'}.`,
      ...(stories.length
        ? [
            UNTRUSTED_NOTICE,
            quoteUntrusted(
              'story-list',
              stories
                .map((s) => `- ${s.id}: ${s.title} (dates ${s.first_date ?? 'not stated'} to ${s.last_date ?? 'not stated'}, ${s.passage_count} passages)`)
                .join('\n'),
            ),
          ]
        : []),
      ...(next ? [`More: call list_stories again with cursor "${next}".`] : []),
    ];
    return { structured: { stories, total, next_cursor: next }, text: lines.join('\n') };
  },
});
