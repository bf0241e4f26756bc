import { splitSentences, trimSpan } from '../ingest/sentences.js';
import { queryIntent } from '../retrieval/intent.js';
import { queryTerms, stem as queryStem, wordStems as queryWordStems } from '../retrieval/query.js';
import type { SearchHit } from '../retrieval/search.js';
import { verifyQuote } from './verify.js';

/** One sentence of an extractive answer and the citation it came from. */
export interface AnswerSentence {
  text: string;
  /** 1-based index into `citations`. */
  citation: number;
  /** Offsets of the sentence within the cited passage's text. */
  passage_offsets: { start: number; end: number };
}

/** A quoted sentence checked against the passage it is attributed to. */
export interface AnswerQuoteCheck {
  quote: string;
  citation_id: string;
  verified: boolean;
}

/** An answer built only from stored sentences, each with its citation. */
export interface ExtractiveAnswer {
  /** False when no retrieved passage supports an answer: the answer then says so. */
  found: boolean;
  /** Why it declined, when it did. */
  declined_because?: string;
  answer: string;
  sentences: AnswerSentence[];
  /** Cited passages, numbered from 1 in order of first use. */
  citations: SearchHit[];
  /** Every sentence checked against its cited passage (verify_quote's rule). */
  quotes: AnswerQuoteCheck[];
}

/** Options for extractive answers. */
export interface ExtractiveOptions {
  /** Most sentences in an answer (default 3). */
  maxSentences?: number;
  /**
   * Least share of the question's content words that one passage (with its context) must
   * hold to support an answer, when the vector retriever is not confident either.
   */
  minCoverage?: number;
  /** Cosine similarity at which a passage supports an answer on meaning alone. */
  minSimilarity?: number;
}

/** What the answer says when nothing supports one. */
export const NOT_FOUND = 'The indexed stories do not say. No stored passage supports an answer to this question.';

// Defaults calibrated on the tune split of the seed and CSAF question sets, answerable and
// unanswerable alike (`npm run eval` prints the decline table; the holdout split checks them).
const MIN_COVERAGE = 0.5;
const MIN_SIMILARITY = 0.5;
// A question with this many content words (and this share of them) that no retrieved passage
// holds asks about something else.
const MIN_ABSENT = 3;
const ABSENT_SHARE = 0.34;
// The share of the question's words a sentence that gives a name must hold itself.
const NAME_COVERAGE = 0.5;
// Most sentences an answer to a list question quotes, one per passage.
const LIST_SENTENCES = 6;

// Question words that carry no content for support ("what happened", "tell me about"), and
// light verbs whose object carries the meaning ("get permission", "come out").
// "What kind of", "which specific", "actually issued" and "named in" ask, they do not say.
const QUESTION_WORDS = new Set(['happened', 'happen', 'happens', 'know', 'known', 'anything', 'something', 'thing', 'things', 'give', 'me', 'us', 'please', 'explain', 'describe', 'summary', 'summarize', 'many', 'much', 'there', 'any', 'whether', 'also', 'kind', 'kinds', 'type', 'types', 'sort', 'specific', 'exactly', 'actually', 'really', 'named', 'name', 'names', 'title', 'titles', 'full', 'date', 'dates', 'whose', 'get', 'gets', 'got', 'make', 'makes', 'made', 'take', 'takes', 'took', 'go', 'goes', 'went', 'come', 'comes', 'came']);

// The query stemmer, and a final "e" dropped, so "pause" meets "paused" and "issue" "issued".
const dropE = (w: string) => w.replace(/e$/u, '');
const stem = (w: string) => dropE(queryStem(w));
// A compound holds its parts: "pre-deployment" says "deployment", "3D-A1000" says "a1000".
const wordStems = (text: string): string[] => [...queryWordStems(text), ...(/[-.]\p{L}/u.test(text) ? queryWordStems(text.replace(/(?<=\p{L}|\d)[-.](?=\p{L}|\d)/gu, ' ')) : [])].map(dropE);
const wordsOf = (s: string) => new Set(wordStems(s));

// What a passage is, in the words a question uses for it: a source is something an outlet
// published or reported; a timeline passage is an event; an entity line lists the
// bodies, people or companies of its label. These words hold for the whole passage.
const SOURCE_WORDS = ['outlet', 'publication', 'publisher', 'published', 'report', 'reported', 'wrote', 'write', 'written', 'covered', 'coverage', 'article', 'piece', 'site', 'media'];
const EVENT_WORDS = ['event', 'events'];
// A remediation is a fix, a workaround or a mitigation, whichever its advisory files it under.
const REMEDIATION_WORDS = ['fix', 'fixes', 'patch', 'patches', 'workaround', 'workarounds', 'mitigation', 'mitigations', 'remediation', 'remedy', 'solution'];
const LABEL_WORDS: Record<string, string[]> = {
  agencies: ['agency', 'bodies', 'body', 'organizations', 'departments', 'government'],
  offices: ['office', 'bodies', 'body', 'officials', 'departments', 'government'],
  people: ['person', 'persons', 'individuals', 'officials', 'who'],
  organizations: ['organization', 'bodies', 'companies', 'groups'],
  vendors: ['vendor', 'companies', 'company', 'manufacturers', 'manufacturer', 'makers'],
  products: ['product', 'devices', 'systems', 'software'],
  weaknesses: ['weakness', 'flaws', 'flaw', 'bugs', 'cwe'],
  sectors: ['sector', 'industries', 'industry'],
};
const kindWords = (hit: SearchHit): string[] => {
  if (hit.kind === 'source') return SOURCE_WORDS;
  if (hit.kind === 'timeline') return EVENT_WORDS;
  if (hit.kind === 'remediation') return REMEDIATION_WORDS;
  if (hit.kind === 'entity') return LABEL_WORDS[(/^(\w+)/.exec(hit.text)?.[1] ?? '').toLowerCase()] ?? [];
  return [];
};
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** A dated passage says its month and year too: "CISA's June statement" is the event dated 2026-06-04. */
const dateWords = (hit: SearchHit): string[] => {
  const m = /^(\d{4})-(\d{2})/.exec(hit.date ?? '');
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? [m[1]!, stem(month)] : [];
};
/** The stemmed words a passage holds, with its context, its story's title, its date and what it is. */
const hitWords = (hit: SearchHit) => new Set([...wordStems(`${hit.context} ${hit.story_title} ${hit.text}`), ...kindWords(hit).map(stem), ...dateWords(hit)]);

/** The content terms of a question, stemmed. */
export function contentTerms(question: string): string[] {
  // A possessive's "s" ("CISA's") stems to nothing: it is no word to hold.
  return [...new Set(queryTerms(question).filter((t) => !QUESTION_WORDS.has(t)).map(stem))].filter((t) => t.length > 1);
}

// A word of the story's title is in every passage of the story: it says which story, not
// what the passage says, so it counts half.
const TITLE_WEIGHT = 0.5;

/** The share of the question's terms a set of words holds, a term of the story's title counting half. */
function coverageOf(words: ReadonlySet<string>, terms: readonly string[], title: ReadonlySet<string>): number {
  let held = 0;
  let all = 0;
  for (const t of terms) {
    const w = title.has(t) ? TITLE_WEIGHT : 1;
    all += w;
    if (words.has(t)) held += w;
  }
  return all ? held / all : 0;
}

