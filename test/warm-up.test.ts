import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARM_UP_QUESTIONS } from '../src/embed/warm-up.js';
import { hashEmbedder, openTestApp } from './helpers.js';

describe('the search warm-up a server runs as it starts', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  const asked: string[] = [];
  beforeAll(async () => {
    const embedder = hashEmbedder();
    app = await openTestApp({ embedder: { ...embedder, embedQuery: (text) => (asked.push(text), embedder.embedQuery(text)) } });
  });
  afterAll(() => app.cleanup());

  it('runs every question through hybrid search without embedding one', async () => {
    const searched: string[] = [];
    const keywordTop = app.store.keywordTop.bind(app.store);
    app.store.keywordTop = (terms, filter, limit) => (searched.push(terms.join(' ')), keywordTop(terms, filter, limit));
    await app.retriever.warmUp!(WARM_UP_QUESTIONS);
    expect(asked).toEqual([]);
    expect(searched.length).toBeGreaterThanOrEqual(WARM_UP_QUESTIONS.length);
    // and real questions are still embedded, and answered
    const hits = await app.retriever.search({ query: 'When was the order signed?', limit: 3 });
    expect(asked).toEqual(['When was the order signed?']);
    expect(hits.length).toBeGreaterThan(0);
  });
});
