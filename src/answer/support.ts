// Whether retrieved passages and their sentences support an answer: the share of the question they
// hold, whether they state what is asked for, use its verb, quote its speaker, and whether the
// question names something no retrieved passage holds.

import { splitSentences } from '../ingest/sentences.js';
import { askingClause, isCisaStory, NUMBER_WORDS, POLAR, queryIntent } from '../retrieval/intent.js';
import { countriesNamed, countryForms, countryOf, countryOfCapital } from '../retrieval/countries.js';
import { flawAcronym } from '../retrieval/query.js';
import { AFFECTED_BOUND, speaksOfVersion } from '../retrieval/versions.js';
import type { SearchHit } from '../retrieval/search.js';
import { escapeRegExp } from '../regexp.js';
import { contentTerms, DETERMINERS, FLAW_MODIFIERS, FLAW_WORDS, fold, NAME_TOKENS, hitWords, inCommonForm, isFact, kindWords, KNOWN_BODY_NAMES, MONTH, MONTH_NAMES, namesHeld, PIECE_STEMS, saysOffice, SOURCE_STEMS, spelledOut, stem, VERB_ENDINGS, wordsOf } from './words.js';
import { EVERYDAY_TOP, isEverydayStem } from './english.js';
import { askedFor, ASKING_START, SOURCE_ASKED, CANNOT_FIX, componentAsked, DEADLINE_UNIT, DETAILS, DURATION_UNIT, EXPANSION_UNIT, FREQUENCY_UNIT, OFFICIAL_UNIT, PLACE_UNIT, SOMEONE_UNIT, polarTopic, THREAT_WORDS, expected, type Expected, KEYWORD_QUERY, MONEY_UNIT, nameTokens, asksForTitleName, PRODUCT_KINDS, THREAT_KINDS, VERSION_NOUNS } from './question.js';

// CISA publishes every advisory and KEV entry, whether or not a passage says so; before 2018 it did
// so as NCCIC, with ICS-CERT (US-CERT for IT). An ICSA story is an (ICS) advisory, a publication.
const asWrittenAndStemmed = (words: readonly string[]) => words.flatMap((w) => [w, stem(w)]);
const PUBLISHER_WORDS = asWrittenAndStemmed(['cisa', 'nccic', 'ics-cert', 'us-cert']);
const ADVISORY_WORDS = [...PUBLISHER_WORDS, ...asWrittenAndStemmed(['ics', 'advisory', 'advisories', 'publication'])];
// A KEV entry's due date binds the Federal Civilian Executive Branch (FCEB) agencies under Binding Operational Directive
// 22-01, which set up the catalog, whether or not a passage says so.
const KEV_WORDS = [...PUBLISHER_WORDS, ...asWrittenAndStemmed(['fceb', 'bod', '22-01'])];
/** The words that name a story's publisher, and an advisory or a KEV entry what it is, as written and as stems. */
export const publisherWords = (storyId: string): readonly string[] => (!isCisaStory(storyId) ? [] : /^ICS/iu.test(storyId) ? ADVISORY_WORDS : KEV_WORDS);
const IMPACT_ACRONYMS = new Set(['dos', 'ddos', 'rce']);
// Names advisories write in other words: Wi-Fi is the wireless network.
const SAME_THING: Readonly<Record<string, readonly string[]>> = { 'wi-fi': ['wireless', 'wlan'] };
// A question with this many content words (and this share of them) that no retrieved passage
// holds asks about something else.
const MIN_ABSENT = 3;
// The flaw a fix is for: "for the port 26 default credential and port 5558 problems", "that fixes the X bug".
// The asker's constraints, each (CANNOT_FIX).
const CANNOT_FIX_ALL = new RegExp(CANNOT_FIX, 'giu');
const FLAW_FIXED = /\b(?:for|fix(?:es|ing)?|address(?:es|ing)?|against|clos(?:es|ing))\s+(?:the|these|those|this|that|its|their)\s+[^?]*?\b(?:problems?|issues?|bugs?|flaws?|vulnerabilit(?:y|ies)|holes?)\b/giu;
// The words of a range of versions after its bound: "1.5.76 and earlier", "v3 or later".
const VERSION_RANGE = /(?<=\d)\s+(?:and|or)\s+(?:earlier|prior|older|before|below|lower|later|newer|above|higher)\b/giu;
const ABSENT_SHARE = 0.34;
// Of those, an everyday word (EVERYDAY_TOP) is how the asker put it, not what they ask about: its absence counts for nothing.
// A word of the story's title is in every passage of the story: it says which story, not
// what the passage says, so it counts half.
const TITLE_WEIGHT = 0.5;

/** The share of the question's terms a set of words holds, a term of the story's title counting half. */
export function coverageOf(words: ReadonlySet<string>, terms: readonly string[], title: ReadonlySet<string>): number {
  let held = 0;
  let all = 0;
  for (const t of terms) {
    const w = title.has(t) ? TITLE_WEIGHT : 1;
    all += w;
    if (words.has(t)) held += w;
  }
  return all ? held / all : 0;
}

/** An acronym without its plural "s" ("AGs": AG). */
const singular = (name: string) => name.replace(/(?<=\p{Lu})s$/u, '');
/** An acronym as a term of the question ("BOD": "bod"). */
const acronymTerm = (name: string) => stem(singular(name).toLowerCase());
/** The acronyms a question uses ("BOD", "AGs"), singular. */
export const acronymsIn = (question: string): string[] => nameTokens(question).flatMap((n) => (/^\p{Lu}{2,5}s?$/u.test(n.name) ? [singular(n.name)] : []));

/** The two capitalised words after "the" that spell a two-letter acronym ("the White House": WH). */
const institution = (text: string, acronym: string): string[] | null => {
  const [a, b] = acronym.toUpperCase();
  const m = new RegExp(`\\bthe (${a}\\p{Ll}+) (${b}\\p{Ll}+)\\b`, 'u').exec(text);
  return m ? [m[1]!.toLowerCase(), m[2]!.toLowerCase()] : null;
};

// Departments known by the office that heads them or by another name: the attorney general acts for the DOJ.
const HEADED_BY: Readonly<Record<string, readonly string[]>> = { DOJ: ['attorney general', 'justice department'], DOD: ['secretary of defense', 'defense department', 'pentagon'] };
/** The words a text names a department by that its acronym does not spell ("the attorney general": DOJ). */
const headedBy = (text: string, acronym: string): string[] | null => {
  const form = HEADED_BY[acronym.toUpperCase()]?.find((f) => new RegExp(`\\b${f}\\b`, 'iu').test(text));
  return form ? form.split(' ') : null;
};

/**
 * The acronyms a question uses that a retrieved passage spells out, and no passage holds as
 * written unless it has two letters (a common noun shortened: "Trump AI EO" in a headline, "the
 * executive order" in prose), each (as a term) with the head noun of its expansion: "bod" with
 * "directive" (a "binding operational directive"), "eo" with "order". A passage that names the
 * head ("the directive") speaks of it; a story whose title holds the head ("... AI Order ...") is about it.
 */
export function acronymHeads(question: string, hits: readonly SearchHit[]): Map<string, string> {
  const out = new Map<string, string>();
  const tokens = nameTokens(question);
  // Part of a name of several words ("Cisco IOS XE", "ScadaFlex II"), it is that name's.
  const inName = (a: string) => tokens.some((n, i) => singular(n.name) === a && [tokens[i - 1], tokens[i + 1]].some((m) => m && Math.abs(m.at - n.at) === 1));
  for (const a of acronymsIn(question)) {
    const term = acronymTerm(a);
    // A longer acronym held as written is that name, which another advisory's words spell by chance ("DLL", "OPC").
    const held = hits.some((h) => hitWords(h).has(term));
    if (a.length > 2 && held) continue;
    for (const h of hits) {
      // Two initials match words by chance ("Input During" for ID): a two-letter acronym is
      // spelled only by a common noun phrase ("attorney general", "executive order") or an
      // institution's name after "the" ("the White House" for WH). One held as written in a
      // name ("IOS XE") is that name's, unless a common noun phrase spells it ("the AI EO").
      const text = `${h.context} ${h.text}`;
      const words = a.length === 2 ? (spelledOut(text, a, 'lower') ?? (held && inName(a) ? undefined : institution(text, a))) : (spelledOut(text, a, 'any') ?? headedBy(text, a));
      if (words) {
        out.set(term, stem(words.at(-1)!));
        break;
      }
    }
  }
  return out;
}

/**
 * Words side by side that a retrieved passage writes as one ("Dark Reading" or "dark reading":
 * darkreading.com), each (as a term) with that word, as acronymHeads has an acronym with its head noun.
 */
