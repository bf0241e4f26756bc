import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { NotFoundError } from '../errors.js';
import { chronological } from '../retrieval/timeline.js';
import { storyFacts } from '../story/facts.js';
import type { Store } from '../store/store.js';

/** The parts of a story served as resources: the story, its timeline, its sources. */
export type StoryPart = 'story' | 'timeline' | 'sources';

const SUFFIX: Record<StoryPart, string> = { story: '', timeline: '/timeline', sources: '/sources' };

/** The URI of one part of a story. */
export const storyUri = (id: string, part: StoryPart = 'story') => `story://${encodeURIComponent(id)}${SUFFIX[part]}`;

/** The story id and part a story:// URI names, or null when it names none. */
export function parseStoryUri(uri: string): { id: string; part: StoryPart } | null {
  const m = /^story:\/\/([^/]+)(\/timeline|\/sources)?$/.exec(uri);
  if (!m?.[1]) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  return { id, part: m[2] === '/timeline' ? 'timeline' : m[2] === '/sources' ? 'sources' : 'story' };
}

/** The JSON a story resource serves, or null when the story is not stored. */
export async function storyPartJson(store: Store, id: string, part: StoryPart): Promise<string | null> {
  const stored = await store.getStory(id);
  if (!stored) return null;
  const { story } = stored;
  const data =
    part === 'timeline'
      ? chronological(story.timeline)
      : part === 'sources'
        ? { references_tracked: story.references_tracked ?? null, sources: story.sources }
        : // Fact lines are served with the story so passages cut from them cite fetchable text.
          { ...story, facts: storyFacts(story).map((f) => f.text) };
  return JSON.stringify(data, null, 2);
}

const read = async (store: Store, uri: string, id: string, part: StoryPart): Promise<ReadResourceResult> => {
  const text = await storyPartJson(store, id, part);
  if (text === null) throw new NotFoundError('story', id, 'list_stories (or `storyline stories`) shows the stored ids');
  return { contents: [{ uri, mimeType: 'application/json', text }] };
};

/** The reason a URI cannot be subscribed to, or null when it can. */
export async function unsubscribable(store: Store, uri: string): Promise<string | null> {
  const parsed = parseStoryUri(uri);
  if (!parsed) return `cannot subscribe to "${uri.slice(0, 200)}": only story://{id}, story://{id}/timeline and story://{id}/sources can be subscribed to`;
  if (!(await store.storyHash(parsed.id))) return `cannot subscribe to ${uri}: no stored story "${parsed.id.slice(0, 80)}" (list_stories shows the stored ids)`;
  return null;
}

/** Registers story://{id}, story://{id}/timeline and story://{id}/sources as templates. */
export function registerResources(server: McpServer, store: Store): void {
  const complete = { id: (value: string) => store.storyIdsLike(value, 20) };
  const list = (part: StoryPart, label: string) => async () => ({
    resources: (await store.listStories({ offset: 0, limit: 1000 })).stories.map((s) => ({
      uri: storyUri(s.id, part),
      name: `${s.title}${label}`,
      mimeType: 'application/json',
    })),
  });
  const idOf = (v: string | string[] | undefined) => decodeURIComponent(String(Array.isArray(v) ? v[0] : v ?? ''));
  const reader = (part: StoryPart) => async (uri: URL, vars: Record<string, string | string[]>) => {
    try {
      return await read(store, uri.href, idOf(vars.id), part);
    } catch (err) {
      // An unknown story is the spec's "resource not found", not an internal error.
      if (err instanceof NotFoundError) throw new McpError(-32002, err.message, { uri: uri.href });
      if (err instanceof URIError) throw new McpError(ErrorCode.InvalidParams, `malformed story id in ${uri.href}`);
      throw err;
    }
  };

  server.registerResource(
    'story',
    new ResourceTemplate('story://{id}', { list: list('story', ''), complete }),
    { title: 'Story', description: 'A stored story as JSON: body, timeline, sources, entities, and the fact lines passages cite (facts). Subscribe to hear when re-ingest changes it.', mimeType: 'application/json' },
    reader('story'),
  );
  server.registerResource(
    'story-timeline',
    new ResourceTemplate('story://{id}/timeline', { list: list('timeline', ' (timeline)'), complete }),
    { title: 'Story timeline', description: 'A story\'s timeline, oldest first; undated events flagged. Subscribe to hear when it changes.', mimeType: 'application/json' },
    reader('timeline'),
  );
  server.registerResource(
    'story-sources',
    new ResourceTemplate('story://{id}/sources', { list: list('sources', ' (sources)'), complete }),
    { title: 'Story sources', description: 'The sources a story lists, and the references it says it tracks', mimeType: 'application/json' },
    reader('sources'),
  );
}
