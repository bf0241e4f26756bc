// The words of questions and passages as the offline answer compares them: stems, compounds, what
// a kind of passage is called, a dated passage's month and year, the names a passage holds.

import { MONTHS, MONTHS_SHORT } from '../retrieval/intent.js';
import type { SearchHit } from '../retrieval/search.js';
import { UNDATED } from '../story/passage.js';
import { queryTerms, stem as queryStem, wordStems as queryWordStems } from '../retrieval/query.js';
import { outletWords } from './outlets.js';

// Question words that carry no content for support ("what happened", "tell me about"), and
// light verbs whose object carries the meaning ("get permission", "come out", "looks at what it
// means", "going to put it into effect", "where did things stand"), and "right now".
// "What kind of", "which specific", "actually issued", "finally came out", "supposed to" and "the
// labs themselves" ask, they do not say; nor do prepositions the keyword stopwords leave in
// ("besides", "regarding", "per", "without", "among"); "purely", "solely" limit as "only" and "just" do.
export const QUESTION_WORDS = new Set(['happened', 'happen', 'happens', 'coming', 'upcoming', 'afterwards', 'afterward', 'beforehand', 'know', 'known', 'anything', 'something', 'thing', 'things', 'give', 'me', 'us', 'please', 'explain', 'describe', 'summary', 'summarize', 'many', 'much', 'there', 'any', 'whether', 'also', 'kind', 'kinds', 'type', 'types', 'sort', 'specific', 'exact', 'exactly', 'actually', 'really', 'ever', 'gap', 'finally', 'eventually', 'ultimately', 'supposed', 'themselves', 'itself', 'himself', 'herself', 'named', 'name', 'names', 'title', 'titles', 'full', 'date', 'dates', 'whose', 'get', 'gets', 'got', 'make', 'makes', 'made', 'take', 'takes', 'took', 'go', 'goes', 'went', 'come', 'comes', 'came', 'look', 'looks', 'looked', 'looking', 'mean', 'means', 'meant', 'going', 'put', 'puts', 'putting', 'right', 'now', 'currently', 'presently', 'moment', 'sure', 'owner', 'owners', 'topic', 'topics', 'subject', 'subjects', 'area', 'areas', 'aspect', 'aspects', 'angle', 'angles', 'slant', 'spin', 'stuff', 'job', 'capacity', 'eli5', 'tldr', 'whats', 'wheres', 'whos', 'hows', 'whens', 'meantime', 'meanwhile', 'away', 'stand', 'stands', 'stood', 'besides', 'around', 'apart', 'aside', 'except', 'aim', 'aims', 'aimed', 'aiming', 'goal', 'goals', 'purpose', 'purposes', 'objective', 'objectives', 'beyond', 'including', 'regarding', 'concerning', 'per', 'despite', 'toward', 'towards', 'upon', 'within', 'without', 'via', 'among', 'amongst', 'mainly', 'mostly', 'chiefly', 'largely', 'primarily', 'principally', 'purely', 'solely', 'merely', 'strictly', 'exclusively']);