export function joinedWords(question: string, hits: readonly SearchHit[]): Map<string, string> {
  const out = new Map<string, string>();
  const words = [...fold(question).matchAll(NAME_TOKENS)].map((m) => m[0].replace(/'s$/u, ''));
  // Each passage's words and text, read once for every pair of the question's words.
  const held = hits.map(hitWords);
  const texts = hits.map((h) => `${h.context ?? ''} ${h.text}`.toLowerCase());
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (!next) return;
    const joined = `${word}${next}`.toLowerCase();
    const [a, b] = [stem(word.toLowerCase()), stem(next.toLowerCase())];
    // Where a passage writes them apart ("Johnson Controls"), the two words are held as they are.
    // The word itself, whole: a stem ("cradlep") would hold any name that begins the same.
    const writes = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(joined)}(?![\\p{L}\\p{N}])`, 'u');
    if (held.some((w) => w.has(a) && w.has(b)) || !texts.some((t) => writes.test(t))) return;
    const one = stem(joined);
    out.set(a, one);
    out.set(b, one);
  });
  return out;
}

// The words a passage names a capital's country with, as the government it stands for ("hand models to Washington": "the federal government").
const CAPITAL_HEADS: Readonly<Record<string, readonly string[]>> = { 'United States': ['government', 'federal', 'american', 'usa', 'us'] };

/**
 * The capitals a question names for their countries' governments ("the race with Beijing"), each (as a
 * term) with the first word of that country a retrieved passage holds ("China", in "China-US").
 */
export function capitalHeads(question: string, hits: readonly SearchHit[]): Map<string, string> {
  const out = new Map<string, string>();
  const held = new Set(hits.flatMap((h) => [...hitWords(h)]));
  for (const word of question.match(/\p{Lu}\p{Ll}+/gu) ?? []) {
    const country = countryOfCapital(word);
    if (!country) continue;
    const head = [...(CAPITAL_HEADS[country] ?? []), ...countryForms(country).filter((f) => !f.includes(' '))].map((f) => stem(f.toLowerCase())).find((f) => held.has(f));
    if (head) out.set(stem(word.toLowerCase()), head);
  }
  return out;
}

/** A passage's words with the acronyms whose head noun they hold (acronymHeads). */
export const withAcronyms = (words: ReadonlySet<string>, heads: ReadonlyMap<string, string>): Set<string> => new Set([...words, ...[...heads].flatMap(([term, head]) => (words.has(head) ? [term] : []))]);

/** How well a hit supports an answer: the share of content terms its text and context hold (acronymHeads: the acronyms it speaks of). */
export function support(hit: SearchHit, terms: readonly string[], heads: ReadonlyMap<string, string> = new Map()): number {
  // The words of a story's title weigh less, and so do those of what it is ("the advisory"): every passage of it is of them.
  return coverageOf(withAcronyms(hitWords(hit), heads), terms, withAcronyms(new Set([...wordsOf(hit.story_title), ...publisherWords(hit.story_id)]), heads));
}

/**
 * Whether a hit supports an answer to the question at all: routed to it by an identifier or
 * the timeline, or close enough in words or meaning. An identifier the question names (a CVE,
 * say) must be what the passage is about: a passage about another CVE never answers it.
 */
export function isSupported(hit: SearchHit, question: string, terms: readonly string[], opts: { minCoverage: number; minSimilarity: number }, heads: ReadonlyMap<string, string> = new Map()): boolean {
  if (hit.route) return true;
  const ids = queryIntent(question).identifiers;
  if (ids.length && !ids.some((id) => `${hit.context} ${hit.text}`.toUpperCase().includes(id))) return false;
  return (hit.similarity ?? hit.story_similarity ?? 0) >= opts.minSimilarity || support(hit, terms, heads) >= opts.minCoverage;
}

const QUANTITY = new RegExp(
  // A number that is not part of a date, a model's name ("EMG12") or a version ("<=2.57", "1.2.3"), a
  // number word, or a currency amount.
  `(?<![-\\d\\p{L}=<>.])(?<!(?:${MONTH_NAMES})\\s)\\d+(?:[.,]\\d+)?(?![-\\d\\p{L}]|\\.\\d)|\\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion)\\b|[$€£]`,
  'iu',
);
/** A title of two words or more, in quotes. */
export const QUOTED_TITLE = /["“][^"”]*\s[^"”]*["”]/u;
const MONEY = /[$€£¥]\s?\d|\b\d[\d,.]*\s?(dollars?|euros?|pounds?|usd|eur|gbp|million|billion)\b/i;
// A date or a span something is due by or within: "by June 30", "within 30 days", "due 2022-05-03".
const DEADLINE = new RegExp(`\\b(by|within|due|no later than|deadline|until)\\b[^.;]{0,40}(\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b(${MONTH_NAMES})\\b|\\b\\d+\\s+(days?|weeks?|months?|years?)\\b)`, 'i');
// A span of time: "six months", "a 30-day review", "since 2024", "since March".
const DURATION = new RegExp(`\\b(?:\\d+|an?|${NUMBER_WORDS.join('|')}|several|few)[\\s-]+(?:minutes?|hours?|days?|weeks?|months?|years?|quarters?)\\b|\\bsince\\s+(?:\\d{4}\\b|(?:${MONTH_NAMES})\\b)`, 'iu');
// How often: "annually", "every six months", "twice a year", "three times".
const FREQUENCY = new RegExp(`\\b(?:annual(?:ly)?|yearly|quarterly|monthly|weekly|daily|hourly|biennial(?:ly)?|periodic(?:ally)?|regularly|routinely|continuous(?:ly)?|every\\s+(?:(?:\\d+|other|few|several|${NUMBER_WORDS.join('|')})\\s+)?(?:minutes?|hours?|days?|weeks?|months?|quarters?|years?|release|update|time)|(?:once|twice|(?:\\d+|${NUMBER_WORDS.join('|')})\\s+times)(?:\\s+(?:a|per|each|every)\\b)?)`, 'iu');
// A year inside an identifier ("CVE-2024-32863", "ICSA-24-214-03") dates nothing; a month is
// capitalised, and "may" is a month only before a day or a year ("an attacker may be able").
const CAPITALISED_MONTHS = MONTH_NAMES.split('|').map((m) => `${m[0]!.toUpperCase()}${m.slice(1)}`);
const MONTHS_BUT_MAY = CAPITALISED_MONTHS.filter((m) => m !== 'May').join('|');
// ... nor does one a version is named by ("InTouch 2020 R2", "2019 SP1").
const DATE = new RegExp(`\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b(${MONTHS_BUT_MAY})\\b|\\bMay\\s+\\d|(?<![-\\w])(?<![<>=]\\s?)(19|20)\\d{2}\\b(?!-\\d|\\s+(?:R|SP|U|Update\\s)\\d)`, 'u');
// A day is an ISO date or a month with its day ("June 2", "2 June"): a year alone ("Holter 2010
// Plus", "in 2024") or a month alone does not say which day an event fell on.
const MONTHS = CAPITALISED_MONTHS.join('|');
const DAY_SOURCE = `\\b\\d{4}-(\\d{2})-(\\d{2})\\b|\\b(${MONTHS})\\.?\\s+(\\d{1,2})\\b|\\b(\\d{1,2})\\s+(${MONTHS})\\b`;
const DAY = new RegExp(DAY_SOURCE, 'u');
/** Whether a text states the day of something (an ISO date, a month and its day). */
export const statesDay = (text: string) => DAY.test(text);
// Each day a text names, its parts captured (a question's months may be in lower case).
const DAYS = new RegExp(DAY_SOURCE, 'giu');
const pad = (n: number | string) => String(n).padStart(2, '0');
const MONTH_NUMBER = new Map(MONTH_NAMES.split('|').map((m, i) => [m, i + 1]));
/** The days a text names, each as its month and day ("05-21" for "May 21", "21 May" or "2026-05-21"). */
export function daysNamed(text: string): string[] {
  return [...text.matchAll(DAYS)].map((m) => (m[1] ? `${m[1]}-${m[2]}` : `${pad(MONTH_NUMBER.get((m[3] ?? m[6]!).toLowerCase())!)}-${pad(m[4] ?? m[5]!)}`));
}
// A day the question places what it asks by: "before the May 21 pause", "after the signing on June 2".
const ANCHORED = new RegExp(`\\b(?:before|after|since|following|prior to)\\b[^,.;?]{0,40}?(?:${DAY_SOURCE})`, 'giu');
/** The days a date question places its ask by ("Before the May 21 pause, what date ..."): none of them is the day it asks for. */
export const anchorDays = (question: string): string[] => (question.match(ANCHORED) ?? []).flatMap(daysNamed);

/** A web address, which names no version or model of its own. */
export const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
// Words that speak of something still to come: a date of it is when it is planned.
const PLANNED = /\b(will|shall|plans?|planned|planning|expects?|expected|scheduled|intends?|intended|upcoming|forthcoming|is to|are to|by the end of)\b/i;
// A year that is part of a release's name: "2017 R2", "2019 SP1", "2023 R2 P01", "2023 Patch 1", "2017 Update 3".
const YEAR_OF_NAME = /\b(?:19|20)\d{2}(?=\s+(?:R\d|SP\d|P\d{2}|U\d|Update\s+\d|Patch\s+\d)\b)/gu;
/** Whether a sentence speaks of something still to come ("plans to issue ... by the end of the week"). */
export const statesPlan = (text: string) => PLANNED.test(text);
// A document's part or revision is numbered as a version is: a manual's section ("User's Manual (Application) 1.13 Security",
// "Manual \"4.4 IP Filter\""), and a vendor advisory's revision ("Product Security Advisory JCI-PSA-2021-15 v1").
const DOCUMENT_NUMBER = /\b\p{Lu}[\p{Lu}\d]*(?:-[\p{Lu}\d]+)*-\d{4}-\d+\s?[vV]\d+(?:\.\d+)*\b|\b(?:[Mm]anual|[Gg]uide|[Hh]andbook)\b(?:\s*\([^)]*\))?[\s"“']+\d+(?:\.\d+)+(?=\s+\p{Lu})|["“']\d+(?:\.\d+)+\s+\p{Lu}[^"”']*["”']/gu;
// Offices prose names in lower case: "the attorney general", "the secretary of defense", "the national security adviser".
const OFFICES = /\b(?:attorney|solicitor|inspector|surgeon)\s+general\b|\bsecretary\s+of\s+(?:the\s+)?(?:homeland\s+security|state|defen[cs]e|treasury|commerce|energy|war)\b|\bnational\s+(?:security|cyber)\s+(?:adviser|advisor|director)\b/giu;

/** Whether a sentence states what the question asks for: a date, or an amount with the noun it counts. */
export function states(exp: Expected, sentence: string, question = ''): boolean {
  // A CVSS score or vector ("base score of 7.8", "CVSS:3.1") is no version.
  // ... nor is a version the question names itself ("which PostgreSQL ships with DMS600 4.6").
  if (exp.type === 'version') {
    // ... nor a model the question names ("OnCell G3100-HSPA"), which a sentence names beside "firmware".
    const asked = [...(question.match(VERSIONS_STATED) ?? []), ...(question.match(/(?<![\w.-])\p{Lu}+\d{2,}(?=-|\b)/gu) ?? [])];
    // ("V8.10-20151026" is a build of the V8.10 the question names, and states a version.)
    const whole = (v: string) => new RegExp(`(?<![\\w.])[vV]?${escapeRegExp(v)}(?![\\w]|[.-]\\d)`, 'gu');
    const rest = asked.reduce((s, v) => s.replace(whole(v), ' '), sentence.replace(LINK, ' ').replace(/\bCVSS\S*(?:\s+v\d(?:\.\d)?)?|\bscore(?:\s+of)?\s+\d+(?:\.\d+)?|\(AV:\S+/giu, '').replace(DOCUMENT_NUMBER, ' '));
    // "Which Redis version ships inside X": a version of the component, which the sentence names.
    const component = componentAsked(question);
    if (component && !new RegExp(`(?<![\\p{L}])${escapeRegExp(component)}(?![\\p{L}])`, 'iu').test(sentence)) return false;
    // A version that fixes is none the flaw is in: "Versions 2.011 and prior", "versions prior to 5.7.1".
    return VERSION_STATED.test(queryIntent(question).fixVersion ? rest.replace(AFFECTED_BOUND, ' ') : rest);
  }
  // A date in a link ("blog/2017/04/25/...") dates the page, not what the sentence says; nor does the year of a
  // release's name the question gives ("PI Data Archive 2017 R2": "upgrade to PI Data Archive 2017").
  const said = exp.type === 'date' ? (question.match(YEAR_OF_NAME) ?? []).reduce((s, y) => s.replace(new RegExp(`(?<![-/\\d])${y}(?![-/\\d])`, 'gu'), ' '), sentence.replace(LINK, ' ')) : sentence;
  if (exp.type === 'date' && exp.unit === DEADLINE_UNIT) return DEADLINE.test(said);
  if (exp.type === 'date' && exp.future) return DATE.test(said) && PLANNED.test(said);
  if (exp.type === 'date') {
    // "When did Philips actually ship R8.0.4": what is done is not dated by a plan ("is scheduled to release ... Q1 of 2019").
    // A plan the question names of its subject ("the update that had been scheduled for October") is not what it asks.
    const asksOfPlan = PLAN_QUESTION.test(question.replace(RELATIVE_CLAUSE, ''));
    // "It came out in January 2020 - what day exactly?": the month the asker names says no day.
    if (DAY_ASKED.test(question) && DATE.test(question) && !statesDay(said)) return false;
    return DATE.test(said) && (exp.interval === true || (!onlyPlanned(said, question) && !(DONE_QUESTION.test(question) && !asksOfPlan && PLANNED.test(said))));
  }
  if (exp.type === 'name' && exp.unit === PLACE_UNIT) return namesPlace(sentence, question);
  if (exp.type === 'name' && asksCountry(exp.unit, question)) return namesCountry(sentence, question);
  // "Which hospitals reported attacks", "which utilities run X": one is named beside what it is ("Mercy Hospital").
  const victim = exp.type === 'name' && exp.unit !== null ? VICTIMS.get(exp.unit) : undefined;
  if (victim) return nameBefore(sentence, question, (kind) => VICTIMS.get(kind) === victim);
  if (exp.type === 'name' && exp.unit === EXPANSION_UNIT) return expands(sentence, /\b(\p{Lu}{2,})\b/u.exec(question)?.[1] ?? '');
  // Someone is named by a name of two words ("Jens Regel", "Check Point") the question does not hold.
  // A headline's capitals name no one ("Assessing Trump's Executive Order on AI Oversight").
  // So is an office prose writes in lower case ("the attorney general") that the question does not name.
  if (exp.type === 'name' && exp.unit === SOMEONE_UNIT) return !titleCase(sentence) && ([...sentence.matchAll(/\b(\p{Lu}[\p{L}'-]+)\s+(\p{Lu}[\p{L}'-]+)/gu)].some((m) => !question.includes(m[1]!) && !question.includes(m[2]!)) || [...sentence.matchAll(OFFICES)].some((m) => !new RegExp(`\\b${escapeRegExp(m[0])}\\b`, 'iu').test(question)));
  // A detail in its own form that the question does not hold ("GetPhpInfo.php", "SHA-256", "CVE-2024-1234").
  const detail = exp.type === 'name' && exp.unit ? DETAILS[exp.unit] : undefined;
  // (A quoted name is the question's own without its quotes: "image.bin" of "the EDW-100 image.bin".)
  if (detail) return [...sentence.matchAll(detail)].some((m) => !question.toLowerCase().includes(m[0].replace(/^["“'‘`]|["”'’`]$/gu, '').toLowerCase()));
  // An office is named in lower case ("directs the attorney general to ..."): it names the official asked for.
  if (exp.type === 'name' && exp.unit === OFFICIAL_UNIT && [...sentence.matchAll(OFFICE)].some((m) => !question.toLowerCase().includes(m[0].toLowerCase()))) return true;
  // A private organisation asked for ("which AI labs") is not a government body or a person the sentence names.
  const other = exp.type === 'name' && exp.unit !== null && PRIVATE_KINDS.has(exp.unit) ? (w: string, at: number) => !isPrivate(sentence, w, at) : undefined;
  if (exp.type === 'name') return exp.unit === 'title' ? QUOTED_TITLE.test(sentence) : namesNew(sentence, question, other) || (exp.unit === null && namesCreated(sentence, question));
  if (exp.unit === MONEY_UNIT) return MONEY.test(sentence);
  if (exp.unit === DURATION_UNIT) return DURATION.test(sentence);
  if (exp.unit === FREQUENCY_UNIT) return FREQUENCY.test(sentence);
  // A number the question names itself ("with port 10005 open") is no count of what it asks.
  const named = new Set(question.match(NUMBERS) ?? []);
  // Nor is a model's number ("24950 MyCareLink Monitor", "Medtronic 9790, 2090 CareLink"): a count that large is written
  // "24,950", or before what it counts in lower case ("5000 devices").
  const counted = sentence.replace(NUMBERS, (n) => (named.has(n) ? ' ' : n)).replace(MODEL_NUMBER, ' ');
  if (!QUANTITY.test(counted)) return false;
  // "30-day" counts days: compound words are split for the unit. A count of sources counts the articles or pieces asked for.
  const unit = exp.unit;
  if (!unit) return true;
  const pieces = PIECE_STEMS.has(unit);
  return (sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).some((w) => stem(w) === unit || (pieces && PIECE_STEMS.has(stem(w))));
}

