import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyHash, storyToPassages } from '../src/ingest/passages.js';
import { queryTerms } from '../src/retrieval/query.js';
import { PgStore, PRUNE_MIN_ROWS } from '../src/store/postgres/store.js';
import type { PassageFilter } from '../src/store/types.js';
import { embeddingInput } from '../src/story/passage.js';
import { syntheticStories } from '../tools/synthetic.js';
import { hashEmbedder } from './helpers.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

// keywordTop on a large PostgreSQL store leaves out terms half the passages hold when the
// rest decide the top (as the SQLite engine does, test/keyword-search.test.ts): it must rank
// as the full query does.

describe('PostgreSQL keyword search on a large store', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(() => server?.stop());

  it("leaves terms half the passages hold out of a large store's query, and keeps the full ranking", async () => {
    const embedder = hashEmbedder(8);
    const store = await PgStore.open(await server.createDatabase('keyword'), { embedder: embedder.info });
    try {
      const stories = syntheticStories(PRUNE_MIN_ROWS + 500);
      for (let i = 0; i < stories.length; i += 300) {
        const writes = await Promise.all(
          stories.slice(i, i + 300).map(async (story) => {
            const passages = await storyToPassages(story);
            return { story, hash: storyHash(story), passages, vectors: await embedder.embedDocuments(passages.map(embeddingInput)) };
          }),
        );
        await store.write(writes, []);
      }
      expect((await store.counts()).passages).toBeGreaterThanOrEqual(PRUNE_MIN_ROWS);
      const depth = 50;
      let pruned = 0;
      for (const [q, filter] of [
        ['Which advisory tells operators to apply update 37.2?', {}],
        ['Which advisory tracks CVE-2021-10007?', {}],
        ['operators isolate hard-coded credentials', {}],
        ['Which advisory tracks CVE-2021-10007?', { story_ids: ['synthetic-7', 'synthetic-8'] }],
      ] as [string, PassageFilter][]) {
        const full = await store.keywordSearch(queryTerms(q), filter, depth);
        const top = await store.keywordTop(queryTerms(q), filter, depth);
        const fullScore = new Map(full.map((r) => [r.id, r.score]));
        // Every hit kept scores as in the full query, give or take the common terms' millionths...
        for (const r of top.hits) expect(Math.abs(r.score - (fullScore.get(r.id) ?? Infinity)), `${q}: ${r.id}`).toBeLessThan(1e-5);
        // ...and every hit of the full top that scores above them is kept, rank by rank.
        const decisive = full.filter((r) => r.score > 1e-4);
        const kept = new Set(top.hits.map((r) => r.id));
        expect(decisive.filter((r) => !kept.has(r.id)), q).toEqual([]);
        decisive.forEach((r, i) => expect(Math.abs(top.hits[i]!.score - r.score), `${q}: rank ${i + 1}`).toBeLessThan(1e-5));
        if (top.hits.length < full.length) pruned++;
      }
      // The CVE question's rare terms decide alone: the passages holding only common ones are left out.
      const cve = await store.keywordTop(queryTerms('Which advisory tracks CVE-2021-10007?'), {}, depth);
      expect(cve.hits.length).toBeLessThan(depth);
      expect(cve.omittedUpTo).toBeGreaterThan(0);
      expect(cve.omittedUpTo).toBeLessThan(1e-4);
      expect(pruned).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  }, 300_000);
});
