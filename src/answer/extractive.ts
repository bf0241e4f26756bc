// The offline answer: picks and scores the sentences of retrieved passages that answer a question
// (question.ts reads it, support.ts judges the passages), builds the cited answer, and says plainly
// when no passage supports one.

import { splitSentences, trimSpan } from '../ingest/sentences.js';
import { askingClause, CVES_LINE, FLAW_DESCRIPTION, flawDescriptionAt, IMPACT_ASKED, isCisaStory, MONTHS, MONTHS_SHORT, NO_FIX, POLAR, PRODUCTS_LINE, queryIntent, questionProper, ROLE_CHANGE, WEAKNESSES_LINE } from '../retrieval/intent.js';
import { speaksOfVersion, VERSIONS_NAMED } from '../retrieval/versions.js';
import { dayNumber } from '../retrieval/timeline.js';
import { flawAcronym } from '../retrieval/query.js';
import { STATUS_LABELS } from '../story/facts.js';
import { NO_KNOWN_RANSOMWARE, REQUIRED_ACTION } from '../story/kev.js';
import type { SearchHit } from '../retrieval/search.js';
import { verifyQuote } from './verify.js';
import { eventsCompared } from './events.js';
import { namesOutlet, outletWords } from './outlets.js';
import { contentTerms, contextWords, dateWords, FLAW_WORDS, hitWords, holdsTerm, inPassagePhrases, isFact, kindWords, PIECE_STEMS, saysOffice, SOURCE_STEMS, stem, wordsOf } from './words.js';
import { aboutWhat, asksForProductKind, ASKS_FOR_STORY, CANNOT_FIX, ORDERS_SOURCES, OTHER_THAN_NAMED, REPEATED_OUTLET, CREDIT_UNIT, SOMEONE_UNIT, PLACE_UNIT, CREDITS, DEADLINE_UNIT, DETAILS, EXPANSION_UNIT, expected, FUTURE_QUESTION, hingeVerb, KEYWORD_QUERY, MONEY_UNIT, namesIn, asksForTitleName, PRODUCT_KINDS, THREAT_KINDS, THREAT_NAME_ASKED, VULNERABILITY_LINE_KINDS, speakerOf, subjectOfWho, VERSION_NOUNS, VULNERABILITY_TOPIC, CVE_ASKED, CVE_ID, FLAW_KIND_ASKED, HIGHEST_ASKED, SCORE_ASKED } from './question.js';
import { acronymHeads, anchorDays, LINK, asksSourceTitle, QUOTED_TITLE, capitalHeads, coverageOf, daysNamed, isSupported, joinedWords, missingSpecifics, namesAKind, namesThreat, passageStates, publisherWords, speaks, states, statesDay, statesPlan, usesVerb, VERSION, withAcronyms } from './support.js';

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

