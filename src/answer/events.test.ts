import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../retrieval/search.js';
import { eventMentions, eventsCompared } from './events.js';
import { extractiveAnswer } from './extractive.js';
import { stem } from './words.js';

let n = 0;
/** A dated event of a made-up breach story, as search returns it. */
function event(date: string | null, text: string, story_id = 'breach-story'): SearchHit {
  n++;
  return {
    citation_id: `e${n}`,
    story_id,
    story_title: 'Acme breach',
    kind: 'timeline',
    field: `timeline[${n}].text`,
    ordinal: n,
    text,
    span: { start: 0, end: text.length },
    date,
    source: null,
    context: 'Acme breach',
    score: 1 / n,
    similarity: 0.3,
    keyword_rank: n,
    route: null,
  };
}

const story = () => [
  event('2025-04-02', 'On 2025-04-02, Acme paid a fine of $2 million to settle the case. The fine closed the matter.'),
  event('2025-03-10', 'On 2025-03-10, state regulators opened an investigation into Acme.'),
  event('2025-03-01', 'On 2025-03-01, Acme disclosed the breach of its customer database.'),
  event(null, 'Acme had reportedly delayed a security audit before the breach.'),
];

describe('events compared in time', () => {
  it('reads the events a question compares, and only a comparison', () => {
    expect(eventMentions('Which came first, the fine or the investigation?')).toEqual([[stem('fine')], [stem('investigation')]]);
    expect(eventMentions('Put these in chronological order: the fine, the investigation, the disclosure.')).toHaveLength(3);
    // An event asked for beside another, what happened in between, "apart from": no comparison.
    expect(eventMentions('What date had the fine been planned for before the investigation?')).toEqual([]);
    expect(eventMentions('What happened between the disclosure and the fine, in chronological order?')).toEqual([]);
    expect(eventMentions('Apart from the fine, what did regulators do?')).toEqual([]);
    expect(eventMentions('Did Acme need approval before launch?')).toEqual([]);
  });

  it('matches each event to the one dated passage that tells of it, and gives them in the order they happened', () => {
    const hits = story();
    const compared = eventsCompared('Did regulators open their investigation before Acme disclosed the breach? Give me both dates.', hits);
    expect(compared?.map((h) => h.date)).toEqual(['2025-03-01', '2025-03-10']);
    expect(eventsCompared('Put these in chronological order: the fine, the investigation, the disclosure.', hits)?.map((h) => h.date)).toEqual(['2025-03-01', '2025-03-10', '2025-04-02']);
    // "Acme" is in every event: it tells none apart.
    expect(eventsCompared("Which came first: Acme's fine or Acme's investigation?", hits)?.map((h) => h.date)).toEqual(['2025-03-10', '2025-04-02']);
  });

  it('compares nothing when an event named is not in the story, or only one is', () => {
    const hits = story();
    expect(eventsCompared('Which came first, the fine or the congressional hearing?', hits)).toBeNull();
    // Two events of the story and one it does not hold are not put in order as if it held all three.
    expect(eventsCompared('Put these in chronological order: the fine, the investigation, the congressional hearing.', hits)).toBeNull();
    // A word every event holds ("Acme") does not make a statement the story never mentions one of its events.
    expect(eventsCompared("Which came first, the fine or Acme's statement?", hits)).toBeNull();
    expect(eventsCompared('Which came first, the fine or the other fine?', hits)).toBeNull();
    // An event the story does not date is not put in order by dates (its own words may tell).
    expect(eventsCompared('Sequence check: was the security audit delayed before the fine, or after it?', hits)).toBeNull();
    // Events of two stories are not compared with each other.
    const other = [hits[0]!, event('2025-03-12', 'On 2025-03-12, Globex disclosed an outage.', 'outage-story')];
    expect(eventsCompared('Which came first, the fine or the outage?', other)).toBeNull();
  });

  it('answers with the sentence that dates each event, after the days between two', () => {
    const a = extractiveAnswer('Was the investigation opened within a week of the disclosure? Dates please.', story());
    expect(a.found).toBe(true);
    expect(a.answer).toMatch(/^9 days from 2025-03-01 \[1\] to 2025-03-10 \[2\]\. On 2025-03-01, Acme disclosed/u);
    expect(a.answer).not.toMatch(/fine/u);
    expect(a.quotes.every((q) => q.verified)).toBe(true);
    // The dates asked for in how the answer is to be put.
    expect(extractiveAnswer('I read that Acme disclosed the breach after regulators opened an investigation. True or false? Give me the dates.', story()).answer).toMatch(/^9 days from 2025-03-01 \[1\] to 2025-03-10 \[2\]/u);
    // Three events: in order, each cited, with no span counted.
    const three = extractiveAnswer('In what order did the fine, the investigation and the disclosure happen?', story());
    expect(three.answer).toMatch(/^On 2025-03-01.*\[1\] On 2025-03-10.*\[2\] On 2025-04-02, Acme paid a fine of \$2 million to settle the case\. \[3\]$/u);
  });
});
