import { z } from 'zod';
import { requireStory } from '../../retrieval/stories.js';
import { chronological, inRange, mermaidTimeline } from '../../retrieval/timeline.js';
import { renderTimeline } from '../../render/passages.js';
import { checkFilters, dateRangeInput, storyIdInput } from '../schemas.js';
import { defineTool } from '../tool.js';
import { TIMELINE_VIEW_META } from '../views/timeline-view.js';

export const getTimeline = defineTool({
  name: 'get_timeline',
  title: 'Get a story timeline',
  description:
    'The dated timeline of a story, oldest first, each event with the citation_id to cite it. Events the story gives no ' +
    'date for are kept undated (never guessed), placed by the order the story lists them, and flagged. The text form ' +
    'ends with a Mermaid timeline diagram; MCP Apps hosts also draw it as an interactive view.',
  input: {
    story_id: storyIdInput,
    ...dateRangeInput.shape,
  },
  output: {
    story_id: z.string(),
    story_title: z.string(),
    events: z.array(
      z.object({
        n: z.number().int(),
        citation_id: z.string().nullable(),
        field: z.string().describe('The served text its passages cite: timeline[i].text'),
        date: z.string().nullable(),
        date_known: z.boolean(),
        placement: z.string().nullable().describe('For undated events: how the event was placed'),
        title: z.string(),
        text: z.string(),
      }),
    ),
    undated_excluded: z.number().int().describe('Undated events left out because a date range was given'),
    sources: z
      .array(z.object({ publisher: z.string(), title: z.string(), url: z.string().nullable() }))
      .describe('The sources the story lists (stories name sources for the whole story, not per event)'),
    mermaid: z.string(),
  },
  meta: TIMELINE_VIEW_META,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { store }) {
    checkFilters(args);
    const { story, passages } = await requireStory(store, args.story_id);
    // A long event is cut into several passages; the first one cites the event.
    const byField = new Map<string, string>();
    for (const p of passages) if (!byField.has(p.field)) byField.set(p.field, p.citation_id);
    const { events, undatedExcluded } = inRange(chronological(story.timeline), args.since, args.until);
    const out = events.map((e, i) => ({
      n: i + 1,
      citation_id: byField.get(`timeline[${e.index}].text`) ?? null,
      field: `timeline[${e.index}].text`,
      date: e.date,
      date_known: e.date_known,
      placement: e.placement,
      title: e.title,
      text: e.text,
    }));
    const mermaid = mermaidTimeline(story.title, events);
    return {
      structured: {
        story_id: story.id,
        story_title: story.title,
        events: out,
        undated_excluded: undatedExcluded,
        sources: story.sources.map((s) => ({ publisher: s.publisher, title: s.title, url: s.url ?? null })),
        mermaid,
      },
      text: renderTimeline(story, out, undatedExcluded, mermaid),
    };
  },
});
