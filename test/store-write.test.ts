import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { FIXTURES, hashEmbedder, openTestApp } from './helpers.js';

const STORY = path.join(FIXTURES, 'extra-story.json');
const ID = 'test-ics-advisory';

/**
 * Write hooks run inside the story write's transaction and are awaited there: what they
 * record commits with the stories, and a hook that fails rolls every part of the write back.
 */
describe('store writes: async hooks inside one transaction', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let fail: Error | null = null;
  let seenInside: { passages: number; counted: Promise<{ stories: number; passages: number }> } | null = null;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    await app.subscriptions.create({ name: 'fbi', entities: ['FBI'], outbox: 'fbi' }, LOCAL_CALLER);
    // Registered after the app's own hooks (advisory index, subscription matching), so they have run when it throws.
    app.store.onWrite(async (changes, tx) => {
      seenInside = {
        // The transaction sees its own rows ...
        passages: (await tx.passagesOf(changes[0]!.story.id)).length,
        // ... while a read through the store waits for the transaction to end.
        counted: app.store.counts(),
      };
      if (fail) throw fail;
    });
  });
  afterAll(() => app.cleanup());

  it('a hook that fails rolls the whole write back: no story, passages, deliveries or new vector generation', async () => {
    const generation = await app.store.getMeta('vector_generation');
    fail = new Error('hook failed on purpose');
    await expect(app.ingestPaths([STORY])).rejects.toThrow('hook failed on purpose');
    expect(seenInside!.passages).toBeGreaterThan(0);
    expect(await seenInside!.counted).toEqual({ stories: 0, passages: 0 });
    expect(await app.store.getStory(ID)).toBeNull();
    expect(await app.store.counts()).toEqual({ stories: 0, passages: 0 });
    expect(await app.subscriptions.store.deliveries({ limit: 10 })).toEqual([]);
    expect(await app.store.getMeta('vector_generation')).toBe(generation);
    expect(await app.store.keywordSearch(['utility'], {}, 5)).toEqual([]);
  });

  it('the same write with the hook passing commits the story and the delivery its match queued', async () => {
    fail = null;
    const r = await app.ingestPaths([STORY]);
    expect(r.added).toEqual([ID]);
    const passages = (await app.store.passagesOf(ID)).length;
    expect(seenInside!.passages).toBe(passages);
    // The read queued during the transaction saw it committed, not half-written.
    expect(await seenInside!.counted).toEqual({ stories: 1, passages });
    const [d] = await app.subscriptions.store.deliveries({ limit: 10 });
    expect(d).toMatchObject({ event_type: 'story.created', story_id: ID, status: 'pending' });
    expect((await app.store.keywordSearch(['utility'], {}, 5)).length).toBeGreaterThan(0);
  });
});
