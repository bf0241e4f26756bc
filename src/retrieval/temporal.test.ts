import { describe, expect, it } from 'vitest';
import type { Passage } from '../story/passage.js';
import type { Store } from '../store/store.js';
import { temporalAnswer } from './temporal.js';

const REVISIONS = [
  { date: '2021-11-30', title: 'Initial Publication', text: 'Initial Publication' },
  { date: '2022-03-01', title: 'Update A', text: 'Update A - Added CVE-2022-0001' },
  { date: '2022-11-02', title: 'Update B', text: 'Update B - Updated the mitigations' },
  { date: '2023-05-09', title: 'Update C', text: 'Update C - Added modules that have been fixed' },
];

/** The one story's timeline passages, as a store serves them: only what temporalAnswer reads. */
function advisory(): Store {
  const passages: Passage[] = REVISIONS.map((e, i) => ({
    citation_id: `t${i}`,
    story_id: 'ICSA-21-334-01',
    kind: 'timeline',
    field: `timeline[${i}].text`,
    ordinal: i,
    text: e.text,
    span: { start: 0, end: e.text.length },
    date: e.date,
    source: null,
    context: e.title,
  }));
  const store = {
    getStory: () => Promise.resolve({ story: { timeline: REVISIONS } }),
    passagesOf: () => Promise.resolve(passages),
    keywordSearch: () => Promise.resolve([]),
  };
  return store as unknown as Store;
}

describe('temporalAnswer: the revisions of an advisory', () => {
  it('puts the revisions the question names first, then the others, newest first', async () => {
    const dates = async (names: string[], first = false) => (await temporalAnswer(advisory(), 'ICSA-21-334-01', { type: 'update', names, first })).map((p) => p.date);
    expect(await dates(['update a', 'update b'])).toEqual(['2022-11-02', '2022-03-01', '2023-05-09']);
    expect(await dates(['update b'], true)).toEqual(['2022-11-02', '2021-11-30', '2023-05-09', '2022-03-01']);
    expect(await dates([])).toEqual(['2023-05-09', '2022-11-02', '2022-03-01']);
  });
});