// The query stemmer, and a final "e" dropped, so "pause" meets "paused" and "issue" "issued".
const dropE = (w: string) => w.replace(/e$/u, '');
export const stem = (w: string) => dropE(queryStem(w));
/** Words as names are written: letters and digits, joined by hyphens or dots ("3D-A1000", "cisa.gov", "v2.1"). */
export const NAME_TOKENS = /[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu;
/** Text without diacritics: a question's "Drager" is a passage's "Dräger" (FTS5 found it so). */
export const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '');
// Words security people shorten, as advisories spell them out.
const SHORTENED: Record<string, string> = { enip: 'EtherNet/IP', cred: 'credentials', creds: 'credentials', auth: 'authentication', admin: 'administrator', admins: 'administrators', config: 'configuration', configs: 'configurations', pw: 'password', pwd: 'password', pwds: 'passwords', fw: 'firmware', priv: 'privilege', privs: 'privileges', privesc: 'privilege escalation', av: 'antivirus', natsec: 'national security', govt: 'government', vuln: 'vulnerability', vulns: 'vulnerabilities', dept: 'department' };
// Words news and advisories put otherwise: a "tougher" review is a "stronger" one, "prosecuting"
// attackers is criminal "enforcement" against them, what a flaw "leaks" or "reveals" it discloses,
// a "yardstick" is a benchmark, "the feds" the federal government, and a model shipped or launched is released;
// a rivalry is a competition, a worry a concern, dealing with something addressing it, and vetting a
// model before release is reviewing it before deployment (not vetting staff). A part taken by choice
// ("optional", "opt-in") is voluntary, an idea floated a proposal, hardened networks strengthened systems; an op-ed
// is a perspective piece, the Justice Department's work the attorney general's, clout authority, fear concern,
// figuring out what counts as determining what qualifies, a secret process a classified one, a scrapped draft a
// withdrawn one, a proposal watered down or dialed back one scaled back, an argument or a fight inside a
// government its debate, breaking into a system illegally accessing it, and wrecking or trashing one damaging it.
// Passages write these words their own way too: a search in them finds what the asker's words miss (gatherEvidence).
const SAME_MEANING: Record<string, string> = {
  tougher: 'stronger',
  toughest: 'strongest',
  prosecute: 'enforce',
  prosecutes: 'enforces',
  prosecuted: 'enforced',
  prosecuting: 'enforcing',
  prosecution: 'enforcement',
  prosecutions: 'enforcement',
  leak: 'disclose',
  leaks: 'discloses',
  leaked: 'disclosed',
  leaking: 'disclosing',
  reveal: 'disclose',
  reveals: 'discloses',
  revealed: 'disclosed',
  revealing: 'disclosing',
  yardstick: 'benchmark',
  yardsticks: 'benchmarks',
  feds: 'federal government',
  ship: 'release',
  ships: 'releases',
  shipped: 'released',
  shipping: 'releasing',
  launch: 'release',
  launches: 'releases',
  launched: 'released',
  launching: 'releasing',
  rivalry: 'competition',
  rivalries: 'competitions',
  'tech race': 'tech competition',
  'ai race': 'ai competition',
  'pre-release vetting': 'pre-deployment review',
  'pre-release': 'pre-deployment',
  'deal with': 'address',
  'deals with': 'addresses',
  'dealt with': 'addressed',
  'dealing with': 'addressing',
  signature: 'signing',
  signatures: 'signings',
  worry: 'concern',
  worries: 'concerns',
  worried: 'concerned',
  worrying: 'concerning',
  optional: 'voluntary',
  'opt-in': 'voluntary',
  floated: 'proposed',
  'floating around': 'proposed',
  harden: 'strengthen',
  hardens: 'strengthens',
  hardened: 'strengthened',
  hardening: 'strengthening',
  opinion: 'perspective',
  'op-ed': 'perspective',
  'op-eds': 'perspectives',
  'ai-assisted': 'ai-enabled',
  'ai-driven': 'ai-enabled',
  'ai-powered': 'ai-enabled',
  doj: 'attorney general',
  'justice department': 'attorney general',
  'department of justice': 'attorney general',
  clout: 'authority',
  'break into': 'illegally access',
  'breaks into': 'illegally accesses',
  'broke into': 'illegally accessed',
  'breaking into': 'illegally accessing',
  'hack into': 'illegally access',
  'hacks into': 'illegally accesses',
  'hacked into': 'illegally accessed',
  'hacking into': 'illegally accessing',
  wreck: 'damage',
  wrecks: 'damages',
  wrecked: 'damaged',
  wrecking: 'damaging',
  trash: 'damage',
  trashes: 'damages',
  trashed: 'damaged',
  trashing: 'damaging',
  afraid: 'concerned',
  scared: 'concerned',
  nervous: 'concerned',
  threaten: 'threat',
  threatens: 'threats',
  decide: 'determine',
  decides: 'determines',
  decided: 'determined',
  deciding: 'determining',
  'figure out': 'determine',
  'figures out': 'determines',
  'count as': 'qualify as',
  'counts as': 'qualifies as',
  secret: 'classified',
  'behind closed doors': 'classified',
  scrapped: 'withdrawn',
  'watered down': 'scaled back',
  'water down': 'scale back',
  'watering down': 'scaling back',
  'dialed back': 'scaled back',
  'dialled back': 'scaled back',
  'toned down': 'scaled back',
  'pare back': 'scale back',
  'pares back': 'scales back',
  'pared back': 'scaled back',
  'paring back': 'scaling back',
  argument: 'debate',
  arguments: 'debates',
  fight: 'debate',
  fights: 'debates',
  fought: 'debated',
  infighting: 'debate',
  'federal networks': 'federal systems',
  'government networks': 'government systems',
  'agency networks': 'agency systems',
  'civilian networks': 'civilian systems',
  // Oversight made softer, lighter or looser is narrower; what goes out to everybody else before goes out broader.
  'lighter-touch': 'narrower',
  'light-touch': 'narrower',
  softer: 'narrower',
  lighter: 'narrower',
  looser: 'narrower',
  'everybody else': 'broader',
  'everyone else': 'broader',
  'the general public': 'broader',
  'the public': 'broader',
  // An early look at a model is access to it before release; a powerful or cutting-edge one is advanced.
  'early look': 'access before release',
  'early peek': 'access before release',
  'sneak peek': 'access before release',
  'early access': 'access before release',
  powerful: 'advanced',
  'cutting-edge': 'advanced',
  // Systems better defended or protected have their defenses strengthened; the most capable models are the most advanced.
  'better defended': 'defenses strengthened',
  'better protected': 'defenses strengthened',
  'better protect': 'strengthen defenses',
  'most capable': 'most advanced',
  // Plans shelved, put on hold or on ice are paused; a draft yanked is withdrawn. (Not "halted" or "froze": what a device does when a flaw is exploited.)
  shelve: 'pause',
  shelves: 'pauses',
  shelved: 'paused',
  shelving: 'pausing',
  'put on hold': 'paused',
  'on hold': 'paused',
  'put on ice': 'paused',
  'on ice': 'paused',
  yanked: 'withdrawn',
  // Arguing or clashing inside a government is its debate; working with someone coordinating with them.
  argue: 'debate',
  argues: 'debates',
  argued: 'debated',
  arguing: 'debating',
  clash: 'debate',
  clashes: 'debates',
  clashed: 'debated',
  clashing: 'debating',
  wrangled: 'debated',
  wrangling: 'debating',
  'work with': 'coordinate with',
  'works with': 'coordinates with',
  'working with': 'coordinating with',
  'worked with': 'coordinated with',
  // A permit (a permit system, a permit regime), a sign-off, a pre-approval, a veto or a green light before release is
  // preclearance or permitting. (Not "permit" the verb: a flaw "could permit an attacker to ...".)
  'a permit': 'permitting',
  'permit system': 'permitting',
  'permit regime': 'permitting',
  'sign-off': 'preclearance',
  'pre-approval': 'preclearance',
  preapproval: 'preclearance',
  'prior approval': 'preclearance',
  'sign off': 'preclearance',
  veto: 'preclearance',
  'green light': 'preclearance',
  'green-light': 'preclearance',
  // Opting in is voluntary; being obliged, obligated, compelled or forced to is mandatory.
  'opt into': 'voluntary',
  'opt in': 'voluntary',
  'opts in': 'voluntary',
  obliged: 'mandatory',
  obligated: 'mandatory',
  compelled: 'mandatory',
  forced: 'mandatory',
  compulsory: 'mandatory',
  // Outsiders are partners; outside, private or industry players companies.
  outsiders: 'partners',
  'outside players': 'companies',
  'private players': 'companies',
  'industry players': 'companies',
  // Boosting is promoting; a gauge or a test suite of capabilities is a benchmark.
  boost: 'promote',
  boosts: 'promotes',
  boosting: 'promoting',
  gauge: 'benchmark',
  gauges: 'benchmarks',
  gauging: 'benchmarking',
  'test suite': 'benchmark',
  'test suites': 'benchmarks',
  // Ruling out, saying no to or turning down is rejecting; holding off is pausing.
  'rule out': 'reject',
  'rules out': 'rejects',
  'ruled out': 'rejected',
  'ruling out': 'rejecting',
  'say no to': 'reject',
  'said no to': 'rejected',
  'turn down': 'reject',
  'turned down': 'rejected',
  'hold off': 'pause',
  'held off': 'paused',
  'holding off': 'pausing',
  // An official name is a name, subject matter a subject, a problem area an area: what the question asks for.
  'official name': 'name',
  'official title': 'title',
  'subject matter': 'subject',
  'problem area': 'area',
  'problem areas': 'areas',
  // What an advisory tells users to do, in the asker's words: "switch off the FTP port" is disabling it,
  // "lock down port 1522" restricting it, a "stopgap" a workaround.
  'switch off': 'disable',
  'switches off': 'disables',
  'switched off': 'disabled',
  'switching off': 'disabling',
  'turn off': 'disable',
  'turns off': 'disables',
  'turned off': 'disabled',
  'turning off': 'disabling',
  'shut off': 'disable',
  'shuts off': 'disables',
  'shutting off': 'disabling',
  'lock down': 'restrict',
  'locks down': 'restricts',
  'locked down': 'restricted',
  'locking down': 'restricting',
  stopgap: 'workaround',
  stopgaps: 'workarounds',
  'stop-gap': 'workaround',
  'stop-gaps': 'workarounds',
  // A fix is a patch (not "fixed", which is also "set": "a fixed number of hours"); finding or hunting bugs is scanning for vulnerabilities.
  fix: 'patch',
  fixes: 'patches',
  fixing: 'patching',
  'bug-fixing': 'patching',
  'find bugs': 'scan vulnerabilities',
  'finding bugs': 'scanning vulnerabilities',
  'hunting bugs': 'scanning vulnerabilities',
  'hunting for bugs': 'scanning for vulnerabilities',
  'bug hunting': 'vulnerability scanning',
  'bug-hunting': 'vulnerability scanning',
};
const SHORTENED_WORD = new RegExp(`\\b(?:${Object.keys(SHORTENED).join('|')})\\b`, 'giu');
const SAME_MEANING_WORD = new RegExp(`\\b(?:${Object.keys(SAME_MEANING).join('|')})\\b`, 'giu');
// The phrases among them ("water down", "deal with"): a verb with its particle, whose first word alone says something else.
const SAME_MEANING_PHRASE = new RegExp(`\\b(?:${Object.keys(SAME_MEANING).filter((k) => k.includes(' ')).join('|')})\\b`, 'giu');
/** A text's phrasal verbs and set phrases in the one form passages use ("watered down": "scaled back"), its single words as written. */
export const inPassagePhrases = (text: string): string => text.replace(SAME_MEANING_PHRASE, (w) => SAME_MEANING[w.toLowerCase()] ?? w);
/** A text's words put otherwise in the one form passages use ("tougher": "stronger"). */
export const inPassageWords = (text: string): string => text.replace(SAME_MEANING_WORD, (w) => SAME_MEANING[w.toLowerCase()] ?? w);
/** A text's shortened words spelled out ("creds": "credentials"), and words put otherwise in one form ("tougher": "stronger"), in questions and passages alike. */
export const inCommonForm = (text: string): string => inPassageWords(text.replace(SHORTENED_WORD, (w) => SHORTENED[w.toLowerCase()] ?? w));

