import { describe, expect, it } from 'vitest';
import { ingestStories } from '../src/ingest/ingest.js';
import { ftsExpression } from '../src/retrieval/query.js';
import { syntheticStories } from '../tools/synthetic.js';
import { hashEmbedder, openTestApp } from './helpers.js';

describe('keyword search', () => {
  it('ranks the same passages with and without the filtered join (unfiltered ranks inside FTS5 first)', async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    try {
      await ingestStories(app.store, app.embedder, syntheticStories(900));
      const everyKind = ['body', 'timeline', 'source', 'entity'] as const;
      for (const q of ['Siemens HMI panel hard-coded credentials', 'CVE-2021-10007', 'remote code execution in energy deployments']) {
        const match = ftsExpression(q)!;
        const fast = app.store.db.keywordSearch(match, {}, 20);
        expect(fast.length).toBeGreaterThan(5);
        expect(fast).toEqual(app.store.db.keywordSearch(match, { kinds: [...everyKind] }, 20));
      }
    } finally {
      app.cleanup();
    }
  });
});
