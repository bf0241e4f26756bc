import { NotFoundError } from '../errors.js';
import type { Passage } from '../story/passage.js';
import type { StoredStory } from '../store/types.js';
import type { Store } from '../store/store.js';

/** A stored story with its passages, or NotFoundError. */
export async function requireStory(store: Store, id: string): Promise<StoredStory & { passages: Passage[] }> {
  const s = await store.getStory(id);
  if (!s) throw new NotFoundError('story', id, 'list_stories (or `storyline stories`) shows the stored ids');
  return { ...s, passages: await store.passagesOf(id) };
}

/** A stored passage by citation id, or NotFoundError. */
export async function requirePassage(store: Store, citationId: string): Promise<Passage> {
  const p = await store.getPassage(citationId);
  if (!p) throw new NotFoundError('citation_id', citationId, 'use a citation_id returned by search_passages, get_story or get_timeline');
  return p;
}