// A compound holds its parts: "pre-deployment" says "deployment", "3D-A1000" says "a1000",
// "CVE-2024-0001" says "CVE", in every text alike. A letter's side parts it: the digits of an id
// or a version ("2024-0001", "2.5.4") stay together.
// A word hyphenated ("re-creating") is also the word written whole ("recreating").
const COMPOUND_JOINT = /(?<=\p{L})[-.](?=[\p{L}\d])|(?<=\d)[-.](?=\p{L})/gu;
// Well-known US government bodies as passages name them, and the distinctive words of what naming one says:
// "OMB" is the Office of Management and Budget, the budget office; "Treasury" the Cabinet's finance department;
// the attorney general heads Justice. Not the words "office", "department" or "agency": "which Treasury office"
// asks for one the passage does not name. (Only what a body is, never what it does.)
const KNOWN_BODIES: Readonly<Record<string, string>> = {
  NSA: 'intelligence',
  OMB: 'Management Budget',
  Treasury: 'Cabinet finance',
  'attorney general': 'Justice Cabinet',
  DOJ: 'Justice Cabinet',
  DHS: 'Homeland Security Cabinet',
  DOD: 'Defense Pentagon Cabinet',
  DoD: 'Defense Pentagon Cabinet',
  DOE: 'Energy Cabinet',
  FBI: 'Federal Bureau Investigation law enforcement',
  NIST: 'National Institute Standards Technology',
  GAO: 'Government Accountability',
  OSTP: 'Science Technology Policy',
};
/** The well-known US government bodies, as passages name them ("NSA", "Treasury", "attorney general"). */
export const KNOWN_BODY_NAMES: readonly string[] = Object.keys(KNOWN_BODIES);
const KNOWN_BODY = new RegExp(`\\b(?:${KNOWN_BODY_NAMES.join('|')})\\b`, 'gu');
/** The words of what the well-known bodies a text names are ("OMB": "Management Budget"), appended to it. */
const withKnownBodies = (text: string): string => {
  const named = new Set(text.match(KNOWN_BODY) ?? []);
  return named.size ? `${text} ${[...named].map((b) => KNOWN_BODIES[b]).join(' ')}` : text;
};
const wordStems = (raw: string): string[] => {
  const text = inCommonForm(fold(withKnownBodies(raw)));
  const parts = text.search(COMPOUND_JOINT) >= 0 ? [...queryWordStems(text.replace(COMPOUND_JOINT, ' ')), ...queryWordStems(text.replace(/(?<=\p{L})-(?=\p{L})/gu, ''))] : [];
  return [...queryWordStems(text), ...parts].map(dropE);
};
export const wordsOf = (s: string) => new Set(wordStems(s));