// Numbers as written, with a decimal or thousands mark ("2,300", "21.003").
const NUMBERS = /\d+(?:[.,]\d+)?/gu;
const MODEL_NUMBER = /(?<![\d.,])\d{4,}(?![\d.,]*\d)(?!\s+\p{Ll})/gu;
const OFFICE = /\b(?:attorney general|solicitor general|surgeon general|secretary of (?:state|defense|homeland security|commerce|the treasury|energy)|national (?:cyber|security) (?:director|adviser|advisor)|chief of staff)\b/giu;
// "Which one is it": a pronoun names nothing a passage must hold.
const ONE = stem('one');
// A question that asks for the day itself ("what day exactly", "the exact date").
const DAY_ASKED = /\b(?:what|which)\s+(?:exact\s+|precise\s+)?day\b|\b(?:day|date)\s+exactly\b|\bexact\s+(?:day|date)\b/iu;
// A question about something done, and one about a plan or what was said of it.
const DONE_QUESTION = /\b(did|was|were|had)\b/iu;
const RELATIVE_CLAUSE = /\s(?:that|which)\s.*$/u;
const PLAN_QUESTION = /\b(say|said|announce\w*|plan\w*|schedul\w*|expect\w*|intend\w*|target\w*|promis\w*|would|will)\b/iu;
// A place a sentence names: "in Washington", "at the White House".
const PLACE = /\b(?:in|at|from|near|outside|inside)\s+(?:the\s+)?(\p{Lu}[\p{L}.'-]*)/gu;

/** Whether most of a text's words are capitalised, as a headline's are. */
function titleCase(text: string): boolean {
  const words = text.match(/\p{L}+/gu) ?? [];
  return words.length > 0 && words.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.6 * words.length;
}

/** Whether a sentence spells an acronym out: capitalised words whose initials are its letters ("Office of the National Cyber Director" for ONCD). */
const expands = (sentence: string, acronym: string): boolean => spelledOut(sentence, acronym, 'capital') !== null;

// "Which countries", "which foreign governments": countries, named in any of their ways.
const COUNTRY_UNITS = new Set(['country', 'countries', 'nation', 'nations'].map(stem));
const FOREIGN = /\b(?:foreign|allied|overseas)\b/iu;
const asksCountry = (unit: string | null, question: string) => unit !== null && (COUNTRY_UNITS.has(unit) || (unit === stem('government') && FOREIGN.test(question)));
/**
 * Whether a sentence names a country the question does not, or says "worldwide" (where a product
 * is deployed). The stories are the U.S. government's orders and advisories: a "foreign" country is not the U.S.
 */
function namesCountry(sentence: string, question: string): boolean {
  const asked = countriesNamed(question);
  const foreign = FOREIGN.test(question);
  return /\bworldwide\b/iu.test(sentence) || [...countriesNamed(sentence)].some((c) => !asked.has(c) && !(foreign && c === 'United States'));
}

// A threat is named by its number ("APT28"), or as what it is called ("a group tracked as Volt Typhoon").
const THREAT_NUMBERED = /\bAPT\s?\d+\b/u;
const THREAT_CALLED = /\b(?:groups?|gangs?|actors?|crews?|campaigns?|malware|botnets?|ransomware|famil(?:y|ies)|variants?)\s+(?:called|named|dubbed|known as|tracked as)\s+["“]?\p{Lu}/u;
// What a name before it says is a threat: "the Mirai botnet", "LockBit ransomware", "the Volt Typhoon campaign". A group,
// an actor or a family is one only as part of its name ("the Lazarus Group"): "the configured AD group" is a group of users.
const THREAT_AFTER_NAME = new Set(['ransomware', 'botnet', 'botnets', 'malware', 'campaign', 'campaigns', 'gang', 'crew', 'apt', 'spyware', 'wiper', 'trojan', 'worm'].map((w) => stem(w)));

// Who a flaw was used against, or who runs the product: an advisory names none of them in its own words.
const VICTIM_FORMS = [['hospital', 'hospitals'], ['utility', 'utilities'], ['customer', 'customers'], ['victim', 'victims']] as const;
/** Each of those kinds by the stem of either of its forms ("utiliti": "utility"). */
const VICTIMS = new Map<string, string>(VICTIM_FORMS.flatMap(([one, many]) => [[stem(one), one], [stem(many), one]] as const));

/** Whether a sentence names something before a word of the kind asked for ("the Mirai botnet", "Mercy Hospital"): a capitalised name the question does not use, and no everyday word. */
function nameBefore(sentence: string, question: string, isKind: (kind: string, written: string) => boolean): boolean {
  const asked = wordsAsked(question);
  return [...sentence.matchAll(/(\p{Lu}[\p{L}\d.-]*)\s+(?=(\p{L}+))/gu)].some((m) => {
    const name = stem(m[1]!.toLowerCase());
    return isKind(stem(m[2]!.toLowerCase()), m[2]!) && !asked.has(name) && !isEverydayStem(name, EVERYDAY_TOP);
  });
}

/**
 * Whether a sentence names a threat the question does not: by its number, as it is called, or by a
 * name before what it is. "A remote, unauthenticated threat actor" and "Known to be used in ransomware campaigns" name none.
 */
export function namesThreat(sentence: string, question: string): boolean {
  if (THREAT_NUMBERED.test(sentence) || THREAT_CALLED.test(sentence)) return true;
  return nameBefore(sentence, question, (kind, written) => THREAT_AFTER_NAME.has(kind) || (/^\p{Lu}/u.test(written) && THREAT_KINDS.has(kind)));
}

/** Whether a sentence names a place the question does not: a capitalised name after "in", "at", "from". */
function namesPlace(sentence: string, question: string): boolean {
  const asked = new Set((question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem));
  return [...sentence.matchAll(PLACE)].some((m) => !MONTH.test(m[1]!) && !asked.has(stem(m[1]!.toLowerCase())));
}

/**
 * Whether a text speaks of the event a date question asks about ("when was the directive
 * issued?") only as planned ("plans to issue", "will be issued"): its date is when it was
 * planned, not when it happened.
 */
function onlyPlanned(text: string, question: string): boolean {
  const verb = /\b(?:was|were)\b.*\s([\p{L}]+(?:ed|en))\W*$/u.exec(question.toLowerCase())?.[1];
  if (!verb) return false;
  const root = stem(verb).replace(/(ed|en)$/u, '');
  if (root.length < 3) return false;
  const lower = text.toLowerCase();
  const forms = [...lower.matchAll(new RegExp(`\\b${root}\\p{L}*`, 'gu'))];
  return forms.length > 0 && forms.every((m) => /\b(to|will|would|shall)\s+(be\s+)?$/u.test(lower.slice(Math.max(0, m.index - 20), m.index)));
}

const TITLE_ASKED = /\b(?:called|titled|titles?|headlines?|headlined|named)\b/iu;
/** Whether a question asks what a source is called ("what are the titles of the two Lawfare pieces?"): a source's title is its name. */
export const asksSourceTitle = (question: string): boolean => TITLE_ASKED.test(question) && SOURCE_ASKED.test(question);

/** Whether a passage states the expected answer in one of its sentences (a dated event states its date). */
export function passageStates(exp: Expected, hit: SearchHit, question: string): boolean {
  // An event's date is when it happened: it dates nothing still to come.
  if (exp.type === 'date' && hit.date && exp.unit !== DEADLINE_UNIT && !exp.future) return exp.interval === true || !onlyPlanned(hit.text, question);
  // Fact lines are names: an entity line lists them (someone, a person or a group, only its People
  // and Organizations lines: "who at Treasury" is not answered by "Agencies: ...; Treasury").
  // A source names its publisher, which answers only a question about who published.
  const namesSomeone = exp.unit !== SOMEONE_UNIT || /^(?:People|Organizations)\b/u.test(hit.text);
  if (exp.type === 'name' && ((isFact(hit) && namesSomeone) || (hit.kind === 'source' && exp.unit != null && SOURCE_STEMS.has(exp.unit)))) return true;
  // "Is there a CFR piece among the sources, and what is it called?": a source's title is its name.
  if (exp.type === 'name' && hit.kind === 'source') return asksSourceTitle(question);
  // A product is named by its advisory's title, which the answer gives.
  if (asksForTitleName(exp)) return true;
  return splitSentences(hit.text).some((s) => states(exp, s.text, question));
}

/** A question's words, stemmed, and its names whole as a sentence's are read ("CVE-2017-9765", "WB-300"). */
function wordsAsked(question: string): Set<string> {
  const lower = question.toLowerCase();
  return new Set([...(lower.match(/[\p{L}\p{N}]+/gu) ?? []), ...(lower.match(NAME_TOKENS) ?? [])].map(stem));
}

// What a story brings into being it names by the phrase it brings it in with, in lower case as
// often as not ("creates an AI cybersecurity clearinghouse to coordinate ...", "set up a task force for ...").
const BROUGHT_INTO_BEING =
  /\b(?:creat(?:es?|ed|ing)|establish(?:es|ed|ing)?|sets?\s+up|setting\s+up|launch(?:es|ed|ing)?|stands?\s+up|stood\s+up)\s+(?:an?|the)\s+(?:new\s+)?((?:[\p{L}\p{N}-]+\s+){0,3}?[\p{L}\p{N}-]+)(?=\s+(?:to|that|which|who|for|with|in|at|under|within|of|on|and)\b|\s*[,.;:]|\s*$)/giu;
/**
 * Whether a sentence brings in a thing by a phrase whose head word the question does not hold, and
 * says what it is for in the question's words ("... to coordinate voluntary vulnerability scanning"):
 * the name "what is the new X called that coordinates scanning" asks for.
 */
function namesCreated(sentence: string, question: string): boolean {
  const asked = wordsAsked(question);
  const terms = contentTerms(question);
  return [...sentence.matchAll(BROUGHT_INTO_BEING)].some((m) => {
    const purpose = wordsOf(sentence.slice(m.index + m[0].length).split(/[,;.]/u)[0]!);
    return !asked.has(stem(m[1]!.split(/\s+/u).at(-1)!.toLowerCase())) && terms.some((t) => purpose.has(t));
  });
}

// Kinds of private organisation: "which companies", "which AI labs", "which developers".
const PRIVATE_KINDS = new Set(['company', 'companies', 'firm', 'firms', 'lab', 'labs', 'developer', 'developers', 'startup', 'startups', 'business', 'businesses'].map(stem));
// Government bodies by their names and acronyms (the well-known ones, and others no passage is read by); a person by
// a title before the name, or an administration named for one.
const GOVERNMENT: ReadonlySet<string> = new Set([...KNOWN_BODY_NAMES, 'CISA', 'ONCD', 'Pentagon', 'Congress', 'Senate', 'White', 'House', 'Justice', 'Commerce', 'State']);
const TITLES = String.raw`President|Vice|Director|Secretary|Senator|Governor|Representative|Rep\.?|Sen\.?|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Chief|Acting|Deputy|Attorney|General`;
const TITLE = new RegExp(`^(?:${TITLES})$`, 'u');
const TITLED = new RegExp(String.raw`\b(?:${TITLES})\s+(?:\p{Lu}[\p{L}'’-]*\s+)?$`, 'u');

/** Whether a capitalised word of a sentence may name a private organisation: not a government body, a title, a titled person or an administration. */
function isPrivate(sentence: string, word: string, at: number): boolean {
  return !GOVERNMENT.has(word) && !TITLE.test(word) && !TITLED.test(sentence.slice(0, at)) && !/^['’]?s?\s+administration\b/u.test(sentence.slice(at + word.length));
}

/**
 * Whether a sentence names something the question does not: a capitalised word past its
 * first, an acronym, or an identifier, that is not one of the question's own words (nor one
 * `isOther` sets aside, given the word and where it stands in the sentence).
 */
function namesNew(sentence: string, question: string, isOther: (word: string, at: number) => boolean = () => false): boolean {
  const asked = wordsAsked(question);
  let first = true;
  for (const m of sentence.matchAll(NAME_TOKENS)) {
    const w = m[0];
    // An acronym of two letters is mostly a common noun shortened ("AI", "IT", "OT"); bodies'
    // acronyms run longer ("CISA", "NSA").
    const named = (/^\p{Lu}/u.test(w) && !first && !/^\p{Lu}{2}$/u.test(w)) || /^\p{Lu}{3,}$/u.test(w) || (/\p{L}\d|\d\p{L}/u.test(w) && /^\p{L}/u.test(w));
    first = false;
    if (named && !MONTH.test(w) && !asked.has(stem(w.toLowerCase())) && !isOther(w, m.index)) return true;
  }
  return false;
}

/**
 * A reason to decline before any sentence is weighed: the question names something no
 * retrieved passage mentions at all — a proper name ("OpenAI", "Congress"), or three or more
 * of its content words — so whatever the passages say, they are about something else.
 */
export function missingSpecifics(question: string, allHits: readonly SearchHit[]): string | null {
  // A question routed by an identifier or the timeline is about the passages it was routed to:
  // a model or a thing asked for that they do not hold ("Which ASTRO radios does CVE-X affect?",
  // "which ransomware gang used CVE-X?" of a KEV entry that records no ransomware use) is not
  // made up for by another story that holds it.
  const routed = allHits.filter((h) => h.route === 'identifier');
  const hits = routed.length ? routed : allHits;
  const seen = new Set<string>();
  for (const h of hits) {
    // "When did CISA (or ICS-CERT) publish the X advisory": the publisher need not be said.
    for (const w of publisherWords(h.story_id)) seen.add(w);
    for (const w of hitWords(h)) {
      seen.add(w);
      // "3D-A1000" and "cisa.gov" also hold "a1000" and "cisa".
      if (/[-.]/.test(w)) for (const part of w.split(/[-.]/)) if (part) seen.add(stem(part));
    }
  }
  // A word seen in another form ("permission", "permitting": five letters in common) is not absent.
  const formSeen = (t: string) => t.length >= 5 && [...seen].some((w) => w.length >= 5 && w.slice(0, 5) === t.slice(0, 5));
  // The names of one thing are held by one story: the names mid-question must all be words of
  // one story's retrieved passages (with its title), as words, not stems ("Eaton Intelligent
  // Power Controller" is not the Power Manager's "control systems", "VISAM VBASE Web Remote" not
  // the VBASE advisory beside another story's "remote code execution"). The opening word is
  // capitalised whatever it is: its stem anywhere will do.
  // Names are read in the words passages use: "the Justice Department" is the attorney general's, "AI-driven" is "AI-enabled".
  const common = inCommonForm(fold(question));
  const tokens = nameTokens(common);
  const byStory = new Map<string, Set<string>>();
  // A story holds its own id too ("ICSA-18-226-01"), with or without its update's letter ("ICSA-17-103-02A").
  const idForms = (id: string) => [id.toLowerCase(), id.toLowerCase().replace(/(?<=\d)[a-z]$/u, '')];
  for (const h of hits) byStory.set(h.story_id, new Set([...(byStory.get(h.story_id) ?? []), ...namesHeld(h), ...kindWords(h), ...publisherWords(h.story_id), ...idForms(h.story_id)]));
  // What reads as a name (an acronym, a model, "cnPilot") is held as written; a word with only
  // a capital ("Fixes", "Pause") in another form of it ("fixed", "paused").
  const strong = (n: string) => /\p{Lu}{2}|\d|\p{Ll}\p{Lu}/u.test(n);
  // An acronym the passages spell out is held ("BOD": "binding operational directive", "AG": "attorney general").
  // So are words a passage writes as one ("Dark Reading": darkreading.com).
  const heads = acronymHeads(question, hits);
  const joins = joinedWords(question, hits);
  for (const t of [...heads.keys(), ...joins.keys()]) seen.add(t);
  const abbreviated = new Set(tokens.filter((n) => heads.has(acronymTerm(n.name))).map((n) => n.name));
  // A word of a name of several ("the NSA's AI Security Center") is held as written, not in another
  // form ("centered"): the name is what is asked about.
  const holds = (words: ReadonlySet<string>, n: string, asWritten = false): boolean => {
    const lower = n.toLowerCase();
    if (abbreviated.has(n)) return true;
    // "XSS" is held as advisories spell it ("Cross-site Scripting"); "US-China" by its parts.
    const spelled = flawAcronym(n);
    if (spelled && spelled.split(/[\s-]+/u).every((w) => words.has(w))) return true;
    if (/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+$/u.test(n) && n.split('-').every((part) => holds(words, part))) return true;
    // ... or written as one word ("Wi-Fi": "WiFi"), or in the words advisories use for it ("wireless").
    if (n.includes('-') && words.has(lower.replace(/-/gu, ''))) return true;
    if ((SAME_THING[lower] ?? []).some((w) => words.has(w))) return true;
    // A word shortened ("AV") is held spelled out ("antivirus").
    const unshortened = inCommonForm(lower);
    if (unshortened !== lower && unshortened.split(' ').every((w) => words.has(w))) return true;
    // "Bleichenbacher-style" is like Bleichenbacher's, "Netherlands-based" is in the Netherlands: the name is what must be held.
    const like = LIKENESS.exec(n)?.[1];
    if (like) return holds(words, like, asWritten);
    if (words.has(lower) || words.has(`${lower}s`) || (lower.endsWith('s') && words.has(lower.slice(0, -1)))) return true;
    if (countryHeld(words, n)) return true;
    if (strong(n) || asWritten) return false;
    const bases = [lower, ...['ing', 'es', 'ed', 's', 'd', 'e'].filter((e) => lower.endsWith(e) && lower.length - e.length >= 3).map((e) => lower.slice(0, -e.length))];
    return [...words].some((w) => bases.some((b) => w.startsWith(b) && VERB_ENDINGS.has(w.slice(b.length))));
  };
  // A version a retrieved passage names or states a range of ("R6.05": "R6.01.00 - R6.07.00"; "v1.0.7": "v.1.0.7") is the
  // asker's own install. A major version alone ("v14") is held by a passage naming it or a version of it ("version 14", "14.2.3").
  const major = (n: string) => /^[vV]\d+$/u.test(n) && allHits.some((h) => new RegExp(`\\b(?:[vV]|[Vv]ersions?\\s+)${n.slice(1)}\\b|(?<![\\w.])${n.slice(1)}\\.\\d`, 'u').test(h.text));
  const inRange = (n: string) => major(n) || (/^[vVrR]?\d+(?:\.\d+)+$/u.test(n) && allHits.some((h) => speaksOfVersion(`${h.context ?? ''} ${h.text}`, n.replace(/^[vV]/u, ''))));
  // A temporal question is routed to the timeline by its dates: what it names is weighed there,
  // but a model's name ("PortBloque", "SX-500") must be held by a story. (An acronym may be
  // the publisher's, which no passage need say: "When did CISA release ...". A flaw's, "DoS",
  // names no model: the events need not describe the flaw.)
  if (allHits.some((h) => h.route === 'timeline')) {
    const absent = tokens.find((n) => !n.opening && /\d|\p{Ll}\p{Lu}/u.test(n.name) && !flawAcronym(n.name) && !inRange(n.name) && ![...byStory.values()].some((w) => holds(w, n.name)))?.name;
    if (absent) return `no retrieved passage mentions "${absent}"`;
    // "What did Update B change": an advisory updated only once has no Update B.
    const update = /\bupdate ([a-h])\b/iu.exec(question)?.[0];
    return update && !allHits.some((h) => new RegExp(`\\b${update}\\b`, 'iu').test(`${h.context ?? ''} ${h.text}`)) ? `no retrieved passage mentions "${update}"` : null;
  }
  // Routed passages are few and all about the identifier: any trace there of what reads as a
  // name (an acronym, a model, "ASTRO") will do, their story's id too ("ICS" in "ICSA-24-256-21").
  const ids = routed.flatMap((h) => h.story_id.toLowerCase().split(/[-.]/));
  const traced = (n: string) => {
    const lower = n.toLowerCase();
    return abbreviated.has(n) || seen.has(stem(lower)) || [...byStory.values()].some((w) => holds(w, n)) || (lower.length >= 3 && ids.some((w) => w.startsWith(lower)));
  };
  // An opening word (capitalised whatever it is) is traced by another form of it too ("Cardiology", "Cardio").
  // So is a compound by its parts ("End-of-life").
  const openingTraced = (n: string) => traced(n) || (!strong(n) && (formSeen(stem(n.toLowerCase())) || (n.includes('-') && n.split('-').every((p) => !p || seen.has(stem(p.toLowerCase()))))));
  // Names joined by "and", "or", "vs" are of different things ("the Acme IDS and the Globex
  // Router"): each part's names are held by one story, not necessarily the same.
  // Counted over the same folded words as nameTokens' positions.
  const words = common.match(NAME_TOKENS) ?? [];
  const part = (at: number) => words.slice(0, at - 1).filter((w) => /^(and|or|vs|versus|nor)$/iu.test(w)).length;
  // The story a part's names are about holds most of them, names that read as names first. A kind ("SCADA") and a CVE
  // unnamed ("which CVE is the one where Schneider's mobile SCADA app ...") describe: any story holds them, and they
  // choose none. (One inside a name, "the EZ PLC Editor", is that name's; "the DNS-320 NAS" and "an HMI/SCADA suite" are not.)
  const describes = (n: { name: string }) => namesAKind(n.name) || /^CVEs?$/u.test(n.name);
  const nameAt = (at: number) => tokens.some((m) => !m.opening && m.at === at && !describes(m));
  const bestStory = (p: number) => {
    const mid = tokens.filter((n) => !n.opening && part(n.at) === p && (!describes(n) || (nameAt(n.at - 1) && nameAt(n.at + 1)))).map((n) => n.name);
    const weight = (words: ReadonlySet<string>) => mid.reduce((sum, n) => sum + (holds(words, n) ? (strong(n) ? 10 : 1) : 0), 0);
    return [...byStory.values()].sort((a, b) => weight(b) - weight(a))[0] ?? new Set<string>();
  };
  // The identifier itself is what the passages were routed by.
  const intent = queryIntent(question);
  const identifiers = new Set(intent.identifiers);
  // Two names side by side may be one written as a word: "Dark Reading" is darkreading.com.
  const joined = (n: { name: string }) => joins.has(stem(n.name.toLowerCase()));
  const inName = (n: { at: number }) => tokens.some((m) => !m.opening && m.at !== n.at && Math.abs(m.at - n.at) === 1);
  // A kind of device put as an acronym ("HMI", "PLC", "OEMs") describes, as "controller" would: it is weighed among the question's words, not as a name.
  // So does where its maker is based ("a Japanese maker"), which a passage seldom says beside the flaw.
  // So is a version a retrieved passage states a range of (inRange, above).
  // What exploiting a flaw leads to, put as an acronym ("DoS", "RCE"), is said in a sentence of impact that a
  // score line or a fix does not hold: it is weighed among the question's words. (A weakness's, "CSRF", is named.)
  // The flaw a fix is asked for, by the product's other names ("upgrade to for the CSRF / TLS issues"), is told in the advisory's prose (FLAW_FIXED).
  const exp = expected(question);
  const asksFix = exp?.type === 'version';
  const fixedFlaw = new Set(asksFix ? (question.match(FLAW_FIXED) ?? []).flatMap((p) => p.match(NAME_TOKENS) ?? []) : []);
  const inFixedFlaw = (n: string) => fixedFlaw.has(n) && tokens.some((m) => !fixedFlaw.has(m.name));
  // ("Which CVEs hit X": every advisory names its CVEs, in ids, so the word is no name one must hold: it describes.)
  const names = tokens.filter((n) => !describes(n) && !countryOf(n.name) && !inRange(n.name) && !IMPACT_ACRONYMS.has(n.name.toLowerCase()) && !inFixedFlaw(n.name));
  const absentName = routed.length
    ? names.find((n) => (n.opening || strong(n.name)) && !identifiers.has(n.name.toUpperCase()) && !traced(n.name))?.name
    : (names.find((n) => n.opening && !openingTraced(n.name) && !joined(n)) ?? names.find((n) => !n.opening && !holds(bestStory(part(n.at)), n.name, inName(n)) && !joined(n)))?.name;
  if (absentName) return `no retrieved passage mentions "${absentName}"`;
  // The thing a question asks for ("which banks", "what prison sentences", "how many staff"):
  // when no retrieved passage holds any of its words, the passages say nothing of it, however
  // much of the rest of the question they hold.
  // Of an identifier question, only the kind of a name asked for ("which ransomware gang"): what
  // a CVE is or does ("its impact", "the privileges it needs") its passages say in their own words.
  const asked = routed.length && exp?.type !== 'name' ? [] : askedFor(question);
  // A word that begins another counts ("crimes" and "criminal"): this declines only on no trace at all.
  const held = (t: string) => seen.has(t) || (t.length >= 4 && [...seen].some((w) => w.startsWith(t) || (w.length >= 4 && t.startsWith(w))));
  // The phrase's head is the thing ("which DICOM tag", "what UDP port"): a word before it that
  // the passages hold ("DICOM", "UDP") says what kind of thing, not that they name one.
  // A detail ("which file extension") is stated in its own form (".pwx"): a word of the phrase will do.
  const headNoun = asked.at(-1);
  // A version ("which build is vulnerable") is stated as a number, which expected() has checked for.
  // A detail held in its own form ("TCP/771" for a port) is held too.
  const detailStated = (form: RegExp) => hits.some((h) => (h.text.match(form) ?? []).length > 0);
  if (headNoun && headNoun !== ONE && !VERSION_NOUNS.has(headNoun) && !(DETAILS[headNoun] ? asked.some(held) || detailStated(DETAILS[headNoun]) : held(headNoun))) return `no retrieved passage mentions ${asked.map((t) => `"${t}"`).join(', ')}`;
  // A threat the question names ("used in ransomware campaigns", "a botnet") is one the story names.
  const terms = contentTerms(question);
  const threat = terms.find((t) => THREAT_WORDS.has(t) && !held(t));
  if (threat) return `no retrieved passage mentions "${threat}"`;
  // "Is it done in the open, or is it classified?": an alternative whose own words the passages
  // all hold is the answer, whatever words the other is put in.
  if (alternativeHeld(question, held)) return null;
  // "Does the order say anything about AI in weapons systems?": each word of what it asks about.
  const topic = polarTopic(question);
  const flaw = topic.some((t) => FLAW_WORDS.has(t));
  // A kind of product beside a name the passages hold ("anything on ABB's M2M ETHERNET module") describes what the name names.
  const namedStems = new Set(tokens.map((n) => stem(n.name.toLowerCase())));
  const kindOfNamed = (t: string) => PRODUCT_KINDS.has(t) && topic.some((o) => namedStems.has(o) && held(o));
  const unspoken = topic.filter((t) => !held(t) && !FLAW_WORDS.has(t) && !(flaw && FLAW_MODIFIERS.has(t)) && !kindOfNamed(t));
  if (unspoken.length) return `no retrieved passage mentions ${unspoken.map((t) => `"${t}"`).join(', ')}`;
  // "Which handlers fail to enforce permissions?": passages that speak of the thing only as some one of
  // its kind ("certain handlers", "specially crafted TCP packets") do not say which.
  const unnamed = unnamedAsked(question, hits, exp);
  if (unnamed) return `no retrieved passage says which "${unnamed}"`;
  // Routed passages are found by their id or date, not their words: the question's other words are theirs to weigh.
  if (routed.length) return null;
  // An everyday word is how the asker put it, but not in a yes-or-no question: every word of
  // its clause is the claim to check.
  const clause = askingClause(question);
  const polar = POLAR.test(clause);
  const everyday = (t: string) => !polar && isEverydayStem(t, EVERYDAY_TOP);
  // A flaw is a vulnerability, a bug, an issue in any advisory's words: those name nothing absent.
  // A compound is held by its parts ("US-China" by "China-US").
  const partsHeld = (t: string) => t.includes('-') && t.split('-').every((p) => p && held(stem(p)));
  // A day of the month ("June 3rd") or a month ("the Feb 2021 bugs") is a date, which the passages state their own way;
  // a version ("is there a patched version"), and a range of them ("1.5.76 and earlier": "<= 1.5.76"), are stated as numbers.
  // The flaw a fix is asked for by a product's name ("which XMC20 release fixes the port 26 default credential problems")
  // is told in the advisory's prose, not in its fix: the names, held, say which advisory.
  const fixOf = tokens.length > 0 && asksFix ? question.replace(FLAW_FIXED, ' ') : question;
  // ("CISA's acting chief" is held by its "Acting Director Nick Andersen".)
  const unheld = (t: string) => !seen.has(t) && !formSeen(t) && !hits.some((h) => saysOffice(h.text, t, question)) && !partsHeld(t) && !countryHeld(seen, t) && !FLAW_WORDS.has(t) && !/^\d{1,2}(?:st|nd|rd|th)$/u.test(t) && !MONTH.test(t) && !VERSION_NOUNS.has(t);
  // A day of the month written bare ("the May 21 item") is a date too.
  const days = new Set(daysNamed(question).map((d) => String(Number(d.slice(-2)))));
  // A remark put before a colon ("Policy memo question:", "the finance team wants to know:") is how the question is
  // put: its words ask nothing (its names are weighed above).
  const absent = contentTerms(fixOf.replace(FRAMING, '').replace(VERSION_RANGE, '').replace(CANNOT_FIX_ALL, ' ')).filter((t) => unheld(t) && !everyday(t) && !days.has(t));
  // "Does the order require AI companies to report security incidents?": a yes-or-no question whether something is done
  // or exists is the claim its own words make. Two of them, not everyday ones, that no passage holds in any form (one in
  // each of its alternatives: "revoke or replace"), and the passages do not make it, however much of the topic they hold.
  // (What kind of piece a source is, its outlet says, not a passage; a fix asked for is told in the advisory's own words.)
  // (The clause ends at a restatement: "..., i.e. how do they decide which units are affected?")
  const asking = clause.split(/(?<=\?)\s|,?\s+(?:i\.e\.|e\.g\.|that is|in other words)[,\s]/iu)[0]!;
  // ("Has the GoAhead web server flaw been exploited": "web server" describes the flaw the name names.)
  const describing = describedByName(question);
  const unsaid = (clause: string) => contentTerms(clause).filter((t) => unheld(t) && !held(t) && !isEverydayStem(t, EVERYDAY_TOP) && !describing.has(t));
  const claimed = DEED_ASKED.test(asking) && !SOURCES_ASKED.test(asking) && !intent.asksForFix ? unsaid(asking) : [];
  if (claimed.length >= 2 && asking.split(/\s+or\s+/iu).every((alternative) => unsaid(alternative).length > 0)) return `no retrieved passage mentions ${claimed.slice(0, 3).map((t) => `"${t}"`).join(', ')}`;
  if (absent.length >= MIN_ABSENT && absent.length >= ABSENT_SHARE * terms.length && !(KEYWORD_QUERY.test(question.trim()) && storyHolds(hits, terms))) return `no retrieved passage mentions ${absent.slice(0, 3).map((t) => `"${t}"`).join(', ')}`;
  // A search phrase (with or without a question mark) is about the thing it names first ("grants or tax credits for operators that
  // ...", "acronym for the clearinghouse?"): when no passage holds a word of it, the rest describes what the passages say of something else.
  const head = (KEYWORD_QUERY.test(question.trim()) || PHRASE_ASKED.test(question.trim())) && !ASKING_START.test(question) ? contentTerms(question.split(PHRASE_TAIL)[0]!).filter((t) => !FLAW_WORDS.has(t)) : [];
  if (head.length && head.every((t) => absent.includes(t))) return `no retrieved passage mentions ${head.slice(0, 3).map((t) => `"${t}"`).join(', ')}`;
  return null;
}

// A remark before a colon that opens a question, naming no identifier or version.
const FRAMING = /^[^?:\d]{1,60}:\s+(?=(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|will|would|has|have|had)\b)/iu;

// What leaves a thing unnamed: one of a kind, unsaid which ("certain handlers", "a specially crafted packet").
const UNNAMING = new Set(['certain', 'specific', 'specially', 'specifically', 'crafted', 'malicious', 'some', 'particular', 'various', 'unspecified', 'undisclosed']);
// A question that asks which one exactly: it wants the thing named.
const EXACTLY = /\b(?:exact|exactly|specific|specifically|precise|precisely|particular)\b/iu;
const EXACTLY_ALL = new RegExp(EXACTLY.source, 'giu');

/**
 * The thing a question asks to have named ("which handlers", "what exact TCP packet") when every
 * retrieved mention of it names none: no word beside it that the question lacks reads as a name (a
 * capital, a digit, a file or path), and the question asks for it exactly, or asks which one where a
 * mention leaves it unnamed in so many words ("certain handlers", "crafted packets").
 */
function unnamedAsked(question: string, hits: readonly SearchHit[], exp: Expected | null): string | null {
  // A version or a date is checked for as one (states()).
  if (exp?.type === 'version' || exp?.type === 'date') return null;
  // The phrase's head is its last word, but a verb the phrase ran into ("which handlers fail to ...": "handler").
  const plain = question.replace(EXACTLY_ALL, '').replace(/\s*\([^)]*\)/gu, '').replace(/\bwhat's\b/giu, 'what is');
  const terms = askedFor(plain);
  const words = plain.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? [];
  const beforeTo = (t: string) => words[words.findIndex((w) => stem(w) === t) + 1] === 'to';
  const thing = terms.length > 1 && beforeTo(terms.at(-1)!) ? terms.at(-2) : terms.at(-1);
  if (!thing || !/^\p{L}{3,}$/u.test(thing)) return null;
  const asked = new Set((question.match(NAME_TOKENS) ?? []).map((w) => w.toLowerCase()));
  const named = (w: string, first: boolean) => !asked.has(w.toLowerCase()) && (/\d|\w[._\\/]\w|\p{Lu}{2}|\p{Ll}\p{Lu}/u.test(w) || (!first && /^\p{Lu}/u.test(w)));
  let mentions = 0;
  let unnaming = false;
  for (const h of hits) {
    // (Sentences split at their stops are enough here: the first word's capital names nothing.)
    for (const sentence of h.text.split(/(?<=[.!?])\s+/u)) {
      const said = sentence.match(NAME_TOKENS) ?? [];
      for (const [i, w] of said.entries()) {
        if (!stem(w.toLowerCase()).startsWith(thing)) continue;
        mentions++;
        const from = Math.max(0, i - 3);
        const near = said.slice(from, i + 3);
        if (near.some((n, j) => named(n, from + j === 0))) return null;
        if (near.slice(0, i - from).some((n) => UNNAMING.has(n.toLowerCase()))) unnaming = true;
      }
    }
  }
  // ("What UDP request crashes it": "a specially formatted UDP request" says what it is; "which" asks which one.)
  return mentions > 0 && (EXACTLY.test(question) || (unnaming && /\bwhich\b/iu.test(question))) ? thing : null;
}

// A yes-or-no question whether something is done ("Does the order require ...", "Did CISA publish ...") or exists ("Is there a sunset date ..."), not what something is.
// ("Is there an advisory about X" searches for a story, which describes X in words of its own.)
const DEED_ASKED = /^\W*(?:does|do|did|will|would|has|have|had|(?:is|are|was|were)\s+there\b(?!\s+(?:an?|any)\s+(?:[\p{L}-]+\s+)?(?:advisor(?:y|ies)|bulletins?|alerts?|notices?|stories|story|cves?)\b))\b/iu;
// "... among the sources", "in the refs": what the story's sources are.
const SOURCES_ASKED = /\b(?:among|in|of)\s+(?:the|its|their|your)\s+(?:cited\s+|listed\s+)?(?:sources|refs|references|citations|links|outlets|coverage)\b/iu;

/** The words that run from a name to the flaw or kind of product it names ("GoAhead web server flaw", "Acme MDS radios"), stemmed. */
function describedByName(question: string): Set<string> {
  const words = fold(question).match(NAME_TOKENS) ?? [];
  const out = new Set<string>();
  // A name token's position counts from 1: the word after it is words[at].
  for (const { at } of nameTokens(question).filter((n) => !n.opening)) {
    const run: string[] = [];
    for (const word of words.slice(at)) {
      const term = contentTerms(word)[0];
      if (!term) break;
      run.push(term);
      if (FLAW_WORDS.has(term) || PRODUCT_KINDS.has(term)) {
        for (const t of run) out.add(t);
        break;
      }
    }
  }
  return out;
}

// Where a yes-or-no question offers another alternative: ", or is it ...", "or only ...", "rather than ...".
const ALTERNATIVE = /,?\s+or\s+(?=(?:is|are|was|were|does|do|did|will|would|has|have|had|can|could|just|only|merely|simply|strictly|also)\b)|\s+rather than\s+/iu;

/** Whether a later alternative of a yes-or-no question has words of its own, not everyday ones, and the passages hold each. */
function alternativeHeld(question: string, held: (t: string) => boolean): boolean {
  const asked = askingClause(question);
  if (!POLAR.test(asked)) return false;
  return asked
    .split(ALTERNATIVE)
    .slice(1)
    .some((alternative) => {
      const own = contentTerms(alternative).filter((t) => !isEverydayStem(t, EVERYDAY_TOP) && !FLAW_WORDS.has(t));
      return own.length > 0 && own.every(held);
    });
}

// A search phrase put as a question: one clause, no asking word ("acronym for the clearinghouse?"; not "any advisories on X?").
const PHRASE_ASKED = /^(?!\W*(?:any|there)\b)[^?.,;:]+\?$/iu;
// Where a search phrase's head ends: at a preposition or a relative word ("... for operators", "... that adopt").
const PHRASE_TAIL = /\s(?:for|in|of|on|about|under|that|which|whose|who|with|to|against|by|from|regarding|where|when|used|affecting|affected)\s/iu;
// A search phrase (no question asked) describes a thing, often in other words ("substation
// controller" for a product the advisory calls by its name), which leaves some of its words
// unmatched; one story whose passages hold this share of them together is what it describes.
const STORY_HOLDS = 0.6;

/** Whether the retrieved passages of one story together hold most of the question's terms. */
function storyHolds(hits: readonly SearchHit[], terms: readonly string[]): boolean {
  const byStory = new Map<string, Set<string>>();
  for (const h of hits) {
    const words = byStory.get(h.story_id) ?? new Set<string>();
    for (const w of hitWords(h)) words.add(w);
    byStory.set(h.story_id, words);
  }
  return [...byStory.values()].some((words) => terms.filter((t) => words.has(t)).length >= STORY_HOLDS * terms.length);
}

// Kinds of device and software named by acronym, as generic as "controller" or "interface".
const DEVICE_KINDS = new Set(['ICS', 'SCADA', 'HMI', 'PLC', 'RTU', 'IED', 'DCS', 'SIS', 'EWS', 'OEM', 'NAS', 'VPN', 'SDK', 'API', 'GUI', 'UI', 'IOT', 'IoT', 'OT', 'PC', 'CPU', 'IPC', 'LAN', 'WAN', 'DMZ', 'USB', 'OS', 'UPS', 'PDU', 'VFD', 'CAD']);
// What a product runs on, pairs over or writes ("a Windows service", "a Bluetooth scale", "exports logs as CSV") describes
// it, as a kind of device does: an advisory need not name it beside the flaw. (A network protocol's name, "SNMP", is
// where the flaw is: it is held.)
const PLATFORMS = new Set(['windows', 'linux', 'android', 'ios', 'iphone', 'ipad', 'macos', 'java', 'bluetooth', 'wi-fi', 'wifi', 'gps', 'csv', 'json', 'xml', 'html', 'pdf', 'lua', 'python']);
/** Whether a name a question uses is a kind of device or what a product runs on ("PLC", "HMIs", "Windows"): it describes, it names nothing. */
export const namesAKind = (name: string): boolean => DEVICE_KINDS.has(singular(name)) || PLATFORMS.has(name.toLowerCase());
// A likeness or a base put as a compound: "Bleichenbacher-style", "Mirai-like", "Netherlands-based".
const LIKENESS = /^(.+)-(?:style|like|esque|based|headquartered)$/iu;

/** Whether the country a demonym or a capital names is held by any of its names ("Finnish": "Headquarters: Finland"; "Washington": "U.S.", "federal government"). */
function countryHeld(words: ReadonlySet<string>, word: string): boolean {
  const country = countryOf(word) ?? countryOfCapital(word);
  // A country is held by a compound too ("US" by "China-US"); "us" alone is the pronoun.
  const parts = new Set([...words].flatMap((w) => (w.includes('-') ? w.split('-') : [])));
  const has = (w: string) => (words.has(w) && w !== 'us') || parts.has(w);
  const formHeld = (form: string) => form.toLowerCase().split(' ').every((w) => has(w) || has(stem(w))) || [...wordsOf(form)].filter(Boolean).every(has);
  return !!country && countryForms(country).some(formHeld);
}

const SPEECH = /\b(said|says|say|saying|stated?|states|announced?|announces|told|tells|wrote|writes|written|reported|reports|according to|warned|warns|argued|argues|noted|notes|added|claimed|claims|commented|testified|confirmed|denied|published|responded|responds|reacted|reacts|replied|replies)\b/i;

/** Whether a sentence reports what the speaker said, or a source passage is what they published. */
export function speaks(hit: SearchHit, sentence: string, speaker: { words: readonly string[]; head: string; names: readonly string[] }): boolean {
  // The speaker is named by the head of their words or one of their names: "AI developers" are
  // not quoted by a headline about AI.
  const holds = (words: ReadonlySet<string>, w: string) => words.has(w) || [...words].some((b) => b.length >= 4 && b.startsWith(w));
  const heard = (words: ReadonlySet<string>) => holds(words, speaker.head) || speaker.names.some((n) => holds(words, n));
  // A publisher may write its words as one: "Dark Reading" is darkreading.com.
  if (hit.kind === 'source') return heard(wordsOf(`${hit.source?.publisher ?? ''} ${hit.text}`)) || (speaker.words.length > 1 && holds(wordsOf(hit.source?.publisher ?? ''), stem(speaker.words.join(''))));
  return SPEECH.test(sentence) && heard(wordsOf(sentence));
}

/**
 * Whether a text uses a verb as one, and as done: a form of it that no determiner makes a noun
 * ("A draft executive order" does not say who drafted it; "successful exploitation" is no
 * exploit done) and that no "to" or "will" makes a plan.
 */
export function usesVerb(text: string, verb: string, planOk = false): boolean {
  const words = inCommonForm(text.toLowerCase()).match(/[\p{L}]+/gu) ?? [];
  const form = (w: string) => (w.startsWith(verb) && VERB_ENDINGS.has(w.slice(verb.length))) || (stem(w) === verb && !/(tion|sion|ment|ance|ence|ity|ness|ive|or)$/u.test(w));
  // Planned is not done: "plans to sign", "will be issued" do not say who signed or when.
  const planned = (i: number) => /^(to|will|would|shall)$/u.test(words[i - 1] ?? '') || (words[i - 1] === 'be' && /^(to|will|would|shall)$/u.test(words[i - 2] ?? ''));
  return words.some((w, i) => form(w) && !DETERMINERS.has(words[i - 1] ?? '') && (planOk || !planned(i)));
}

// A version as advisories state one: "9.1.4", "V7.0.3", "MS_2.6.9900", "r161", "07A06", "v04A00.1", "FW27", "2020 U10", "all versions",
// and after the word "version" or "firmware", "A17" or "A11_U05"; a number a product is to be updated to ("update IO-1020 Micro ELD to 360").
// A year after a month, a day or a quarter ("targeted for September 2019", "published September 20, 2022",
// "by the end of Q4 2021") is a date, not a version.
const CAPITAL_MONTHS = MONTH_NAMES.split('|').map((m) => `[${m[0]!.toUpperCase()}${m[0]}]${m.slice(1)}`).join('|');
// "02F.6" is a version where the sentence calls it one ("firmware Version 02F.6").
const VERSION_STATED = new RegExp(String.raw`(?:\b|(?<=_))[vV]?\d+(?:\.\d+)+|\b(?:[Vv]ersion|[Rr]elease|[Bb]uild)\s+[\w.-]*\d[\w.-]*|\b[vVrR]\d+\b|\b[vV]?\d+[A-Z]\d+(?:\.\d+)*\b|\bFW\s?\d+\b|(?<=\b(?:[Vv]ersions?|[Ff]irmware)\b[^.;]{0,60})\b\p{Lu}\d{2,}(?:_\p{Lu}?\d+)*\b|\b[Uu]\d+\b|(?<=\b(?:[Uu]pdate|[Uu]pgrade)\b[^.;:]{0,40}?\bto\s+)\d{2,}\b(?![-%/]|\s+(?:days?|weeks?|months?|years?|hours?|minutes?)\b)|(?<![-\w])(?<!(?:${CAPITAL_MONTHS}|Q[1-4]|since|until|before|after|by|in|from|during|early|late|mid)\s)(?<!(?:${CAPITAL_MONTHS})\s\d{1,2},\s)(?:19|20)\d{2}\b(?!-\d)|\ball versions\b|\bvers:|(?<=\s[<>]=?\s?)(?=[\w.-]*\p{L})[\p{L}\p{N}][\w.-]*\d`, 'u');
const VERSIONS_STATED = new RegExp(VERSION_STATED.source, 'gu');
// A version number: "9.1.4", "V7.0.3", "v16 Update 4", "v04A00.1".
export const VERSION = /\b[vV]?\d+(?:\.\d+)+\b|\b[vV]\d+\b|\b[vV]?\d+[A-Z]\d+\.\d+\b/u;

