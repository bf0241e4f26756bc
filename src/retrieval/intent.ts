import type { PassageKind } from '../story/schema.js';

/** A question about the order of events, answered from the dated timeline. */
export type TemporalIntent =
  | { type: 'earliest' }
  | { type: 'latest' }
  /**
   * Events a given number of days after (positive) or before (negative) an anchor event or date:
   * nearest that day, or (`bound`) no further than it ("within 48 hours of X") or at least as far
   * ("more than a week before X").
   */
  | { type: 'offset'; days: number; anchor: string; bound?: 'within' | 'beyond' }
  /** Events after or before an anchor: an event, or a date ("before June 2026"). */
  | { type: 'after'; anchor: string }
  | { type: 'before'; anchor: string }
  /** "Where did things stand as of May 21": the anchor and the events before it, latest first. */
  | { type: 'until'; anchor: string }
  /** Events within a calendar month (YYYY-MM). */
  | { type: 'month'; month: string }
  /**
   * What an update of an advisory changed: its later revisions, the named ones ("Update B", "Update A and
   * Update B") first, then (`first`) the first publication when the question asks for it too ("when was it
   * first published, and when did Update A come out").
   */
  | { type: 'update'; names: string[]; first: boolean }
  /** "Which came first: A or B?": the two events, the one asked for (the earlier, or the later) first. */
  | { type: 'order'; first: boolean; anchors: [string, string] }
  /**
   * A question relating two events or more ("how many days after A was B", "did A and B happen
   * in the same month", "was A before or after B", "the dates of A, B and C"): those events,
   * oldest first. `side` says where the question puts B (1 after A, -1 before it, 0 not said):
   * when B cannot be told apart from A, the events on that side of A answer. `pick` (1-based, in
   * time) is the one a question asks for among those it lists ("which falls in the middle").
   */
  | { type: 'events'; anchors: string[]; side: -1 | 0 | 1; pick?: number }
  /** "What happened between A and B": the events dated between the two, then the two. */
  | { type: 'between'; anchors: [string, string] }
  /** "What happened on the day A": A and the other events of its day (`week`: of its calendar week, Monday to Sunday). */
  | { type: 'on'; anchor: string; week?: boolean }
  /** "Which event came second": the story's dated events in order, the n-th (1-based) first. */
  | { type: 'ordinal'; n: number }
  | { type: 'middle' };

/** What a question asks for, read from its words before any search runs. */
export interface QueryIntent {
  /** Identifiers to look up exactly: CVE and CWE ids, advisory ids. */
  identifiers: string[];
  temporal: TemporalIntent | null;
  /** Passage kinds the question is about, with a weight each (added to the fused score). */
  kindBoost: Partial<Record<PassageKind, number>>;
  /** A day (YYYY-MM-DD), month (YYYY-MM) or year (YYYY) the question dates its subject by, if any. */
  datePrefix: string | null;
  /** "Who reported the flaw": the researchers the story credits are asked for. */
  credit: boolean;
  /** "Which version fixes ...", "what firmware should X move to": a fix that states a version answers. */
  fixVersion: boolean;
  /** "Hanwha Smart Security Manager vulnerabilities", "what flaws affect X": the advisory's CVEs line lists them. */
  listsFlaws: FlawsAsked;
  /** "Is there a patch", "will X fix it": a fix that says there is none (NO_FIX) answers it. */
  asksForFix: boolean;
  /** "What is CVE-X", "describe CVE-X": the CVE asked to be described, which its advisory's prose does ("CVE-X: ..."). */
  describes: string | null;
  /** "When was the X advisory published": its dated revision history answers. */
  published: boolean;
  /** "What is the CVSS of X", "how severe is X": a flaw's score line answers. */
  asksScore: boolean;
}

/** A yes-or-no question: "Does the order ...", "Must operators ...". */
export const POLAR = /^\W*(?:does|do|did|is|are|was|were|will|would|can|could|should|must|has|have|had|may|might|shall)\b/iu;
/**
 * A fix that says there is none: "This product is end-of-life", "has not developed a product fix", "will not be issuing an update",
 * "a patch is not yet available", "is currently developing a fix", "does not currently have a fix", "No updates will be provided",
 * "will not receive a patched version", "Currently no remediation is available", "is obsolete and cannot be upgraded",
 * "will not be developing mitigations"; nor is there one from a vendor that has not answered CISA
 * ("Acme has not responded to requests to work with CISA", "did not respond to CISA's attempts", "has been unresponsive to NCCIC")
 * or is gone ("no longer actively in business").
 */