// What a passage is, in the words a question uses for it: a source is something an outlet
// published or reported; a timeline passage is an event; an entity line lists the
// bodies, people or companies of its label. These words hold for the whole passage.
export const SOURCE_WORDS = ['source', 'sources', 'outlet', 'magazine', 'magazines', 'journal', 'publication', 'publisher', 'published', 'report', 'reported', 'wrote', 'write', 'written', 'covered', 'coverage', 'article', 'piece', 'site', 'media', 'headline', 'headlines', 'reference', 'references', 'cited', 'cite', 'citation', 'citations', 'news'];
/** SOURCE_WORDS stemmed, as a question's terms are. */
export const SOURCE_STEMS: ReadonlySet<string> = new Set(SOURCE_WORDS.map(stem));
/** What a count of a story's sources counts, in the words a question uses ("how many articles is it built from"). */
export const PIECE_STEMS: ReadonlySet<string> = new Set(['source', 'article', 'piece', 'reference', 'citation', 'publication', 'report', 'headline'].map(stem));
const EVENT_WORDS = ['event', 'events', 'timeline', 'entry', 'entries', 'dated'];
// A remediation is a fix, a workaround or a mitigation, whichever its advisory files it under.
const REMEDIATION_WORDS = ['fix', 'fixes', 'patch', 'patches', 'workaround', 'workarounds', 'mitigation', 'mitigations', 'remediation', 'remedy', 'solution'];
// A score line ("CVSS v3.1 base score 7.5 (HIGH)") says how severe its flaw is.
const SCORE_LINE_WORDS = ['severity', 'severe', 'score', 'scored', 'rating', 'rated'];
export const LABEL_WORDS: Record<string, string[]> = {
  agencies: ['agency', 'bodies', 'body', 'organizations', 'departments', 'government'],
  offices: ['office', 'bodies', 'body', 'officials', 'departments', 'government'],
  people: ['person', 'persons', 'individuals', 'officials', 'researchers', 'researcher', 'who'],
  organizations: ['organization', 'bodies', 'companies', 'groups', 'researchers', 'who'],
  vendors: ['vendor', 'companies', 'company', 'manufacturers', 'manufacturer', 'makers', 'brand', 'brands'],
  products: ['product', 'devices', 'systems', 'software', 'models'],
  weaknesses: ['weakness', 'flaws', 'flaw', 'bugs', 'cwe'],
  cves: ['cve', 'vulnerabilities', 'vulnerability', 'identifiers'],
  sectors: ['sector', 'industries', 'industry'],
};
export const kindWords = (hit: SearchHit): string[] => {
  // (And what kind of outlet its publisher is: "a think tank".)
  if (hit.kind === 'source') return hit.source ? [...SOURCE_WORDS, ...outletWords(hit.source.publisher)] : SOURCE_WORDS;
  if (hit.kind === 'timeline') return EVENT_WORDS;
  if (hit.kind === 'remediation') return REMEDIATION_WORDS;
  if (hit.kind === 'vulnerability' && /\bCVSS\b/u.test(hit.text)) return SCORE_LINE_WORDS;
  if (hit.kind === 'entity') return LABEL_WORDS[(/^(\w+)/.exec(hit.text)?.[1] ?? '').toLowerCase()] ?? [];
  return [];
};
/** A dated passage says its month and year too: "CISA's June statement" is the event dated 2026-06-04. */
export const dateWords = (hit: SearchHit): string[] => {
  const m = /^(\d{4})-(\d{2})/.exec(hit.date ?? '');
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? [m[1]!, stem(month)] : [];
};
/** A passage's context without the label an undated event carries: "Date not stated" says nothing the passage does. */
const contextOf = (hit: SearchHit) => (hit.context ?? '').replace(UNDATED, '');
// German letters as written without them ("Geutebrück": "Geutebrueck"): a question may spell a name either way.
const TRANSLITERATED: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };
const withTransliterated = (text: string): string => (/[äöüßÄÖÜ]/u.test(text) ? `${text} ${text.replace(/[äöüßÄÖÜ]/gu, (c) => TRANSLITERATED[c] ?? c)}` : text);

