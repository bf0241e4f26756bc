import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../src/answer/extractive.js';
import { evaluate, holdsAnswer, loadQuestionSet } from '../tools/eval-lib.js';
import { FIXTURES, openTestApp } from './helpers.js';

const set = loadQuestionSet(path.join(FIXTURES, 'seed-questions.json'));

describe('retrieval quality on the seed question set (real local embedder)', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  beforeAll(async () => {
    app = await openTestApp();
  });
  afterAll(() => app.cleanup());

  it('holds at least 30 questions of every kind, answerable and not', () => {
    expect(set.questions.length).toBeGreaterThanOrEqual(30);
    const types = new Set(set.questions.map((q) => q.type));
    for (const t of ['fact', 'paraphrase', 'date', 'order', 'source', 'unanswerable']) expect(types).toContain(t);
  });

  it('puts a passage holding the answer in the top 5 for at least 90% of answerable questions', async () => {
    const report = await evaluate(app.retriever, set, 'hybrid');
    expect(report.recallAt5, `missed: ${report.misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('hybrid retrieval is at least as good as either retriever alone (recall@5)', async () => {
    const hybrid = await evaluate(app.retriever, set, 'hybrid');
    const keyword = await evaluate(app.retriever, set, 'keyword');
    const vector = await evaluate(app.retriever, set, 'vector');
    expect(hybrid.recallAt5).toBeGreaterThanOrEqual(Math.max(keyword.recallAt5, vector.recallAt5));
  });

  it('ask cites a passage holding the answer first for most answerable questions, and declines most unanswerable ones', async () => {
    const answerable = set.questions.filter((q) => q.answers);
    let first = 0;
    for (const q of answerable) {
      const a = extractiveAnswer(q.q, await app.retriever.search({ query: q.q, limit: 8 }));
      if (a.found && a.citations[0] && holdsAnswer(q, a.citations[0])) first++;
      if (a.found) expect(a.answer).toMatch(/\[1\]/);
    }
    expect(first / answerable.length).toBeGreaterThanOrEqual(0.7);

    const unanswerable = set.questions.filter((q) => !q.answers);
    let declined = 0;
    for (const q of unanswerable) {
      const a = extractiveAnswer(q.q, await app.retriever.search({ query: q.q, limit: 8 }));
      if (!a.found) declined++;
    }
    expect(declined / unanswerable.length).toBeGreaterThanOrEqual(0.6);
  });
});