export const NO_FIX =
  /\b(?:end[- ]of[- ]life|no longer (?:supported|maintained|(?:actively )?in business)|(?:has|have|did) not respond(?:ed)? to\b|(?:has|have) been unresponsive to\b|(?:is|are) (?:currently )?(?:developing|working on) (?:a )?(?:fix|patch)|(?:has|have) not (?:yet )?(?:addressed|released|provided|developed)|no (?:further )?(?:(?:firmware|software|security|product) )?(?:fix(?:es)?|patch(?:es)?|updates?|mitigations?|remediations?)\b|no plans? to|(?:is|are) (?:now )?obsolete\b|(?:cannot|can ?not|can't) be (?:updated|upgraded|patched|fixed)\b|(?:does|do|will) not (?:plan|intend) to|(?:does|do|did|will) not (?:currently |yet )?(?:have|receive|issue|release|provide) (?:a |an |any )?(?:[\p{L}-]+ ){0,2}?(?:fix|patch|update|solution)|will not be (?:issuing|releasing|providing|developing|creating|fixing|patching|hot-?fixed|fixed|patched|addressed)|not planning to|\b(?:fix|patch|update|solution|mitigation)\w*\b[^.]{0,60}\b(?:is|are) not (?:yet )?available)/iu;

const CVE = /\bCVE-\d{4}-\d{4,7}\b/gi;
const CWE = /\bCWE-\d{1,5}\b/gi;
// CISA advisory ids (ICSA-21-103-12, ICSMA-23-194-01, AA23-136A) and KEV story ids.
const ADVISORY = /\b(?:ICS[A-Z]{0,3}-\d{2}-\d{3}-\d{2}[A-Z]?|AA\d{2}-\d{3}[A-Z])\b/gi;
/** Whether a story is one CISA publishes: an advisory by its CISA id, or a KEV catalog entry. */
export const isCisaStory = (storyId: string): boolean => CISA_STORY.test(storyId);
const CISA_STORY = new RegExp(`^(?:${ADVISORY.source})$|^kev-CVE-`, 'iu');

export const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const NUMBERS: Record<string, number> = { a: 1, an: 1, thirty: 30, ...Object.fromEntries(NUMBER_WORDS.map((w, i) => [w, i + 1])) };
// "14", "fourteen", "twenty-one", "a": a count of days, weeks or months.
const COUNT = `\\d+|an?|(?:twenty|thirty)-(?:${NUMBER_WORDS.slice(0, 9).join('|')})|thirty|${NUMBER_WORDS.join('|')}`;
// A unit of time a count is in ("48 hours", "a week").
const UNIT = '(hour|day|week|month)s?';
// "Two days after X", "fourteen days before X", "two weeks ahead of X", "within 48 hours of X", "more than a week before X".
const OFFSET = new RegExp(
  `\\b(?:(within|in under|under|less than|no more than|at most|more than|over|at least|beyond)\\s+)?(${COUNT})\\s+${UNIT}\\s+(after|before|later than|earlier than|following|prior to|ahead of|in advance of|of)\\s+(.+)$`,
  'u',
);
// "A week and a half", "one and a half weeks": counted in days, the half day begun counting whole.
const AND_A_HALF = new RegExp(`\\b(?:(${COUNT})\\s+${UNIT}\\s+and\\s+a\\s+half|(${COUNT})\\s+and\\s+a\\s+half\\s+${UNIT})\\b`, 'gu');
/** "A week and a half" as "11 days". */
const halfCounted = (_: string, count: string | undefined, unit: string | undefined, count2: string | undefined, unit2: string | undefined) => `${Math.ceil((countOf(count ?? count2!) + 0.5) * (UNIT_DAYS[unit ?? unit2!] ?? 1))} days`;
const WITHIN = /^(?:within|in under|under|less than|no more than|at most)$/u;
// "Go back 14 days from X", "rewind two weeks from X", "two weeks back from X": before X. "In the week leading up to X": within a week before it.
const BACK_FROM = new RegExp(`\\b(?:go(?:ing)? back|back up|rewind(?:ing)?|step(?:ping)? back|roll(?:ing)? back|count(?:ing)? back)\\s+(?:by\\s+)?(${COUNT})\\s+${UNIT}\\s+(?:back\\s+)?from\\s+(.+)$|\\b(${COUNT})\\s+${UNIT}\\s+back from\\s+(.+)$`, 'u');
// "Count twelve days forward from X", "go ahead a week from X", "two weeks on from X": after X.
const FORWARD_FROM = new RegExp(`\\b(?:go(?:ing)?|count(?:ing)?|move|moving|skip|jump|fast-forward)\\s+(?:ahead\\s+|forward\\s+)?(${COUNT})\\s+${UNIT}\\s+(?:forward\\s+|ahead\\s+|on\\s+|later\\s+)?from\\s+(.+)$|\\b(${COUNT})\\s+${UNIT}\\s+(?:forward|ahead|on|later|out)\\s+from\\s+(.+)$`, 'u');
// "Take the day X happened and go back two days", "start from X and count forward a week": from X.
const TAKE_AND_GO = new RegExp(`\\b(?:take|start(?:ing)? (?:from|at|with))\\s+(.+?),?\\s+(?:and|then)\\s+(?:go|count|move|step|skip|jump)\\s+(back|forward|ahead|on)\\s+(${COUNT})\\s+${UNIT}\\b`, 'u');
const LEADING_UP = new RegExp(`\\b(?:in\\s+)?the\\s+(?:(${COUNT})\\s+)?${UNIT}\\s+(?:leading up to|before|ahead of|prior to)\\s+(.+)$`, 'u');
/** The number a count word or numeral says ("fourteen" 14, "twenty-one" 21). */
function countOf(word: string): number {
  const [tens, ones] = word.split('-');
  return ones ? (NUMBERS[tens!] ?? 0) + (NUMBERS[ones] ?? 0) : (NUMBERS[word] ?? Number(word));
}
/** Month names, January first. */
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Months shortened as people write them ("Dec 2021", "Sept."), as a regular expression's alternatives. */
export const MONTHS_SHORT = 'jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec';
// "May 2026": the month's name and the year.
// "June '26" is June 2026, "Dec 2021" December 2021.
const MONTH_YEAR = new RegExp(`\\b(${MONTHS.join('|')}|${MONTHS_SHORT})\\.?\\s+(\\d{4}\\b|['’]\\d{2}\\b)`, 'i');

/** "May 2026" as YYYY-MM, if the text names a month of a year. */
function monthKey(text: string): string | null {
  const m = MONTH_YEAR.exec(text);
  const year = m?.[2]!.replace(/^['’]/u, '20');
  return m ? `${year}-${String(MONTHS.findIndex((name) => name.startsWith(m[1]!.toLowerCase().slice(0, 3))) + 1).padStart(2, '0')}` : null;
}
const UNIT_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, month: 30 };
/** The days a count of units spans ("48 hours": 2), a day begun counting whole. */
const daysIn = (count: string, unit: string) => Math.ceil(countOf(count) * (UNIT_DAYS[unit] ?? 1));
const ORDINALS: Record<string, number> = { second: 2, third: 3, fourth: 4, fifth: 5 };
// "On the second day after X", "the third week before X": that many units from X.
const ORDINAL_OFFSET = new RegExp(`\\b(?:the\\s+)?(${Object.keys(ORDINALS).join('|')})\\s+${UNIT}\\s+(after|following|before|prior to)\\s+(.+)$`, 'u');

// Questions that relate two events. Each reads on the lower-cased question without its final mark.
// "How many days passed between A and B", "how long was it between A and B", "the time between A and B".
const SPAN_BETWEEN = /\bhow (?:many|much)\s+(?:days?|weeks?|months?|time)\b.*?\bbetween\s+(.+?)\s+and\s+(.+)$|\bhow long\b.*?\bbetween\s+(.+?)\s+and\s+(.+)$|\b(?:time|days?|weeks?|gap)\s+between\s+(.+?)\s+and\s+(.+)$/u;
// "How many days", "how much time", "how long": the words a span is asked with.
const HOW_LONG = String.raw`how\s+(?:(?:many|much)\s+(?:days?|weeks?|months?|time)|long)`;
// "How many days separate A from B", "how much time separated A and B".
const SPAN_SEPARATES = new RegExp(String.raw`\b${HOW_LONG}\s+(?:separates?|separated)\s+(.+?)\s+(?:from|and)\s+(.+)$`, 'u');
// "When B, how many days had it been since A", "how long had it been since A when B".
const SPAN_SINCE = new RegExp(String.raw`^\W*(?:when|by the time)\s+(.+?),\s*${HOW_LONG}\s+(?:had|has)\s+(?:it\s+)?(?:been|passed|gone by)\s+since\s+(.+)$`, 'u');
const SPAN_SINCE_WHEN = new RegExp(String.raw`\b${HOW_LONG}\s+(?:had|has)\s+(?:it\s+)?(?:been|passed|gone by)\s+since\s+(.+?)\s+(?:when|by the time)\s+(.+)$`, 'u');
// "How many days did it sit from A to B", "how long from A until B".
const SPAN_FROM_TO = new RegExp(String.raw`\b${HOW_LONG}\b.*?\bfrom\s+(.+?)\s+(?:up\s+)?(?:to|until|till|through)\s+(.+)$`, 'u');
/** "From A to B, how many days went by" ("counting from the day of A to B, how long ..."): the span between two events, the clause put first naming them (on a lower-cased question). */
export const FROM_TO_SPAN = new RegExp(String.raw`^\W*(?:(?:counting|starting|measuring|going)\s+)?from\s+(.+?)\s+(?:to|until|till|through)\s+(.+?)(?:,|\s[—–-])\s*(?:${HOW_LONG}|(?:what|which)\s+(?:(?:are|were)\s+)?(?:the\s+)?(?:two\s+|both\s+)?dates)\b`, 'u');
// "How many days after A was B", "how long after A did B", "how soon after A did B".
const SPAN_SIDE = /^\W*how\s+(?:many\s+(?:days?|weeks?|months?)|long|soon)\s+(after|following|before|prior to)\s+(.+?)\s+(?:was|were|did|had|has|is|are|does|do)\s+(.+)$/u;
// "How many days did B slip after A", "how long did B wait after A".
const SPAN_DID_SIDE = /^\W*how\s+(?:many\s+(?:days?|weeks?|months?)|long|much\s+time)\s+(?:did|was|were|had)\s+(.+?)\s+(?:\p{L}+\s+)?(after|following|before|prior to)\s+(.+)$/u;
// "What happened between A and B".
// "What happened ... in the window May 22 through June 3".
const BETWEEN = /\b(?:happened|happen|occurred|took place|went on|came|events?|developments?)\b.*?\b(?:between\s+(.+?)\s+and|from\s+(.+?)\s+(?:up\s+)?(?:to|until|through|till)|(?:window|period|span|stretch)\s+(?:of\s+|from\s+)?(.+?)\s+(?:to|until|through|till))\s+(.+)$/u;
// "Anything in the week of May 18-24, 2026?": the days of a range in one month.
const DAY_RANGE = new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{1,2})\\s*(?:-|–|to|through|until)\\s*(\\d{1,2})\\b(?!-)(?:,?\\s+((?:19|20)\\d{2}))?`, 'u');
// "Between A and B, what happened?"
const LEADING_BETWEEN = /^\W*between\s+(.+?)\s+and\s+(.+?),\s*(?:what|which)\b/u;
// "Was A before or after B", "had A by the time B", "did A and B happen in the same month", "was A on the same day as B".
// (A topic put first, "Putting things in sequence:", is no part of A.)
const BEFORE_OR_AFTER = /^(?:[^:?]*:\s+)?\W*(?:was|were|did|had|has|is|are|does|do)\s+(.+?)\s+(?:before or after|after or before)\s+(.+)$/u;
// "Did A come before B, or after?"
// "... before B, or did that only come afterwards?", "... before B, or only afterwards?"
const BEFORE_B_OR_AFTER =
  /^(?:[^:?]*:\s+)?\W*(?:was|were|did|had|has|is|are|does|do)\s+(.+?)\s+(?:(?:come|came|happen|occur|take place)\s+)?(?:before|after|prior to)\s+(.+?),?\s+or\s+(?:only\s+|just\s+)?(?:(?:did|was|were|is|does|had)\s+(?:that|it|this|they)\s+(?:only\s+|just\s+)?(?:come|happen|occur|take place)?\s*)?(?:after|afterwards?|before|beforehand|later|earlier)(?:\s+(?:that|it))?$/u;
// "A vs. B: give me both dates", "A versus B - which came first?", "A vs. B. Both dates".
const VERSUS = /^\W*(.+?)\s+(?:vs\.?|versus)\s+(.+?)\s*(?::|\s[—–-]|[.!]\s)\s*(?=[^?]*\b(?:dates?|days?|when|first|earlier|later|sooner|order|sequence)\b)/u;
const BY_THE_TIME = /^\W*(?:was|were|did|had|has|is|are)\s+(.+?)\s+by the time\s+(.+)$/u;
const SAME_PAIR = /^\W*(?:did|were|was|do|are)\s+(.+?)\s+and\s+(.+?)\s+(?:(?:both|all)\s+)?(?:(?:happen|occur|take place|fall|come)\s+)?(?:on|in|during)\s+the same\s+(?:day|date|week|month|year)\b/u;
const SAME_AS = /^\W*(?:was|were|did|is|are)\s+(.+?)\s+(?:on|in|during)\s+the same\s+(?:day|date|week|month|year)\s+(?:as\s+|that\s+|when\s+)?(.+)$/u;
// "Give me the dates of A, B and C", "when did A and B happen".
const DATES_OF = /\b(?:dates?|days?)\s+(?:of|for)\s+(.+)$|^\W*when\s+(?:did|were|was)\s+(.+?)\s+(?:each\s+)?(?:happen|occur|take place)$/u;
// "Give me the date A and the date B", "I want the day A and the day B".
const DATE_AND_DATE = /\bthe\s+(?:date|day)\s+(?:that\s+|when\s+|on which\s+)?(.+?)\s+and\s+the\s+(?:date|day)\s+(?:that\s+|when\s+|on which\s+)?(.+?)(?:,\s*(?:so|as|because)\b.*)?$/u;
// "What happened on the day A", "what else took place on the same day as A", "in the same week A".
const ON_DAY = /\b(?:happened|happen|occurred|took place|else|events?)\b.*?\b(?:on the (?:same )?(?:day|date)|(?:in|during) the same (week))\s+(?:that\s+|when\s+|as\s+|of\s+)?(.+)$/u;
// "Which one comes second", "the third event".
const ORDINAL = /\b(?:which|what)\s+(?:(?:dated\s+)?(?:event|one|thing|development|step)\s+)?(?:comes?|came|happened|occurred|was|is)\s+(second|third|fourth|fifth)\b|\bthe\s+(second|third|fourth|fifth)\s+(?:dated\s+)?(?:event|thing|development|step)\b/u;
/** An anchor ends where the question goes on to another ask: "the signing, and on which day", "the signing, what did ...", "the signing. What ...", "the signing: who ...", "June 3? If so what". */
// An anchor ends where the question goes on: at a clause of its own (", something happened with it"),
// or at the span it restates ("right after the signing, same week": "week" is no word of the signing).
const anchorOf = (text: string) =>
  text
    .replace(/(?:[.:?]\s|\s[—–-]\s).*$/u, '')
    .replace(/\s*,\s*(?:and|or|but|what|which|who|whom|when|where|why|how|did|does|do|was|were|is|are|has|have|had|will|would|can|something|someone|somebody|anything|anyone|there|it|they|he|she|we|i|same|that|this)\b.*$/u, '')
    .trim();
const pairOf = (a: string, b: string): [string, string] => [anchorOf(a), anchorOf(b)];
// A leading clause that places the question: "After the pause, what happened?"
const LEADING_SIDE = /^\W*(after|following|since|before|prior to)\s+([^,]+),\s*(?:what|which|who|how|did|does|was|were|is|are)\b/u;

// "Put these in sequence: A, B and C", "A, B, C: which one falls in the middle?": a list on one
// side of a colon, and on the other what is asked of its order.
const SEQUENCE = /\b(?:sequence|chronolog\w*|in order|order (?:these|them|the events)|sort|arrange|earliest|latest|first|last|middle|second|third|fourth)\b/u;
const listOf = (text: string) => text.split(/\s*,\s*(?:and\s+)?|\s+and\s+/u).map((x) => x.trim()).filter(Boolean);
function listedEvents(q: string): TemporalIntent | null {
  const colon = q.indexOf(':');
  if (colon < 0) return null;
  const [head, tail] = [q.slice(0, colon), q.slice(colon + 1)];
  const [list, ask] = listOf(tail).length >= 2 ? [listOf(tail), head] : [listOf(head), tail];
  if (list.length < 2 || !SEQUENCE.test(ask)) return null;
  const nth = /\b(second|third|fourth|fifth)\b/u.exec(ask)?.[1];
  const pick = /\bmiddle\b/u.test(ask) ? Math.ceil(list.length / 2) : /\b(?:last|latest)\b/u.test(ask) ? list.length : /\b(?:first|earliest)\b/u.test(ask) ? 1 : nth ? ORDINALS[nth] : undefined;
  return { type: 'events', anchors: list, side: 0, ...(pick ? { pick } : {}) };
}

/** Reads a question that relates two events, or asks for the events of a day or a place in the order. */
function eventsIntent(q: string): TemporalIntent | null {
  const sequence = listedEvents(q);
  if (sequence) return sequence;
  const span = SPAN_BETWEEN.exec(q);
  if (span) return { type: 'events', anchors: pairOf((span[1] ?? span[3] ?? span[5])!, (span[2] ?? span[4] ?? span[6])!), side: 0 };
  const separates = SPAN_SEPARATES.exec(q);
  if (separates) return { type: 'events', anchors: pairOf(separates[1]!, separates[2]!), side: 0 };
  const since = SPAN_SINCE.exec(q);
  if (since) return { type: 'events', anchors: pairOf(since[2]!, since[1]!), side: 0 };
  const sinceWhen = SPAN_SINCE_WHEN.exec(q);
  if (sinceWhen) return { type: 'events', anchors: pairOf(sinceWhen[1]!, sinceWhen[2]!), side: 0 };
  const spanFromTo = SPAN_FROM_TO.exec(q);
  if (spanFromTo) return { type: 'events', anchors: pairOf(spanFromTo[1]!, spanFromTo[2]!), side: 0 };
  const fromTo = FROM_TO_SPAN.exec(q);
  if (fromTo) return { type: 'events', anchors: pairOf(fromTo[1]!, fromTo[2]!), side: 0 };
  const side = SPAN_SIDE.exec(q);
  if (side) return { type: 'events', anchors: pairOf(side[2]!, side[3]!), side: /after|following/u.test(side[1]!) ? 1 : -1 };
  const didSide = SPAN_DID_SIDE.exec(q);
  if (didSide) return { type: 'events', anchors: pairOf(didSide[3]!, didSide[1]!), side: /after|following/u.test(didSide[2]!) ? 1 : -1 };
  const between = BETWEEN.exec(q);
  if (between) return { type: 'between', anchors: pairOf((between[1] ?? between[2] ?? between[3])!, between[4]!) };
  const leadingBetween = LEADING_BETWEEN.exec(q);
  if (leadingBetween) return { type: 'between', anchors: pairOf(leadingBetween[1]!, leadingBetween[2]!) };
  const days = DAY_RANGE.exec(q);
  if (days) {
    const year = days[4] ? `, ${days[4]}` : '';
    return { type: 'between', anchors: [`${days[1]} ${days[2]}${year}`, `${days[1]} ${days[3]}${year}`] };
  }
  const pair = BEFORE_OR_AFTER.exec(q) ?? BEFORE_B_OR_AFTER.exec(q) ?? BY_THE_TIME.exec(q) ?? SAME_PAIR.exec(q) ?? SAME_AS.exec(q) ?? VERSUS.exec(q);
  // "Did anything else happen in the same week as B" asks for the events of B's week, not how two relate.
  if (pair && !/^(?:anything|something|any\s+other|other)\b/u.test(pair[1]!)) return { type: 'events', anchors: pairOf(pair[1]!, pair[2]!), side: 0 };
  const dateAndDate = DATE_AND_DATE.exec(q);
  if (dateAndDate) return { type: 'events', anchors: pairOf(dateAndDate[1]!, dateAndDate[2]!), side: 0 };
  const dates = DATES_OF.exec(q);
  const listed = dates ? listOf(anchorOf((dates[1] ?? dates[2])!)) : [];
  if (listed.length >= 2) return { type: 'events', anchors: listed, side: 0 };
  const on = ON_DAY.exec(q);
  if (on) return { type: 'on', anchor: anchorOf(on[2]!), ...(on[1] ? { week: true } : {}) };
  const nth = ORDINAL.exec(q);
  if (nth) return { type: 'ordinal', n: ORDINALS[(nth[1] ?? nth[2])!]! };
  // "Of the three dated entries, which one falls in the middle?"
  return MIDDLE.test(q) ? { type: 'middle' } : null;
}

// "After that", "before then": the anchor is the statement the question puts first.
const DEMONSTRATIVE = /^(?:that|this|it|then|(?:that|this) (?:date|day|event|point|moment))$/u;
// "Earlier that same week", "later that day": near the statement put first.
const NEAR_LEAD = /\b(earlier|later)\s+(?:that|the|this)\s+(?:same\s+)?(day|week|month)\b/u;
// "What came next", "what followed": after the statement put first.
const NEXT = /\bnext\b|\bwhat followed\b/u;
// How a statement put first may open: "Starting from the pause on May 21, what ...".
const LEAD_FROM = /^\W*(?:(?:starting|counting|beginning|going on)\s+)?(?:from|after|following|since)\s+/u;

// "When was it first published", "the original release date", "initially put out", "when did it first come out".
const FIRST_PUBLICATION = /\b(?:first|originally|initially)\s+(?:(?:put|sent|went|came|come|go)\s+out|publi\w*|released?|issued|posted)\b|\b(?:original|initial)\s+(?:release|publication|posting)\b|\bfirst\s+publication\b/u;
// What a first publication is of: an advisory or a notice, not a product's release.
const PUBLISHED_NOTICE = /\b(?:advisory|advisories|alert|bulletin|notice|cisa|ics-cert)\b/u;

// The names of an office someone holds.
const OFFICES = String.raw`(?:director|head|chief|secretary|administrator|chair(?:man|woman|person)?|president|ceo|cto|ciso|leader|manager|officer|commissioner|minister|ambassador|advis[eo]r|czar)`;

/**
 * A change of someone's role ("before he became acting director", "when did she step into the role"):
 * only a passage that tells of it dates it, not one that names the role ("Acting Director X said ...").
 */
export const ROLE_CHANGE = new RegExp(
  [
    String.raw`\b(?:became|become|becomes|becoming|named|appointed|nominated|promoted|confirmed\s+as|sworn\s+in\s+as|step(?:ped|ping|s)?\s+(?:in|up)\s+as)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{L}'’.-]+\s+){0,3}?${OFFICES}\b`,
    // ("Took over" alone, as anything, or from someone: not "take over the clearinghouse".)
    String.raw`\b(?:took|take|takes|taking)\s+(?:office|the\s+(?:job|role|helm|reins))\b|\b(?:took|take|takes|taking)\s+over(?=\s*(?:[?.!,;]|$|\s+(?:as|from)\b))|\bstep(?:ped|ping|s)?\s+into\s+(?:the|that|this|his|her|their)\s+(?:role|job|post|position)\b|\bresign(?:ed|s|ing)?\b`,
    // "Since when has X been acting director", "how long has she been CISA's chief": when the office was taken.
    String.raw`\b(?:since\s+when|how\s+long)\s+(?:has|have|had)\b[^?]*?\bbeen\b[^?]*?\b${OFFICES}\b`,
  ].join('|'),
  'iu',
);