/** An ICS advisory's id dates it ("ICSA-21-138-01": the 138th day of 2021): each of its passages is of "the May 2021 advisory". */
export const advisoryDateWords = (hit: SearchHit): string[] => {
  const m = /^ICSM?A-(\d{2})-(\d{3})-/iu.exec(hit.story_id);
  if (!m) return [];
  const year = 2000 + Number(m[1]);
  const month = MONTHS[new Date(Date.UTC(year, 0, Number(m[2]))).getUTCMonth()];
  return month ? [String(year), stem(month)] : [];
};
/** The stemmed words a passage holds, with its context, its story's title, its date and what it is. */
export const hitWords = (hit: SearchHit) => new Set([...wordStems(withTransliterated(`${contextOf(hit)} ${hit.story_title} ${hit.text}`)), ...kindWords(hit).map(stem), ...dateWords(hit), ...advisoryDateWords(hit)]);

/** A flaw is a vulnerability, a bug, an issue in any advisory's words (stemmed). */
export const FLAW_WORDS = new Set(['flaw', 'flaws', 'bug', 'bugs', 'issue', 'issues', 'hole', 'holes', 'vulnerability', 'vulnerabilities', 'vuln', 'vulns', 'weakness', 'weaknesses', 'problem', 'problems'].map(stem));
/** Words that make a flaw a security one ("security holes", "cyber flaws"): with a flaw word, they name nothing else. */
export const FLAW_MODIFIERS = new Set(['security', 'cyber', 'cybersecurity', 'software'].map(stem));

