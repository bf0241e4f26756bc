// Questions that compare a story's events in time ("Did CISA announce its directive before Trump
// signed?", "the pause, the signing and Andersen's remarks: in what order, with dates?"): each
// event the question names is matched to the timeline passage that tells of it, and the answer
// gives those events in the order they happened.

import { questionProper } from '../retrieval/intent.js';
import type { SearchHit } from '../retrieval/search.js';
import { EVERYDAY_TOP, isEverydayStem } from './english.js';
import { contentTerms, hitWords, stem } from './words.js';

// A comparison in time, put so: which came first or last, how close or far apart, in what order, or
// a claim of before or after whose dates are asked ("... before Trump signed. True or false? Give me
// the dates"). ("Apart from X" and "before launch" compare nothing; nor does an event asked for
// beside another, "what date had been planned before the pause?", or what happened in between.)
const COMPARES = new RegExp(
  [
    /\b(?:which|what)\s+(?:one\s+|of\s+(?:them|those|these|the\s+\w+)\s+|events?\s+)?(?:came|happened|occurred|was|were)\s+(?:first|earlier|last|later|sooner)\b/u.source,
    /\b(?:closer|sequence|chronolog\w*|(?:days?|weeks?|months?)\s+apart|how far apart|versus|vs|either side of|in (?:what|which|the right|the correct|chronological) order|(?:put|list|place) (?:them|those|these|it all|all three|both) in order)\b/u.source,
    /\bwithin (?:a|an|one|two|three|four|five|six|\d+) (?:days?|weeks?|months?) of\b/u.source,
    /\b(?:before|after)\b(?=.*\b(?:(?:two|both|the|their|exact) dates|dates,? please|with dates)\b)/u.source,
  ].join('|'),
  'iu',
);
const IN_BETWEEN_ASKED = /\b(?:what|anything)\s+(?:else\s+)?(?:happen\w*|occurred|took place)\b/iu;

// Where the mention of one event gives way to the next ("the pause, the signing and CISA's
// remarks", "signed within a week of the pause", "the hold versus the signing").
const EVENT_BREAK =
  /[,;:?!()]|\.(?:\s|$)|\s[-–—]\s|\b(?:and|or|versus|vs|than|before|after|between|from|until|till|then|while|ahead of|prior to|either side of|followed by|preceded by|within (?:a|an|one|two|three|four|five|six|\d+) (?:days?|weeks?|months?)(?: of)?)\b/giu;

// Words of the comparison itself (spans, order, dates), not of an event it names.
const OF_COMPARISON = new Set(
  ['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'date', 'dates', 'dated', 'time', 'earlier', 'later', 'first', 'last', 'sooner', 'closer', 'happen', 'happened', 'occur', 'occurred', 'came', 'come', 'exact', 'exactly', 'roughly', 'about', 'less', 'more', 'two', 'three', 'four', 'order', 'sequence', 'chronology', 'timeline', 'event', 'events'].map(stem),
);

/** At most this many mentions matched, so that every way of giving them events is tried. */
const MOST_MENTIONS = 4;

/**
 * The terms of each event a question mentions, when it compares events in time; [] when it does not.
 * (The dates asked for may be in how the asker wants the answer put: "True or false? Give me the dates.")
 */
export function eventMentions(question: string): string[][] {
  if (!COMPARES.test(question) || IN_BETWEEN_ASKED.test(question)) return [];
  return questionProper(question)
    .split(EVENT_BREAK)
    .filter((part): part is string => part !== undefined)
    .map((part) => contentTerms(part).filter((t) => !OF_COMPARISON.has(t) && !/^\d/u.test(t)))
    .filter((terms) => terms.length > 0);
}

/**
 * The dated timeline passages of the events a question compares, in the order they happened, when
 * it names at least two events of one story that its retrieved timeline tells of and dates; otherwise null.
 * A word every event of the story holds ("order") tells none apart. An event mentioned in words no
 * retrieved passage holds at all ("the Senate hearing") is not in the story: then nothing is compared.
 */
export function eventsCompared(question: string, hits: readonly SearchHit[]): SearchHit[] | null {
  const mentions = eventMentions(question);
  if (mentions.length < 2) return null;
  const wordsOf = new Map(hits.map((h) => [h, hitWords(h)]));
  const anywhere = new Set([...wordsOf.values()].flatMap((w) => [...w]));
  const timeline = hits.filter((h) => h.kind === 'timeline');
  let best: { matching: Matching; events: SearchHit[] } | null = null;
  for (const story of new Set(timeline.filter((h) => h.date).map((h) => h.story_id))) {
    const events = timeline.filter((h) => h.story_id === story);
    const words = events.map((h) => wordsOf.get(h)!);
    const telling = (t: string) => words.some((w) => w.has(t)) && !words.every((w) => w.has(t));
    // Each mention's score for each event: the words of the mention that tell events apart and the event holds.
    const scores = mentions.map((terms) => words.map((w) => terms.filter((t) => telling(t) && w.has(t)).length));
    const unmatched = mentions.filter((_, m) => Math.max(...scores[m]!) === 0);
    if (unmatched.some((terms) => terms.some((t) => !anywhere.has(t) && !isEverydayStem(t, EVERYDAY_TOP)))) continue;
    const matched = scores.filter((s) => Math.max(...s) > 0);
    const undated = new Set(events.flatMap((h, e) => (h.date ? [] : [e])));
    const matching = matched.length <= MOST_MENTIONS ? bestMatching(matched, undated) : null;
    // An event the story does not date ("the draft was withdrawn before signing") is not put in order by dates.
    if (matching && matching.undated === 0 && (!best || better(matching, best.matching))) best = { matching, events: matching.events.map((e) => events[e]!) };
  }
  return best ? best.events.sort((a, b) => a.date!.localeCompare(b.date!)) : null;
}

/** The events given to the mentions (their indexes, each once), with the words of the mentions they hold and how many of them are undated. */
interface Matching {
  events: number[];
  score: number;
  undated: number;
}

/** Most words held, then fewest undated events, then most events told apart. */
const better = (a: Matching, b: Matching) => a.score > b.score || (a.score === b.score && (a.undated < b.undated || (a.undated === b.undated && a.events.length > b.events.length)));

/**
 * Of every way of giving each mention an event that holds a word of it, the best that tells at least
 * two events apart. Of ways as good, the first tried wins: the events retrieval ranked first.
 */
function bestMatching(scores: readonly (readonly number[])[], undated: ReadonlySet<number>): Matching | null {
  let best: Matching | null = null;
  const choose = (m: number, chosen: number[]): void => {
    if (m === scores.length) {
      const events = [...new Set(chosen)];
      const found = { events, score: chosen.reduce((sum, e, i) => sum + scores[i]![e]!, 0), undated: events.filter((e) => undated.has(e)).length };
      if (events.length >= 2 && (!best || better(found, best))) best = found;
      return;
    }
    scores[m]!.forEach((s, e) => {
      if (s > 0) choose(m + 1, [...chosen, e]);
    });
  };
  choose(0, []);
  return best;
}
