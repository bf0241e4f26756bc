import { z } from 'zod';
import { requireStory } from '../../retrieval/stories.js';
import { renderSources } from '../../render/passages.js';
import { storyIdInput } from '../schemas.js';
import { defineTool } from '../tool.js';

export const listSources = defineTool({
  name: 'list_sources',
  title: 'List a story\'s sources',
  description:
    'The sources a story lists (publisher, title, URL only where the story gives one), each with the citation_id to ' +
    'cite it, and the number of references the story says it tracks when it says so. Use it for "who reported X".',
  input: { story_id: storyIdInput },
  output: {
    story_id: z.string(),
    story_title: z.string(),
    references_tracked: z.number().int().nullable(),
    sources: z.array(
      z.object({
        n: z.number().int(),
        citation_id: z.string().nullable(),
        publisher: z.string(),
        title: z.string(),
        url: z.string().nullable(),
        date: z.string().nullable(),
      }),
    ),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { store }) {
    const { story, passages } = await requireStory(store, args.story_id);
    const byField = new Map(passages.map((p) => [p.field, p.citation_id]));
    const sources = story.sources.map((s, i) => ({
      n: i + 1,
      citation_id: byField.get(`sources[${i}].title`) ?? null,
      publisher: s.publisher,
      title: s.title,
      url: s.url ?? null,
      date: s.date ?? null,
    }));
    const tracked = story.references_tracked ?? null;
    return { structured: { story_id: story.id, story_title: story.title, references_tracked: tracked, sources }, text: renderSources(story, sources, tracked) };
  },
});
