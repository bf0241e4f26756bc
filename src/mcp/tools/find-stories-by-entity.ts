import { z } from 'zod';
import { quoteUntrusted, UNTRUSTED_NOTICE } from '../../render/passages.js';
import { defineTool } from '../tool.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { cursorInput, entityInput, entityTypeInput } from '../schemas.js';

export const findStoriesByEntity = defineTool({
  name: 'find_stories_by_entity',
  title: 'Find stories naming an entity',
  description:
    'Exactly which stored stories name an entity: a CVE (CVE-2023-6448), vendor (Unitronics), product, sector, CWE, ' +
    'agency or organization. Matches names and aliases case-insensitively, never approximately; newest first, paginated.',
  input: {
    entity: entityInput.describe('The entity, e.g. "CVE-2023-6448" or "Unitronics"'),
    type: entityTypeInput.optional(),
    cursor: cursorInput,
    limit: z.number().int().min(1).max(100).default(20).describe('Stories per page, 1-100 (default 20)'),
  },
  output: {
    entity: z.string(),
    total: z.number().int(),
    stories: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        published: z.string().nullable(),
        last_date: z.string().nullable(),
        matched: z.array(z.object({ type: z.string(), name: z.string() })).describe('The entity rows that matched, as the story names them'),
      }),
    ),
    next_cursor: z.string().nullable(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { store }) {
    const offset = args.cursor ? decodeCursor(args.cursor) : 0;
    const r = await store.storiesByEntity(args.entity, args.type, offset, args.limit);
    const stories = r.stories.map((s) => ({ id: s.id, title: s.title, published: s.published, last_date: s.last_date, matched: s.matched }));
    const next = offset + stories.length < r.total ? encodeCursor(offset + stories.length) : null;
    const text = stories.length
      ? `${r.total} stor${r.total === 1 ? 'y names' : 'ies name'} "${args.entity}"${args.type ? ` (${args.type})` : ''}.\n${UNTRUSTED_NOTICE}\n` +
        quoteUntrusted('story-list', stories.map((s) => `- ${s.id}: ${s.title} (${s.last_date ?? 'undated'}; as ${s.matched.map((m) => `${m.type} ${m.name}`).join(', ')})`).join('\n')) +
        (next ? `\nMore: call again with cursor "${next}".` : '')
      : `No stored story names "${args.entity}"${args.type ? ` as a ${args.type}` : ''}.`;
    return { structured: { entity: args.entity, total: r.total, stories, next_cursor: next }, text };
  },
});
