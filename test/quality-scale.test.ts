import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadQuestionSet, type QuestionSet } from '../tools/eval-lib.js';
import { syntheticStories, writeStoryFiles } from '../tools/synthetic.js';
import { FIXTURES, openTestApp, SEED_ID, tempDir } from './helpers.js';

const set = loadQuestionSet(path.join(FIXTURES, 'seed-questions.json'));
// The same questions asked of the whole store: an answer counts only in the seed story.
const unfiltered: QuestionSet = {
  questions: set.questions.map((q) => ({ ...q, answers: q.answers?.map((a) => ({ ...a, story_id: SEED_ID })) })),
};

describe('seed question set with a larger corpus loaded alongside (real local embedder)', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let corpus: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    app = await openTestApp();
    corpus = tempDir('storyline-scale-');
    // ~1,400 passages of advisory text from 150 synthetic stories, plus every fixture story.
    writeStoryFiles(corpus.dir, syntheticStories(1_350));
    const r = await app.ingestPaths([corpus.dir, path.join(FIXTURES, 'csaf'), path.join(FIXTURES, 'kev'), path.join(FIXTURES, 'extra-story.json')]);
    expect(r.added.length).toBeGreaterThan(150);
  }, 600_000);
  afterAll(() => {
    app.cleanup();
    corpus.cleanup();
  });

  it('still finds the answer in the top 5 for at least 90% of questions within the story', async () => {
    expect((await app.store.counts()).passages).toBeGreaterThan(1_300);
    const report = await evaluate(app.retriever, set, 'hybrid');
    expect(report.recallAt5, `missed: ${report.misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('finds it across the whole store too, where every other story competes', async () => {
    const report = await evaluate(app.retriever, unfiltered, 'hybrid');
    expect(report.recallAt5, `missed: ${report.misses.join(' | ')}`).toBeGreaterThanOrEqual(0.9);
  });
});