/** A statement without the marks that end it ("trump signed on june 2 - "). */
const unpunctuated = (text: string) => text.replace(/[\s—–:.,!-]+$/u, '');

/** The statement a question puts before what it asks ("Trump signed on June 2 - what came next?": "trump signed on june 2"), or before its last sentence. */
function leadOf(q: string): string | null {
  const lead = LEAD_CLAUSE.exec(q)?.[0] ?? /^(.+?)[.!]\s+(?=[^.!]+$)/u.exec(q)?.[1];
  return lead ? unpunctuated(lead).replace(LEAD_FROM, '').trim() || null : null;
}

/** An advisory's revisions asked of ("what did Update A change", "when was it last revised"), or null. */
function updateIntent(q: string): Extract<TemporalIntent, { type: 'update' }> | null {
  // (An advisory is named by its id too: "when was ICSA-22-258-04 last revised".)
  if (!/\b(updated?|changed?|revised|revision|add(ed)?)\b/.test(q) || !/\badvisory\b|\bicsm?a-\d|\bupdate [a-h]\b|\brevision \d+\b/.test(q) || /\bupdate to\b/.test(q)) return null;
  // "Update A and B" names two.
  const names = [...q.matchAll(/\b(?:(revision \d+)|updates? ([a-h])|(?<=\bupdates? [a-h](?:,? (?:and |& )?[a-h])*,? (?:and |& )?)([a-h]))\b/gu)].map((m) => m[1] ?? `update ${m[2] ?? m[3]!}`);
  // ("Updated after its first release" asks of the updates, not of the first release.)
  return { type: 'update', names, first: FIRST_PUBLICATION.test(q.replace(/\b(?:after|since|following)\s+(?:its|the|their|that|this)?\s*(?:first|original|initial)\b/gu, '')) };
}

