import { describe, expect, it } from 'vitest';
import { ingestStories } from '../src/ingest/ingest.js';
import { ftsExpression, ftsPhrases } from '../src/retrieval/query.js';
import { dataDirLayout } from '../src/data-dir.js';
import { PRUNE_MIN_ROWS, StoryDb } from '../src/store/sqlite/story-db.js';
import { syntheticStories } from '../tools/synthetic.js';
import { hashEmbedder, openTestApp } from './helpers.js';

describe('keyword search', () => {
  it('ranks the same passages with and without the filtered join (unfiltered ranks inside FTS5 first)', async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    let db: StoryDb | undefined;
    try {
      await ingestStories(app.store, app.embedder, syntheticStories(900));
      // The SQLite engine's own queries, on a second connection to the same file.
      db = new StoryDb(dataDirLayout(app.dir).db);
      const everyKind = ['body', 'timeline', 'source', 'entity'] as const;
      for (const q of ['Siemens HMI panel hard-coded credentials', 'CVE-2021-10007', 'remote code execution in energy deployments']) {
        const match = ftsExpression(q)!;
        const fast = db.keywordSearch(match, {}, 20);
        expect(fast.length).toBeGreaterThan(5);
        expect(fast).toEqual(db.keywordSearch(match, { kinds: [...everyKind] }, 20));
      }
    } finally {
      db?.close();
      app.cleanup();
    }
  });

  it('leaves terms half the passages hold out of a large store\'s query, and keeps the full ranking', async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    let db: StoryDb | undefined;
    try {
      await ingestStories(app.store, app.embedder, syntheticStories(PRUNE_MIN_ROWS + 500));
      db = new StoryDb(dataDirLayout(app.dir).db);
      expect(db.counts().passages).toBeGreaterThanOrEqual(PRUNE_MIN_ROWS);
      const depth = 50;
      for (const [q, filter] of [
        ['Which advisory tells operators to apply update 37.2?', {}],
        ['Which advisory tracks CVE-2021-10007?', {}],
        ['operators isolate hard-coded credentials', {}],
        ['Which advisory tracks CVE-2021-10007?', { story_ids: ['synthetic-7', 'synthetic-8'] }],
      ] as const) {
        const full = db.keywordSearch(ftsExpression(q)!, filter, depth);
        const top = db.keywordTop(ftsPhrases(q), filter, depth);
        const fullScore = new Map(full.map((r) => [r.id, r.bm25]));
        // Every row kept scores as in the full query, give or take the common terms' 1e-6 shares...
        for (const r of top.rows) expect(Math.abs(r.bm25 - fullScore.get(r.id)!), `${q}: ${r.id}`).toBeLessThan(1e-5);
        // ...and every row of the full top that scores above those shares is kept, in the same order
        // (rows that tie may swap: compare the scores rank by rank).
        const decisive = full.filter((r) => -r.bm25 > 1e-4);
        const kept = new Set(top.rows.map((r) => r.id));
        expect(decisive.filter((r) => !kept.has(r.id)), q).toEqual([]);
        decisive.forEach((r, i) => expect(Math.abs(top.rows[i]!.bm25 - r.bm25), `${q}: rank ${i + 1}`).toBeLessThan(1e-5));
        if (top.rows.length < full.length) expect(top.omittedUpTo, q).not.toBeNull();
      }
      // The CVE question's rare terms decide alone: the rows holding only common ones are left out.
      const cve = db.keywordTop(ftsPhrases('Which advisory tracks CVE-2021-10007?'), {}, depth);
      expect(cve.rows.length).toBeLessThan(depth);
      expect(cve.omittedUpTo).toBeGreaterThan(0);
      expect(cve.omittedUpTo).toBeLessThan(1e-4);
    } finally {
      db?.close();
      app.cleanup();
    }
  }, 300_000);
});