/** How well a hit supports an answer: the share of content terms its text and context hold. */
export function support(hit: SearchHit, terms: readonly string[]): number {
  return coverageOf(hitWords(hit), terms, wordsOf(hit.story_title));
}

/**
 * Whether a hit supports an answer to the question at all: routed to it by an identifier or
 * the timeline, or close enough in words or meaning. An identifier the question names (a CVE,
 * say) must be what the passage is about: a passage about another CVE never answers it.
 */
export function isSupported(hit: SearchHit, question: string, terms: readonly string[], opts: Required<Pick<ExtractiveOptions, 'minCoverage' | 'minSimilarity'>>): boolean {
  if (hit.route) return true;
  const ids = queryIntent(question).identifiers;
  if (ids.length && !ids.some((id) => `${hit.context} ${hit.text}`.toUpperCase().includes(id))) return false;
  return (hit.similarity ?? 0) >= opts.minSimilarity || support(hit, terms) >= opts.minCoverage;
}

/** What kind of thing a question asks for, when a passage must state one to answer it. */
type AnswerType = 'quantity' | 'date' | 'name' | 'version';
const MONTH_NAMES = 'january|february|march|april|may|june|july|august|september|october|november|december';
const QUANTITY = new RegExp(
  // A number that is not part of a date, a number word, or a currency amount.
  `(?<![-\\d])(?<!(?:${MONTH_NAMES})\\s)\\d+(?:[.,]\\d+)?(?![-\\d])|\\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion)\\b|[$€£]`,
  'i',
);
// A title of two words or more, in quotes.
const QUOTED_TITLE = /["“][^"”]*\s[^"”]*["”]/u;
const MONEY_UNIT = 'money';
const MONEY = /[$€£¥]\s?\d|\b\d[\d,.]*\s?(dollars?|euros?|pounds?|usd|eur|gbp|million|billion)\b/i;
const DEADLINE_UNIT = 'deadline';
// A date or a span something is due by or within: "by June 30", "within 30 days", "due 2022-05-03".
const DEADLINE = new RegExp(`\\b(by|within|due|no later than|deadline|until)\\b[^.;]{0,40}(\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b(${MONTH_NAMES})\\b|\\b\\d+\\s+(days?|weeks?|months?|years?)\\b)`, 'i');
// A year inside an identifier ("CVE-2024-32863", "ICSA-24-214-03") dates nothing; a month is
// capitalised, and "may" is a month only before a day or a year ("an attacker may be able").
const MONTHS_BUT_MAY = MONTH_NAMES.split('|').filter((m) => m !== 'may').map((m) => `${m[0]!.toUpperCase()}${m.slice(1)}`).join('|');
const DATE = new RegExp(`\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b(${MONTHS_BUT_MAY})\\b|\\bMay\\s+\\d|(?<![-\\w])(19|20)\\d{2}\\b(?!-\\d)`, 'u');
// Words that speak of something still to come: a date of it is when it is planned.
const PLANNED = /\b(will|shall|plans?|planned|planning|expects?|expected|scheduled|intends?|intended|upcoming|forthcoming|is to|are to|by the end of)\b/i;
// Words that end the noun a "how many" question counts ("how many staff will ...").
const AUXILIARIES = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'will', 'would', 'can', 'could', 'should', 'have', 'has', 'had', 'must', 'may', 'might', 'of', 'in', 'for', 'to']);

/** What a question asks for: an amount (and the noun it counts, if named), or a date. */
interface Expected {
  type: AnswerType;
  /** The stemmed noun a quantity must be stated with ("staff" in "how many staff"), or the kind of thing a name is asked for ("outlets"). */
  unit: string | null;
  /** A list is asked for ("which outlets", "which agencies"): every supported passage may add one. */
  list?: boolean;
  /** Time between two events is asked for: each event's date answers, whichever was planned. */
  interval?: boolean;
  /** A date still to come is asked for ("when will X release a fix"): a sentence that plans it answers, a dated event does not. */
  future?: boolean;
}

// Nouns for things known by their names (bodies, companies, people, products, outlets): "which
// companies ..." is answered by naming one, not by a sentence that mentions companies.
const PRODUCT_KINDS = new Set([...LABEL_WORDS.products!, 'products', 'system', 'device', 'firmware', 'controller', 'controllers'].map((w) => stem(w)));
const NAMED_KINDS = new Set([...Object.values(LABEL_WORDS).flat(), ...Object.keys(LABEL_WORDS), 'companies', 'firms', 'firm', 'operators', 'operator', 'group', 'groups', 'gang', 'gangs', 'actor', 'actors', 'outlets', 'outlet', 'publications', 'publication', 'researcher', 'researchers', 'models', 'model', 'advisory', 'advisories', 'partner', 'partners', 'member', 'members', 'country', 'countries', 'nation', 'nations', 'city', 'cities', 'region', 'regions'].map((w) => stem(w)));
// "Which outlets ...", "in which country ...": a place is asked for by its name too.
const WHICH_NOUN = /^\W*(?:(?:in|from|to)\s+)?(?:which|what)\s+((?:[\p{L}\p{N}-]+\s+){0,3}?)([\p{L}-]+)\s+(?:is|are|was|were|will|would|has|have|had|do|does|did|can|could|must|should|signed|agreed|named|run|runs|in|of|that|who)\b/u;