/** Reads a temporal question: earliest/latest, N days after X, before/after X, two events related, in Month YYYY. */
export function temporalIntent(question: string): TemporalIntent | null {
  const q = question.toLowerCase().replace(/[?!.]+$/, '').trim().replace(AND_A_HALF, halfCounted);
  const intent = readTemporal(q);
  if (!intent || !('anchor' in intent) || !DEMONSTRATIVE.test(intent.anchor)) return intent;
  const lead = leadOf(q);
  return lead ? { ...intent, anchor: lead } : intent;
}

function readTemporal(q: string): TemporalIntent | null {
  const offset = OFFSET.exec(q);
  // "N days of X" is a span only with its bound ("within two days of X"): it says no side but after.
  if (offset && (offset[4] !== 'of' || (offset[1] && WITHIN.test(offset[1])))) {
    const [, bound, count, unit, side, anchor] = offset;
    const days = daysIn(count!, unit!);
    const sign = /^(?:before|earlier than|prior to|ahead of|in advance of)$/u.test(side!) ? -1 : 1;
    return { type: 'offset', days: sign * days, anchor: anchorOf(anchor!), ...(bound ? { bound: WITHIN.test(bound) ? 'within' : 'beyond' } : {}) };
  }
  const ordinal = ORDINAL_OFFSET.exec(q);
  if (ordinal) {
    const [, nth, unit, side, anchor] = ordinal;
    return { type: 'offset', days: (/after|following/u.test(side!) ? 1 : -1) * ORDINALS[nth!]! * (UNIT_DAYS[unit!] ?? 1), anchor: anchorOf(anchor!) };
  }
  const taken = TAKE_AND_GO.exec(q);
  if (taken) {
    const [, anchor, way, count, unit] = taken;
    return { type: 'offset', days: (way === 'back' ? -1 : 1) * daysIn(count!, unit!), anchor: anchorOf(anchor!) };
  }
  const back = BACK_FROM.exec(q);
  if (back) {
    const [count, unit, anchor] = back[1] ? [back[1], back[2]!, back[3]!] : [back[4]!, back[5]!, back[6]!];
    return { type: 'offset', days: -daysIn(count, unit), anchor: anchorOf(anchor) };
  }
  const forward = FORWARD_FROM.exec(q);
  if (forward) {
    const [count, unit, anchor] = forward[1] ? [forward[1], forward[2]!, forward[3]!] : [forward[4]!, forward[5]!, forward[6]!];
    return { type: 'offset', days: daysIn(count, unit), anchor: anchorOf(anchor) };
  }
  // "X on June 4. Earlier that same week, what ...": within that span before (or after) the statement put first.
  const near = NEAR_LEAD.exec(q);
  const nearLead = near ? unpunctuated(q.slice(0, near.index)) : null;
  if (near && nearLead) return { type: 'offset', days: (near[1] === 'earlier' ? -1 : 1) * (UNIT_DAYS[near[2]!] ?? 1), anchor: nearLead, bound: 'within' };
  const leadingUp = LEADING_UP.exec(q);
  if (leadingUp) return { type: 'offset', days: -daysIn(leadingUp[1] ?? 'a', leadingUp[2]!), anchor: anchorOf(leadingUp[3]!), bound: 'within' };
  const order = /\b(?:which|what)\s+(?:came|happened|occurred|was)\s+(first|earlier|sooner|last|later)\b[:,]?\s*(.+?)\s+or\s+(.+)$/.exec(q);
  if (order) return { type: 'order', first: /first|earlier|sooner/.test(order[1]!), anchors: [order[2]!, order[3]!] };
  // "The pause versus the signing: which one came earlier?"
  const versus = /^\W*(.+?)\s+(?:versus|vs\.?|or)\s+(.+?)\s*[:,—–-]+\s*(?:which|what)\s+(?:one\s+)?(?:came|comes|happened|occurred|was|is)\s+(first|earlier|sooner|last|later)\b/u.exec(q);
  if (versus) return { type: 'order', first: /first|earlier|sooner/.test(versus[3]!), anchors: [versus[1]!, versus[2]!] };
  // "The dates of the first release and of Update A": an advisory's first publication and its revisions, not two events to look for.
  const update = updateIntent(q);
  if (update?.first) return update;
  const events = eventsIntent(q);
  if (events) return events;
  if (update) return update;
  // ("As of what date" asks for one.)
  const asOf = /\bas of\s+(?!(?:what|which)\s+(?:date|day)\b)(.+)$/u.exec(q);
  if (asOf) return { type: 'until', anchor: anchorOf(asOf[1]!) };
  // "Everything from 1 June 2026 onwards": after that day.
  const onwards = /\bfrom\s+(.+?)\s+(?:onwards?|forwards?|on(?=\s*(?:[,.;?!]|$)))/u.exec(q);
  if (onwards) return { type: 'after', anchor: anchorOf(onwards[1]!) };
  const rel = /\b(?:happened|occurred|came|followed|took place|was done|did \w+ do|events?|dated|everything|anything)\b.*?\b(after|before|following|prior to|since|ahead of|in the (?:days|week)s? (?:after|before))\s+(.+)$/.exec(q)
    ?? /^(?:what|which)\b.*?\b(after|before|following|prior to)\s+(.+)$/.exec(q);
  if (rel) {
    const after = /after|following|since/.test(rel[1]!);
    return after ? { type: 'after', anchor: anchorOf(rel[2]!) } : { type: 'before', anchor: anchorOf(rel[2]!) };
  }
  const leading = LEADING_SIDE.exec(q);
  if (leading) return /after|following|since/u.test(leading[1]!) ? { type: 'after', anchor: leading[2]!.trim() } : { type: 'before', anchor: leading[2]!.trim() };
  const next = NEXT.test(q) ? leadOf(q) : null;
  if (next) return { type: 'after', anchor: next };
  if ((FIRST_PUBLICATION.test(q) && PUBLISHED_NOTICE.test(q)) || /\b(earliest|first known|oldest|first event|first thing|began|start(ed)? it all|first (?:dated )?(?:development|step|entry)|(?:is|was) the first one\b|opening event|(?:original|initial) (?:release|publication))\b|\bkick(?:ed|s)?\s+(?:[\w-]+\s+){0,3}off\b|\bset\s+(?:[\w-]+\s+){0,3}in motion\b|\bstart(?:ed|s)?\s+(?:the|this)\s+(?:whole\s+)?(?:sequence|chain|timeline|story)\b|\b(?:which|what)\s+(?:one|event|entry|development)\s+(?:comes?|came|happened|occurred)\s+first\b/.test(q)) return { type: 'earliest' };
  // (A lab's "newest model", a vendor's "latest firmware", is a thing, not an event.)
  if (/\b(latest|most recent|newest|last known|last event|most recently|last (?:dated )?(?:thing|development|step|entry)|(?:is|was) the last one)\b(?!\s+(?:(?:ai|frontier|advanced)\s+)?(?:models?|versions?|firmware|releases?|software|patch(?:es)?|builds?|products?|systems?|editions?)\b)/.test(q)) return { type: 'latest' };
  // "In May 2026", "June '26 developments": the events of that month.
  // So are "late-May 2026" and "the same week of June 2026".
  const month = /\b(?:in|of|during|early|mid|late)[\s-]+\p{L}+\s+\d{4}\b|^\W*\p{L}+\s+['’]?\d{2,4}\s+(?:developments?|events?|timeline|news|updates?)\b/u.test(q) ? monthKey(q) : null;
  if (month) return { type: 'month', month };
  return null;
}

/** "Who reported / discovered the flaw": asks for the researchers an advisory credits, whose names its entity lines list. */
export const CREDIT_QUESTION =
  /^\W*(?:who|which\s+(?:[a-z-]+\s+){0,3}?(?:researchers?|organi[sz]ations?|compan(?:y|ies)|firms?|teams?|people))\s+(?:(?:first|actually|originally|initially)\s+)?(?:reported|discovered|found|identified|disclosed|uncovered)\b[^?]*\b(?:vulnerabilit(?:y|ies)|flaws?|bugs?|weakness(?:es)?|issues?|problems?|defects?|hijack(?:s|ing)?|leaks?|CVE-\d{4}-\d+|denial[- ]of[- ]service|overflows?|injections?|traversal|scripting|xss|csrf|bypass|hard-coded|exposure|escapes?|holes?|to\s+CISA\b)/i;
/** "Who is behind CVE-X", "who makes the Y": the vendor, whom the Vendors line names. */
export const VENDOR_QUESTION = /^\W*who\s+(?:is|are|was|were)\s+behind\b|^\W*who\s+(?:makes|made|manufactures|manufactured|sells|sold|develops|developed|produces|produced)\b/iu;
/** A question that asks for a version: "What GE Communicator version removes ...", "which firmware revision", "what firmware should X move to", "which ProjectSend release fixes ...", "up to which version ...", "which release number ...", "which hotfix level", "which patch level", "which Automation Studio release from B&R actually patches ...", "which Zelio Soft 2 releases are vulnerable", "which Ovation releases on the OCR400 are affected", "which revision should we update to" (not "which software does CVE-X concern", a product). */
export const VERSION_QUESTION =
  /^\W*(?:(?:up to|until|through|from|since|in|on)\s+)?(?:what(?:'s|’s)\s+(?:(?!and\s+(?:which|what)\b)[^\s?]+\s+){0,7}?|(?:what|which)\s+(?:[^\s?]+\s+){0,7}?)(?:versions?|(?:firmware|software) (?:releases?|builds?|revisions?)|(?:release|build|revision) numbers?)\b|^\W*(?:what|which)\s+(?:[^\s?]+\s+){0,4}?(?:(?:firmware|releases?|builds?|revisions?)\s+(?:should|must|do|does|did|can|will|is)|(?:firmware|software|releases?|builds?|hotfix(?:es)?|service[ -]packs?|patch(?:es)?)\s+(?:\p{L}+ly\s+)?(?:fix|fixes|fixed|addresses|resolves|patches|corrects|closes|closed|remediates|eliminates|adds|added|introduces|introduced|removes|removed|includes|included|contains|ships|supports))\b|^\W*(?:what|which)\s+(?:[^\s?]+\s+){0,2}?(?:builds?|releases?|firmware|revisions?)\s+of\b(?=[^?]*\b(?:fix|fixes|fixed|address|addresses|resolves?|patch|patches|corrects?|closes?|remediates?|removes?|affected|vulnerable|exposed|impacted|susceptible)\b)|^\W*(?:what|which)\s+(?:[^\s?]+\s+){0,5}?(?:builds?|releases?|firmware|revisions?)\s+(?:(?:on|for|in)\s+(?:[^\s?]+\s+){1,3}?)?(?:are|is|were|was)\s+(?:\p{L}+\s+){0,2}?(?:affected|vulnerable|exposed|impacted|susceptible)\b|^\W*(?:what|which)\s+(?:(?!(?:date|day|did|does|do|will|would|can|could|should|is|are|was|were|vendors?)\b)[^\s?]+\s+){0,5}?(?:(?:patch|hotfix|update|service[ -]pack|firmware|software|release|build)\s+(?:levels?|numbers?)\b|(?:releases?|builds?)\s+(?:[^\s?]+\s+){1,3}?(?:fix|fixes|fixed|patch|patches|patched|resolves?|resolved|addresses|addressed|corrects|corrected|closes|closed|remediates)\b)/iu;
/** A search phrase for a fix's version: "exact Reolink firmware build that removes the key", "LabVIEW release number that fixes CVE-X". */
export const FIX_VERSION_PHRASE = /\b(?:versions?|builds?|releases?|firmware)(?:\s+numbers?)?\s+(?:that|which)\s+(?:fix|fixes|removes?|address(?:es)?|patch(?:es)?|resolves?|corrects?|closes?|eliminates?)\b/iu;
const FIX_WORDS = /\b(fix|fixes|fixed|patch\w*|address|addresses|addressed|resolves?|resolved|remediat\w*|corrects?|corrected|removes?|should|move|upgrade|update|rid of|eliminat\w*|close[sd]?)\b/iu;

// "What is CVE-X (about)?", "what does CVE-X do", "describe CVE-X", "tell me about CVE-X"; the id alone, "CVE-X".
const DESCRIBE_ASKED = /^\W*(?:(CVE-\d{4}-\d{4,7})\W*$|what(?:'s|’s|\s+is|\s+was)\s+(CVE-\d{4}-\d{4,7})(?:\s+about)?\W*$|what\s+(?:does|did)\s+(CVE-\d{4}-\d{4,7})\s+(?:do|allow|mean|affect)\b|(?:describe|explain|tell me about|summari[sz]e)\s+(CVE-\d{4}-\d{4,7})\b)/iu;
// "CVE-X - what product, and what's the problem?", "got CVE-X on a scan: the nature of the weakness?", "what is CVE-X and which
// product does it hit?": a question of one CVE that asks what its flaw is and nothing else of it (its fix, score, versions or dates).
const FLAW_OF_CVE_ASKED = /\bwhat(?:'s|’s|\s+is|\s+was)\s+(?:(?:the|this|that)\s+)?(?:(?:actual|real)\s+)?(?:problem|issue|bug|flaw|vulnerability|wrong|(?:this\s+)?one\s+about|it\s+about|it|CVE-\d{4}-\d{4,7})\b|\bwhat\s+happens\b|\bnature\s+of\s+(?:the\s+)?(?:weakness|bug|flaw|problem|issue|vulnerability)\b/iu;
const ASKS_MORE_OF_CVE = /\b(?:fix\w*|patch\w*|versions?|releases?|firmware|updates?|upgrade|cvss|scores?|severity|severe|serious|rated|when|dates?|kev|workarounds?|mitigat\w*|who|ports?)\b/iu;
// Flaws asked for in the plural: "X vulnerabilities", "what security issues affect X".
// So is one asked for by what it is: "X - what is the vulnerability CISA flagged?".
/** Any advisory on a product asked for: "anything published on X?", "any advisory on X?", "did CISA put out anything on X?" (not what a text says, "does it say anything about X?", nor what its timeline holds, "anything on the timeline in May"). */
export const ANY_ADVISORY_ON = /\bany\s+(?:cisa\s+|ics\s+)?(?:advisor(?:y|ies)|bulletins?|alerts?)\s+(?:on|about|for|covering)\b|(?:^\W*|\b(?:is|was)\s+there\s+|\b(?:put|got)\s+out\s+|\b(?:publish|release|issue)(?:e?d)?\s+)anything\s+(?:(?:published|out|new)\s+|from\s+cisa\s+)?(?:on|about|for)\s+(?!(?:the\s+|this\s+|its\s+)?(?:timeline|record|story|this|that|it)\b)/iu;
// So are they when any advisory on a product is asked for (ANY_ADVISORY_ON): its flaws are what it is about.
const FLAWS_ASKED = new RegExp(
  `${/\b(?:vulnerabilities|vulns|flaws|bugs|security (?:issues|holes|problems)|cves|cve (?:ids|numbers|identifiers))\b|^\W*what(?:'s|’s|\s+is|\s+was)\s+the\s+(?:vulnerability|flaw|bug|weakness|security (?:issue|hole|problem))\b/u.source}|${ANY_ADVISORY_ON.source}`,
  'iu',
);
// The CVE ids themselves: "which CVEs were published for X", "list the CVE numbers".
const CVES_ASKED = /\bcves\b|\bcve (?:ids|numbers|identifiers)\b/iu;
// Of flaws, something else asked: who found them, their fix, score, versions, date ("what day was the advisory on X
// vulnerabilities published"), count, the products they are in; or a yes or no.
const OTHER_ASK =
  /^\W*(?:is|are|was|were|has|have|had|do|does|did|can|could|will|would|should)\b|\b(?:who|whom|when|how many|dates?|(?:what|which)\s+(?:exact\s+)?day|fix\w*|patch\w*|workarounds?|mitigat\w*|versions?|releases?|firmware|updates?|upgrade|cvss|scores?|severity|kev|exploited|catalog|researchers?|reported by|credited)\b|\b(?:which|what)\s+(?:[\p{L}\d/-]+\s+){0,3}?(?:models?|products?|devices?|product\s+lines?|series)\s+(?:are|is|were|was)\b/iu;
/**
 * Flaws asked for in the plural: their CVE ids ("which CVEs ..."), what they are ("what are the
 * X vulnerabilities", "X flaws"), something else of them ("who reported the X flaws", "is there
 * a fix for X bugs"), or none.
 */
export type FlawsAsked = 'cves' | 'described' | 'flaws' | null;

/** The entity line that lists an advisory's CVEs. */
export const CVES_LINE = /^CVEs(?: \(continued\))?: /u;
/** The entity line that lists an advisory's weaknesses (CWEs). */
export const WEAKNESSES_LINE = /^Weaknesses(?: \(continued\))?: /u;
/** An advisory's fact line of its products: "Products: EDS-G508E Series; EDS-G516E Series". */
export const PRODUCTS_LINE = /^Products(?: \(continued\))?: /u;
/** A body passage that describes one of an advisory's flaws: a paragraph of it opens "CVE-2020-27290: Exposure of Sensitive Information ... (CWE-200). An ...". */
export const FLAW_DESCRIPTION = /(?:^|\n)(CVE-\d{4}-\d+): /u;
/** Where a body passage's description of a CVE opens ("CVE-X: ..."), or -1 when it has none. */
export const flawDescriptionAt = (p: { kind: PassageKind; text: string }, cve: string): number => (p.kind === 'body' ? p.text.indexOf(`${cve}: `) : -1);

/** The passages that credit someone: the People and Organizations lines, and a sentence of who reported a flaw. */
export const CREDIT_TEXT = /^(?:People|Organizations)(?: \(continued\))?: |\b(?:reported|credited with)\b[^.]*\bvulnerabilit/u;

// When an advisory came out: "when did CISA publish the X advisory", "the release date of the X advisory", "what day did the X advisory go out",
// "X advisory - release date", "release date of ICSA-24-177-01" (its id names an advisory).
const AN_ADVISORY = `(?:advisor(?:y|ies)|bulletins?|alerts?|${ADVISORY.source})`;
const ADVISORY_PUBLISHED = new RegExp(
  `\\b(?:publication|publish|release) date\\b[^?]*\\b${AN_ADVISORY}\\b|\\b${AN_ADVISORY}\\b[^?]*\\b(?:publication|publish|release) date\\b|\\b(?:when|what (?:date|day)|which day|on what day)\\b(?=[^?]*\\b(?:publish\\w*|releas\\w*|issu\\w*|post\\w*|put out|come out|came out|go out|went out)\\b)(?=[^?]*\\b${AN_ADVISORY}\\b)`,
  'i',
);

/** "What could an attacker do", "what does an attacker get out of it", "what is the impact": what exploiting a flaw allows. */
export const IMPACT_ASKED = /\bwhat (?:could|can|might|would|may|does|do|will) (?:an? |the )?(?:attackers?|hackers?|adversar(?:y|ies)|intruders?|someone)\b[^?]*\b(?:do|achieve|accomplish|gain|get)\b|\b(?:impact|consequences?)\b|\bwhat (?:happens|could happen|can happen) if\b/i;

/** The words that ask for a score ("What is the CVSS of X", "how severe is X"): a flaw's score line answers. */
const SCORE_CUE = /\b(cvss|score[sd]?|severity|how severe|how serious|how critical|base score|vector string)\b/i;

// Words that say which kind of passage answers a question.
const KIND_CUES: { re: RegExp; kind: PassageKind; weight: number }[] = [
  { re: SCORE_CUE, kind: 'vulnerability', weight: 0.35 },
  // "Which controllers are listed (in scope, covered)": the affected products.
  { re: /\b(affected|affects|vulnerable (products?|versions?)|which products?|which versions?|versions? (are|is) (vulnerable|exposed)|up to which|in scope|which [^?]{1,40}\b(are|is) (listed|covered|included))\b/i, kind: 'vulnerability', weight: 0.35 },
  {
    re: /\b(patch(es|ed)?|fix(es|ed)?|update to (version|v?\d)|upgrade|mitigat\w*|workarounds?|work(s|ing)? around|remediat\w*|what should (users|operators|customers|i)\b.*\b(do|update|upgrade)|fixed version|resolves?|recommend\w*|how (can|do|should|could) [^?]*\b(protect|defend|secure|prevent|guard|reduce the risk)|(versions?|releases?|firmware|updates?) (that )?(address|addresses|corrects?)|(ship|release|issue|provide|publish)\w* (an? )?(security|software|firmware) update|(security|software|firmware) (updates?|patch(es)?|fix(es)?) (coming|planned|on the way|available)|vendor['’]?s? (advice|guidance|recommendations?)|(what|which) (version|firmware|release|build|revision)\b[^?]*\b(wants?|tells?|advises?|expects?) (us|users|customers|operators|owners)\b|should (we|i|users|customers|operators) (be on|run|move to|go to|install|update to|upgrade to)\b)\b/i,
    kind: 'remediation',
    weight: 0.35,
  },
  // "What could an attacker do", "what is the impact": an advisory's prose says what exploitation allows.
  { re: IMPACT_ASKED, kind: 'body', weight: 0.35 },
  // "Who reported the flaw" asks who found it (an advisory credits them), not which outlet wrote.
  { re: /\bwho reported\b(?![^?]*\b(vulnerabilit(y|ies)|flaws?|bugs?|weakness(es)?|CVE-\d))|\b(which (outlet|publication|site|source)|published by|who (wrote|published|covered)|reported (on|that)|sources?)\b/i, kind: 'source', weight: 0.25 },
  // A KEV entry records its use in ransomware campaigns in its catalog event, beside the dates.
  { re: /\b(kev|known exploited|due date|remediation due|added to|ransomware)\b/i, kind: 'timeline', weight: 0.35 },
  // ("Which revision should we update to", "which revision does X want us on" ask for a fix's version, not the advisory's.)
  { re: /\b(what changed|revision(?!s?\s+(?:should|must|do|does|did|can|will)\b)|revised|update [a-h]\b)|\badvisory\b.*\bupdated?\b|\bupdated?\b.*\badvisory\b/i, kind: 'timeline', weight: 0.35 },
  { re: /\b(when|what date|which day|on what day|(release|publication|disclosure) date)\b/i, kind: 'timeline', weight: 0.15 },
  // "When did CISA publish the X advisory": its publication is a dated event, which no fix or score states.
  { re: ADVISORY_PUBLISHED, kind: 'timeline', weight: 0.35 },
  { re: /\b(which|what) ([\p{L}-]+ ){0,2}(agencies|bodies|officials|organizations|vendors?|vendor['’]s|sectors|entities|people|offices|cwes?|cves|weaknesses)\b|\bnamed in\b/iu, kind: 'entity', weight: 0.2 },
  // "Which devices does the advisory cover / list": its Products line names them.
  { re: /\b(?:products|devices|models)\b[^?]*\b(?:covered|covers?|listed|lists?|included|includes?)\b/i, kind: 'entity', weight: 0.2 },
  { re: CREDIT_QUESTION, kind: 'entity', weight: 0.2 },
  { re: VENDOR_QUESTION, kind: 'entity', weight: 0.2 },
];

/** Entity lines only restate names: unless a question asks for names, they rank below passages that say something. */
const ENTITY_PENALTY = -0.3;

// A topic put first, then the question: "CVE-2024-8110 — what product is hit?", "We run X 12.1.2:
// which build fixes ...?". What is asked is read from the question; the topic's words still count.
// A comma puts a topic first only before a wh-word ("CVE-X plaintext password storage, which device is that in?").
// So does a sentence before the question ("There was a robot whose updates leaked credentials. Which product was that?"),
// and a remark before one asked with a preposition ("quick check before I send this out: on which day did ..."), or after a
// semicolon ("X has a bunch of command injection CVEs; which version should we be on?").
const LEAD_CLAUSE = /^[^?]+?(?:\s[—–-]+\s*|[—–]\s*|[:;]\s+|[.!]\s+|,\s+(?=(?:what|which|who|whom|whose|when|where|why|how)\b))(?=(?:(?:on|in|at|by|from|for|to)\s+(?:what|which|whom)|what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|will|would|has|have)\b)/iu;
// "When officials argued about X, what else ...", "so when developers hand models over, is that compulsory?": a clause
// that sets the scene, not a question of when.
// (A condition, "if a lab finds X, does the order make it tell anyone?", is what a yes-or-no question asks of.)
const SETTING_CLAUSE = /^\W*(?:when|while|whenever|once|if|as)\s(?!(?:did|does|do|is|are|was|were|will|would|has|have|had|can|could|should)\b)[^?,]+,\s+(?=[^?]*\b(?:what|which|who|whom|whose|how)\b)|^\W*(?:(?:so|and|but|now)\s+)?(?:when|while|whenever)\s(?!(?:did|does|do|is|are|was|were|will|would|has|have|had|can|could|should)\b)[^?,]+,\s+(?=(?:is|are|was|were|do|does|did|can|could|should|will|would|has|have|had)\b)/iu;
// "Apart from CISA and the NSA, is Treasury ...": what is set aside first; the question follows (a wh-question's comma is LEAD_CLAUSE's).
const EXCEPTION_CLAUSE = /^\W*(?:apart from|aside from|besides|other than|except for|in addition to|along with)\s[^?,]+,\s+(?=(?:is|are|was|were|do|does|did|can|could|should|will|would|has|have|had)\b)/iu;
const MIDDLE = /\b(?:falls?|comes?|sits?|is|was|lands?)\s+in the middle\b|\bthe middle (?:one|event|entry|date|development)\b/u;
// "Name the file ...", "list the agencies ...": a request that asks which.
const REQUEST = /^\W*(?:please\s+)?(?:name|list|identify)\s+(?:the\s+|all\s+(?:of\s+)?(?:the\s+)?)?(?=\p{L})/iu;
// How the asker wants the answer, not what they ask: a label before the question ("Quick check:",
// "In one line:") and a request after it ("yes/no", "short answer", "ISO format please").
const ANSWER_LABEL = /^\W*(?:(?:(?:quick|sanity|sequence|fact|date|timing|source|simple|last|final|one more|follow[- ]up)\s+){0,2}(?:check|question|one|q)|(?:\p{L}+\s+){1,2}check(?:\s+for\s+(?:a|an|the|my|our)\s+[^:?]{1,30})?(?=\s*:)|in (?:one|a single) (?:line|sentence|word)|count(?:ing)?(?:\s+the)?\s+days(?:\s+for\s+(?:me|us))?|briefly|short answer|tl;?dr|yes or no|true or false|bottom line(?:\s+for\s+[^:?]{1,40})?)\s*(?:[:—–]|\s-\s)\s*|^\W*(?:for the record|in (?:one|a single) (?:line|sentence)|(?:in\s+)?plain (?:english|terms|words|language)(?:\s*,?\s*(?:please|pls|plz))?|in layman'?s terms|simply put|put simply)\s*[,:—–]\s*/iu;
const ANSWER_REQUEST = /(?:[\s,;:.—–-]|\?\s)+(?:(?:just\s+)?(?:yes\s*(?:\/|or)\s*no|y\/n|true or false|(?:a\s+)?short answer|briefly|in (?:one|a single) (?:line|sentence|word)|(?:in\s+)?ISO(?:[- ]8601)?(?: date)?(?: format)?|one word is (?:fine|ok(?:ay)?|enough)|word for word|verbatim|(?:a\s+)?one[- ]word answer|(?:the\s+)?(?:date|name|number) only|acronyms?\s+(?:are\s+|is\s+)?(?:ok(?:ay)?|fine))(?:\s*,?\s*(?:please|pls|plz))?|please|pls|plz|thanks|thank you|thx)\W*$/iu;
// A format asked for in brackets, "(YYYY-MM-DD)", "(ISO 8601)", or by its pattern or name wherever it stands ("the YYYY-MM-DD date", ", yyyy-mm-dd", "the ISO date").
const FORMAT_ASKED = /\s*\((?:yyyy-mm-dd|iso(?:[- ]8601)?|dd\/mm\/yyyy|mm\/dd\/yyyy)\)|\s*\biso(?:[- ]8601)?(?=\s+(?:date|day|timestamp)s?\s+(?!please\b)\w)|\s*\b(?:(?:in|as)\s+)?(?:yyyy-mm-dd|dd\/mm\/yyyy|mm\/dd\/yyyy)(?:\s+format)?\b|\s*\b(?:in|as)\s+(?:an?\s+)?iso(?:[- ]8601)?(?:\s+(?:format|form|date))?\b/giu;
// Why the asker asks, not what: "Our legal folks are asking:", "so I can check the math", "for our policy tracker".
// So is what the asker is busy with ("Building a slide deck.", "Prepping a CISO brief -", "For the chronology section of my memo:", "I need a proper footnote for ...") and what they (or their team) want to do with the answer ("I want to work out how long ...", "Our legal team wants to know ...").
const ASKER_LEAD = /^\W*(?:our|my|the)\s+(?:[\p{L}-]+\s+){0,3}?(?:is|are)\s+asking\s*:\s*|^\W*(?:(?:i'?m|i am|we'?re|we are|just|currently)\s+)?(?:building|writing|working on|putting together|prepping|preparing|drafting|updating|compiling|finishing)\s+(?:a|an|the|my|our|some)\s+[^.?!:—–]{1,60}?(?:[.!:]|\s[—–-]+)\s+|^\W*(?:i|we|(?:our|my)\s+(?:[\p{L}-]+\s+){0,2}?(?:team|folks|people|boss|manager|lawyers|counsel|department|office))\s*(?:want|wants|need|needs|would like|'d like|am trying|'m trying|are trying|'re trying|is trying)\s+to\s+(?:know|work out|figure out|find out|check|confirm|understand|pin down)\s+|^\W*(?:i|we)\s+(?:remember|recall|heard|read|saw)\s+(?:(?:reading|seeing|hearing)\s+)?(?:that\s+)?|^\W*(?:our|my|the)\s+(?:slide\s+)?(?:deck|slides?|notes|draft|memo|report|doc|document|spreadsheet|tracker|timeline)\s+(?:currently\s+|still\s+|just\s+|only\s+)?says?\s+(?:that\s+)?|^\W*(?:i|we)\s*(?:need|want|would like|'d like)\s+(?:both|the\s+two|two|the|all(?:\s+the)?)\s+(?:dates?|days?)\b[^:?.]{0,40}(?:[:.]|\s-)\s+(?=(?:what|which|who|when|where|how|did|does|do|was|were|is|are)\b)|^\W*(?:i|we)\s*(?:need|want|'d like|would like)\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+)?(?:footnote|citation|reference|cite)\s+(?:for|on)\s+(?=(?:the|a|an|that|this)\b)|^\W*(?:a|my|our)\s+(?:colleague|coworker|co-worker|boss|manager|teammate)\s+(?:claims|says|said|thinks|insists|told me)\s+(?:that\s+)?|^\W*for\s+(?:a|an|the|my|our)\s+(?:[\p{L}'’-]+\s+){0,3}?(?:ticket|footnote|tracker|memo|report|slides?|write-?up|notes|records|briefing|deck|chronology|timeline|summary|presentation|rules?|detections?|signatures?|playbook|query|audit|inventory|assessment|spreadsheet|dashboard|newsletter|email)\b(?:[^:?—–]{0,30}(?:[:—–]|\s-)\s*|,?\s+(?=(?:i|we)\s+(?:need|want)\b))/iu;
// What the asker adds after the question about what they have seen or think ("I've seen 'scanning' mentioned but ..."): no part of what is asked.
// So is a guess after it ("... about? two topics I think"), or what others do ("everyone keeps shortening it"), or what the asker is trying to work out ("trying to figure out if ...").
// So is asking for the dates of what was asked ("... the newest? I need its date for my note", "Give me both dates.", "Pls include both dates"): the events are told with their dates.
// (Not a day the remark tells by its event, "I want the day signing plans were halted and the day Trump signed": that is the question.)
const ASKER_REMARK = /(?<=\?)\s+(?:i|we)(?:'ve|\s+have)?\s+(?:seen|saw|heard|read)\s[^?]*$|(?<=\?)\s+(?:(?:i|we)\s+(?:need|want|'d like|would like)|(?:(?:please|pls|plz)\s+)?(?:(?:give|tell|send)\s+(?:me|us)|include|add|list|show|provide))\s+(?:its|the|their|that|this|both|all|each)\s+(?:\p{L}+\s+)?(?:dates?|days?)\b(?!\s+(?!(?:of|for|on|in|to|from)\b)(?:[\p{L}'’-]+\s+){0,3}?(?:was|were|is|are|did|had|got)\b)[^?]*$|(?<=\?)\s+(?:the\s+)?(?:dates?|days?)\s+(?:for|of)\s+(?:both|each|all|them|the two)\b[^?]*$|(?<=\?)\s+[^?]{0,40}\b(?:i think|i believe|i guess|iirc)\W*$|(?<=\?)\s+(?:everyone|everybody|people|folks)\s[^?]*$|(?<=\?)\s+(?:(?:i'?m|i am|we'?re|we are|just)\s+)?trying to (?:figure out|work out|find out|understand|see|check|confirm|decide|gauge)\b[^?]*$/iu;
const ASKER_PURPOSE = /,?\s+(?:so (?:that )?(?:i|we) can\s+[^?.]+|for (?:a|the|my|our) (?:[\p{L}-]+\s+)?(?:ticket|footnote|tracker|memo|report|slides?|write-?up|notes|records|team|briefing|deck)\b)(?=\s*[?.]?\s*$|\s*[?.]\s)/giu;
// Idioms for what a story's events are told with: "put pen to paper" signs, "put X on ice" or "freeze" pauses X, "get rid of" removes.
const IDIOMS: readonly [RegExp, string][] = [
  [/\bput(?:s|ting)?\s+(?:the\s+|his\s+|her\s+|their\s+)?pen\s+to\s+paper\b|\bput(?:s|ting)?\s+(?:his|her|their|the|a)\s+signature\s+(?:on|to)\b/giu, 'sign'],
  // "Walk me through", "run me through": explain.
  [/\b(?:walk|run|talk|take)\s+(?:me|us)\s+through\b/giu, 'explain'],
  // "Got yanked", "was pulled": withdrawn.
  [/\byank(?:ed|s|ing)?\b|(?<=\b(?:got|get|gets|was|were|been|being)\s+)pulled\b/giu, 'withdrawn'],
  // "Any development on this": any event, not something developed.
  [/\b(any|other|new|further|later|more)\s+developments?\b/giu, '$1 event'],
  // "The day Trump's signature went on the order": the day Trump signed it.
  [/\b((?:the\s+)?(?:president|trump|biden))['’]s\s+signature\s+(?:went|landed)\s+on\b/giu, '$1 signed'],
  [/\b((?:the\s+)?(?:president|trump|biden))['’]s\s+signature\s+(?:go|goes|land|lands)\s+on\b/giu, '$1 sign'],
  // "The signature date", "the president's signature": the signing.
  [/\bsignature\s+date\b|\bdate\s+of\s+(?:the\s+|his\s+|her\s+)?signature\b/giu, 'signing date'],
  [/\b(?:the\s+)?(?:president|trump|biden)['’]s\s+signature\b|\bthe\s+(?:actual|final|eventual)\s+signature\b|\bthe\s+signature(?=\s*(?:[,.?!;:]|$))/giu, 'the signing'],
  // "Signature on the EO": the signing of it.
  [/\bsignature\s+on\s+(?=the\b)/giu, 'signing of '],
  // "What was the draft centered on": what it focused on.
  [/\b(?:centered|centred)\s+(?:on|around)\b/giu, 'focused on'],
  [/\b(?:put|puts|putting)\s+((?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+)\s+on\s+(?:ice|hold)\b/giu, 'pause $1'],
  [/\bfroze\b|\bfrozen\b|(?<=\b(?:got|get|gets|was|were|been|being)\s+)delayed\b/giu, 'paused'],
  [/\bfreez(?:e|es|ing)\b/giu, 'pause'],
  // "The Philips Engage ICSMA", "which ICSAs": an advisory, called by its id's prefix (not an id: "ICSA-22-006-01").
  [/\bICSM?As\b/gu, 'advisories'],
  [/\bICSM?A\b(?!-)/gu, 'advisory'],
  // "How many days post-signing": after the signing.
  [/\bpost-(?=\p{L}+ing\b)/giu, 'after '],
  // "Which outlet ran that story": published it.
  [/\b(?:ran|runs|run)\s+(?=(?:a|an|the|that|this|its|their)\s+(?:[\p{L}-]+\s+)?(?:story|stories|piece|pieces|article|articles|report|item|headline|column|op-ed)\b)/giu, 'published '],
  // "Which publication ran that?", "which outlet carried the interview", "who ran it": published it.
  [/(?<=\b(?:which|what)\s+(?:[\p{L}-]+\s+){0,2}?(?:publications?|outlets?|sites?|websites?|papers?|newspapers?|magazines?|publishers?)\s+)(?:ran|runs|carried|carries)\b|(?<=(?:^\W*|[.?!:]\s+)who\s+)(?:ran|runs|carried|carries)\b(?=\s+(?:it|that|this|them|["“'‘]))/giu, 'published'],
  // "What day was it when X said ...": when X said it.
  [/\bwhat\s+(?:day|date)\s+was\s+it\s+when\b/giu, 'when'],
  // "Which releases are exposed to the bypass": affected by it.
  [/\b(is|are|was|were)\s+exposed\s+to\b/giu, '$1 affected by'],
  // "Shore up defenses": strengthen them.
  [/\bshores\s+up\b/giu, 'strengthens'],
  [/\bshored\s+up\b/giu, 'strengthened'],
  [/\bshoring\s+up\b/giu, 'strengthening'],
  [/\bshore\s+up\b/giu, 'strengthen'],
  // "When did CISA push Update A", "did they push out a fix": release it (not "the push for ...").
  [/(?<=\b(?:did|does|do|will|would|to)\s+(?:(?!(?:the|a|an|this|that|its|their)\b)[\p{L}\p{N}'’-]+\s+){0,3})push(?:\s+out)?\b/giu, 'release'],
  [/\bpushed\s+out\b/giu, 'released'],
  // "Which build takes care of the crash": fixes it.
  [/\btakes\s+care\s+of\b/giu, 'fixes'],
  [/\btook\s+care\s+of\b/giu, 'fixed'],
  [/\b(?:take|taking)\s+care\s+of\b/giu, 'fix'],
  [/\bgets\s+rid\s+of\b/giu, 'removes'],
  [/\bgot\s+rid\s+of\b/giu, 'removed'],
  [/\b(?:get|getting)\s+rid\s+of\b/giu, 'remove'],
  [/\b(?:hold|holds|held|holding)\s+off\s+on\b|\bhit(?:s|ting)?\s+(?:the\s+)?pause\s+(?:button\s+)?on\b/giu, 'pause'],
  // "Hit the brakes on", "halted", "shelved", "stalled", "got held up", "put on hold": paused.
  [/\b(?:hit|hits|hitting|put|puts|putting|slam|slammed|slamming)\s+the\s+brakes\s+on\b/giu, 'pause'],
  [/\b(?:put|placed)\s+on\s+(?:ice|hold)\b|\b(?:halted|shelved|stalled)\b|(?<=\b(?:got|get|gets|was|were|been|being)\s+)held\s+up\b/giu, 'paused'],
  [/\b(?:halt|halts|halting|shelve|shelves|shelving)\b/giu, 'pause'],
];

/** A question without the asker's instructions on the answer's form: "Quick check: is X on the list? yes/no" is "is X on the list?". */
export function questionProper(question: string): string {
  // "CVSS-wise", "score-wise": as to the CVSS, the score.
  // A label may follow what the asker is busy with: "Prepping a brief - in one line, what ...".
  let q = IDIOMS.reduce((text, [re, plain]) => text.replace(re, plain), question).replace(ANSWER_LABEL, '').replace(ASKER_LEAD, '').replace(ANSWER_LABEL, '').replace(ASKER_REMARK, '').replace(ASKER_PURPOSE, '').replace(FORMAT_ASKED, '').replace(/\b([\p{L}\p{N}]+)-wise\b/gu, '$1');
  for (let before = ''; before !== q; ) {
    before = q;
    q = q.replace(ANSWER_REQUEST, '');
  }
  // What a format stood at the end of leaves its comma ("... to sign, YYYY-MM-DD").
  q = q.trim().replace(/[\s,;:—–-]+$/u, '');
  if (!q) return question;
  return question.includes('?') && !q.endsWith('?') ? `${q}?` : q;
}
/** The question proper of a question that puts its topic first ("CVE-X — what product is hit?"), a request read as the question it asks ("name the file" as "which file"). */
export const askingClause = (question: string): string => question.replace(SETTING_CLAUSE, '').replace(EXCEPTION_CLAUSE, '').replace(LEAD_CLAUSE, '').replace(REQUEST, 'which ');

/** What a question read without understanding asks for: nothing beyond its words (search modes other than hybrid). */
export const NO_INTENT: QueryIntent = { identifiers: [], temporal: null, kindBoost: {}, datePrefix: null, credit: false, fixVersion: false, listsFlaws: null, asksForFix: false, describes: null, published: false, asksScore: false };

/** Reads what a question asks for: identifiers to look up, temporal intent and the passage kinds that answer it. */
export function queryIntent(question: string): QueryIntent {
  const identifiers = [...new Set([...question.matchAll(CVE), ...question.matchAll(CWE), ...question.matchAll(ADVISORY)].map((m) => m[0].toUpperCase()))];
  const kindBoost: QueryIntent['kindBoost'] = {};
  const asked = askingClause(question);
  const described = DESCRIBE_ASKED.exec(asked);
  for (const c of KIND_CUES) if (c.re.test(question) || c.re.test(asked)) kindBoost[c.kind] = Math.max(kindBoost[c.kind] ?? 0, c.weight);
  kindBoost.entity ??= ENTITY_PENALTY;
  return {
    identifiers,
    temporal: temporalIntent(question),
    kindBoost,
    datePrefix: datePrefix(question),
    credit: CREDIT_QUESTION.test(asked),
    fixVersion: (VERSION_QUESTION.test(asked) && FIX_WORDS.test(asked)) || FIX_VERSION_PHRASE.test(asked),
    listsFlaws: identifiers.length > 0 || !FLAWS_ASKED.test(asked) ? null : CVES_ASKED.test(asked) ? 'cves' : OTHER_ASK.test(asked) ? 'flaws' : 'described',
    asksForFix: (kindBoost.remediation ?? 0) > 0 && POLAR.test(asked),
    describes: described
      ? (described[1] ?? described[2] ?? described[3] ?? described[4])!.toUpperCase()
      : identifiers.length === 1 && identifiers[0]!.startsWith('CVE-') && FLAW_OF_CVE_ASKED.test(question) && !ASKS_MORE_OF_CVE.test(question)
        ? identifiers[0]!
        : null,
    published: ADVISORY_PUBLISHED.test(question),
    asksScore: SCORE_CUE.test(question),
  };
}

/** The date a question dates its subject by: "published on 2023-11-30", "from December 2023", "in 2019", "the 2018 X advisory". */
export function datePrefix(question: string): string | null {
  const day = /\b(\d{4}-\d{2}-\d{2})\b/.exec(question);
  if (day) return day[1]!;
  const month = monthKey(question);
  if (month) return month;
  // "The 2018 Philips advisory": a year before the advisory it dates.
  const year = /\b(?:in|from|during|of)\s+((?:19|20)\d{2})\b/i.exec(question) ?? /(?<![-\w])((?:19|20)\d{2})\s+(?:[\p{L}\p{N}.'’-]+\s+){0,5}?(?:advisory|advisories|bulletin|alert)\b/iu.exec(question);
  return year ? year[1]! : null;
}