/** An answer built only from stored sentences, each with its citation; a span of time asked for is counted between two cited dates. */
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
// The share of the question's words a sentence that gives a name must hold itself.
const NAME_COVERAGE = 0.5;
// A CVE's score line, as ingest writes it ("CVE-X: CVSS v3.1 base score ..."), with its CVE.
const SCORE_LINE = /^(CVE-\d{4}-\d+): CVSS\b/u;
// "What is CVE-X (and which devices ...)": what the CVE is, which its score line tells with its weakness.
const WHAT_CVE_IS = /\bwhat(?:'s|’s|\s+is|\s+was)\s+CVE-\d{4}-\d{4,7}\b/iu;
// Most sentences an answer to a list question quotes, one per passage.
const LIST_SENTENCES = 6;

// A model's name: letters and digits joined by a hyphen or a slash ("TopFD-2125", "G-Cam/EFD-2250"), not an identifier.
const MODEL = /(?<![\p{L}\d-])(?=[\p{L}\d/-]*\d)(?=[\p{L}\d/-]*\p{L}{2})[\p{L}\d]+(?:[-/][\p{L}\d]+)+(?![\p{L}\d])/gu;
// (A web address's path is none: "Download: https://support.industry.siemens.com/cs/document/109772802".)
const modelsIn = (text: string): string[] => (text.replace(LINK, ' ').match(MODEL) ?? []).filter((m) => !/^(?:CVE|CWE|ICS\w*)-/iu.test(m)).map((m) => m.toLowerCase());
/** Whether a text names none of its own models, or one of those asked for (or a part of one: "EFD-2250" of "G-Cam/EFD-2250", "PC3JX" of "TOYOPUC-PC3JX"). */
const sameModel = (asked: readonly string[], said: readonly string[]): boolean => said.length === 0 || said.some((m) => asked.some((a) => m === a || m.split('/').includes(a) || a.split(/[-/]/u).includes(m)));
// The product a fix is for, put first: "STARDOM: Update to VDS R8.10 ...", "iDefine for ProSafe-RS: Update to R1.16.4".
const FIX_LABEL = /^([^:.?!]{2,60}):\s/u;
// A model a fix's label names in one word, letters and digits ("PC10PE: Versions 1.02 or later").
const LABEL_MODEL = /^(?=[\p{L}\d]*\d)(?=[\p{L}\d]*\p{L}{2})[\p{L}\d]+$/u;
/** The models a fix names: in its text, and in one word as its label. */
const modelsOfFix = (text: string): string[] => [...modelsIn(text), ...(FIX_LABEL.exec(text)?.[1]?.split(/\s+/u).filter((w) => LABEL_MODEL.test(w)) ?? []).map((w) => w.toLowerCase())];
// A clause that asks: it opens with a question word or an auxiliary, after a link ("and", "if not,", "otherwise").
const ASKS = /^\W*(?:(?:and|but|or|so|also|otherwise|if\s+(?:not|so|yes|no))\b[,\s]*)*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|any)\b/iu;
// Where a second question joins the first: ", and is it ...", "? And what ...".
const SECOND_QUESTION = /,?\s+and\s+(?=(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|what|which|who|when|where|how)\b)|\?\s+(?=\S)/iu;
const CVE_IDS = new RegExp(CVE_ID.source, 'giu');
// What a question asking for a CVE by name expects ("which CVE is that").
const CVE_UNIT = stem('cve');
// A month, a day of the month, a year, as contentTerms gives them.
const DATE_TERM = new RegExp(`^(?:${MONTHS.map(stem).join('|')}|${MONTHS_SHORT}|\\d{1,2}(?:st|nd|rd|th)?|(?:19|20)\\d{2})$`, 'u');
// "What action does CISA require", "what are agencies told to do": a KEV entry's required action.
// So is "what does CISA want agencies to do", "what does KEV say to do".
const ACTION_ASKED = /\b(?:actions?|required?|requires|told to do|supposed to do|have to do|need to do|(?:must|should) do|tells? (?:agencies|users|us) to|(?:wants?|expects?|asks?|tells?|says?|say)\s+(?:[\w-]+\s+){0,2}?to do)\b/iu;
// Temporal questions whose first timeline event is the answer itself, not the nearest of several.
const TIMELINE_LEADS = new Set(['latest', 'earliest', 'order', 'events', 'between', 'on', 'ordinal', 'middle', 'until']);
// A question for a workaround or a mitigation, which any of the product's fixes may give; so is one for what to do
// in the meantime ("a stopgap", "a compensating control", "what can we switch off in the meantime").
const WORKAROUND_ASKED = /\b(?:workarounds?|mitigations?|stopgaps?|stop-gaps?|countermeasures?|compensating\s+controls?|in\s+the\s+meantime|meanwhile|interim|temporar(?:y|ily))\b/iu;
// ... or until a fix can be applied: "until we can flash them", "if we can't patch right away".
const UNTIL_FIXED = /\b(?:until\s+(?:we|you|they|i|users?)\s+(?:can|could|are\s+able)|(?:can(?:not|'t|’t)|unable\s+to)\s+(?:patch|update|upgrade|flash))\b/iu;
// "What kind of bug is it" (FLAW_KIND_ASKED): the weakness a sentence names ("Stack-based Buffer Overflow (CWE-121)").
const WEAKNESS_NAMED = /\(CWE-\d+\)/u;
// The asker's constraint to the end of its sentence (a version's dots are no sentence's end).
const CANNOT_FIX_CLAUSE = new RegExp(`${CANNOT_FIX.source}(?:[^.?!]|\\.(?!\\s|$))*`, 'iu');
// Advice to upgrade: "upgrade to the latest version", "update the firmware to v2.1", "upgrade to PowerSYSTEM Center versions
// 2020 Update 17"; and the release of the upgrade: "Belden has released a software version, Version 02.0.01, to address ...",
// "Software patches are available to users with access to the Guardian Support Portal".
const UPGRADE_ADVICE = /\b(?:patch(?:es)?|hotfix(?:es)?|(?:software|firmware)\s+updates?)\s+(?:are|is)\s+(?:now\s+)?available\b|\b(?:upgrad|updat|flash|install)\w*\s+(?:[\p{L}\p{N}.-]+\s+){0,6}?(?:to|with)\s+(?:the\s+latest|(?:[\p{L}\p{N}.-]+\s+){0,3}?(?:versions?|releases?|revisions?|firmware|FRN)\b|v?\d)|\b(?:has|have)\s+released\s+(?:an?\s+|the\s+)?(?:new\s+)?(?:(?:software|firmware)\s+)?versions?\b/iu;
// A fix that gives a stopgap: "temporarily mitigate", "as a workaround", "until the update can be applied", "in the event a user can not apply".
const STOPGAP_SAID = /\b(?:temporar(?:y|ily)|workarounds?|interim|in the meantime|until\b|in the event\b[^.]*\bcan\s*not\b|(?:if|when)\b[^.]*\b(?:cannot|can't|can not|unable to)\b)/iu;
const givesStopgap = (h: SearchHit): boolean => h.kind === 'remediation' && STOPGAP_SAID.test(h.text) && !UPGRADE_ADVICE.test(h.text);
// A question for a workaround that names one to check ("a config workaround like disabling the listener").
const WORKAROUND_NAMED = /\b(?:workarounds?|mitigations?)\s+(?:like|such as|by|that|which|where)\b/iu;
/** A revision that only publishes the advisory ("Initial Publication"): it dates the advisory, nothing it tells of. */
const INITIAL_PUBLICATION = /^\s*initial\s+(?:publication|release|version)\b[.\s]*$/iu;
/** The CVSS base score a text states ("CVSS v3.0 base score 9.1", "a CVSS v3 base score of 7.5"), or 0. */
const baseScore = (text: string): number => Number(/\bbase score (?:of )?(\d+(?:\.\d+)?)/iu.exec(text)?.[1] ?? 0);
// The words of scoring, and of flaws in general: they tell no flaw apart.
const SCORE_WORDS = new Set([...['cvss', 'score', 'scores', 'scored', 'base', 'severity', 'severe', 'vector', 'string', 'rating', 'rated', 'v3', 'v4', 'cve', 'high', 'critical', 'medium', 'low'].map(stem), ...FLAW_WORDS]);
// What a piece concluded: its verdict, its bottom line, whether it came out for or against.
const VERDICT_ASKED = /\b(?:verdicts?|conclu(?:sion|sions|de|ded|des)|come out (?:for|against|in favou?r)|for or against|bottom[- ]line\s+(?:verdict|conclusion|of|in|on)\b)/iu;
// A question about CISA's catalog of Known Exploited Vulnerabilities.
const KEV_ASKED = /\bKEV\b|\bknown[- ]exploited\b/iu;
// The version of CVSS a question asks a score of: "CVSS v4", "CVSS 4.0", "what v2 number".
const CVSS_VERSION_ASKED = /\bCVSS\s*(?:v|version\s*)?(\d)(?:\.\d)?\b|\b(?:v|version\s*)(\d)(?:\.\d)?\s+(?:base\s+)?(?:scores?|vectors?|numbers?|ratings?)\b/iu;
const IMPACT_SAID = /\bsuccessful(?:ly)? exploit\w*|\bcould (?:allow|result in|lead to|enable|cause|permit|let)\b/iu;
// Someone credited by a description, not a name: "A major Oil and Gas company reported ...", "Organizations: An independent researcher".
const UNNAMED_CREDIT = /^(?:[^:]{1,40}:\s*)?(?:an?|some|one|several|multiple|two|three)\s+(?:[\p{L}-]+\s+){0,5}?(?:compan(?:y|ies)|researchers?|firms?|vendors?|organi[sz]ations?|universit(?:y|ies)|teams?|users?|customers?|utilit(?:y|ies)|entit(?:y|ies)|individuals?|persons?)(?:\s+(?:reported|discovered|found|identified|disclosed)\b|\s*[.;]?\s*$)/iu;
const PLACE_LINE = /^(?:Headquarters|Places?|Locations?|Countries|Cities|Regions)\b/u;
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

// "Which versions are vulnerable / affected / exposed": the versions a flaw is in.
const AFFECTED_QUESTION = /\b(?:vulnerable|affected|exposed|impacted|present|susceptible|in scope)\b/iu;
// A CVE's status line: the products and versions it is known to affect.
const KNOWN_AFFECTED = new RegExp(`\\b${STATUS_LABELS.known_affected}:`, 'u');
// "Is X affected by CVE-Y", "does CVE-Y also hit X", "is X in scope": whether a product is among those affected.
const AFFECTED_ASKED = /\b(?:vulnerable|affected|exposed|impacted|susceptible|affects?|hits?|in scope)\b/iu;
// A fix's place in its advisory's list of fixes: "vulnerabilities[0].remediations[3].details".
const REMEDIATION_STEP = /^(.*\.remediations)\[(\d+)\]/u;
// A line that ends with a colon announces the list that follows it; so does one that points to it ("apply the risk
// mitigations from the list below").
const ANNOUNCES_LIST = /:\s*$|\b(?:list|steps|measures|mitigations|actions|recommendations)\s+below\b/iu;
/**
 * The steps a fix list announces ("JTEKT recommends users to use the following workaround:"),
 * in the list's order, when the lead fix is one of them: a workaround is a procedure, and its
 * steps read in order. Undefined when the lead is no announced step.
 */
function announcedSteps(lead: SearchHit, hits: readonly SearchHit[]): Candidate[] | undefined {
  const at = REMEDIATION_STEP.exec(lead.field);
  if (lead.kind !== 'remediation' || !at) return undefined;
  const index = (h: SearchHit) => Number(REMEDIATION_STEP.exec(h.field)?.[2] ?? -1);
  const list = hits.filter((h) => h.story_id === lead.story_id && h.kind === 'remediation' && REMEDIATION_STEP.exec(h.field)?.[1] === at[1]).sort((a, b) => index(a) - index(b));
  const intro = list.findLast((h) => index(h) <= index(lead) && ANNOUNCES_LIST.test(h.text));
  if (!intro) return undefined;
  const steps = [intro];
  for (const h of list) if (index(h) === index(steps.at(-1)!) + 1 && steps.length < LIST_SENTENCES) steps.push(h);
  if (!steps.includes(lead) || steps.length < 3) return undefined;
  return steps.map(wholePassage);
}

/** "12 days from 2026-05-21 [1] to 2026-06-02 [2].": the days between the first two dates of the cited events. */
function daysBetween(citations: readonly SearchHit[]): string | undefined {
  const dated = citations.flatMap((h, i) => (h.kind === 'timeline' && h.date ? [{ date: h.date.slice(0, 10), n: i + 1 }] : []));
  const [a, b] = [dated[0], dated.find((d) => d.date !== dated[0]?.date)];
  if (!a || !b) return undefined;
  const [from, to] = a.date <= b.date ? [a, b] : [b, a];
  const days = Math.round(dayNumber(to.date) - dayNumber(from.date));
  return `${days} day${days === 1 ? '' : 's'} from ${from.date} [${from.n}] to ${to.date} [${to.n}].`;
}

/** The events a question compares, each by the sentence that dates it (or its first), after the days between them when two are dated. */
function eventsAnswer(events: readonly SearchHit[]): ExtractiveAnswer {
  const sentences = events.map((h, i) => {
    const all = trimmedSentences(h.text);
    const dating = all.find((sen) => statesDay(sen.text)) ?? all[0] ?? { text: h.text, ...trimSpan(h.text, 0, h.text.length) };
    return { text: dating.text.replace(/\s+/g, ' '), citation: i + 1, passage_offsets: { start: dating.start, end: dating.end } };
  });
  const days = events.filter((h) => h.date).length === 2 ? daysBetween(events) : undefined;
  const said = sentences.map((s, i) => {
    const h = events[i]!;
    return `${h.date && !statesDay(s.text) ? `${h.date.slice(0, 10)}: ` : ''}${s.text} [${s.citation}]`;
  });
  return { found: true, answer: `${days ? `${days} ` : ''}${said.join(' ')}`, sentences, citations: [...events], quotes: quoteChecks(sentences, events) };
}

/** Every sentence of an answer checked against the passage it cites (verify_quote's rule). */
function quoteChecks(sentences: readonly AnswerSentence[], citations: readonly SearchHit[]): AnswerQuoteCheck[] {
  return sentences.map((s) => {
    const hit = citations[s.citation - 1]!;
    return { quote: s.text, citation_id: hit.citation_id, verified: verifyQuote(hit.text, s.text).found };
  });
}

/** A passage's whole text as an answer candidate (a step of a list, a fact line). */
const wholePassage = (hit: SearchHit): Candidate => ({ hit, ...trimSpan(hit.text, 0, hit.text.length), text: hit.text.trim(), score: 0, covers: new Set() });

// Putting a piece out: "publish", "publication date", "post", "go up", "run", "come out".
const OUTLET_PUBLISHED = /\b(?:publish(?:ed|es)?|publication|post(?:ed)?|go(?:es)?\s+up|went\s+up|ran|run|c[ao]me\s+out)\b/iu;
// A piece put out or read: "who published ...", "which outlet ran ...", "where can I read about ...", "the reading list".
// (Not "run" or "come out": "privately run infrastructure", "when did the order come out".)
const PIECE_PUT_OUT = /\b(?:publish(?:ed|es|ing)?|publication|posted|ran|read(?:ing)?)\b/iu;
// Made public: "be published", "been published".
const MADE_PUBLIC = /\b(?:be|been|being)\s+published\b/giu;

// "Cover" alone is what a thing deals with ("what will the directive cover?"), not a piece's coverage.
const COVER = stem('cover');

/** Whether a passage is a source of an outlet the question names (namesOutlet): "the two Lawfare pieces", "scworld.com". */
const ofOutletNamed = (h: SearchHit, question: string): boolean => h.source != null && namesOutlet(question, h.source);

/** The sources of each outlet that published more than one of them, in order, but for outlets the words set aside name. */
function repeatedOutlets(hits: readonly SearchHit[], setAside: string): SearchHit[] {
  const byOutlet = new Map<string, SearchHit[]>();
  for (const h of hits) if (h.kind === 'source' && h.source) byOutlet.set(h.source.publisher, [...(byOutlet.get(h.source.publisher) ?? []), h]);
  return [...byOutlet.values()].filter((of) => of.length > 1 && !of.some((h) => ofOutletNamed(h, setAside))).flat();
}

/** The sentence of a passage that ends right before an offset, as an answer candidate. */
function sentenceBefore(hit: SearchHit, start: number): Candidate | undefined {
  const prev = trimmedSentences(hit.text)
    .filter((span) => span.end <= start)
    .at(-1);
  return prev && prev.end > prev.start ? { hit, ...prev, score: 0, covers: new Set() } : undefined;
}

/**
 * The CVE whose description a body passage's sentence at `at` belongs to: advisories describe
 * each flaw in a paragraph that opens with its id ("CVE-2022-38100: ... The device fails ...").
 */
function describedFlaw(hit: SearchHit, at: number): { id: string; start: number } | undefined {
  if (hit.kind !== 'body') return undefined;
  let found: { id: string; start: number } | undefined;
  for (const m of hit.text.matchAll(new RegExp(FLAW_DESCRIPTION.source, 'gu'))) if (m.index <= at) found = { id: m[1]!, start: m.index + m[0].indexOf(m[1]!) };
  return found;
}

const RANSOMWARE = /\bransomware\b/iu;
// Where one end of a span asked for gives way to the other: "from A until B", "between A and B".
const SPAN_END = /\b(?:until|till|to|and|between|from|through)\b/iu;
/** The share of a question's terms a story's retrieved passages hold together, for its dated events to date what it asks of. */
const STORY_COVER = 0.6;
/** The share for a product described in the asker's own words ("which product was that"), who put it otherwise than its advisory. */
const DESCRIBED_COVER = 0.5;
/** The timeline weight of a question about a dated record (KEV dates, an advisory's publication or revisions), not any "when". */
const RECORD_CUE = 0.35;
// "The mitigation date", "its due date": a date of another thing than the event's.
const OTHER_DATE = /\b(?!(?:what|which|the|a|an|publication|revision|update|release)\b)[\p{L}-]+\s+dates?\b/iu;
// "The end-of-support date for X": a product's lifecycle, which no revision of an advisory dates.
// "What day did the order get signed", "on which date did X ...": asked as "when did X ..." is, but named by no verb of its own.
const WHICH_DAY = /\b(?:on\s+|by\s+)?(?:what|which)\s+(?:exact\s+)?(?:day|date)\s+(?=(?:did|does|do|will)\b)/iu;
const LIFECYCLE_DATE = /\b(?:end[- ]of[- ](?:life|support|sale|service|maintenance)|eol|eos|retirement|discontinuation|sunset|phase-?out)\s+dates?\b/iu;
// A product named as another's successor: "recommends using MODULYS GP2 instead", "migrate to the SC-600 family".
const REPLACEMENT_SAID = /\b(?:instead|replac(?:e|es|ed|ing|ement)|migrat(?:e|es|ed|ing|ion)|successors?)\b/iu;
// A vendor's own document ("its own advisory 1MRG024910", "security bulletin AL00344", "JCI-PSA-2020-3"), which CISA's
// advisory cites but does not date; and CISA by its names, whose advisory it is.
const VENDOR_DOCUMENT = /\b(?:its|their)\s+(?:own\s+)?(?:[\p{L}-]+\s+){0,2}?(?:advisory|advisories|bulletins?|notices?|reports?|notifications?)\b|\bbulletins?\b|\banswer\s+id\b|\b(?!CVE-|CWE-|ICSM?A-|BOD-)\p{Lu}{2,}(?:-\p{Lu}+)*-(?:19|20)\d{2}-\d+\b/u;
// The advisory itself put out: "the X advisory released", "when was the X advisory first published" (a bare
// "ICSMA" is read as "advisory" before, by questionProper).
const ADVISORY_PUBLISHED = /\badvisory\s+(?:(?:was|get|got|been|first|initially|originally|actually)\s+){0,2}(?:released|published|issued|posted|put\s+out|came\s+out)\b/iu;
const CISA_NAMED = /\b(?:CISA|ICS-CERT|NCCIC|US-CERT)\b/iu;
// ... and a vendor's own release ("when did Mitsubishi Electric release QJ71E71-100 firmware 20122"), which CISA's events do not date either.
const VENDOR_RELEASE = /\b(?:did|does|will|has|have)\s+(?:\p{Lu}[\p{L}&.-]*\s+){1,3}(?:actually\s+|first\s+|finally\s+|eventually\s+)?(?:release|ship|publish|make|put out|roll out|push)\b[^?]*?\b(?:versions?|builds?|firmware|patch(?:es)?|updates?|releases?|hotfix(?:es)?|service packs?|v?\d+(?:\.\d+)+|SP\d|R\d)\b/u;
// "Did CISA actually publish it", "did Siemens end up fixing it": whether something was carried out.
const OUTCOME_ASKED = /\b(?:actually|in fact|really|indeed|end(?:ed)? up|manage[sd]? to|follow(?:ed)? through)\b/iu;
// ... asked of the past, not compared with another event ("did it actually come out before or after X").
// ("On what date did CISA actually publish the directive?": when it was done.)
const DONE_ASKED = /^\W*(?:(?:when|(?:on\s+)?(?:what|which)\s+(?:date|day))\s+)?(?:did|has|have|had|was|were)\b/iu;
const COMPARED = /\b(?:before|after|earlier|later|sooner)\b/iu;
// ... but what was said is done by saying it: "on what date did Andersen actually say that?".
const SAYING_ASKED = /\b(?:actually|really|in fact)\s+(?:say|tell|announce|state|claim|promise|pledge|write|report)\b/iu;
// A sentence that sends the reader elsewhere: "For more information, see ...", "please refer to the Knowledge Base Articles ...", "contact Acme support".
const POINTS_ELSEWHERE = /^\W*for\s+(?:more|additional|further)\s+(?:information|details)\b|\bplease\s+(?:see|refer\s+to|contact|visit)\b|^\W*(?:see|refer\s+to|contact|visit)\b/iu;
// ... which is the answer where the question asks where to look: "where do users get it", "any link", "which bulletin".
const POINTER_ASKED = /\b(?:where|download\w*|contact\w*|links?|url|websites?|portal|more\s+(?:information|details)|articles?|bulletins?|notifications?|documents?|knowledge\s*base|guides?)\b/iu;
// What the asker is told to do: "what does Acme want us to upgrade to", "what are users advised to install".
const ADVICE_ASKED = /\b(?:want|wants|wanted|recommends?|recommended|advises?|advised|tells?|told|urges?|urged|encourages?|encouraged|asks?|asked|supposed|expects?|expected|says?|said)\s+(?:(?:us|me|you|users|customers|operators|owners|patients|people|agencies|them)\s+)?to\s+([\p{L}-]+)/iu;
// "What are we supposed to do with those units?", "what does GE tell owners to do": what the vendor advises,
// said in a sentence that advises ("Exemys recommends updating to ..."), not one that only tells of the flaw.
const ADVICE_GIVEN = /\b(?:recommends?|recommended|recommendation|advises?|advised|urges?|urged|encourages?|encouraged|should|suggests?)\b/iu;

/**
 * Picks the best-supported sentences from retrieved passages. The sentence that shares most
 * of the question's words, in a highly ranked passage, leads; other supported passages add
 * at most one sentence each. Fact lines keep their label ("CVE-2021-25670: ..."). Says plainly
 * when no passage supports an answer rather than quoting noise.
 */
export function extractiveAnswer(asked: string, hits: SearchHit[], opts: ExtractiveOptions = {}): ExtractiveAnswer {
  const question = questionProper(asked);
  let maxSentences = opts.maxSentences ?? 3;
  const thresholds = { minCoverage: opts.minCoverage ?? MIN_COVERAGE, minSimilarity: opts.minSimilarity ?? MIN_SIMILARITY };
  const exp = expected(question);
  // A date the question names is what a date question asks or checks ("signed on 1 June, or am I
  // off?"): the passage states its own date, which passageStates weighs; its words are no support.
  // Nor is the word for a deadline ("what's the deadline for agencies"): a passage says what is due when.
  const terms = contentTerms(question).filter((t) => exp?.type !== 'date' || !(DATE_TERM.test(t) || (exp.unit === DEADLINE_UNIT && t === stem(DEADLINE_UNIT))));
  const decline = (because: string): ExtractiveAnswer => ({ found: false, declined_because: because, answer: NOT_FOUND, sentences: [], citations: [], quotes: [] });
  // "What's the CVSS v4 score of X": a score of another CVSS version ("CVSS v3.0 base score 9.1") is not it.
  const cvssAsked = CVSS_VERSION_ASKED.exec(question);
  const major = cvssAsked?.[1] ?? cvssAsked?.[2];
  if (major && !hits.some((h) => new RegExp(`\\bCVSS(?::|\\s+v)${major}\\b`, 'u').test(h.text))) return decline(`no retrieved passage gives a CVSS v${major} score`);
  // "Did CVE-X ever land on the KEV list": only the catalog's record of that CVE answers, not its advisory.
  const intent = queryIntent(question);
  const cvesAsked = intent.identifiers.filter((id) => CVE_ID.test(id));
  const kevAsked = KEV_ASKED.test(question) ? cvesAsked : [];
  if (kevAsked.length && !hits.some((h) => /\bKEV\b/u.test(h.text) && kevAsked.some((id) => h.text.toUpperCase().includes(id)))) return decline(`no retrieved passage records ${kevAsked[0]} in the KEV catalog`);
  const missing = missingSpecifics(question, hits);
  if (missing) return decline(missing);
  // "What did X do before he became director": a change of role no retrieved passage tells of is not dated by the role's name.
  if (ROLE_CHANGE.test(question) && !hits.some((h) => ROLE_CHANGE.test(h.text))) return decline('no retrieved passage tells of the change of role it asks about');
  // "Did CISA announce its directive before Trump signed?": the events compared, in the order they happened.
  const compared = eventsCompared(asked, hits);
  if (compared) return eventsAnswer(compared);
  // Acronyms the passages spell out ("BOD"): a passage naming the head noun ("the directive") speaks of it.
  // Two names a passage writes as one word ("Dark Reading": darkreading.com) are held by that word.
  // A capital named for its country's government ("Beijing") is held by the country's name ("China-US").
  const heads = new Map([...acronymHeads(question, hits), ...joinedWords(question, hits), ...capitalHeads(question, hits)]);
  // A fact line listing the kind asked for ("People: ..." for "which officials") supports a name question.
  // A kind of product asked for ("which BirdDog camera models") is listed by the Products line.
  const productsAsked = asksForProductKind(exp);
  const listsKind = (h: SearchHit) => exp?.type === 'name' && exp.unit != null && isFact(h) && (kindWords(h).map(stem).includes(exp.unit) || (productsAsked && kindWords(h).includes('product')));
  // An entity line of another kind names none of what is asked: "Agencies: CISA; NSA" does not
  // say which partners, researchers or gangs.
  // The line's label and its kind words are what it lists ("People: ..." for "which people and
  // bodies"); any of them among the question's words will do.
  const listsOtherKind = (h: SearchHit) => {
    if (exp?.type !== 'name' || exp.unit == null) return false;
    // An acronym is spelled out by whatever line gives it ("Offices: Office of the National Cyber Director (also ONCD)").
    if (exp.unit === EXPANSION_UNIT) return !states(exp, h.text, question);
    // A score or product-status line names products and their versions: no actor, agency or researcher.
    // (Its advisory, titled in the answer, is what it is a line of: "which advisory covers X". Not of a day asked for:
    // "which advisory was published on 2020-06-09" is answered by the day's events.)
    if (h.kind === 'vulnerability' && isFact(h)) return !VULNERABILITY_LINE_KINDS.has(exp.unit) && !(asksForTitleName(exp) && !intent.datePrefix);
    if (h.kind !== 'entity') return false;
    // A detail (a file, a port, a user name) is named in its own form: a line of weaknesses or products that states none names none.
    if (exp.unit in DETAILS && !states(exp, h.text, question)) return true;
    // A place is where a line of places or headquarters says, not the agencies it lists.
    if (exp.unit === PLACE_UNIT) return !PLACE_LINE.test(h.text);
    const kinds = new Set([...kindWords(h), /^(\w+)/.exec(h.text)?.[1] ?? ''].map((w) => stem(w.toLowerCase())));
    // Who found a flaw is listed by the People and Organizations lines, not by the line of its weakness.
    return !kinds.has(exp.unit) && (exp.unit === CREDIT_UNIT || !terms.some((t) => kinds.has(t)));
  };
  const rawNames = namesIn(question);
  const names = rawNames.map((n) => stem(n.toLowerCase()));
  const polar = POLAR.test(askingClause(question));
  // A fix or a product-status line of the named product states its versions: it supports a
  // version question ("What GE Communicator version removes ...") in whatever words it asks.
  // A CVE it names must be the passage's own, as isSupported has it.
  // So does a fix of the named product a workaround question asks for ("what's the workaround they suggest" for "the crafted event actions issue"),
  // but not whether one is offered "like disabling the listener" (WORKAROUND_NAMED): that is a claim to check.
  const asksFlawKind = FLAW_KIND_ASKED.test(question);
  const workaroundAsked = WORKAROUND_ASKED.test(question);
  // A question of two parts ("When did CISA add X, and is it known to be used in ransomware campaigns?"), each weighed below.
  const [firstAsked, secondAsked] = question.split(SECOND_QUESTION, 2);
  // (Not when the fixed version is asked for too: "which version fixes it, and what do we do in the meantime if we can't upgrade?";
  // nor when the first of two questions asks for the fix, "fixed software version, and is there a stopgap if we can't upgrade
  // yet?": the second is answered on its own, below.)
  const workaroundInstead = WORKAROUND_ASKED.test(firstAsked ?? '') && CANNOT_FIX.test(question) && exp?.type !== 'version';
  const advised = ADVICE_ASKED.exec(question)?.[1];
  const asksWhatToDo = advised?.toLowerCase() === 'do';
  const fixOfNamedAsked = (workaroundAsked || asksWhatToDo) && !WORKAROUND_NAMED.test(question);
  const listsVersions = (h: SearchHit) =>
    (exp?.type === 'version' ? h.kind === 'remediation' || isFact(h) : fixOfNamedAsked && h.kind === 'remediation') && names.length > 0 && intent.identifiers.every((id) => `${h.context} ${h.text}`.toUpperCase().includes(id));
  // A passage answers a question that names things ("Yokogawa STARDOM") only if it is about them:
  // it holds at least half of those names, in its text, its context or its story's title.
  // A kind of device ("a small PLC"), what a product runs on, and the CVE asked for ("what's the CVE?") describe:
  // held, they count as names; unheld, they count against none. (A yes-or-no question's "API access" is what it
  // asks about, after a setting put first too: "Under the voluntary framework, do developers ...".)
  const asksWhether = polar || POLAR.test(askingClause(question).replace(/^[^,?]{1,60},\s*/u, ''));
  const onlyDescribes = (n: string) => !asksWhether && (namesAKind(n) || (/^CVEs?$/u.test(n) && CVE_ASKED.test(question)));
  // Which of the question's names a set of words holds; a compound name by its parts in any order ("US-China": "China-US").
  const namesHeldBy = (words: ReadonlySet<string>) => rawNames.map((n, i) => words.has(names[i]!) || (n.includes('-') && n.toLowerCase().split('-').every((p) => p && words.has(stem(p)))));
  // Of the stories an identifier routed to, the question ("which Pyramid Solutions release fixes CVE-X") is about the one
  // titled with most of its other names, and any whose passages hold as many: another advisory naming the CVE (Rockwell's,
  // of modules built on Pyramid's stack) speaks of other products. (A word that describes the flaw, "TCP", or its
  // publisher, "CISA", titles none.)
  // Each story's retrieved passages' words together, with the acronyms they spell out.
  const storyWords = new Map([...new Set(hits.map((h) => h.story_id))].map((id) => [id, withAcronyms(new Set(hits.filter((h) => h.story_id === id).flatMap((h) => [...hitWords(h)])), heads)]));
  const routedIds = [...new Set(hits.filter((h) => h.route === 'identifier').map((h) => h.story_id))];
  const otherNames = rawNames.map((n) => !intent.identifiers.includes(n.toUpperCase()) && !onlyDescribes(n) && !namesAKind(n));
  const namedIn = (words: ReadonlySet<string>) => namesHeldBy(withAcronyms(words, heads)).filter((held, i) => held && otherNames[i]).length;
  const titleOf = (id: string) => hits.find((h) => h.story_id === id)?.story_title ?? '';
  const mostTitled = Math.max(0, ...routedIds.map((id) => namedIn(wordsOf(titleOf(id)))));
  const namedByStory = new Map(routedIds.map((id) => [id, namedIn(new Set([...wordsOf(titleOf(id)), ...(storyWords.get(id) ?? [])]))]));
  // Of the stories found by words, a passage is about the names when its story holds as many of the products named as
  // any other does: "BD FACSLyric ... privileged account" is not about FACSChorus, which holds "BD" and "privileged" alone.
  // A product is named in mixed case or in letters with digits; an acronym ("XXE", "TLS") may be a flaw's or a protocol's,
  // which one advisory spells out, and a version ("v3"), a number ("16389") or a flaw ("DoS") names no product.
  const productNames = otherNames.map((other, i) => {
    const n = rawNames[i]!;
    return other && /\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}|\p{L}\d|\d\p{L}/u.test(n) && !/^[vVrR]?[\d.]+$/u.test(n) && flawAcronym(n) === undefined;
  });
  const productsNamedIn = (words: ReadonlySet<string>) => namesHeldBy(withAcronyms(words, heads)).filter((held, i) => held && productNames[i]).length;
  const namedInStory = new Map([...storyWords].map(([id, words]) => [id, productsNamedIn(new Set([...wordsOf(titleOf(id)), ...words]))]));
  const mostNamed = Math.max(0, ...namedInStory.values());
  const aboutNames = (h: SearchHit) => {
    if (h.route === 'identifier' && routedIds.length > 1 && mostTitled > 0) return (namedByStory.get(h.story_id) ?? 0) >= mostTitled;
    if (h.route || names.length === 0) return true;
    return holdsNames(withAcronyms(hitWords(h), heads)) && (namedInStory.get(h.story_id) ?? 0) >= mostNamed;
  };
  /** Whether words hold half the names the question gives (of those that name, not describe, what the words leave out). */
  const holdsNames = (words: ReadonlySet<string>) => {
    const held = namesHeldBy(words);
    return held.filter(Boolean).length >= rawNames.filter((n, i) => held[i] || !onlyDescribes(n)).length / 2;
  };
  // A CVE's score line answers for that CVE alone: a question that tells the flaw by its
  // weakness ("the NWS-3 cross-site request forgery") needs a word of it in the line, not the
  // score of the advisory's other flaw. Words of the story's title, names, and the words of
  // scoring and of flaws in general tell no flaw apart; nor do the advisory and its year ("the 2018 advisory").
  // "Which is the worst" compares the flaws, "what kinds of bugs" asks what they are: neither describes one of them.
  const highest = HIGHEST_ASKED.test(question);
  const yearsAsked = question.match(/\b(?:19|20)\d{2}\b/gu) ?? [];
  const describesOtherFlaw = (h: SearchHit) => {
    const cve = h.route || h.kind !== 'vulnerability' || highest || asksFlawKind ? undefined : /^(CVE-\d{4}-\d+):/u.exec(h.text)?.[1];
    if (!cve) return false;
    const title = new Set([...wordsOf(h.story_title), ...publisherWords(h.story_id), ...yearsAsked]);
    // Nor do the words for its versions ("which firmware versions are vulnerable"). A flaw's acronym
    // ("CSRF") is a name that tells it.
    const told = terms.filter((t) => !title.has(t) && (!names.includes(t) || flawAcronym(t) !== undefined) && !SCORE_WORDS.has(t) && !VERSION_NOUNS.has(t));
    const words = wordsOf([h.text, ...describedAs(h, cve)].join(' '));
    if (told.length < 2 || told.some((t) => holdsTerm(words, t))) return false;
    // Words none of its advisory's passages hold tell none of its flaws: they are the asker's ("we run ... are they listed").
    return hits.some((o) => o.story_id === h.story_id && told.some((t) => holdsTerm(wordsOf(o.text), t)));
  };
  // The flaw a score line scores is told by its description in the advisory's prose ("CVE-X: ... an unauthenticated telnet service").
  const describedAs = (h: SearchHit, cve: string) => hits.filter((o) => o !== h && o.story_id === h.story_id && o.kind === 'body' && o.text.includes(`${cve}:`)).map((o) => o.text.slice(o.text.indexOf(`${cve}:`)));
  // "How bad is X, CVSS-wise", "what's the CVSS vector for the flaw that ...": a line that states a
  // score answers, the line of the flaw whose description the question gives first.
  const asksScore = SCORE_ASKED.test(question);
  /** A score line's CVE, when the question asks for a score. */
  const scoredCveOf = (h: SearchHit, text = h.text) => (asksScore && h.kind === 'vulnerability' ? SCORE_LINE.exec(text)?.[1] : undefined);
  /** A score line's words with its flaw's description (scoredCveOf). */
  const withDescription = (h: SearchHit, words: ReadonlySet<string>, cve: string) => new Set([...words, ...describedAs(h, cve).flatMap((d) => [...wordsOf(d)])]);
  // The line of a flaw the question describes supports an answer as its description does.
  const scoresDescribed = (h: SearchHit) => {
    const cve = scoredCveOf(h);
    return !!cve && coverageOf(withDescription(h, withAcronyms(hitWords(h), heads), cve), terms, withAcronyms(wordsOf(h.story_title), heads)) >= thresholds.minCoverage;
  };
  // The words the answer hinges on — the question's verb, who "who is X" asks about, what "what
  // did X say about Y" asks about — must be in the passage (its text, context or what it is).
  // What a revision of an advisory changed is said in its own words ("Update A - Added CVE-X"), not with "change";
  // so are when it was revised and how often: each revision is a dated event. The date of
  // something else ("the original mitigation date") is not a revision's.
  const revisionDate = exp?.type === 'date' && !OTHER_DATE.test(question);
  // "When did ABB publish its own advisory ...", "when did X release firmware 20122": CISA's events date CISA's advisory, not the vendor's.
  const vendorsDate = exp?.type === 'date' && (VENDOR_DOCUMENT.test(question) || VENDOR_RELEASE.test(question)) && !CISA_NAMED.test(question);
  // "What day was the X advisory released?": its own events date it, not what its vendor released ("In 2023, Dover ... released MAGLINK LX 4").
  const advisorysDate = exp?.type === 'date' && !vendorsDate && ADVISORY_PUBLISHED.test(question);
  const asksOfRevision = intent.temporal?.type === 'update' && (exp === null || revisionDate || exp.type === 'quantity');
  // (A phrasal verb is read in the passages' words: "water down" is "scale back", and "water" is none of it.)
  const mainVerb = hingeVerb(inPassagePhrases(question));
  // Its verb ("sign") leads with the sentence that uses it rather than another dated one ("paused plans to sign"), but
  // unlike a "when did" it is not required: "what date did Trump end up signing it" is answered by "signed".
  const dateVerb = exp?.type === 'date' && !mainVerb && WHICH_DAY.test(question) ? hingeVerb(question.replace(WHICH_DAY, 'When ')) : null;
  // "How is X rated under CVSS": a score line states the rating without the verb.
  const verb = (asksOfRevision && /^(chang|add|updat|revis|modif|amend)/u.test(mainVerb ?? '')) || (asksScore && /^(rat|scor|grad|rank)/u.test(mainVerb ?? '')) ? null : mainVerb;
  // "Who will lead X": a plan ("CISA will lead it") answers what is to be done. So does advice
  // ("users are encouraged to upgrade to ...") of what the asker is told to do ("what does X want us to upgrade to").
  const future = FUTURE_QUESTION.test(question) || (advised !== undefined && stem(advised) === mainVerb);
  const about = aboutWhat(question);
  const hinges = [...(verb ? [verb] : []), ...subjectOfWho(question), ...about];
  // "When did CISA add X, and is it known to be used in ransomware campaigns?": a sentence with
  // words of the second question ("Known to be used in ransomware campaigns.") answers that one,
  // without the first one's verb.
  const firstTerms = new Set(contentTerms(firstAsked ?? ''));
  // (The asker's constraint is none of its words: "... and is there a stopgap if we can't upgrade yet?" is not answered by an upgrade.)
  const secondTerms = secondAsked ? contentTerms(secondAsked.replace(CANNOT_FIX_CLAUSE, ' ')).filter((t) => !firstTerms.has(t)) : [];
  // Each of two questions is supported on its own words: "when was the EO signed and when did CISA talk about
  // the directive" by the signing, and by the directive, neither of which holds the other's words.
  const eachAsked = secondTerms.length > 1 && firstTerms.size > 1 ? [[...firstTerms], secondTerms] : [];
  const supportsOne = (h: SearchHit) => eachAsked.some((t) => isSupported(h, question, t, thresholds, heads));
  // "Which firmware should the HSPA models go to, and what are owners of the HSDPA units told to do instead?": a passage
  // that supports the second question is weighed by what that one asks, not by the version the first asks for.
  const expSecond = secondAsked ? expected(secondAsked) : null;
  // (A remark after the question is none: "Which AC2000 patch fixes it? I'd rather not have to ring CEM support.")
  const secondAsks = secondAsked !== undefined && ASKS.test(secondAsked);
  const answersSecondAlone = (h: SearchHit) => eachAsked.length > 0 && secondAsks && exp?.type !== expSecond?.type && isSupported(h, question, secondTerms, thresholds, heads) && (!expSecond || passageStates(expSecond, h, secondAsked));
  // "What action is required, and what's the due date": the entry's required action, which the
  // answer quotes besides (actionOf), says what is required of every passage of its story.
  const actionAsked = ACTION_ASKED.test(question);
  const actionOf = (id: string) => (actionAsked ? hits.find((h) => h.story_id === id && h.text.includes(REQUIRED_ACTION)) : undefined);
  const holdsHinges = (h: SearchHit) => {
    const words = withAcronyms(hitWords(h), heads);
    return hinges.every((t) => holdsTerm(words, t) || saysOffice(h.text, t, question) || (t !== verb && wordsOf(h.story_title).has(t)) || (t === verb && actionOf(h.story_id) !== undefined));
  };
  // "When was the VisiWin advisory published?": a dated event of the advisory the question
  // names (its initial publication, a revision) dates it, in whatever words it is titled.
  // The share of the question's terms each story's retrieved passages hold together.
  const storyCover = new Map<string, number>();
  for (const [id, words] of storyWords) storyCover.set(id, terms.filter((t) => words.has(t)).length / (terms.length || 1));
  // "The Exchange cmdlet validation flaw in KEV: what was its due date?": the flaw is told by one
  // passage, its dates by the catalog event. When the question asks for a dated record (a KEV
  // entry's dates, an advisory's publication or revision), a dated event of a story that holds
  // most of the question dates it. So does a KEV entry's record of ransomware use ("is the X flaw
  // tied to ransomware campaigns?"), which its catalog event states.
  const asksOfRecord = (exp?.type === 'date' && !exp.future) || (exp === null && RANSOMWARE.test(question));
  const datesHeldStory = (h: SearchHit) =>
    asksOfRecord && (intent.kindBoost.timeline ?? 0) >= RECORD_CUE && h.kind === 'timeline' && h.date != null && (storyCover.get(h.story_id) ?? 0) >= STORY_COVER;
  const datesStory = (h: SearchHit) => exp?.type === 'date' && !exp.future && exp.unit !== DEADLINE_UNIT && ASKS_FOR_STORY.test(question) && h.kind === 'timeline' && h.date != null && names.length > 0;
  // "Counting from the day A, how long until B": each end is an event of its own, and the dated
  // event that holds most of one end's words supports an answer (the span is counted between them).
  const ends = exp?.interval ? question.split(SPAN_END).map((part) => terms.filter((t) => contentTerms(part).includes(t))).filter((part) => part.length >= 2) : [];
  const datesThisEnd = (h: SearchHit, end: readonly string[]) => h.kind === 'timeline' && h.date != null && coverageOf(withAcronyms(hitWords(h), heads), end, wordsOf(h.story_title)) >= thresholds.minCoverage;
  // Both ends must be dated so.
  const endsDated = ends.length >= 2 && ends.every((end) => hits.some((h) => datesThisEnd(h, end)));
  const datesEnd = (h: SearchHit) => endsDated && ends.some((end) => datesThisEnd(h, end));
  // A version the question names ("when did Thales release 7.101", "a CVSS 4.0 vector") is
  // spoken of only in a passage that names it.
  // (Not the version the asker cannot move to yet, when a workaround is asked instead.)
  const versionsNamed = (workaroundInstead ? question.replace(CANNOT_FIX_CLAUSE, ' ') : question).match(VERSIONS_NAMED) ?? [];
  // A range that holds it speaks of it too ("Versions 12.1.0 through 12.1.3: Update to ...").
  const namesVersions = (h: SearchHit) => versionsNamed.every((v) => speaksOfVersion(`${h.context ?? ''} ${h.text}`, v));
  // The releases of three parts among them ("v1.0.10"): a date question's sentence names them beside the date (below).
  const releasesNamed = versionsNamed.filter((v) => /\d+\.\d+\.\d+/u.test(v));
  // "What changed in Update B" is told by the advisory's revisions, and not by one whose summary is only its title.
  const asksWhatChanged = asksOfRevision && exp === null && /^\W*(?:what|which|why|how)\b/iu.test(askingClause(question)) && !/\b(latest|most recent|newest|last)\b/iu.test(question);
  const saysNothingNew = (h: SearchHit) => {
    const title = wordsOf(h.story_title);
    return h.kind === 'timeline' && (INITIAL_PUBLICATION.test(h.text) || contentTerms(h.text).filter((t) => !title.has(t) && !/\d/u.test(t) && t !== stem('update') && t.length > 1).length === 0);
  };
  // A passage routed by an identifier answers what is asked of it, but not a date, an amount ("which
  // port numbers ... CVE-X"), a version ("the build that removes CVE-X's key") or a detail in its own
  // form ("which TCP port ... CVE-X") unless it states one: only a name it may answer by being about it.
  const routedMustState = exp != null && (exp.type !== 'name' || (exp.unit != null && exp.unit in DETAILS));
  // An undated event answers no date question, wherever the timeline placed it.
  const routedAnswers = (h: SearchHit) => (h.route === 'timeline' && !(exp?.type === 'date' && h.date == null)) || (h.route === 'identifier' && !routedMustState);
  // "Is there a patch", "will X fix it": a fix that says there is none ("end-of-life") answers it.
  const settlesFix = (h: SearchHit) => intent.asksForFix && h.kind === 'remediation' && NO_FIX.test(h.text);
  // The version that fixes a flaw a passage of the advisory's prose describes in the question's words ("lmgrd / vendor daemon
  // shutdown bugs - what release should we move to?") is given by the advisory's fixes, in their own words.
  const describedStories = new Map<string, boolean>();
  const fixesDescribed = (h: SearchHit) => {
    if (!(exp?.type === 'version' && intent.fixVersion && h.kind === 'remediation')) return false;
    if (!describedStories.has(h.story_id)) describedStories.set(h.story_id, hits.some((o) => o.story_id === h.story_id && o.kind === 'body' && isSupported(o, question, terms, thresholds, heads)));
    return describedStories.get(h.story_id)!;
  };
  const ordersSources = ORDERS_SOURCES.test(question);
  // "On what date did Lawfare publish its piece": when an outlet the question names published is its source's date,
  // which the story's events (what the piece reports) do not give. (A CISA advisory's publication is its own event.)
  const outletDated = exp?.type === 'date' && OUTLET_PUBLISHED.test(question) && hits.some((h) => h.kind === 'source' && !isCisaStory(h.story_id) && ofOutletNamed(h, question));
  const asksForStory = ASKS_FOR_STORY.test(question);
  // A product is named by its advisory's title, which the answer gives (namesStory).
  const productByTitle = asksForTitleName(exp);
  // "Which advisory covers X", "what product is this": the advisory is the answer, and a long
  // description is held by its passages together, each telling part of it.
  // (Not a maker: an advisory's title names its vendor, whom a question about the makers tested need not mean.)
  const describesStory = (h: SearchHit) => productByTitle && exp?.unit != null && (PRODUCT_KINDS.has(exp.unit) || exp.unit === stem('advisory')) && (storyCover.get(h.story_id) ?? 0) >= DESCRIBED_COVER;
  // "Which CVE is the one where ...": a flaw described in words is told by its story's passages together,
  // and a passage of that story that names a CVE names what is asked for.
  const namesDescribedCve = (h: SearchHit) => exp?.type === 'name' && exp.unit === CVE_UNIT && intent.identifiers.length === 0 && CVE_ID.test(h.text) && (storyCover.get(h.story_id) ?? 0) >= DESCRIBED_COVER;
  // A question that names an identifier is about the stories routed by it: another story's passage
  // ("CVE-2023-49103: ... CISA added ...") says nothing of it.
  const routedById = intent.identifiers.length > 0 && hits.some((h) => h.route === 'identifier');
  // "Before the May 21 pause, what date had the signing been planned for": the day it places its ask by is not the day asked for.
  const anchors = exp?.type === 'date' ? anchorDays(question) : [];
  // The event of that day is the anchor, whatever else its text goes on to date; another passage must date something else.
  const datesOnlyAnchor = (h: SearchHit) => {
    if (h.date) return anchors.includes(h.date.slice(5, 10));
    const days = daysNamed(h.text);
    return days.length > 0 && days.every((d) => anchors.includes(d));
  };
  // "Lawfare appears twice in the sources: what are the two titles?": a source of the outlet the question names
  // answers; the rest of its words say how the asker came to ask.
  const titlesNamedSource = (h: SearchHit) => h.kind === 'source' && asksSourceTitle(question) && ofOutletNamed(h, question);
  // "Which outlets show up twice": any source of the story speaks of its outlets, counted below (repeatedOutlets).
  const repeatsAsked = REPEATED_OUTLET.test(question);
  const countsOutlets = (h: SearchHit) => repeatsAsked && h.kind === 'source' && h.source != null;
  // "How many SC Media articles does the story cite?": the sources of the outlet it names, counted (a question of sources
  // gathers all of the story's), not the story's count of all of them. Those of the story of the first one.
  const ofOutlet = exp?.type === 'quantity' && exp.unit !== null && PIECE_STEMS.has(exp.unit) ? hits.filter((h) => h.kind === 'source' && ofOutletNamed(h, question)) : [];
  const counted = ofOutlet.filter((h) => h.story_id === ofOutlet[0]?.story_id);
  // A source's line is a headline and its outlet: it answers a question of what was published or read, where or by whom
  // (its kind of outlet, an outlet named, a headline quoted), or which advisory covers something; not what a story says.
  // ("Cover" alone is what a thing deals with: "what will the directive cover?". Which outlet covered it says "outlet".)
  // ("Will the review results be published": whether a thing is made public, which no outlet's piece on it answers.)
  const putOut = question.replace(MADE_PUBLIC, ' ');
  const ofPieces = asksForStory || PIECE_PUT_OUT.test(putOut) || QUOTED_TITLE.test(question) || contentTerms(putOut).some((t) => SOURCE_STEMS.has(t) && t !== COVER);
  // A word of what kind of outlet a source is that the story's other passages use too ("cyber": the cyber press) tells
  // what the story is about, not the outlet asked of. (Read only when a source is weighed for a question of no pieces.)
  let prose: Set<string> | undefined;
  const outletAsked = (h: SearchHit) => {
    const words = (prose ??= new Set(hits.filter((o) => o.kind !== 'source').flatMap((o) => [...hitWords(o)])));
    return (h.source ? outletWords(h.source.publisher) : []).some((w) => terms.includes(stem(w)) && !words.has(stem(w)));
  };
  const asksOfSource = (h: SearchHit) => ofPieces || outletAsked(h) || ofOutletNamed(h, question);
  // "What was the therecord.media headline?": of the sources gathered, the outlet's own (not where another is set aside:
  // "besides Lawfare, who else ...").
  const outletNamed = !OTHER_THAN_NAMED.test(question) && hits.some((h) => h.kind === 'source' && ofOutletNamed(h, question));
  const ofOtherOutlet = (h: SearchHit) => outletNamed && h.kind === 'source' && h.source != null && !ofOutletNamed(h, question);
  // Whether a passage is about what the question asks and supports an answer; whether it states what is asked, apart (statesFirst).
  const weighed = (h: SearchHit) =>
    !(routedById && !h.route) &&
    // (An end of a span asked for is about that end's names. An advisory's dated event is about the names its retrieved
    // passages hold together: "the Honeywell advisory on Android mobile computers (CT60, CN80, CT40 and others)".)
    (aboutNames(h) || datesEnd(h) || (datesStory(h) && holdsNames(storyWords.get(h.story_id) ?? new Set()))) &&
    !listsOtherKind(h) &&
    !describesOtherFlaw(h) &&
    holdsHinges(h) &&
    // (An advisory's dated event dates the advisory about the versions it names, unnamed in the event.)
    (namesVersions(h) || datesStory(h)) &&
    !((ordersSources || outletDated) && (h.kind !== 'source' || h.date == null)) &&
    // A headline is not the verdict a piece came to ("did CFR come out for or against it").
    !(h.kind === 'source' && VERDICT_ASKED.test(question)) &&
    !(h.kind === 'source' && !asksOfSource(h)) &&
    !ofOtherOutlet(h) &&
    // The count of a story's sources ("References tracked: 17 ...") answers how many, and names none of them.
    !(h.kind === 'source' && isFact(h) && exp?.type !== 'quantity') &&
    !(asksWhatChanged && (h.kind !== 'timeline' || saysNothingNew(h))) &&
    // An advisory's publication ("2019-01-29: ICSA-19-029-01 Yokogawa License Manager Service") dates the advisory,
    // not when the vendor published its own report or someone reported the flaw.
    // A question naming the advisory's id asks of the advisory itself.
    !(exp?.type === 'date' && !ASKS_FOR_STORY.test(question) && !intent.identifiers.some((id) => id.startsWith('ICS')) && saysNothingNew(h)) &&
    !(exp?.type === 'date' && LIFECYCLE_DATE.test(question) && h.kind === 'timeline' && isCisaStory(h.story_id)) &&
    !(vendorsDate && h.kind === 'timeline' && isCisaStory(h.story_id)) &&
    !(advisorysDate && h.kind !== 'timeline' && !h.route) &&
    !(anchors.length > 0 && datesOnlyAnchor(h)) &&
    (isSupported(h, question, terms, thresholds, heads) || supportsOne(h) || describesStory(h) || namesDescribedCve(h) || listsKind(h) || listsVersions(h) || datesStory(h) || datesHeldStory(h) || datesEnd(h) || settlesFix(h) || fixesDescribed(h) || scoresDescribed(h) || titlesNamedSource(h) || countsOutlets(h));
  const statesFirst = (h: SearchHit) => !exp || routedAnswers(h) || passageStates(exp, h, question);
  // (Only when a passage answers the first too: "what deadline does Treasury face, and what is it to hand in?" is not
  // answered by what it is to hand in.)
  const weighedHits = hits.filter(weighed);
  const answersFirst = weighedHits.filter(statesFirst);
  // Weighed once a passage: the sentence loop below asks it of each sentence.
  const answersSecondOnly = new Set(answersFirst.length > 0 ? hits.filter(answersSecondAlone) : []);
  // (They come after those that answer the first, whose room they would take.)
  const supported = [...answersFirst, ...weighedHits.filter((h) => !answersFirst.includes(h) && answersSecondOnly.has(h))];
  // "What are the X vulnerabilities": the advisory a passage answers for describes each of its
  // flaws in a passage of its own, in words of its own; those tell what the flaws are (a fix does not).
  const describing = intent.listsFlaws === 'described' ? supported[0]?.story_id : undefined;
  const descriptions = hits.filter((h) => h.story_id === describing && h.kind === 'body' && FLAW_DESCRIPTION.test(h.text));
  // A stopgap asked for instead of the upgrade: the fixes that give one ("users can temporarily mitigate these vulnerabilities
  // by disabling the FTP port") come before those that do not ("For more information, see ..."), in their order.
  // "Which of the X bugs has the top CVSS score": the score lines, highest first.
  const relevant = counted.length
    ? counted
    : descriptions.length
      ? descriptions
      : workaroundInstead
        ? [...supported.filter(givesStopgap), ...supported.filter((h) => !givesStopgap(h))]
        : highest && asksScore
          ? [...supported].sort((a, b) => baseScore(b.text) - baseScore(a.text))
          : supported;
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
  const speaker = speakerOf(question);
  // A question about a vulnerability that names no CVE is answered by the sentence that names one;
  // so is one that asks for the CVE ("... - what's the CVE?").
  const wantsCve = intent.identifiers.length === 0 && (VULNERABILITY_TOPIC.test(question) || CVE_ASKED.test(question));
  const modelsAsked = modelsIn(question);
  const threatAsked = (exp?.type === 'name' && exp.unit != null && THREAT_KINDS.has(exp.unit)) || THREAT_NAME_ASKED.test(question);
  // Whether a fix's label ("STARDOM: Update to VDS R8.10 ...") names a product the question names; undefined for a fix without one.
  const fixLabelNamed = (text: string) => {
    const label = FIX_LABEL.exec(text)?.[1];
    if (label === undefined) return undefined;
    const words = wordsOf(label);
    return names.some((n) => words.has(n));
  };
  const labelsNamed = new Set(relevant.filter((h) => h.kind === 'remediation' && fixLabelNamed(h.text) === true).map((h) => h.story_id));
  const asksImpact = IMPACT_ASKED.test(question);
  const pointerAsked = POINTER_ASKED.test(question);
  // How many events the timeline put first answer: one for most, and for an update the revisions
  // it names ("when did Update A come out") and the first publication, each when asked for.
  const temporal = intent.temporal;
  const routedLeads = temporal?.type === 'update' ? temporal.names.length + Number(temporal.first) : TIMELINE_LEADS.has(temporal?.type ?? '') ? 1 : 0;
  const best: Candidate[] = [];
  const seconds = new Map<SearchHit, Candidate[]>();
  relevant.slice(0, exp?.list ? LIST_SENTENCES : 5).forEach((hit, rank) => {
    const all: Candidate[] = [];
    const title = withAcronyms(wordsOf(hit.story_title), heads);
    for (const s of splitSentences(hit.text)) {
      const span = trimSpan(hit.text, s.start, s.end);
      const text = hit.text.slice(span.start, span.end);
      if (text.length < 12 && !isFact(hit)) continue;
      // A question asking for a name is answered only by a sentence that names something.
      // A source names its publisher: that is the name a question about outlets asks for.
      const publisherAnswers = exp?.type === 'name' && hit.kind === 'source' && hit.source != null && exp.unit != null && SOURCE_STEMS.has(exp.unit);
      // "Which CVE is that": a sentence of a flaw's description names the CVE its paragraph opens with.
      const flaw = describedFlaw(hit, span.start);
      const said = flaw ? `${flaw.id}: ${text}` : text;
      // An event the timeline routed to answers "where did things stand"; a kind of name asked for ("which labs") it must name.
      const routedStands = hit.route === 'timeline' && (exp?.unit == null || exp.unit === PLACE_UNIT);
      // A source's title is the name asked for when the question asks for a source's title ("the title of their piece").
      const sourceTitled = hit.kind === 'source' && exp?.type === 'name' && passageStates(exp, hit, question);
      if (exp?.type === 'name' && !isFact(hit) && !publisherAnswers && !productByTitle && !routedStands && !sourceTitled && !states(exp, said, question)) continue;
      // A CVE's score line ("CVE-X: CVSS v3.0 base score 9.8 ..., weakness ...") answers what it states: a score, a
      // weakness, which CVE. It names no version, product, count or date asked for ("which Tomcat version ships in X").
      // Nor does it say whether a product is affected ("Is PCS 7 V9.1 affected by CVE-X?"), which a status line or the advisory's prose says.
      if ((exp || (polar && AFFECTED_ASKED.test(question))) && hit.kind === 'vulnerability' && SCORE_LINE.test(text) && !asksScore && !asksFlawKind && !(exp?.type === 'name' && exp.unit === CVE_UNIT) && !wantsCve && !WHAT_CVE_IS.test(question)) continue;
      // Who found a flaw is said by a sentence that credits them, or listed by an entity line.
      // One credited without a name ("A major Oil and Gas company reported this ...") is no one's name.
      if (exp?.unit === CREDIT_UNIT && ((!isFact(hit) && !CREDITS.test(text)) || UNNAMED_CREDIT.test(text))) continue;
      // The version that fixes a flaw is given by a fix or a product's fixed status, not by
      // the versions a sentence says are affected.
      if (exp?.type === 'version' && intent.fixVersion && hit.kind !== 'remediation' && !(isFact(hit) && /\b(Fixed|First fixed|Recommended):/u.test(text))) continue;
      // A workaround asked for instead of the upgrade the asker cannot make yet ("we can't flash it to FRN 21.003") is no upgrade.
      if (workaroundInstead && hit.kind === 'remediation' && UPGRADE_ADVICE.test(text)) continue;
      // ... and the versions a flaw is in ("which versions are vulnerable") are not the fix's.
      if (exp?.type === 'version' && !intent.fixVersion && AFFECTED_QUESTION.test(question) && hit.kind === 'remediation') continue;
      // A deadline or a version is stated where it is given: the sentence must state one.
      if ((exp?.unit === DEADLINE_UNIT || (exp?.type === 'version' && !isFact(hit))) && !states(exp, text, question) && !(answersSecondOnly.has(hit) && secondTerms.some((t) => holdsTerm(wordsOf(text), t)))) continue;
      // The date of a version the question names ("when did Delta release v1.0.10") is given beside that version, not another's
      // ("1.0.11 released in December 2023"). A version of two parts may be the product's line ("CODESYS V2.3"), which the
      // sentence need not repeat; one named with a number ("MRI 1.5T") is named by the advisory's title.
      if (exp?.type === 'date' && releasesNamed.length > 0 && hit.kind !== 'timeline' && !releasesNamed.every((v) => speaksOfVersion(`${hit.story_title} ${text}`, v))) continue;
      // So is a date, unless the passage is a dated event or the timeline routed to it.
      if (exp?.type === 'date' && !exp.interval && hit.date == null && hit.route !== 'timeline' && !states(exp, text, question)) continue;
      // A sentence about other CVEs ("CVE-2020-10608: Restrict ...") says nothing of the one asked about.
      // Each line of a CVE's own passage ("Known affected: ...") is about the CVE it opens with.
      const cvesSaid = said.match(CVE_IDS) ?? (hit.kind === 'vulnerability' ? /^CVE-\d{4}-\d+(?=:)/u.exec(hit.text) : null);
      if (cvesAsked.length && cvesSaid && !cvesSaid.some((id) => cvesAsked.includes(id.toUpperCase()))) continue;
      // So is a fix for other models ("G-Cam/EFD-2250 users update to ...") of one asked for another ("TopFD-2125"),
      // and one labelled with another product ("TriFellows: Update to ...") where a fix is labelled with the one asked for ("STARDOM: ...").
      // (A successor named in place of the model asked for, "recommends using MODULYS GP2 (M4-S-XXX) instead", is advice for it.)
      if (hit.kind === 'remediation' && ((modelsAsked.length && !sameModel(modelsAsked, modelsOfFix(text)) && !REPLACEMENT_SAID.test(text)) || (labelsNamed.has(hit.story_id) && fixLabelNamed(text) === false))) continue;
      // "What did X say ..." is answered by X saying it, or by what X published.
      if (speaker && !speaks(hit, text, speaker)) continue;
      // What exploiting a CVE leads to is said by a sentence of its paragraph, which need not name it ("Specially crafted packets ... could cause the device to go into defect mode").
      const words = withAcronyms(new Set([...wordsOf(text), ...kindWords(hit).map(stem), ...dateWords(hit), ...(flaw && asksImpact ? wordsOf(flaw.id) : [])]), heads);
      // "Which botnet exploited ...", "any named threat actor?": a sentence names a threat by its name beside what
      // it is ("the Mirai botnet", "LockBit ransomware"); "a threat actor", or a name beside no such word (CISA's), names none.
      // A fact line names one only under a threat's label; KEV's "Known ransomware campaign use: Unknown" names none.
      if (threatAsked && !(isFact(hit) ? kindWords(hit).some((k) => THREAT_KINDS.has(stem(k))) : namesThreat(text, question) && !NO_KNOWN_RANSOMWARE.test(text))) continue;
      // The sentence itself (with what its passage is about) says what the answer hinges on; of
      // what X spoke about, it names some ("Acme said the board is too slow"), its passage all.
      const says = (t: string) => saysOffice(text, t, question) || (t === verb ? usesVerb(text, t, future) || kindWords(hit).map(stem).includes(t) || actionOf(hit.story_id) !== undefined : holdsTerm(words, t) || holdsTerm(contextWords(hit), t) || title.has(t));
      const answersSecond = secondTerms.some((t) => holdsTerm(words, t));
      if (!answersSecond && (!hinges.filter((t) => !about.includes(t)).every(says) || (about.length > 0 && !about.some(says)))) continue;
      // What the sentence itself says (not what its kind of passage is called): a second sentence
      // that says "patch" goes on from "Moxa has developed solutions", both in a fix.
      const own = wordsOf(text);
      const covers = new Set(terms.filter((t) => own.has(t)));
      const scoredCve = scoredCveOf(hit, text);
      const told = scoredCve ? withDescription(hit, words, scoredCve) : words;
      const coverage = coverageOf(productByTitle ? new Set([...told, ...title]) : told, terms, title);
      // A name answers only in a sentence about what was asked: "The order tasks CISA, NSA ..."
      // does not say which agency runs the benchmarking.
      // An advisory is named by the answer itself (its id), whatever the sentence says.
      // So is one that names it as the kind asked for ("The HatMan malware requires ...").
      // So does a credit ("Davy Douhine and Romain Luyer of RandoriSec reported these vulnerabilities") of who found a flaw.
      const namesKind = exp?.type === 'name' && exp.unit != null && !isFact(hit) && (holdsTerm(words, exp.unit) || (flaw !== undefined && exp.unit === CVE_UNIT) || exp.unit === CREDIT_UNIT);
      if (exp?.type === 'name' && !isFact(hit) && hit.kind !== 'source' && !hit.route && !asksForStory && !namesKind && !describesStory(hit) && coverage < NAME_COVERAGE) continue;
      // A sentence that states what was asked (a date, an amount of the thing counted) answers.
      // An event the timeline routed to is told by its opening sentence, which says what happened that day.
      const fits = (exp && (states(exp, text, question) || publisherAnswers || (exp.type === 'date' && hit.date != null && s.start === 0))) || (hit.route === 'timeline' && s.start === 0) ? 0.3 : 0;
      // The passage's rank matters as much as the sentence's words: retrieval saw its context.
      // A passage the timeline routed to answers by its date, whatever its words: it leads.
      // "What is the latest update", "which came second", "what happened between A and B": the
      // event the timeline put first leads.
      const routed = hit.route === 'timeline' ? (rank < routedLeads ? 1.5 : 1) : 0;
      // The kind of passage the question asks for (a fix, a score, a source) answers it.
      const kind = Math.max(0, intent.kindBoost[hit.kind] ?? 0);
      // (A yes-or-no question asks about a claim, which a sentence naming the CVE need not hold.)
      const cve = wantsCve && !polar && CVE_ID.test(text) ? 0.3 : 0;
      const settles = settlesFix(hit) && NO_FIX.test(text) ? 0.3 : 0;
      // "The highest CVSS score among ...": the highest score stated leads.
      const stated = highest ? baseScore(text) : 0;
      // A version the question names ("we run 12.1.2"): the sentence of its range leads, not its passage's context.
      const ofVersion = versionsNamed.length > 0 && versionsNamed.every((v) => speaksOfVersion(text, v)) ? 0.3 : 0;
      const scored = scoredCve ? 0.3 : 0;
      // "What could an attacker do": the sentence of what exploitation allows ("could result in ...") says it.
      const impact = asksImpact && IMPACT_SAID.test(text) ? 0.3 : 0;
      const weakness = asksFlawKind && WEAKNESS_NAMED.test(text) ? 0.6 : 0;
      const advice = asksWhatToDo && ADVICE_GIVEN.test(text) ? 0.3 : 0;
      const done = dateVerb && usesVerb(text, dateVerb) ? 0.3 : 0;
      // "Which BirdDog models are listed as affected": the line that lists that kind of thing leads the CVEs and weaknesses.
      const lists = productsAsked && listsKind(hit) ? 0.6 : 0;
      // A fix that only points elsewhere ("For more information, please see the advisory from Rockwell Automation.")
      // says less than one that says what to do, unless where to look is asked.
      const pointer = hit.kind === 'remediation' && POINTS_ELSEWHERE.test(text) && !pointerAsked ? 0.3 : 0;
      const score = coverage + fits + routed + kind + cve + settles + ofVersion + scored + impact + weakness + advice + done + lists - pointer + 0.1 * stated + 0.6 * Math.max(0, hit.score / top) - 0.05 * rank;
      all.push({ hit, text, ...span, score, covers });
    }
    all.sort((a, b) => b.score - a.score);
    if (all[0]) best.push(all[0]);
    seconds.set(hit, all.slice(1));
  });
  // Advisories written from one template say the same sentence of different products: of the
  // same sentence, the story whose retrieved passages together hold more of the question leads
  // ("radio transmitters that use fixed codes": the advisory whose fix speaks of radio transmitters).
  const sameText = new Map<string, number>();
  for (const c of best) sameText.set(c.text, Math.max(sameText.get(c.text) ?? -Infinity, c.score));
  for (const c of best) if (best.filter((o) => o.text === c.text).length > 1) c.score = sameText.get(c.text)! + 0.01 * (storyCover.get(c.hit.story_id) ?? 0);
  best.sort((a, b) => b.score - a.score);
  if (best.length === 0 && counted.length === 0) return decline(speaker ? `no retrieved passage reports what ${speaker.words.join(' ')} said` : verb ? `no retrieved sentence uses "${verb}" as a verb` : 'no retrieved sentence states what it asks for');
  const picked: Candidate[] = [];
  let goesOn: Candidate | undefined;
  for (const c of best) {
    if (picked.length >= maxSentences) break;
    // (The same words on another day are another event: "Moxa UC Series (Update A)", published, then revised under that title.)
    if (picked.some((p) => p.text === c.text && !(p.hit.kind === 'timeline' && c.hit.kind === 'timeline' && p.hit.date !== c.hit.date))) continue;
    // A line that announces a list ("AVEVA recommends the following defensive measures:") says nothing after the
    // lead: the room goes to a sentence that says something (the lead's own list is read in order below, announcedSteps).
    if (picked.length > 0 && ANNOUNCES_LIST.test(c.text)) continue;
    picked.push(c);
    // The lead passage may go on: a sentence of it that holds question words the first one
    // lacks ("He said the directive will address ...") comes right after it.
    if (picked.length === 1) {
      // A fix is a version: "update to the latest patch." goes on with "It was fixed in Version 9.1.4."
      const versionLacking = (intent.kindBoost.remediation ?? 0) > 0 && !VERSION.test(c.text);
      // Advice asked for ("or what are owners supposed to do?"): "X is an End-of-Life product." goes on with "X recommends using Y instead."
      const adviceLacking = asksWhatToDo && !ADVICE_GIVEN.test(c.text);
      // A sentence that opens with a pronoun ("He said the directive will address ...") goes with
      // the one before it, which says who.
      const before = PRONOUN_OPENING.test(c.text) ? sentenceBefore(c.hit, c.start) : undefined;
      const more = before ?? seconds.get(c.hit)?.find((o) => [...o.covers].some((t) => !c.covers.has(t)) || (versionLacking && VERSION.test(o.text)) || (adviceLacking && ADVICE_GIVEN.test(o.text)));
      // Failing that, the sentence right after it, when it goes on about the same one ("He said
      // the directive will address ..."), where the answer has room left (goesOn).
      const next = seconds.get(c.hit)?.find((o) => o.start >= c.end && c.hit.text.slice(c.end, o.start).trim() === '' && PRONOUN_OPENING.test(o.text));
      if (!more && next) goesOn = next;
      // In the passage's own order.
      if (more && picked.length < maxSentences) picked.splice(more.start < c.start ? 0 : 1, 0, more);
    }
  }

  // "What is CVE-X": the paragraph of the advisory's prose that describes it, from its opening
  // ("CVE-X: Weakness (CWE-N).") through what the flaw allows, ahead of its score and CVEs lines.
  // (Of the passages that open it, the one that holds most of it: a chunk may end right after the opening.)
  const describedCve = intent.describes;
  const paragraphOf = (h: SearchHit) => {
    const at = describedCve ? flawDescriptionAt(h, describedCve) : -1;
    const ends = at < 0 ? -1 : h.text.indexOf('\n', at);
    return { at, ends: ends < 0 ? h.text.length : ends };
  };
  const openings = hits.map((h) => ({ h, ...paragraphOf(h) })).filter((o) => o.at >= 0);
  const description = openings.sort((a, b) => b.ends - b.at - (a.ends - a.at))[0];
  if (description) {
    const { at, ends } = description;
    const paragraph = trimmedSentences(description.h.text).filter((sen) => sen.text && sen.start >= at && sen.start < ends);
    const said = paragraph.slice(0, maxSentences).map((sen) => ({ hit: description.h, ...sen, score: 0, covers: new Set<string>() }));
    picked.splice(0, picked.length, ...[...said, ...picked.filter((p) => p.hit !== description.h && !said.some((sen) => sen.text === p.text))].slice(0, maxSentences));
  }

  // "How do you work around X": the steps of the workaround its lead fix is one of, in order.
  // (A version asked for is one step's, not the procedure. Nor is a workaround asked for instead of the upgrade told by
  // the steps of an upgrade alone: "Software patches are available to users with access to the Guardian Support Portal at:".)
  const steps = (intent.kindBoost.remediation ?? 0) > 0 && exp?.type !== 'version' && picked[0] ? announcedSteps(picked[0].hit, hits) : undefined;
  const upgradeOnly = (intro: Candidate) => trimmedSentences(intro.text).every((sen) => !sen.text || UPGRADE_ADVICE.test(sen.text));
  if (steps && !(workaroundInstead && upgradeOnly(steps[0]!))) picked.splice(0, picked.length, ...steps);

  // A line of the lead advisory that names all its flaws goes first, in place of the last pick when the answer is full
  // (unless a date, a number or a version is asked).
  const leadStory = exp?.type === 'date' || exp?.type === 'quantity' || exp?.type === 'version' ? undefined : picked[0]?.hit.story_id;
  const leadWith = (line: SearchHit | undefined) => {
    if (!line) return;
    const at = picked.findIndex((p) => p.hit === line);
    if (at > 0) picked.unshift(...picked.splice(at, 1));
    if (at >= 0) return;
    if (picked.length >= maxSentences) picked.pop();
    picked.unshift(wholePassage(line));
  };
  const lineOf = (label: RegExp) => hits.find((h) => h.story_id === leadStory && h.kind === 'entity' && label.test(h.text));
  // "What kinds of bugs did CISA flag in X", "which two weakness types": its Weaknesses line names each (of a CVE asked about, its own line says).
  if (asksFlawKind && cvesAsked.length === 0 && !productsAsked) leadWith(lineOf(WEAKNESSES_LINE));
  // "X vulnerabilities", "which CVE IDs are in it": its CVEs line names them all (not where the products they are in are asked,
  // nor a fix for the flaws: "is a fix coming for the X bugs" is answered by the fix, which the CVE ids would push out.
  // Nor who found them: "who reported the X flaws" is answered by the credit.)
  const fixForFlaws = intent.listsFlaws === 'flaws' && (intent.kindBoost.remediation ?? 0) > 0;
  const whoAsked = exp?.unit === CREDIT_UNIT || exp?.unit === SOMEONE_UNIT;
  if (intent.listsFlaws && !productsAsked && !fixForFlaws && !whoAsked) leadWith(lineOf(CVES_LINE));
  // "Which module?", "vendor and models please": the lead advisory's title names the product, and its Products line the
  // models, which the title may not ("MELSEC WS Series Ethernet Interface Module": WS0-GETH00200). A short fact line, it
  // follows the lead story's sentences beyond the default room rather than push one out (that lost the fix of "which
  // product, and what update fixes it?").
  const products = productsAsked ? lineOf(PRODUCTS_LINE) : undefined;
  if (products && !picked.some((p) => p.hit === products) && (opts.maxSentences === undefined || picked.length < maxSentences)) {
    picked.splice(picked.findLastIndex((p) => p.hit.story_id === leadStory) + 1, 0, wholePassage(products));
  }

  // "Which versions are affected, and what's the fixed release?": a fix answers the second part; the lead story's
  // status line ("CVE-X: Known affected: ...") answers the first, added when no picked sentence is one.
  const statusAsked = secondAsked !== undefined && AFFECTED_QUESTION.test(firstAsked ?? '') && !AFFECTED_QUESTION.test(secondAsked);
  const status = statusAsked && !picked.some((p) => KNOWN_AFFECTED.test(p.text)) ? hits.find((h) => h.story_id === picked[0]?.hit.story_id && KNOWN_AFFECTED.test(h.text) && aboutNames(h)) : undefined;
  if (status) {
    if (picked.length >= maxSentences) picked.pop();
    picked.push(wholePassage(status));
  }

  // A question about a vulnerability that names no CVE is answered with one, the lead advisory's (another
  // advisory's CVE does not name the flaw the lead describes): if no picked sentence of its story names a CVE,
  // its best-scored sentence that does takes the last place. Failing those, any retrieved passage of the lead's
  // story that names one: every passage of the advisory a product query finds is about it, ranked or not, and
  // one whose sentences answer nothing else asked ("CVE-X: Soft Comfort All versions < V8.3." of a fix's
  // version) still names the CVE. Failing all of the lead's, another advisory's, where no picked sentence names one.
  const cveStory = picked[0]?.hit.story_id;
  if (wantsCve && !picked.some((p) => CVE_ID.test(p.text) && p.hit.story_id === cveStory)) {
    const others = hits.filter((h) => h.story_id === cveStory && aboutNames(h)).flatMap((h, i) =>
      trimmedSentences(h.text).flatMap((sen) => {
        const words = wordsOf(sen.text);
        return CVE_ID.test(sen.text) ? [{ hit: h, ...sen, score: coverageOf(words, terms, wordsOf(h.story_title)) - 0.05 * i, covers: new Set(terms.filter((t) => words.has(t))) }] : [];
      }),
    );
    const scored = [...best, ...[...seconds.values()].flat()].filter((c) => CVE_ID.test(c.text)).sort((a, b) => b.score - a.score);
    const withCve = scored.find((c) => c.hit.story_id === cveStory) ?? others.sort((a, b) => b.score - a.score)[0] ?? (picked.some((p) => CVE_ID.test(p.text)) ? undefined : scored[0]);
    if (withCve) {
      if (picked.length >= maxSentences) picked.pop();
      picked.push(withCve);
    }
  }

  // "... and what action does CISA require?": a KEV entry's required action is its own sentence
  // of the entry's text, whatever else (its dates) the question asks first.
  const action = picked[0] && actionOf(picked[0].hit.story_id);
  if (action && !picked.some((p) => p.hit === action && p.text.includes(REQUIRED_ACTION))) {
    const at = action.text.indexOf(REQUIRED_ACTION);
    if (picked.length >= maxSentences) picked.pop();
    picked.push({ hit: action, ...trimSpan(action.text, at, action.text.length), text: action.text.slice(at).trim(), score: 0, covers: new Set() });
  }

  // "Is it flagged for ransomware use, and what's the deadline?": the lead story's catalog event records ransomware
  // use in a sentence of its own ("Known to be used in ransomware campaigns."), which answers that part.
  const record = RANSOMWARE.test(question) && picked[0] && !picked.some((p) => RANSOMWARE.test(p.text)) ? hits.find((h) => h.story_id === picked[0]!.hit.story_id && h.kind === 'timeline' && RANSOMWARE.test(h.text)) : undefined;
  const use = record && trimmedSentences(record.text).find((sen) => RANSOMWARE.test(sen.text));
  if (record && use) {
    if (picked.length >= maxSentences) picked.pop();
    picked.push({ hit: record, ...use, score: 0, covers: new Set() });
  }

  // The lead's next sentence, in whatever room is left, right after the lead.
  const leadAt = goesOn ? picked.findIndex((p) => p.hit === goesOn.hit && p.end <= goesOn.start) : -1;
  if (goesOn && leadAt >= 0 && !picked.some((p) => p.text === goesOn.text)) {
    // Where the answer is full, it takes the place of the last sentence, of another passage, when that scores no
    // better and says no word of the question the others do not: it goes on about what the lead is about. Another
    // dated event keeps its place (it answers in its own right), and so does a version where a fix is asked for.
    const last = picked.at(-1)!;
    const addsNothing = [...last.covers].every((t) => picked.some((p) => p !== last && p.covers.has(t))) && !((intent.kindBoost.remediation ?? 0) > 0 && VERSION.test(last.text));
    if (picked.length >= maxSentences && last.hit !== goesOn.hit && last.hit.kind !== 'timeline' && goesOn.score >= last.score && addsNothing) picked.pop();
    if (picked.length < maxSentences) picked.splice(leadAt + 1, 0, goesOn);
  }

  // "What version fixes it, and which port should we block meanwhile?": a second question no picked
  // sentence speaks to is answered on its own, of the lead's story and about what the first one names,
  // and its lead sentence takes the last place.
  const lead = picked[0]?.hit;
  const spoken = (t: string) => picked.some((p) => holdsTerm(wordsOf(p.text), t));
  if (lead && secondAsked && secondAsks && maxSentences > 1 && secondTerms.length > 0 && !secondTerms.some(spoken)) {
    const subject = namesIn(firstAsked ?? '').join(' ');
    const part = extractiveAnswer(subject ? `${subject}: ${secondAsked}` : secondAsked, hits.filter((h) => h.story_id === lead.story_id), { ...opts, maxSentences: 1 });
    const said = part.sentences[0];
    const hit = said && part.citations[said.citation - 1];
    const text = hit && said ? hit.text.slice(said.passage_offsets.start, said.passage_offsets.end) : undefined;
    // (A line that only announces a list, "Acme recommends the following actions:", says none of it.)
    if (hit && text && !(ANNOUNCES_LIST.test(text) && !/[.!?]\s/u.test(text)) && !picked.some((p) => p.hit === hit && p.start === said.passage_offsets.start)) {
      if (picked.length >= maxSentences) picked.pop();
      picked.push({ hit, ...said.passage_offsets, text, score: 0, covers: new Set() });
    } else if (WORKAROUND_ASKED.test(secondAsked) || UNTIL_FIXED.test(secondAsked)) {
      // "..., and is there something we can do on the network side until we can flash them?", answered by nothing new:
      // what to do meanwhile is the advisory's measure, in its own words ("Restrict communication to CIP object 103"), not a version.
      const measure = hits.find((h) => h.story_id === lead.story_id && h.kind === 'remediation' && !VERSION.test(h.text) && !ANNOUNCES_LIST.test(h.text) && !POINTS_ELSEWHERE.test(h.text) && !LINK.test(h.text) && !picked.some((p) => p.hit === h));
      if (measure) {
        if (picked.length >= maxSentences) picked.pop();
        picked.push(wholePassage(measure));
      }
    }
  }

  // "Which publishers covered it more than once?": the sources of each outlet the lead's story cites twice or
  // more, all of them (but not of one the question sets aside: "Lawfare isn't the only one cited twice").
  const repeated = repeatsAsked && picked[0] ? repeatedOutlets(hits.filter((h) => h.story_id === picked[0]!.hit.story_id), OTHER_THAN_NAMED.test(question) ? question : '') : [];
  const listed = repeated.length ? repeated : counted;
  if (listed.length) picked.splice(0, picked.length, ...listed.slice(0, LIST_SENTENCES).map(wholePassage));

  // Whether a plan was carried out is not told by the plan: "Did CISA actually publish the directive
  // by the end of that week?" of "Andersen said the agency plans to issue a directive by the end of the week".
  if (OUTCOME_ASKED.test(question) && DONE_ASKED.test(askingClause(question)) && !COMPARED.test(question) && !SAYING_ASKED.test(question) && picked[0] && statesPlan(picked[0].text)) {
    return decline('the retrieved passages tell only of a plan, not whether it was carried out');
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
  // So does one whose answer names no product itself ("The device enables an attacker to ..."): its title does.
  // A maker or an advisory asked for is named by the title whatever the sentences name.
  const asksForProduct = exp !== null && productByTitle && (severalStories || intent.identifiers.length > 0 || !PRODUCT_KINDS.has(exp.unit!) || !picked.some((p) => states(exp, p.text, question)));
  const namesStory = ASKS_FOR_STORY.test(q) || asksForProduct || (KEYWORD_QUERY.test(q) && (intent.identifiers.length > 0 || severalStories));
  // What the answer says before its sentences: "How many days after A was B", the days between the two dated events it
  // cites; "how many SC Media articles", the outlet's sources counted.
  const preface = exp?.interval ? daysBetween(citations) : counted[0]?.source ? `${counted.length} of the story's sources ${counted.length === 1 ? 'is' : 'are'} from ${counted[0].source.publisher}:` : undefined;
  // "Which CVE is that": a sentence from inside a flaw's description is said with the CVE its paragraph opens with.
  const flawLabel = (hit: SearchHit, at: number): string | undefined => {
    const flaw = (exp?.type === 'name' && exp.unit === CVE_UNIT) || (intent.identifiers.length === 0 && CVE_ASKED.test(question)) ? describedFlaw(hit, at) : undefined;
    return flaw && flaw.start < at ? `${flaw.id}:` : undefined;
  };
  // An advisory the question does not name (a product described in words, or by a word of its
  // title as generic as "GPS") is named too: its title says which product.
  const unnamed = (hit: SearchHit): boolean => {
    if (!isCisaStory(hit.story_id)) return false;
    const titleNames = namesIn(hit.story_title.replace(/\((?:Update [A-Z])\)/gu, '')).map((n) => stem(n.toLowerCase()));
    return titleNames.filter((n) => names.includes(n)).length < titleNames.length / 2;
  };
  const answer = `${preface ? `${preface} ` : ''}${sentences
    .map((s) => {
      const hit = citations[s.citation - 1]!;
      // A fact sentence cut from the middle of its line gets the line's label back; a source
      // title is said with its publisher (and its date, if it has one), as a fact rather than as the story's prose.
      // An event that states no date of its own ("Initial Publication") is said with its date.
      const label =
        hit.kind === 'source' && hit.source
          ? `${hit.source.publisher} published${hit.date ? ` on ${hit.date.slice(0, 10)}` : ''}`
          : isFact(hit) && s.passage_offsets.start > 0
            ? /^[^:]{1,80}:/.exec(hit.text)?.[0]
            : (flawLabel(hit, s.passage_offsets.start) ?? (hit.kind === 'timeline' && hit.date && !statesDay(hit.text) ? `${hit.date}:` : undefined));
      const story = !named.has(hit.story_id) && (namesStory || unnamed(hit)) ? `${hit.story_title} (${hit.story_id}): ` : '';
      named.add(hit.story_id);
      return `${story}${label ? `${label} ` : ''}${s.text} [${s.citation}]`;
    })
    .join(' ')}`;
  return { found: true, answer, sentences, citations, quotes: quoteChecks(sentences, citations) };
}