function expected(question: string): Expected | null {
  const q = question.toLowerCase();
  // "What is the name of ...", "which companies ...": the answer names someone or something. ("Who
// can receive ..." may be answered by "selected trusted partners": "who" alone does not ask for a name.)
  if (/\bname of the\b/.test(q)) return { type: 'name', unit: null };
  // "What is the (full) title of ...": a title is quoted where it is given.
  if (/^\W*what(?: is|'s| was) the (?:full |official )?title of\b/.test(q)) return { type: 'name', unit: 'title' };
  // "Which outlets reported ...": the noun right after "which", whatever verb follows.
  const noun = WHICH_NOUN.exec(q)?.[2] ?? /^\W*which\s+([\p{L}-]+)/u.exec(q)?.[1];
  if (noun && NAMED_KINDS.has(stem(noun))) return { type: 'name', unit: stem(noun), list: stem(noun) !== noun && /s$/.test(noun) };
  // How long between two events is read from their dates.
  if (/\bhow (many|much) (days?|weeks?|months?|years?|time)\b.*\b(after|before|between|since|until|later|earlier)\b|\bhow (long|soon)\b.*\b(after|before|between|since|until)\b/.test(q)) return { type: 'date', unit: null, interval: true };
  // "How much did the patch cost": an amount of money, not any number.
  if (/\bhow much\b.*\b(cost|costs|spend|spent|pay|paid|price|priced|worth|lose|lost|charge|charged)\b/.test(q)) return { type: 'quantity', unit: MONEY_UNIT };
  const count = /\bhow (?:much|many)\s+([^?]*)/.exec(q);
  if (count) {
    const words = count[1]!.match(/[\p{L}\p{N}]+/gu) ?? [];
    const end = words.findIndex((w) => AUXILIARIES.has(w));
    const noun = end > 0 ? words[end - 1]! : null;
    return { type: 'quantity', unit: noun && !QUESTION_WORDS.has(noun) ? stem(noun) : null };
  }
  if (/\b(what (amount|number|percentage|share)|how (large|big))\b/.test(q)) return { type: 'quantity', unit: null };
  // "What GE Communicator version removes ...", "which versions are affected": a version number.
  if (/^\W*(?:what|which)\s+(?:[\p{L}\p{N}.-]+\s+){0,4}?versions?\b/u.test(q)) return { type: 'version', unit: null };
  // A deadline is a date something is due by: "near-term deadlines" does not say which, and
  // the date an event happened is no deadline.
  if (/\bdeadlines?\b/.test(q)) return { type: 'date', unit: DEADLINE_UNIT };
  // "When" opens a question about time; inside one ("decide when a system qualifies") it does not.
  if (/^\W*(?:and\s+|so\s+)?(since |until |by )?when\b|\b(what|which) (date|day|year|month)\b|\bon what\b|\bdue date\b/.test(q)) return { type: 'date', unit: null, ...(FUTURE_QUESTION.test(q) ? { future: true } : {}) };
  return null;
}

/** Whether a sentence states what the question asks for: a date, or an amount with the noun it counts. */
function states(exp: Expected, sentence: string, question = ''): boolean {
  // A CVSS score or vector ("base score of 7.8", "CVSS:3.1") is no version.
  if (exp.type === 'version') return VERSION_STATED.test(sentence.replace(/\bCVSS\S*(?:\s+v\d(?:\.\d)?)?|\bscore(?:\s+of)?\s+\d+(?:\.\d+)?|\(AV:\S+/giu, ''));
  if (exp.type === 'date' && exp.unit === DEADLINE_UNIT) return DEADLINE.test(sentence);
  if (exp.type === 'date' && exp.future) return DATE.test(sentence) && PLANNED.test(sentence);
  if (exp.type === 'date') return DATE.test(sentence) && (exp.interval === true || !onlyPlanned(sentence, question));
  if (exp.type === 'name') return exp.unit === 'title' ? QUOTED_TITLE.test(sentence) : namesNew(sentence, question);
  if (exp.unit === MONEY_UNIT) return MONEY.test(sentence);
  if (!QUANTITY.test(sentence)) return false;
  // "30-day" counts days: compound words are split for the unit.
  return !exp.unit || (sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).some((w) => stem(w) === exp.unit);
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

/** Whether a passage states the expected answer in one of its sentences (a dated event states its date). */
function passageStates(exp: Expected, hit: SearchHit, question: string): boolean {
  // An event's date is when it happened: it dates nothing still to come.
  if (exp.type === 'date' && hit.date && exp.unit !== DEADLINE_UNIT && !exp.future) return exp.interval === true || !onlyPlanned(hit.text, question);
  // Fact lines are names: an entity line lists them.
  // A source names its publisher, which answers only a question about who published.
  if (exp.type === 'name' && (isFact(hit) || (hit.kind === 'source' && exp.unit != null && SOURCE_WORDS.map(stem).includes(exp.unit)))) return true;
  if (exp.type === 'name' && hit.kind === 'source') return false;
  return splitSentences(hit.text).some((s) => states(exp, s.text, question));
}

/**
 * Whether a sentence names something the question does not: a capitalised word past its
 * first, an acronym, or an identifier, that is not one of the question's own words.
 */
function namesNew(sentence: string, question: string): boolean {
  const asked = new Set((question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem));
  let first = true;
  for (const m of sentence.matchAll(/[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu)) {
    const w = m[0];
    // An acronym of two letters is mostly a common noun shortened ("AI", "IT", "OT"); bodies'
    // acronyms run longer ("CISA", "NSA").
    const named = (/^\p{Lu}/u.test(w) && !first && !/^\p{Lu}{2}$/u.test(w)) || /^\p{Lu}{3,}$/u.test(w) || (/\p{L}\d|\d\p{L}/u.test(w) && /^\p{L}/u.test(w));
    first = false;
    if (named && !MONTH.test(w) && !asked.has(stem(w.toLowerCase()))) return true;
  }
  return false;
}

/**
 * A reason to decline before any sentence is weighed: the question names something no
 * retrieved passage mentions at all — a proper name ("OpenAI", "Congress"), or three or more
 * of its content words — so whatever the passages say, they are about something else.
 */
function missingSpecifics(question: string, allHits: readonly SearchHit[]): string | null {
  // A question routed by an identifier or the timeline is about the passages it was routed to:
  // a model or a thing asked for that they do not hold ("Which ASTRO radios does CVE-X affect?",
  // "which ransomware gang used CVE-X?" of a KEV entry that records no ransomware use) is not
  // made up for by another story that holds it.
  const routed = allHits.filter((h) => h.route === 'identifier');
  // A temporal question is routed to the timeline by its dates: what it names is weighed there.
  if (allHits.some((h) => h.route === 'timeline')) return null;
  const hits = routed.length ? routed : allHits;
  const seen = new Set<string>();
  for (const h of hits) {
    for (const w of hitWords(h)) {
      seen.add(w);
      // "3D-A1000" and "cisa.gov" also hold "a1000" and "cisa".
      if (/[-.]/.test(w)) for (const part of w.split(/[-.]/)) if (part) seen.add(stem(part));
    }
  }
  // The names of one thing are held by one story: the names mid-question must all be words of
  // one story's retrieved passages (with its title), as words, not stems ("Eaton Intelligent
  // Power Controller" is not the Power Manager's "control systems", "VISAM VBASE Web Remote" not
  // the VBASE advisory beside another story's "remote code execution"). The opening word is
  // capitalised whatever it is: its stem anywhere will do.
  const tokens = nameTokens(question);
  const byStory = new Map<string, Set<string>>();
  for (const h of hits) byStory.set(h.story_id, new Set([...(byStory.get(h.story_id) ?? []), ...namesHeld(h), ...kindWords(h)]));
  // What reads as a name (an acronym, a model, "cnPilot") is held as written; a word with only
  // a capital ("Fixes", "Pause") in another form of it ("fixed", "paused").
  const strong = (n: string) => /\p{Lu}{2}|\d|\p{Ll}\p{Lu}/u.test(n);
  const holds = (words: ReadonlySet<string>, n: string) => {
    const lower = n.toLowerCase();
    if (words.has(lower) || words.has(`${lower}s`) || (lower.endsWith('s') && words.has(lower.slice(0, -1)))) return true;
    if (strong(n)) return false;
    const bases = [lower, ...['ing', 'es', 'ed', 's', 'd', 'e'].filter((e) => lower.endsWith(e) && lower.length - e.length >= 3).map((e) => lower.slice(0, -e.length))];
    return [...words].some((w) => bases.some((b) => w.startsWith(b) && VERB_ENDINGS.has(w.slice(b.length))));
  };
  // Routed passages are few and all about the identifier: any trace there of what reads as a
  // name (an acronym, a model, "ASTRO") will do, their story's id too ("ICS" in "ICSA-24-256-21").
  const ids = routed.flatMap((h) => h.story_id.toLowerCase().split(/[-.]/));
  const traced = (n: string) => {
    const lower = n.toLowerCase();
    return seen.has(stem(lower)) || [...byStory.values()].some((w) => holds(w, n)) || (lower.length >= 3 && ids.some((w) => w.startsWith(lower)));
  };
  const mid = tokens.filter((n) => !n.opening).map((n) => n.name);
  // The story the names are about holds most of them, names that read as names first.
  const weight = (words: ReadonlySet<string>) => mid.reduce((sum, n) => sum + (holds(words, n) ? (strong(n) ? 10 : 1) : 0), 0);
  const bestStory = [...byStory.values()].sort((a, b) => weight(b) - weight(a))[0] ?? new Set<string>();
  // The identifier itself is what the passages were routed by.
  const identifiers = new Set(queryIntent(question).identifiers);
  const absentName = routed.length
    ? tokens.find((n) => (n.opening || strong(n.name)) && !identifiers.has(n.name.toUpperCase()) && !traced(n.name))?.name
    : (tokens.find((n) => n.opening && !traced(n.name)) ?? tokens.find((n) => !n.opening && !holds(bestStory, n.name)))?.name;
  if (absentName) return `no retrieved passage mentions "${absentName}"`;
  // The thing a question asks for ("which banks", "what prison sentences", "how many staff"):
  // when no retrieved passage holds any of its words, the passages say nothing of it, however
  // much of the rest of the question they hold.
  const asked = askedFor(question);
  // A word that begins another counts ("crimes" and "criminal"): this declines only on no trace at all.
  const held = (t: string) => seen.has(t) || (t.length >= 4 && [...seen].some((w) => w.startsWith(t) || (w.length >= 4 && t.startsWith(w))));
  if (asked.length && !asked.some(held)) return `no retrieved passage mentions ${asked.map((t) => `"${t}"`).join(', ')}`;
  // Routed passages are found by their id or date, not their words: the question's other words are theirs to weigh.
  if (routed.length) return null;
  const terms = contentTerms(question);
  // A word seen in another form ("permission", "permitting": five letters in common) is not absent.
  const seenForm = (t: string) => t.length >= 5 && [...seen].some((w) => w.length >= 5 && w.slice(0, 5) === t.slice(0, 5));
  const absent = terms.filter((t) => !seen.has(t) && !seenForm(t));
  if (absent.length >= MIN_ABSENT && absent.length >= ABSENT_SHARE * terms.length && !(KEYWORD_QUERY.test(question.trim()) && storyHolds(hits, terms))) return `no retrieved passage mentions ${absent.slice(0, 3).map((t) => `"${t}"`).join(', ')}`;
  return null;
}

// "Which ...", "what ...", "how many ..." and the noun phrase they ask for, up to the verb.
const ASKED_PHRASE = /^\W*(?:which|what|how many|how much)\s+((?:[\p{L}\p{N}-]+\s+){0,3}?[\p{L}\p{N}-]+)\s+(?:is|are|was|were|will|would|has|have|had|do|does|did|can|could|must|should|in|of|for|on|that|who|to)\b/u;
// Words that open the phrase without naming a thing ("what is the ...", "which of the ...").
const ASKED_MODALS = new Set(['should', 'can', 'could', 'would', 'will', 'do', 'does', 'did', 'has', 'have', 'had', 'must', 'may', 'might', 'shall']);
// A title or name is what any passage gives by quoting it: the words ask, they name no thing.
const ASKED_FILLER = new Set(['is', 'are', 'was', 'were', 'the', 'a', 'an', 'of', 'other', 'else', 'full', 'official', 'title', 'titles']);

/** The stemmed content words of the noun phrase a question asks for ("cvss score", "bank"). */
export function askedFor(question: string): string[] {
  const q = question.toLowerCase();
  // "Which banks raised ...": the word after "which" is what is asked for, whatever verb follows.
  const phrase = ASKED_PHRASE.exec(q)?.[1] ?? /^\W*which\s+([\p{L}\p{N}-]+)/u.exec(q)?.[1];
  if (!phrase) return [];
  // "What should users do", "what did X say": the question asks with a verb, not for a thing.
  if (ASKED_MODALS.has(phrase.split(/\s+/)[0]!)) return [];
  // A past participle is the verb ("what changed in") or qualifies the noun ("fixed version").
  const words = phrase.split(/\s+/).filter((w) => !ASKED_FILLER.has(w) && !/ed$/u.test(w));
  // A kind of thing known by its names ("which sectors", "which agency") is answered by naming
  // one, not by saying the word: the name rule weighs those.
  // A deadline is answered by the date something is due by, in whatever words (expected()).
  // So is a version, stated as one whether or not the word is there ("<= 2.0", "vers:all").
  return contentTerms(words.join(' ')).filter((t) => !NAMED_KINDS.has(t) && t !== stem(DEADLINE_UNIT) && t !== stem('version'));
}

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

// Words that open a question or a request: capitalised there, but not names.
const OPENERS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'is', 'are', 'was', 'were', 'do', 'does', 'did', 'can', 'could', 'should', 'would', 'will', 'has', 'have', 'had', 'tell', 'show', 'list', 'find', 'the', 'a', 'an', 'in', 'on', 'for', 'from', 'about', 'any', 'and', 'or', 'since', 'after', 'before', 'besides', 'according', 'under', 'i', 'we', 'compare', 'identify', 'provide', 'search', 'get', 'all', 'latest', 'recent', 'new', 'newest', 'known', 'critical', 'open', 'other', 'more', 'some', 'each', 'every', 'if', 'please']);
const MONTH = new RegExp(`^(${MONTH_NAMES})$`, 'i');

/**
 * The names a question uses: capitalised words (the first too, unless it opens the question:
 * "Peloton bike ..." names Peloton), and tokens mixing letters and digits ("A1000", "iQ-R").
 * Month names date a question; they are not names.
 */
function namesIn(question: string): string[] {
  return nameTokens(question).map((n) => n.name);
}

/**
 * The names a question uses, each with whether it is the question's first word (capitalised
 * there whatever it is). A capital inside a word names too ("cnPilot", "ePMP"), and so does a
 * number right after a name: a model number ("IDS 3300", "Force 300-25").
 */
function nameTokens(question: string): { name: string; opening: boolean; at: number }[] {
  const out: { name: string; opening: boolean; at: number }[] = [];
  let first = true;
  let afterName = false;
  let at = 0;
  for (const m of question.matchAll(/[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu)) {
    at++;
    const w = m[0];
    const lower = w.toLowerCase();
    const capital = /^\p{Lu}/u.test(w) && !(first && OPENERS.has(lower));
    const mixed = (/\p{L}\d|\d\p{L}/u.test(w) && /^\p{L}/u.test(w)) || /^\p{Ll}+\p{Lu}/u.test(w);
    const model: boolean = afterName && /^\d+(?:-\d+)*$/u.test(w) && !/^(19|20)\d{2}(?:-\d{2}){0,2}$/u.test(w);
    // A function word is no name, capitalised or not ("What Should Users ...").
    const name: boolean = (capital || mixed || model) && !QUESTION_WORDS.has(lower) && !MONTH.test(w) && queryTerms(lower).length > 0;
    if (name) out.push({ name: w.replace(/'s$/u, ''), opening: first, at });
    afterName = name && !model;
    first = false;
  }
  return out;
}

/**
 * The words of a passage (with its context and story title) as a name is matched against them:
 * whole and lower-cased, not stemmed ("control" is no "Controller"), with the parts of a
 * compound or a domain ("cisa.gov" holds "CISA", "Micro850/870" "870").
 */
function namesHeld(hit: SearchHit): Set<string> {
  const out = new Set<string>();
  for (const m of `${hit.context ?? ''} ${hit.story_title} ${hit.text}`.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:[-.'’][\p{L}\p{N}]+)*/gu)) {
    const w = m[0].replace(/['’]s$/u, '');
    out.add(w);
    if (/[-.'’]/u.test(w)) for (const part of w.split(/[-.'’]/u)) if (part) out.add(part);
  }
  return out;
}

// "What did X say / write / announce ...": a question about what someone said.
const SPEECH_QUESTION = /^\W*what (?:did|does|do|has|have|had|will) (.+?) (?:say|said|write|wrote|report|announce|state|think|claim|tell|argue|warn|publish|post)\b/i;
const SPEECH = /\b(said|says|say|saying|stated?|states|announced?|announces|told|tells|wrote|writes|written|reported|reports|according to|warned|warns|argued|argues|noted|notes|added|claimed|claims|commented|testified|confirmed|denied|published|responded|responds|reacted|reacts|replied|replies)\b/i;

// "How did X respond / react": what X said or did in answer, which a sentence of X speaking
// or responding tells, not one that only names X.
const RESPONSE_QUESTION = /^\W*how (?:did|does|do|has|have|had|will|would) (.+?) (?:respond|react|reply|answer)\b/i;

/** Who a "what did X say" or "how did X respond" question asks about: the stemmed words that name them. */
function speakerOf(question: string): { words: string[] } | null {
  const m = SPEECH_QUESTION.exec(question) ?? RESPONSE_QUESTION.exec(question);
  if (!m) return null;
  const words = contentTerms(m[1]!);
  return words.length ? { words } : null;
}

/** Whether a sentence reports what the speaker said, or a source passage is what they published. */
function speaks(hit: SearchHit, sentence: string, speaker: { words: string[] }): boolean {
  if (hit.kind === 'source') {
    const by = wordsOf(`${hit.source?.publisher ?? ''} ${hit.text}`);
    return speaker.words.some((w) => by.has(w) || [...by].some((b) => b.length >= 4 && b.startsWith(w)));
  }
  const words = wordsOf(sentence);
  return SPEECH.test(sentence) && speaker.words.some((w) => words.has(w));
}

// Words that end a do-question's verb: what follows it (an object's determiner, a preposition,
// a particle, an -ing form) or the question's end. "When did the clearinghouse begin operating?"
const AFTER_VERB = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'this', 'that', 'these', 'those', 'to', 'on', 'in', 'at', 'for', 'with', 'about', 'from', 'by', 'into', 'after', 'before', 'during', 'under', 'over', 'between', 'against', 'and', 'or', 'as', 'any', 'all', 'out', 'up', 'off', 'down', 'back', 'away', 'when', 'so', 'since', 'until', 'first', 'last', 'ever', 'yet']);
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'this', 'that', 'these', 'those', 'any', 'each', 'every', 'some']);
const COPULAS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
// "Which systems must agencies harden" asks for a thing the name and asked-for rules weigh, and
// "what will X focus on", "how will X decide" or "who can receive" for a plan or a right: their
// verbs are often the asker's own words. What someone did ("how did X respond", "when did X
// start") is said with its verb.
const DO_AUX = /^\W*(?:when|what|where|why|how)\s+(?:did|does|do)\s+(.+)$/iu;
// Verbs of beginning, going on and ending: the verb they take says what, they say when.
const ASPECTUAL = new Set(['start', 'starts', 'begin', 'begins', 'stop', 'stops', 'continue', 'continues', 'resume', 'resumes', 'finish', 'finishes', 'cease', 'ceases', 'end', 'ends', 'quit', 'quits']);
const PASSIVE = /^\W*(?:when|how|what|where|why|which|in which|on what|by whom|(?:which|what)\s+(?:[\p{L}\p{N}-]+\s+){1,3}?)\s*(?:was|were|is|are|has been|have been|had been)\s+(.+)$/iu;
// Saying and publishing: the speaker rule reads those ("what did X say"); any such verb in a
// sentence answers "when did CISA announce ...", so none of them is a hinge.
const COMMUNICATION = /^(say|said|says|tell|told|tells|write|wrote|writes|written|report|reported|reports|announce|announced|announces|state|stated|states|claim|claimed|warn|warned|argue|argued|note|noted|speak|spoke|spoken|comment|commented|publish|published|publishes|release|released|releases|issue|issued|issues|post|posted|describe|described|mention|mentioned|think|thought|respond|responded|react|reacted)$/;

/**
 * The word a question's answer hinges on beyond its topic: its main verb ("Who opposed the
 * proposals?", "When did the clearinghouse begin operating?", "Who was arrested for ...?").
 * A passage that holds every other word of the question but not this one says something else
 * about the same things. Null when the verb says nothing of its own (a copula, a light verb,
 * a verb of saying, "happened") or cannot be told.
 */
export function hingeVerb(question: string): string | null {
  const q = question.trim().replace(/[?.!]+$/u, '');
  const tokens = (text: string) => text.match(/[\p{L}\p{N}]+(?:[-.'’][\p{L}\p{N}]+)*/gu) ?? [];
  let verb: string | undefined;
  // "Who (in the administration) (will) opposed ...": a "who" that is the subject.
  const who = /^\W*who\s+(?:(?:in|at|from|of|inside|within|among)\s+(?:the\s+)?[\p{L}-]+\s+)?(.+)$/iu.exec(q);
  if (who) {
    const words = tokens(who[1]!);
    let i = 0;
    // "Who will lead X" asks who is to do it: its verb holds, and a plan says it (futureQuestion).
    // "Who can receive ..." asks for a right, often in the asker's own words.
    if (/^(will|would|shall)$/iu.test(words[0] ?? '') && !DETERMINERS.has((words[1] ?? '').toLowerCase())) i++;
    else if (/^(will|would|shall|can|could|should|must|may|might)$/iu.test(words[0] ?? '')) return null;
    if (/^(has|have|had|did|does|do)$/iu.test(words[0] ?? '')) i++;
    // "Who was arrested" is passive; "who is the director" asks who someone is (subjectOfWho).
    if (COPULAS.has((words[i] ?? '').toLowerCase())) verb = /(ed|en)$/u.test(words[i + 1] ?? '') ? words[i + 1] : undefined;
    // "Who will the clearinghouse work with": "who" is the object; the subject follows.
    else if (!DETERMINERS.has((words[i] ?? '').toLowerCase())) verb = words[i];
  } else {
    const passive = PASSIVE.exec(q);
    const done = DO_AUX.exec(q);
    if (done) {
      // The verb follows its subject: the first lowercase word, past the subject's first, that a
      // determiner, a preposition, a name or the end follows ("the order direct the attorney general").
      const words = tokens(done[1]!);
      for (let i = 1; i < words.length && !verb; i++) {
        const w = words[i]!;
        const next = words[i + 1];
        if (!/^\p{Ll}+$/u.test(w) || AFTER_VERB.has(w) || DETERMINERS.has(w)) continue;
        if (next === undefined || AFTER_VERB.has(next.toLowerCase()) || /ing$/u.test(next) || /^\p{Lu}|\p{Ll}\p{Lu}|\d/u.test(next)) {
          // A noun before "of" ("point of contact") is no verb. After "start", "begin", "stop" ...
          // the question asks when that happened: "start work on X" hinges on "start", not "work".
          if (next !== 'of') verb = ASPECTUAL.has(words[i - 1] ?? '') ? words[i - 1] : w;
        }
      }
    } else if (passive) {
      // "When was the revised order released after the pause?": the participle.
      verb = tokens(passive[1]!).find((w) => /^\p{Ll}+(?:ed|en)$/u.test(w) && !['open', 'often', 'given', 'seven', 'ten', 'even'].includes(w));
    }
  }
  if (!verb) return null;
  const lower = verb.toLowerCase();
  if (COMMUNICATION.test(lower) || COPULAS.has(lower) || QUESTION_WORDS.has(lower) || AUXILIARIES.has(lower) || /^\d/u.test(lower) || lower.length < 3) return null;
  return stem(lower);
}

/** "Who is/was X": the words of X, the thing whoever answers must be (its director, its contact). */
export function subjectOfWho(question: string): string[] {
  const m = /^\W*who\s+(?:is|are|was|were)\s+(?!\p{L}+(?:ed|en)\b)(.+?)\W*$/iu.exec(question.trim());
  return m ? contentTerms(m[1]!) : [];
}

/** "What did X say about Y": the words of Y, which the answer must speak of. */
export function aboutWhat(question: string): string[] {
  // "What did CISA publish about Emerson products": a publication is about its story, said or not.
  const m = /\b(?:say|said|write|wrote|state|think|claim|tell|argue|warn)\s+(?:\p{L}+\s+)?about\s+(.+?)\W*$/iu.exec(question.trim());
  // "What did X say China would do in response", "what did X report the White House released":
  // what is said is the clause after the verb, and a passage of X saying it holds its words.
  const clause = /\b(?:say|said|write|wrote|report|reported|state|think|claim|tell|argue|warn)\s+(?:that\s+)?(.+?)\W*$/iu.exec(question.trim());
  if (!SPEECH_QUESTION.test(question)) return [];
  return contentTerms((m ?? clause)?.[1] ?? '').filter((t) => !/\d/u.test(t));
}

// The endings a verb takes ("sign", "signed", "signing", "plans", "stopped"); "exploitation" and
// "drafts" in "a draft order" are other words.
const VERB_ENDINGS = new Set(['', 'e', 's', 'es', 'ed', 'd', 'ing', 'en', 'n', 'ied', 'ies', 'y', 'sed', 'ses', 'sing', 'ted', 'ting', 'ned', 'ning', 'red', 'ring', 'ped', 'ping', 'ged', 'ging', 'ded', 'ding']);

/**
 * Whether a text uses a verb as one, and as done: a form of it that no determiner makes a noun
 * ("A draft executive order" does not say who drafted it; "successful exploitation" is no
 * exploit done) and that no "to" or "will" makes a plan.
 */
function usesVerb(text: string, verb: string, planOk = false): boolean {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  const form = (w: string) => (w.startsWith(verb) && VERB_ENDINGS.has(w.slice(verb.length))) || (stem(w) === verb && !/(tion|sion|ment|ance|ence|ity|ness|ive|or)$/u.test(w));
  // Planned is not done: "plans to sign", "will be issued" do not say who signed or when.
  const planned = (i: number) => /^(to|will|would|shall)$/u.test(words[i - 1] ?? '') || (words[i - 1] === 'be' && /^(to|will|would|shall)$/u.test(words[i - 2] ?? ''));
  return words.some((w, i) => form(w) && !DETERMINERS.has(words[i - 1] ?? '') && (planOk || !planned(i)));
}

/** The words of what a passage is about: its context (an event's title, a source's publisher). */
const contextWords = (hit: SearchHit) => wordsOf(hit.context ?? '');

/** Whether a set of words holds a term, or a longer form of it ("exploit", "exploitation"); "director" is not "directive". */
const holdsTerm = (words: ReadonlySet<string>, t: string) => words.has(t) || (t.length >= 4 && [...words].some((w) => w.startsWith(t)));

// A version as advisories state one: "9.1.4", "V7.0.3", "r161", "07A06", "2020 U10", "all versions".
const VERSION_STATED = /\b[vV]?\d+(?:\.\d+)+|\b[vVrR]\d+\b|\b\d+[A-Z]\d+\b|\b[Uu]\d+\b|(?<![-\w])(?:19|20)\d{2}\b(?!-\d)|\ball versions\b|\bvers:/u;
// A version number: "9.1.4", "V7.0.3", "v16 Update 4".
const VERSION = /\b[vV]?\d+(?:\.\d+)+\b|\b[vV]\d+\b/u;
const CVE_ID = /\bCVE-\d{4}-\d{4,7}\b/i;
const VULNERABILITY_TOPIC = /\b(vulnerabilit(y|ies)|flaws?|bugs?|weakness(es)?|advisor(y|ies)|issues?)\b|^[^?]*$/i;
// Questions whose answer is a story: "which advisory covers ...", "what did CISA publish about ...",
// and a bare identifier or product named without a question (KEYWORD_QUERY).
const ASKS_FOR_STORY = /\b(advisor(y|ies)|bulletins?)\b|\bpublish(ed)?\b.*\babout\b/i;
const KEYWORD_QUERY = /^[^?]*$/;

// A question about what is to come: "who will lead ...", "when will X release a fix".
const FUTURE_QUESTION = /^\W*(?:who|what|when|where|which|how)\b[^?]*?\b(?:will|shall)\b/iu;

const PRONOUN_OPENING = /^(he|she|they|it|this|these|those|his|her|their|its)\b/i;

/** A sentence of a retrieved passage that may answer, with its span in the passage. */
interface Candidate {
  hit: SearchHit;
  text: string;
  start: number;
  end: number;
  score: number;
  covers: Set<string>;
}

/** A text's sentences, trimmed, with their spans in it. */
const trimmedSentences = (text: string) =>
  splitSentences(text).map((sen) => {
    const span = trimSpan(text, sen.start, sen.end);
    return { ...span, text: text.slice(span.start, span.end) };
  });

/** The sentence of a passage that ends right before an offset, as an answer candidate. */
function sentenceBefore(hit: SearchHit, start: number): Candidate | undefined {
  const prev = trimmedSentences(hit.text)
    .filter((span) => span.end <= start)
    .at(-1);
  return prev && prev.end > prev.start ? { hit, ...prev, score: 0, covers: new Set() } : undefined;
}

/** Fact passages (entity lines, scores, product status) are answered line by line, labelled. */
const isFact = (h: SearchHit) => h.field.startsWith('facts[');

/**
 * Picks the best-supported sentences from retrieved passages. The sentence that shares most
 * of the question's words, in a highly ranked passage, leads; other supported passages add
 * at most one sentence each. Fact lines keep their label ("CVE-2021-25670: ..."). Says plainly
 * when no passage supports an answer rather than quoting noise.
 */
export function extractiveAnswer(question: string, hits: SearchHit[], opts: ExtractiveOptions = {}): ExtractiveAnswer {
  let maxSentences = opts.maxSentences ?? 3;
  const thresholds = { minCoverage: opts.minCoverage ?? MIN_COVERAGE, minSimilarity: opts.minSimilarity ?? MIN_SIMILARITY };
  const terms = contentTerms(question);
  const decline = (because: string): ExtractiveAnswer => ({ found: false, declined_because: because, answer: NOT_FOUND, sentences: [], citations: [], quotes: [] });
  const missing = missingSpecifics(question, hits);
  if (missing) return decline(missing);
  const exp = expected(question);
  // A fact line listing the kind asked for ("People: ..." for "which officials") supports a name question.
  const listsKind = (h: SearchHit) => exp?.type === 'name' && exp.unit != null && isFact(h) && kindWords(h).map(stem).includes(exp.unit);
  // An entity line of another kind names none of what is asked: "Agencies: CISA; NSA" does not
  // say which partners, researchers or gangs.
  // The line's label and its kind words are what it lists ("People: ..." for "which people and
  // bodies"); any of them among the question's words will do.
  const listsOtherKind = (h: SearchHit) => {
    if (exp?.type !== 'name' || exp.unit == null || h.kind !== 'entity' || kindWords(h).length === 0) return false;
    const kinds = new Set([...kindWords(h), /^(\w+)/.exec(h.text)?.[1] ?? ''].map((w) => stem(w.toLowerCase())));
    return !kinds.has(exp.unit) && !terms.some((t) => kinds.has(t));
  };
  // A fix or a product-status line of the named product states its versions: it supports a
  // version question ("What GE Communicator version removes ...") in whatever words it asks.
  // A CVE it names must be the passage's own, as isSupported has it.
  const listsVersions = (h: SearchHit) =>
    exp?.type === 'version' && namesIn(question).length > 0 && (h.kind === 'remediation' || isFact(h)) && queryIntent(question).identifiers.every((id) => `${h.context} ${h.text}`.toUpperCase().includes(id));
  // A passage answers a question that names things ("Yokogawa STARDOM") only if it is about them:
  // it holds at least half of those names, in its text, its context or its story's title.
  const names = namesIn(question).map((n) => stem(n.toLowerCase()));
  const aboutNames = (h: SearchHit) => {
    if (h.route || names.length === 0) return true;
    const words = hitWords(h);
    return names.filter((n) => words.has(n)).length >= names.length / 2;
  };
  // The words the answer hinges on — the question's verb, who "who is X" asks about, what "what
  // did X say about Y" asks about — must be in the passage (its text, context or what it is).
  const verb = hingeVerb(question);
  // "Who will lead X": a plan ("CISA will lead it") answers what is to be done.
  const future = FUTURE_QUESTION.test(question);
  const about = aboutWhat(question);
  const hinges = [...(verb ? [verb] : []), ...subjectOfWho(question), ...about];
  const holdsHinges = (h: SearchHit) => {
    const words = hitWords(h);
    return hinges.every((t) => holdsTerm(words, t) || (t !== verb && wordsOf(h.story_title).has(t)));
  };
  const relevant = hits.filter((h) => aboutNames(h) && !listsOtherKind(h) && holdsHinges(h) && (isSupported(h, question, terms, thresholds) || listsKind(h) || listsVersions(h)) && (!exp || h.route || passageStates(exp, h, question)));
  if (relevant.length === 0) {
    if (hinges.length && hits.some((h) => aboutNames(h) && !holdsHinges(h))) return decline(`no retrieved passage says ${hinges.map((t) => `"${t}"`).join(', ')} of it`);
    if (!exp) return decline('no retrieved passage supports an answer');
    if (exp.type === 'name') return decline('no retrieved passage names what it asks for');
    if (exp.type === 'version') return decline('no retrieved passage states a version for it');
    return decline(exp.type === 'date' ? 'no retrieved passage states a date for it' : `no retrieved passage states ${exp.unit === MONEY_UNIT ? 'an amount of money' : exp.unit ? `a number of "${exp.unit}"` : 'an amount or number'} for it`);
  }
  // A list question ("which outlets reported ...") is answered by all it finds, not the first three.
  if (exp?.list && opts.maxSentences === undefined) maxSentences = LIST_SENTENCES;
  const top = relevant[0]!.score || 1;
  const intent = queryIntent(question);
  const speaker = speakerOf(question);
  const asksForStory = ASKS_FOR_STORY.test(question);
  // A question about a vulnerability that names no CVE is answered by the sentence that names one.
  const wantsCve = intent.identifiers.length === 0 && VULNERABILITY_TOPIC.test(question);
  const best: Candidate[] = [];
  const seconds = new Map<SearchHit, Candidate[]>();
  relevant.slice(0, exp?.list ? LIST_SENTENCES : 5).forEach((hit, rank) => {
    const all: Candidate[] = [];
    const title = wordsOf(hit.story_title);
    for (const s of splitSentences(hit.text)) {
      const span = trimSpan(hit.text, s.start, s.end);
      const text = hit.text.slice(span.start, span.end);
      if (text.length < 12 && !isFact(hit)) continue;
      // A question asking for a name is answered only by a sentence that names something.
      // A source names its publisher: that is the name a question about outlets asks for.
      const publisherAnswers = exp?.type === 'name' && hit.kind === 'source' && hit.source != null && exp.unit != null && SOURCE_WORDS.map(stem).includes(exp.unit);
      if (exp?.type === 'name' && !isFact(hit) && !publisherAnswers && hit.route !== 'timeline' && !states(exp, text, question)) continue;
      // A deadline or a version is stated where it is given: the sentence must state one.
      if ((exp?.unit === DEADLINE_UNIT || (exp?.type === 'version' && !isFact(hit))) && !states(exp, text, question)) continue;
      // "What did X say ..." is answered by X saying it, or by what X published.
      if (speaker && !speaks(hit, text, speaker)) continue;
      const words = new Set([...wordsOf(text), ...kindWords(hit).map(stem), ...dateWords(hit)]);
      // The sentence itself (with what its passage is about) says what the answer hinges on; of
      // what X spoke about, it names some ("Acme said the board is too slow"), its passage all.
      const says = (t: string) => (t === verb ? usesVerb(text, t, future) || kindWords(hit).map(stem).includes(t) : holdsTerm(words, t) || holdsTerm(contextWords(hit), t) || title.has(t));
      if (!hinges.filter((t) => !about.includes(t)).every(says) || (about.length > 0 && !about.some(says))) continue;
      const covers = new Set(terms.filter((t) => words.has(t)));
      const coverage = coverageOf(words, terms, title);
      // A name answers only in a sentence about what was asked: "The order tasks CISA, NSA ..."
      // does not say which agency runs the benchmarking.
      // An advisory is named by the answer itself (its id), whatever the sentence says.
      if (exp?.type === 'name' && !isFact(hit) && hit.kind !== 'source' && !hit.route && !asksForStory && coverage < NAME_COVERAGE) continue;
      // A sentence that states what was asked (a date, an amount of the thing counted) answers.
      const fits = exp && (states(exp, text, question) || publisherAnswers || (exp.type === 'date' && hit.date != null && s.start === 0)) ? 0.3 : 0;
      // The passage's rank matters as much as the sentence's words: retrieval saw its context.
      // A passage the timeline routed to answers by its date, whatever its words: it leads.
      const routed = hit.route === 'timeline' ? 1 : 0;
      // The kind of passage the question asks for (a fix, a score, a source) answers it.
      const kind = Math.max(0, intent.kindBoost[hit.kind] ?? 0);
      const cve = wantsCve && CVE_ID.test(text) ? 0.3 : 0;
      const score = coverage + fits + routed + kind + cve + 0.6 * Math.max(0, hit.score / top) - 0.05 * rank;
      all.push({ hit, text, ...span, score, covers });
    }
    all.sort((a, b) => b.score - a.score);
    if (all[0]) best.push(all[0]);
    seconds.set(hit, all.slice(1));
  });
  // Advisories written from one template say the same sentence of different products: of the
  // same sentence, the story whose retrieved passages together hold more of the question leads
  // ("radio transmitters that use fixed codes": the advisory whose fix speaks of radio transmitters).
  const storyCover = new Map<string, number>();
  for (const id of new Set(hits.map((h) => h.story_id))) {
    const words = new Set(hits.filter((h) => h.story_id === id).flatMap((h) => [...hitWords(h)]));
    storyCover.set(id, terms.filter((t) => words.has(t)).length / (terms.length || 1));
  }
  const sameText = new Map<string, number>();
  for (const c of best) sameText.set(c.text, Math.max(sameText.get(c.text) ?? -Infinity, c.score));
  for (const c of best) if (best.filter((o) => o.text === c.text).length > 1) c.score = sameText.get(c.text)! + 0.01 * (storyCover.get(c.hit.story_id) ?? 0);
  best.sort((a, b) => b.score - a.score);
  if (best.length === 0) return decline(speaker ? `no retrieved passage reports what ${speaker.words.join(' ')} said` : verb ? `no retrieved sentence uses "${verb}" as a verb` : 'no retrieved sentence states what it asks for');
  const picked: Candidate[] = [];
  for (const c of best) {
    if (picked.length >= maxSentences) break;
    if (picked.some((p) => p.text === c.text)) continue;
    picked.push(c);
    // The lead passage may go on: a sentence of it that holds question words the first one
    // lacks ("He said the directive will address ...") comes right after it.
    if (picked.length === 1) {
      // A fix is a version: "update to the latest patch." goes on with "It was fixed in Version 9.1.4."
      const versionLacking = (intent.kindBoost.remediation ?? 0) > 0 && !VERSION.test(c.text);
      // A sentence that opens with a pronoun ("He said the directive will address ...") goes with
      // the one before it, which says who.
      const before = PRONOUN_OPENING.test(c.text) ? sentenceBefore(c.hit, c.start) : undefined;
      const more = before ?? seconds.get(c.hit)?.find((o) => [...o.covers].some((t) => !c.covers.has(t)) || (versionLacking && VERSION.test(o.text)));
      // In the passage's own order.
      if (more && picked.length < maxSentences) picked.splice(more.start < c.start ? 0 : 1, 0, more);
    }
  }

  // A question about a vulnerability that names no CVE is answered with one: if no picked
  // sentence names a CVE, the best-scored sentence that does takes the last place.
  if (wantsCve && !picked.some((p) => CVE_ID.test(p.text))) {
    // Failing those, any retrieved passage of the lead's story that names one: every passage of
    // the advisory a product query finds is about it, ranked or not.
    const lead = picked[0]?.hit;
    const others = hits.filter((h) => lead && h.story_id === lead.story_id && !seconds.has(h) && aboutNames(h)).flatMap((h, i) =>
      trimmedSentences(h.text).flatMap((sen) => {
        const words = wordsOf(sen.text);
        return CVE_ID.test(sen.text) ? [{ hit: h, ...sen, score: coverageOf(words, terms, wordsOf(h.story_title)) - 0.05 * i, covers: new Set(terms.filter((t) => words.has(t))) }] : [];
      }),
    );
    const withCve = [...best, ...[...seconds.values()].flat()].filter((c) => CVE_ID.test(c.text)).sort((a, b) => b.score - a.score)[0] ?? others.sort((a, b) => b.score - a.score)[0];
    if (withCve) {
      if (picked.length >= maxSentences) picked.pop();
      picked.push(withCve);
    }
  }

  const citations: SearchHit[] = [];
  const sentences: AnswerSentence[] = picked.map((p) => {
    let n = citations.indexOf(p.hit) + 1;
    if (n === 0) n = citations.push(p.hit);
    return { text: p.text.replace(/\s+/g, ' '), citation: n, passage_offsets: { start: p.start, end: p.end } };
  });
  // When the answer is a story, each story is named where it is first cited.
  const named = new Set<string>();
  // A keyword query names its stories when it is an identifier, or its passages come from several.
  const q = question.trim();
  // "Which infusion pump system ...", among several advisories: the advisory's title names the product.
  const severalStories = new Set(hits.map((h) => h.story_id)).size > 1;
  const asksForProduct = exp?.type === 'name' && exp.unit != null && PRODUCT_KINDS.has(exp.unit) && severalStories;
  const namesStory = ASKS_FOR_STORY.test(q) || asksForProduct || (KEYWORD_QUERY.test(q) && (intent.identifiers.length > 0 || severalStories));
  const answer = sentences
    .map((s) => {
      const hit = citations[s.citation - 1]!;
      // A fact sentence cut from the middle of its line gets the line's label back; a source
      // title is said with its publisher, as a fact rather than as the story's prose.
      const label = hit.kind === 'source' && hit.source ? `${hit.source.publisher} published` : isFact(hit) && s.passage_offsets.start > 0 ? /^[^:]{1,80}:/.exec(hit.text)?.[0] : undefined;
      const story = namesStory && !named.has(hit.story_id) ? `${hit.story_title} (${hit.story_id}): ` : '';
      named.add(hit.story_id);
      return `${story}${label ? `${label} ` : ''}${s.text} [${s.citation}]`;
    })
    .join(' ');
  const quotes = sentences.map((s) => {
    const hit = citations[s.citation - 1]!;
    return { quote: s.text, citation_id: hit.citation_id, verified: verifyQuote(hit.text, s.text).found };
  });
  return { found: true, answer, sentences, citations, quotes };
}
