import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { requireStory } from '../retrieval/stories.js';
import { chronological } from '../retrieval/timeline.js';
import { storyFacts } from '../story/facts.js';
import type { Store } from '../store/store.js';

const json = (uri: string, data: unknown): ReadResourceResult => ({
  contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(data, null, 2) }],
});

/** Registers story://{id}, story://{id}/timeline and story://{id}/sources as templates. */
export function registerResources(server: McpServer, store: Store): void {
  const complete = { id: (value: string) => store.db.storyIdsLike(value, 20) };
  const list = (suffix: string, label: string) => () => ({
    resources: store.db.listStories({ offset: 0, limit: 1000 }).stories.map((s) => ({
      uri: `story://${encodeURIComponent(s.id)}${suffix}`,
      name: `${s.title}${label}`,
      mimeType: 'application/json',
    })),
  });
  const idOf = (v: string | string[] | undefined) => decodeURIComponent(String(Array.isArray(v) ? v[0] : v ?? ''));

  server.registerResource(
    'story',
    new ResourceTemplate('story://{id}', { list: list('', ''), complete }),
    { title: 'Story', description: 'A stored story as JSON: body, timeline, sources, entities, and the fact lines passages cite (facts)', mimeType: 'application/json' },
    (uri, vars) => {
      const { story } = requireStory(store, idOf(vars.id));
      // Fact lines are served with the story so passages cut from them cite fetchable text.
      return json(uri.href, { ...story, facts: storyFacts(story).map((f) => f.text) });
    },
  );
  server.registerResource(
    'story-timeline',
    new ResourceTemplate('story://{id}/timeline', { list: list('/timeline', ' (timeline)'), complete }),
    { title: 'Story timeline', description: 'A story\'s timeline, oldest first; undated events flagged', mimeType: 'application/json' },
    (uri, vars) => json(uri.href, chronological(requireStory(store, idOf(vars.id)).story.timeline)),
  );
  server.registerResource(
    'story-sources',
    new ResourceTemplate('story://{id}/sources', { list: list('/sources', ' (sources)'), complete }),
    { title: 'Story sources', description: 'The sources a story lists, and the references it says it tracks', mimeType: 'application/json' },
    (uri, vars) => {
      const { story } = requireStory(store, idOf(vars.id));
      return json(uri.href, { references_tracked: story.references_tracked ?? null, sources: story.sources });
    },
  );
}