// How the asker wants the answer put ("in plain English", "bottom line:", "yes or no", "one word is fine") is not what they ask about.
const ANSWER_FORM = /\b(?:in\s+)?(?:plain|simple|everyday|layman'?s|short|brief)\s+(?:english|terms|words|answer)\b|\bput\s+(?:simply|plainly|briefly)\b|\bbottom\s+line\b|\b(?:one|a|single)[- ]word\b(?:\s+(?:is|will\s+do|answer))?(?:\s+(?:fine|ok|okay|enough))?|\byes\s+or\s+no\b|\bin\s+short\b|\bin\s+a\s+nutshell\b/giu;

/** The content terms of a question, stemmed. */
export function contentTerms(question: string): string[] {
  // A possessive's "s" ("CISA's") stems to nothing: it is no word to hold.
  // "How long", "how soon" ask for a span of time: "long" is no word a passage must hold.
  // "End up signing" signs: "end up" says nothing of its own; nor does the "called" of "what is X called (that ...)", nor "i.e." or "e.g.", nor "as well".
  return [...new Set(queryTerms(inCommonForm(fold(question)).replace(/\bhow (long|soon|often|far)\b/giu, 'how').replace(/\bas well\b/giu, ' ').replace(ANSWER_FORM, ' ').replace(/\b(?:i\.e|e\.g)\.?(?!\w)/giu, ' ').replace(/\b(?:end|ends|ended|ending) up\b/giu, ' ').replace(/\bcalled(?=\s*(?:[?.!]|$|that\b|which\b|who\b))/giu, ' ')).filter((t) => !QUESTION_WORDS.has(t)).map(stem))].filter((t) => t.length > 1);
}

export const MONTH_NAMES = MONTHS.join('|');
/** A month's name, whole or shortened as people write it ("Dec 2021", "Sept."). */
export const MONTH = new RegExp(`^(?:${MONTH_NAMES}|${MONTHS_SHORT})\\.?$`, 'i');

/**
 * The words of a passage (with its context and story title) as a name is matched against them:
 * whole and lower-cased, not stemmed ("control" is no "Controller"), with the parts of a
 * compound, a domain or a camel-case name ("cisa.gov" holds "CISA", "Micro850/870" "870", "EVLink" "EV").
 */
export function namesHeld(hit: SearchHit): Set<string> {
  const out = new Set<string>();
  // A name shortened ("ENIP") holds it spelled out too ("EtherNet/IP"), as a question's words are read.
  const text = fold(withKnownBodies(withTransliterated(`${hit.context ?? ''} ${hit.story_title} ${hit.text}`)));
  const common = inCommonForm(text);
  for (const m of (common === text ? text : `${text} ${common}`).matchAll(/[\p{L}\p{N}]+(?:[-.'’][\p{L}\p{N}]+)*/gu)) {
    const w = m[0].replace(/['’]s$/u, '');
    out.add(w.toLowerCase());
    if (/[-.'’]/u.test(w)) for (const part of w.split(/[-.'’]/u)) if (part) out.add(part.toLowerCase());
    // A number with its letters holds them: "KB939382" is a KB article, "SP1" a service pack's SP.
    const prefix = /^(\p{L}{2,})\d+$/u.exec(w)?.[1];
    if (prefix) out.add(prefix.toLowerCase());
    // A camel-case name holds its parts: "EVLink" is an EV product, "cnPilot" a Pilot.
    if (/\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}/u.test(w)) for (const part of w.split(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u)) if (part.length > 1) out.add(part.toLowerCase());
  }
  return out;
}

export const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'this', 'that', 'these', 'those', 'any', 'each', 'every', 'some']);
// The endings a verb takes ("sign", "signed", "signing", "plans", "stopped"); "exploitation" and
// "drafts" in "a draft order" are other words.
export const VERB_ENDINGS = new Set(['', 'e', 's', 'es', 'ed', 'd', 'ing', 'en', 'n', 'ied', 'ies', 'y', 'sed', 'ses', 'sing', 'ted', 'ting', 'ned', 'ning', 'red', 'ring', 'ped', 'ping', 'ged', 'ging', 'ded', 'ding']);

/** The words of what a passage is about: its context (an event's title, a source's publisher). */
export const contextWords = (hit: SearchHit) => wordsOf(contextOf(hit));

// A compound's stem is cut short ("use-after-free": "use-aft"): its parts are held written apart ("Use After Free"),
// the last one begun ("aft" of "after").
const partsHeld = (words: ReadonlySet<string>, t: string) => {
  const parts = t.split('-');
  return parts.length > 1 && parts.every((p, i) => p.length >= 2 && (words.has(dropE(p)) || (i === parts.length - 1 && [...words].some((w) => w.startsWith(dropE(p))))));
};
/** Whether a set of words holds a term, or a longer form of it ("exploit", "exploitation"); "director" is not "directive". */
export const holdsTerm = (words: ReadonlySet<string>, t: string) => words.has(t) || (t.length >= 4 && [...words].some((w) => w.startsWith(t))) || partsHeld(words, t);

// Someone named with their office, and whose office it is: "CISA Acting Director Nick Andersen",
// "Jane Doe, CISA's chief", "Jane Doe, the director of CISA".
const TITLES = String.raw`(?:[Dd]irector|[Cc]hief|[Hh]ead|[Ss]ecretary|[Aa]dministrator|[Ll]eader|[Cc]hair(?:man|woman|person)?|[Cc]ommissioner)`;
const PERSON = String.raw`\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?\s+\p{Lu}[\p{Ll}'’-]+`;
// (A deputy's office is not the top one: "Deputy Director" is no answer to who leads it.)
const ACTING = String.raw`(?:[Aa]cting\s+|[Ii]nterim\s+)?`;
const OFFICE_HOLDERS = new RegExp(
  String.raw`\b([\p{L}\p{N}-]+)\s+${ACTING}${TITLES}\s+${PERSON}|${PERSON},\s+(?:the\s+|its\s+)?(?:([\p{L}\p{N}-]+)['’]s\s+)?${ACTING}${TITLES}(?:\s+of\s+(?:the\s+)?([\p{L}\p{N}-]+))?`,
  'gu',
);
const OFFICE_WORDS = new Set(['directo', 'chief', 'head', 'secreta', 'adminis', 'leader', 'chair', 'commiss']);
/** The stems of the verbs a question asks who holds an office with ("who leads", "who is running"). */
const LEADING_VERBS = new Set(['lead', 'head', 'run', 'runn', 'helm']);
/**
 * Whether a text names the holder of an office the question names, which says its word of office:
 * whoever holds it leads, heads or runs it, and one title is as good as another ("CISA's acting
 * chief" is its Acting Director).
 */
export function saysOffice(text: string, t: string, question: string): boolean {
  if (!OFFICE_WORDS.has(t) && !LEADING_VERBS.has(t)) return false;
  const named = new Set((fold(question).match(NAME_TOKENS) ?? []).map((w) => w.replace(/['’]s$/u, '').toLowerCase()));
  return [...fold(text).matchAll(OFFICE_HOLDERS)].some((m) => m.slice(1).some((owner) => owner !== undefined && named.has(owner.toLowerCase())));
}

/** Fact passages (entity lines, scores, product status) are answered line by line, labelled. */
export const isFact = (h: SearchHit) => h.field.startsWith('facts[');

// Small words an acronym's letters skip: "Office of the National Cyber Director" is ONCD.
const ACRONYM_GAPS = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'to', '&']);
/**
 * The words with which a text spells an acronym out: consecutive words whose initials are its
 * letters ("binding operational directive" for BOD, "Office of the National Cyber Director" for
 * ONCD), in any case, only in lower case, or only capitalised. Null when it does not.
 */
export function spelledOut(text: string, acronym: string, cased: 'any' | 'lower' | 'capital' = 'any'): string[] | null {
  const letters = cased === 'capital' ? acronym.toUpperCase() : acronym.toLowerCase();
  if (letters.length < 2) return null;
  const words = (cased === 'any' ? text.toLowerCase() : text).match(/[\p{L}&]+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const got: string[] = [];
    for (let j = i; j < words.length && got.length < letters.length; j++) {
      const w = words[j]!;
      if (w[0] === letters[got.length]) got.push(w);
      else if (!(got.length && ACRONYM_GAPS.has(w))) break;
    }
    // The last word is the thing named: "end of" spells no EO.
    if (got.length === letters.length && !ACRONYM_GAPS.has(got.at(-1)!)) return got;
  }
  return null;
}
