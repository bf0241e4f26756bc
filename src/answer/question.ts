// Reading a question: what kind of answer it asks for (a date, an amount, a name, a version), the
// noun phrase it asks for, the names it uses, the verb it hinges on, who it asks to have said what.

import { ANY_ADVISORY_ON, askingClause, CREDIT_QUESTION, FIX_VERSION_PHRASE, FROM_TO_SPAN, NUMBER_WORDS, POLAR, temporalIntent, VENDOR_QUESTION, VERSION_QUESTION } from '../retrieval/intent.js';
import { queryTerms } from '../retrieval/query.js';
import { isLowerCaseWord } from './english.js';
import { contentTerms, DETERMINERS, FLAW_WORDS, fold, NAME_TOKENS, inCommonForm, LABEL_WORDS, MONTH, QUESTION_WORDS, stem } from './words.js';

/** What kind of thing a question asks for, when a passage must state one to answer it. */
type AnswerType = 'quantity' | 'date' | 'name' | 'version';
export const MONEY_UNIT = 'money';
/** The kind of name a credit question asks for: whoever the People and Organizations lines list. */
export const CREDIT_UNIT = 'who';
/** A sentence that credits someone with finding or reporting a flaw. */
export const CREDITS = /\b(reported|discovered|found|identified|disclosed|credited)\b/i;
export const DEADLINE_UNIT = 'deadline';
/** What "what does ONCD stand for" asks for: the words whose initials spell it. */
export const EXPANSION_UNIT = 'expansion';
/** What "who published the exploit" asks for: whoever a sentence names. */
export const SOMEONE_UNIT = 'someone';
/** What "where did X sign the order" asks for: a place, named after "in" or "at". */
export const PLACE_UNIT = 'place';
/** What "how long has X been acting director" asks for: a span of time ("six months", "since 2024"). */
export const DURATION_UNIT = 'duration';
/** The unit of "how often": a frequency ("annually", "every six months", "twice a year"). */
export const FREQUENCY_UNIT = 'frequency';
// Words that end the noun a "how many" question counts ("how many staff will ...").
const AUXILIARIES = new Set(['do', 'does', 'did', 'is', 'are', 'was', 'were', 'will', 'would', 'can', 'could', 'should', 'have', 'has', 'had', 'must', 'may', 'might', 'of', 'in', 'for', 'to']);

/** What a question asks for: an amount (and the noun it counts, if named), or a date. */
export interface Expected {
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
// The things advisories are about, as a question asks for one ("which satellite receiver ...").
const DEVICES = ['system', 'device', 'firmware', 'controller', 'model', 'receiver', 'programmer', 'generator', 'panel', 'camera', 'router', 'switch', 'gateway', 'pump', 'server', 'station', 'module', 'plc', 'hmi', 'application', 'app', 'appliance', 'sensor', 'printer', 'radio', 'monitor', 'workstation', 'unit', 'equipment', 'product', 'box', 'kit', 'hardware', 'gear'];
export const PRODUCT_KINDS = new Set([...LABEL_WORDS.products!, ...DEVICES, ...DEVICES.map((w) => (/(ch|sh|s|x)$/u.test(w) ? `${w}es` : `${w}s`))].map((w) => stem(w)));
// An advisory's title names its vendor and product ("HID Global Reader Configuration Cards"), and is the advisory's name.
const TITLE_KINDS = new Set([...PRODUCT_KINDS, ...['vendor', 'vendors', 'manufacturer', 'manufacturers', 'maker', 'makers', 'advisory', 'advisories'].map((w) => stem(w))]);
/** Whether a question asks for a product, its maker or an advisory ("which satellite receiver ...", "which vendor ..."), which the advisory's title names. */
export const asksForTitleName = (exp: Expected | null): boolean => exp?.type === 'name' && exp.unit != null && TITLE_KINDS.has(exp.unit);
/** Whether a question asks for a kind of product ("which module", "what was the device"), which its advisory's Products line lists. */
export const asksForProductKind = (exp: Expected | null): boolean => exp?.type === 'name' && PRODUCT_KINDS.has(exp.unit ?? '');
/** What a score or product-status line names: products, their vendors, weaknesses, and the CVE it opens with. */
export const VULNERABILITY_LINE_KINDS = new Set([...PRODUCT_KINDS, ...[...LABEL_WORDS.vendors!, 'vendors', ...LABEL_WORDS.weaknesses!, 'weaknesses', 'cve'].map((w) => stem(w))]);
// Kinds of threat a question asks to name ("which botnet", "which ransomware group").
const THREATS = ['malware', 'botnet', 'botnets', 'group', 'groups', 'gang', 'gangs', 'actor', 'actors', 'family', 'families', 'variant', 'variants', 'strain', 'strains', 'crew', 'crews'].map((w) => stem(w));
/** The words that name a kind of threat by themselves, wherever a question uses them ("used in ransomware campaigns"). */
export const THREAT_WORDS = new Set(['ransomware', 'botnet', 'botnets', 'malware', 'apt', 'spyware', 'wiper', 'trojan', 'worm', 'threat'].map((w) => stem(w)));
/** The words a sentence names a threat with: its kinds, and "ransomware" or "APT" before them. */
export const THREAT_KINDS = new Set([...THREATS, ...['ransomware', 'apt'].map((w) => stem(w))]);
/**
 * "Has any named threat actor exploited X", "any attribution ... a named group or campaign", "who was behind the
 * exploitation", and a search that opens with them ("threat actors exploiting X"): a threat asked for by its name, which
 * a sentence that says only "a threat actor" does not give.
 */
export const THREAT_NAME_ASKED =
  /\b(?:named|attribut(?:ed|ion))\b[^?]*\b(?:threat|actors?|groups?|gangs?|crews?|campaigns?|APTs?|botnets?)\b|\bwho\s+(?:was|were|is|are)\s+behind\b[^?]*\b(?:exploit\w*|attacks?|intrusions?|campaigns?|hack\w*|breach\w*)|^\W*(?:threat (?:actors?|groups?)|APT groups?|hacking groups?|ransomware (?:gangs?|groups?|operators?|crews?))\b(?![^?]*\?)/iu;
const NAMED_KINDS = new Set([
  ...[...Object.values(LABEL_WORDS).flat(), ...Object.keys(LABEL_WORDS), 'companies', 'firms', 'firm', 'operators', 'operator', 'outlets', 'outlet', 'publications', 'publication', 'source', 'sources', 'researcher', 'researchers', 'models', 'model', 'advisory', 'advisories', 'partner', 'partners', 'member', 'members', 'country', 'countries', 'nation', 'nations', 'city', 'cities', 'region', 'regions', 'tool', 'tools', 'lab', 'labs', 'utility', 'utilities', 'hospital', 'hospitals', 'victim', 'victims', 'facility', 'facilities', 'customer', 'customers', 'library', 'libraries', 'component', 'components', 'package', 'packages'].map((w) => stem(w)),
  ...THREATS,
  ...PRODUCT_KINDS,
]);
const PRODUCT_RANGES = new Set(['line', 'lines', 'series', 'family', 'families', 'range', 'lineup'].map(stem));
/** Words for a version: a build, a release, a revision, firmware or software asked for is a version of it. */
export const VERSION_NOUNS = new Set(['version', 'versions', 'build', 'builds', 'release', 'releases', 'revision', 'revisions', 'firmware', 'software', 'update', 'updates'].map(stem));
// The words a version is asked for by, of a fix: "which service pack level", "what patch numbers", "which hotfix".
const VERSION_LEVELS = new Set(['patch', 'patches', 'hotfix', 'hotfixes', 'service', 'pack', 'packs', 'level', 'levels', 'number', 'numbers'].map(stem));
// The detail is the phrase's head: "which project file extension" asks for an extension.
const DETAIL_QUESTION = /^\W*(?:(?:exactly|precisely|specifically|over|on|via|through|at|to|from|in|into|with|by|for)\s+)?(?:which|what)\s+(?:[\p{L}\p{N}.+-]+\s+){0,3}(files?|extensions?|algorithms?|ciphers?|hash|hashes|cves?|dlls?|endpoints?|urls?|uris?|pages?|ports?|parameters?|params?|fields?|headers?|commands?|drivers?|registry\s+(?:keys?|values?|entries|entry)|(?:function|error|status|exit|return)\s+codes?)\b(?![-\s]+(?:number|id)\b|-\d)|^\W*what(?:'s| is| was)\s+the\s+(?:[\p{L}-]+\s+){0,2}?(id|identifier)\s+of\b|^\W*what(?:'s| is| was| are| were)\s+(?:the\s+)?(?:[\p{L}/-]+\s+){0,4}?(passwords?|passphrases?|credentials?(?:\s+strings?)?|community\s+strings?)\b(?!\s+(?:length|policy|requirements?|hash|field)\b)|^\W*(?:what|which)\s+(?:(?:user\s*names?|logins?|accounts?)\s+and\s+)?(passwords?|passphrases?|credentials?)\s+(?=(?:is|are|was|were|does|do|did)\b)|^\W*(?:what|which)(?:'s| is| was| are| were)?\s+(?:the\s+)?(?:[\p{L}/-]+\s+){0,4}?(user\s*names?|logins?|account\s+names?|(?:file\s+)?paths?)\b(?!\s+(?:length|policy|requirements?|traversal|pages?|screens?|forms?|portals?|attempts?|credentials?|to)\b)|^\W*(?:the\s+)?(?:full\s+|exact\s+)?(user\s*names?|account\s+names?|(?:file\s+)?paths?)\s+of\b/u;
// A path on a web server, standing alone ("/cgi-bin/setup.cgi").
const WEB_PATH = /(?:^|[\s'"`(])\/[\w.-]+(?:\/[\w.?=&-]*)*/u.source;
/** The kinds of detail a sentence states in a form of its own, and that form (global: every match is weighed). */
export const DETAILS: Record<string, RegExp> = {
  // A file name ("GetPhpInfo.php", not "cisa.gov" or "web.nvd.nist.gov", nor "files.CVE-..." run together), a path, a quoted name.
  [stem('file')]: /\b[\w-]+\.(?!(?:com|org|net|gov|edu|mil|int|io|co|us|uk|de|jp|fr|cn|ru|info)\b)[a-z]{2,4}\b(?!\.\w)|\/[\w.-]+\/[\w./-]*|[A-Za-z]:\\|`[^`]+`/gu,
  [stem('extension')]: /(?<![\w.])\.[a-zA-Z0-9]{2,5}\b|\b[A-Z0-9]{2,5} files?\b/gu,
  [stem('dll')]: /\b[\w-]+\.dll\b/gu,
  // A web page: its path or its file ("/goform/setWAN", "login.cgi").
  [stem('page')]: new RegExp(`${WEB_PATH}|\\b[\\w-]+\\.(?:html?|php|aspx?|jsp|cgi|cfm)\\b`, 'gu'),
  // An endpoint: a path or a URL.
  [stem('endpoint')]: new RegExp(`${WEB_PATH}|\\bhttps?:\\/\\/\\S+`, 'gu'),
  // A password's value: quoted, or a token of letters and digits.
  [stem('password')]: /["“'‘][^"”'’\s]{3,}["”'’]|\b(?=[\w@#$!]*\d)(?=[\w@#$!]*[A-Za-z])[\w@#$!]{5,}\b/gu,
  // A user name's value: quoted, or after a label ("username: admin").
  [stem('username')]: /["“'‘][^"”'’\s]{2,}["”'’]|\b(?:[Uu]ser\s?[Nn]ame|[Ll]ogin|[Aa]ccount(?:\s+name)?)\s*[:=]\s*\S+/gu,
  // An algorithm, a cipher or a hash by its name.
  [stem('algorithm')]: /\b(?:AES|3?DES|RSA|SHA-?\d*|MD[245]|RC4|bcrypt|scrypt|PBKDF2|ECDSA|ECDH|HMAC|Blowfish|Twofish|ChaCha20|CRC-?\d+|XOR|[Bb]ase64)\b/gu,
  // A registry key by its hive ("HKLM\\SOFTWARE\\Acme"), or its path under one.
  [stem('registry')]: /\bHK(?:LM|CU|CR|U|EY_[A-Z_]+)\b[^\s,;]*|\b(?:SOFTWARE|SYSTEM)\\[^\s,;]+/gu,
  [stem('cve')]: /\bCVE-\d{4}-\d+\b/gu,
  [stem('id')]: /\b\d{3,}\b|\b\p{Lu}{2,}-?\d+\b/gu,
  // A time of day: "2:30 p.m.", "10 am", "14:00", "noon".
  [stem('time')]: /\b\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)(?!\w)|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight|morning|afternoon|evening)\b/giu,
  // A parameter by its name: quoted, set ("user="), or in code's own case ("session_id", "userName";
  // not a product's "mySCADA").
  [stem('parameter')]: /["“'‘`][\w.[\]-]{2,}["”'’`]|\b\w+=|\b\p{Ll}+(?:_\w+)+\b|\b\p{Ll}+\p{Lu}\p{Ll}\w*\b/gu,
  // A code by its value: "0x5A", "90" (not a piece of an identifier or a version).
  [stem('code')]: /\b0x[0-9A-Fa-f]+\b|(?<![-\w.])\d+(?![-\w.])/gu,
  // A command by its name: quoted, or in capitals before the word ("the RETR command").
  [stem('command')]: /["“'‘`][\w.-]{2,}["”'’`]|\b\p{Lu}{3,}\s+commands?\b/gu,
  // A port by its number: "port 502", "TCP port 8883", "502/tcp", "TCP/771".
  [stem('port')]: /\b(?:[Pp]orts?|TCP|UDP)\s+(?:[Pp]orts?\s+)?\d{1,5}\b|\b\d{1,5}\/(?:tcp|udp|TCP|UDP)\b|\b(?:TCP|UDP|tcp|udp)\/\d{1,5}\b/gu,
};
// The detail nouns that ask for another's form: a cipher is named as an algorithm is, a URL as an endpoint.
const DETAIL_OF: Record<string, string> = { identifier: 'id', credentials: 'password', credential: 'password', 'credential string': 'password', passphrase: 'password', param: 'parameter', field: 'parameter', header: 'parameter', cipher: 'algorithm', hash: 'algorithm', hashes: 'algorithm', url: 'endpoint', uri: 'endpoint', 'user name': 'username', login: 'username', 'account name': 'username', path: 'file', 'file path': 'file', driver: 'file', 'community string': 'password', 'registry key': 'registry', 'registry value': 'registry', 'registry entrie': 'registry', 'registry entry': 'registry' };
// What "which X number" asks for when X names an identifier: the id, not a count.
const IDENTIFIER_NOUNS = new Set(['cve', 'cwe', 'advisory', 'icsa', 'id', 'identifier', 'version', 'model', 'part', 'catalog', 'catalogue', 'article', 'order', 'serial', 'build', 'release', 'revision', 'kb', 'reference', 'tracking', 'case', 'ticket', 'phone', 'contact']);
// The nouns of a reference's number: "bulletin number", "case number".
const REFERENCE_NOUNS = new Set(['bulletin', 'reference', 'tracking', 'case', 'ticket', 'kb', 'advisory']);
// "Which outlets ...", "in which country ...": a place is asked for by its name too.
const WHICH_NOUN = /^\W*(?:(?:in|from|to)\s+)?(?:which|what)\s+((?:[\p{L}\p{N}-]+\s+){0,3}?)([\p{L}-]+)\s+(?:is|are|was|were|will|would|has|have|had|do|does|did|can|could|must|should|signed|agreed|named|run|runs|in|of|that|who)\b/u;

// The words a threat's kinds share with products' ("a malware family", "an S7-1200 CPU family"), and the words that tell them apart.
const PRODUCT_GROUPS = new Set(['family', 'families', 'variant', 'variants', 'strain', 'strains'].map((w) => stem(w)));
const THREAT_SPOKEN = /\b(?:ransomware|malware|botnets?|threats?|apts?|hack\w*|criminals?|nation-state|spyware|trojans?|worms?|wipers?|gangs?|crews?)\b/iu;
const PRODUCT_UNIT = stem('product');

/** What a question asks for, when a passage must state it to answer: a name, an amount, a date, a version. */
export function expected(question: string): Expected | null {
  // "From A to B, how many days went by": the span between the two, which the clause put first names.
  if (FROM_TO_SPAN.test(question.toLowerCase())) return { type: 'date', unit: null, interval: true };
  const clause = askingClause(question);
  const q = clause.toLowerCase();
  // "One of the cited pieces is an opinion column ... who published it?": the piece's outlet.
  if (/^\W*who\s+(?:first\s+)?(?:published|posted)\s+(?:it|that|this|them)\b/u.test(q) && /\b(?:articles?|pieces?|headlines?|op-eds?|columns?|references?|sources?|coverage)\b/iu.test(question)) return { type: 'name', unit: stem('publisher') };
  const exp = expectedOf(q);
  // "What is CVE-X and which product does it hit?", "... and by which group?": a second question joined by "and" asks too.
  const second = exp ? undefined : /\b(?:and|but)\s+(?:(?:by|from|in|on|at|for|with|to|since|until)\s+)?((?:which|what|when|where|who)\b.*)$/u.exec(q)?.[1];
  // "We run Moxa PT-7828 switches. Up to which firmware version are they listed as vulnerable?": what is said first sets the scene; the sentence that asks asks.
  const last = exp || second ? undefined : question.trim().split(/(?<=[.!])\s+(?=\p{Lu})/u).at(-1);
  const asked = last && last !== question.trim() && last.endsWith('?') ? expectedOf(askingClause(last).toLowerCase()) : null;
  // "Who wrote the Dark Reading piece - is a reporter named?": the question before the dash asks; the one after only checks.
  const beforeDash = exp || second || asked ? undefined : ASKED_BEFORE_DASH.exec(question)?.[1];
  const lead = beforeDash ? expectedOf(beforeDash.toLowerCase()) : null;
  const found = exp ?? (second ? expectedOf(second) : (asked ?? lead));
  // "Which NSA official ...": someone in that body, whom an office prose names ("the attorney general") does not answer.
  if (found?.type === 'name' && found.unit === OFFICIAL_UNIT && BODY_OFFICIAL.test(clause)) return { type: 'name', unit: SOMEONE_UNIT };
  // "Which Omron controller families", "which EN100 firmware variants": kinds of product, where no threat is spoken of ("which ransomware family").
  return found?.type === 'name' && found.unit !== null && PRODUCT_GROUPS.has(found.unit) && !THREAT_SPOKEN.test(question) ? { ...found, unit: PRODUCT_UNIT } : found;
}

// A question put before a dash: "who wrote X - is a reporter named?".
const ASKED_BEFORE_DASH = /^\W*((?:who|what|which)\b[^?]*?)\s+[—–-]+\s+\S/iu;
/** What "which official" asks for: an official, whom an office prose names in lower case answers ("the attorney general"). */
export const OFFICIAL_UNIT = stem('official');
// "Which NSA official", "which White House officials": an official of a body the question names.
const BODY_OFFICIAL = /^\W*[Ww]hich\s+(?:(?:\p{Lu}[\p{L}&'’-]*|of|the)\s+){1,4}officials?\b/u;

/** A question's opening word, or a request's: a question typed without its question mark is no search phrase. */
export const ASKING_START = /^\W*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|will|would|has|have|had|by|in|on|at|from|for|to|list|name|give|show|tell|find)\b/iu;

function expectedOf(q: string): Expected | null {
  // "... - what was the product (called)?", "what were the devices": the kind named after the copula, which its advisory's title names.
  const titled = /^\W*what(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+the\s+([\p{L}-]+)(?:\s+(?:called|named))?\W*$/u.exec(q)?.[1];
  if (titled && TITLE_KINDS.has(stem(titled))) return { type: 'name', unit: stem(titled) };
  // "What is X called", "what's the new outfit called that ...": its name.
  if (/^\W*what(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\b.*\bcalled\b/u.test(q)) return { type: 'name', unit: null };
  // "What was the draft actually titled": its title, quoted where it is given.
  if (/^\W*what(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\b.*\b(?:titled|entitled)\b/u.test(q)) return { type: 'name', unit: 'title' };
  // "What is the name of ...", "which companies ...": the answer names someone or something. ("Who
  // can receive ..." may be answered by "selected trusted partners": "who" alone does not ask for a name.)
  // "The name of the file ...", "the name of the threat actor ...": a detail or a kind named the way it is asked for.
  const named = /\bname of the\s+((?:[\p{L}-]+\s*){1,3})/u.exec(q);
  if (named) {
    const words = named[1]!.split(/\s+/);
    const kind = words.map((w) => stem(DETAIL_OF[w] ?? w)).find((w) => w in DETAILS || NAMED_KINDS.has(w));
    // "The name of the National Cyber Director": a person, whom the office's own name does not answer.
    return { type: 'name', unit: kind ?? (ROLES.test(named[1]!) ? SOMEONE_UNIT : null) };
  }
  // "What does ONCD stand for": its expansion, whose initials spell it.
  if (/^\W*what\s+(?:does|do|did)\s+\S+\s+stand\s+for\b/u.test(q)) return { type: 'name', unit: EXPANSION_UNIT };
  if (CREDIT_QUESTION.test(q)) return { type: 'name', unit: CREDIT_UNIT, list: true };
  if (VENDOR_QUESTION.test(q)) return { type: 'name', unit: stem('vendor') };
  // "Whose camera is it in?": the product's maker, named by its advisory.
  const whose = /\bwhose\s+([\p{L}-]+)/u.exec(q)?.[1];
  if (whose && PRODUCT_KINDS.has(stem(whose))) return { type: 'name', unit: stem(whose) };
  // "What is the (full) title of ...": a title is quoted where it is given.
  if (/^\W*what(?: is|'s| was| are| were) the (?:full |official )?titles? of\b/.test(q)) return { type: 'name', unit: 'title' };
  // "At what time did X sign": a time of day, which a date does not give.
  if (/^\W*(?:at\s+)?what\s+time(?:\s+of\s+(?:the\s+)?day)?\b(?!\s+(?:frame|line|span|period|window|zone)\b)/u.test(q)) return { type: 'name', unit: stem('time') };
  // "By what date does the order want X finished": a date something is due by, not the day it was ordered.
  // ("By when did CISA plan to issue it" is answered by "by the end of the week", which dates nothing.)
  if (/^\W*by\s+(?:what|which)\s+(?:(?:exact|specific|precise)\s+)?(?:date|day)\b/u.test(q)) return { type: 'date', unit: DEADLINE_UNIT };
  // "When is the first report due": a deadline, which the day something happened does not set.
  // ("When is the due date" asks for the date a KEV entry gives.)
  if (/^\W*when\s+(?:is|are|was|were|will)\b(?![^?]*\bdue\s+date)[^?]*\bdue\b/u.test(q)) return { type: 'date', unit: DEADLINE_UNIT };
  // "On what date did X release version 19.03": a date, whatever else it names.
  if (/^\W*(?:on\s+(?:what|which)\s+(?:(?:exact|specific|precise)\s+)?(?:date|day)|what\s+(?:exact\s+)?(?:date|day)\s+(?:did|does|do|was|were|is|will))\b/u.test(q)) return { type: 'date', unit: null };
  // "What GE Communicator version removes ...", "which versions are affected": a version number, whatever
  // product kind the words before it name.
  if (VERSION_QUESTION.test(q)) return { type: 'version', unit: null };
  // "What do we upgrade to", "what should users move to": the version to move to.
  if (/^\W*what\s+(?:do|does|should|must|can|could|would|will)\s+(?:[\p{L}-]+\s+){1,3}?(?:upgrade|update|move|migrate|patch|switch)\s+(?:[\p{L}\p{N}.-]+\s+){0,4}?to\b(?!\s+(?:fix|address|resolve|close|mitigate|protect|stop|avoid|prevent)\b)/u.test(q)) return { type: 'version', unit: null };
  // A search phrase for a fix's version: "exact Reolink firmware build that removes the key".
  if (!ASKING_START.test(q) && FIX_VERSION_PHRASE.test(q)) return { type: 'version', unit: null };
  // "Which file leaks ...", "which hash algorithm replaced MD5", "what is the ID of the signature": a
  // detail a sentence states in its own form (a file name, an algorithm, a number), not by naming its kind.
  const detail = DETAIL_QUESTION.exec(q);
  if (detail) {
    const raw = detail.slice(1).find((g) => g !== undefined)!.replace(/^\w+\s+(?=codes?$)/u, '');
    const noun = raw.replace(/(?<!s)s$/u, '');
    return { type: 'name', unit: stem(DETAIL_OF[raw] ?? DETAIL_OF[noun] ?? noun) };
  }
  // "Is that the right day, or am I off?": the date the asker checks.
  // So does the form a date is asked in: "confirm the exact date from the timeline", "the full date".
  if (/\b(?:right|correct|actual|real|exact|precise|specific|full|calendar)\s+(?:date|day)\b/u.test(q)) return { type: 'date', unit: null };
  // "What was the original mitigation date for X": a date, whatever the words before it.
  if (/^\W*what(?:'s|’s|\s+is|\s+was|\s+were|\s+are)\s+the\s+(?:[\p{L}/-]+\s+){0,4}?dates?\b/u.test(q)) return { type: 'date', unit: null };
  // A search phrase for an attribute: "publication date of X", "author of X".
  if (/^\W*(?:(?:publication|release|disclosure|due|patch)\s+)?date\s+of\b/u.test(q)) return { type: 'date', unit: null };
  // ... or asked for: "I need the date Andersen briefed ...", "give me the date of ...", "I need the day the order was signed",
  // after what the asker read first too ("One entry says 'released on June 2'. Give me the date it came out.").
  if (/(?:^|[.!?]\s+)\W*(?:i\s+(?:need|want)|give\s+me|looking\s+for|send\s+me)\s+(?:the\s+|a\s+)?(?:exact\s+)?(?:dates?|day)\b/u.test(q)) return { type: 'date', unit: null };
  // ... or ending in one: "trump EO signing date?", "KEV due date, yyyy-mm-dd please".
  if (!ASKING_START.test(q) && /\bdates?\s*(?:[,?]|$)/u.test(q)) return { type: 'date', unit: null };
  if (/^\W*(?:author|writer|reporter|researcher)s?\s+(?:of|behind)\b|\b(?:author|writer|reporter|journalist)(?:['’]s|s['’])\s+names?\b/u.test(q)) return { type: 'name', unit: SOMEONE_UNIT };
  // "Which Recorded Future News reporter wrote ...": a person, whom no outlet's name answers.
  if (/^\W*(?:which|what)\s+(?:[\p{L}-]+\s+){0,3}?(?:reporters?|journalists?|authors?|writers?|correspondents?|editors?|columnists?)\b/u.test(q)) return { type: 'name', unit: SOMEONE_UNIT };
  // "Who published the piece titled ...", "who ran "Trump's New AI Order ..."": the outlet, which a source names.
  if (/^\W*who\s+(?:first\s+)?(?:published|posted|ran)\b[^?]*(?:\b(?:articles?|pieces?|headlines?|op-eds?|columns?|titled)\b|["“])/u.test(q)) return { type: 'name', unit: stem('publisher') };
  // "Who at Treasury is in charge of ...": a person there, whom the department's name does not answer.
  // So is "who inside the administration argued for X": the body's name does not answer either, nor "who at the Council on Foreign Relations wrote it" the outlet's.
  if (/^\W*who\s+(?:at|in|inside|within)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,4}?(?:\p{Ll}+ly\s+)?(?:is|are|was|were|will|would|has|had|does|did|\p{Ll}+ed|made|wrote|ran|led|took|gave|sent|told|said|chose|drew)\b/u.test(q)) return { type: 'name', unit: SOMEONE_UNIT };
  // "Who currently serves as National Cyber Director", "who is CISA's acting director": whoever holds the office, named.
  if (ROLE_HOLDER.test(q)) return { type: 'name', unit: SOMEONE_UNIT };
  // "Who currently heads ONCD", "who runs CISA": whoever holds its office, named.
  if (/^\W*who\s+(?:currently\s+|now\s+|actually\s+)?(?:heads|leads|runs|directs|chairs|helms)\b/u.test(q)) return { type: 'name', unit: SOMEONE_UNIT };
  // "Who published the proof-of-concept exploit": someone a sentence names.
  if (/^\W*who\s+(?:first\s+)?(?:published|released|wrote|posted|developed|created|built|leaked|sold)\b/u.test(q)) return { type: 'name', unit: SOMEONE_UNIT };
  // "Which outlets reported ...": the noun right after "which", whatever verb follows.
  // Failing a verb it knows, a kind named among the three words after "which" ("which ransomware gang used ...").
  const after = /^\W*which\s+((?:[\p{L}-]+\s*){1,3})/u.exec(q)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
  const noun = WHICH_NOUN.exec(q)?.[2] ?? after.find((w) => NAMED_KINDS.has(stem(w))) ?? after[0];
  if (noun && NAMED_KINDS.has(stem(noun))) return { type: 'name', unit: stem(noun), list: stem(noun) !== noun && /s$/.test(noun) };
  // "How long does the attorney general have to report": a deadline.
  if (/\bhow long (?:does|do|did|will|would)\b[^?]*\bhave to\b/u.test(q)) return { type: 'date', unit: DEADLINE_UNIT };
  // How long between two events ("how long from A to B") is read from their dates.
  if (/\bhow (many|much) (days?|weeks?|months?|years?|time)\b.*\b(after|before|between|since|until|later|earlier)\b|\bhow (many|much) (days?|weeks?|months?|years?|time)\s+(?:separates?|separated|passed|elapsed|went by|lie|lay)\b|\bhow (long|soon)\b.*\b(after|before|between|since|until)\b|\bhow long\b[^?]*\bfrom\b[^?]*\bto\b/.test(q)) return { type: 'date', unit: null, interval: true };
  // Any other "how long" asks for a span of time, not for any date or number a sentence holds.
  // So does a prison term ("what's the maximum prison time for ...").
  if (/\bhow long\b/u.test(q) || (!POLAR.test(q) && /\b(?:prison|jail)\s+(?:time|terms?|sentences?)\b/u.test(q))) return { type: 'quantity', unit: DURATION_UNIT };
  // "How often must the benchmarks be revisited": how frequently, which a number alone does not say.
  if (/\bhow often\b/u.test(q)) return { type: 'quantity', unit: FREQUENCY_UNIT };
  // "How much did the patch cost": an amount of money, not any number.
  // So does "the dollar figure", "the price tag", "how much money", "the budget".
  if (/\bhow much\b.*\b(cost|costs|spend|spent|pay|paid|price|priced|worth|lose|lost|charge|charged|money|funding)\b|\b(?:dollar|euro)\s+(?:figure|amount|value|sum)\b|\bprice\s+tag\b|\bcost\s+estimates?\b|\bestimated\s+costs?\b|^\W*what(?:'s|’s|\s+is|\s+was)\s+the\s+(?:[\p{L}-]+\s+){0,2}?budget\b/u.test(q)) return { type: 'quantity', unit: MONEY_UNIT };
  const count = /\bhow (?:much|many)\s+([^?]*)/.exec(q);
  if (count) {
    const words = count[1]!.match(/[\p{L}\p{N}]+/gu) ?? [];
    const end = words.findIndex((w) => AUXILIARIES.has(w));
    // "How many hospitals run the ...": with no auxiliary, the noun counted comes first.
    const noun = end > 0 ? words[end - 1]! : end < 0 && words.length > 1 ? words[0]! : null;
    return { type: 'quantity', unit: noun && !QUESTION_WORDS.has(noun) ? stem(noun) : null };
  }
  if (/\b(what (amount|number|percentage|share)|how (large|big))\b|^\W*what(?:'s|’s| is| was)\s+the\s+(?:[\p{L}-]+\s+){0,2}?(?:size|length|limit)\b/u.test(q)) return { type: 'quantity', unit: null };
  // "Which TFTP and HTTPS port numbers ...": numbers of ports (an identifier's "number" is its id).
  const numbers = /^\W*(?:which|what(?:'s|’s)?)\s+(?:[\p{L}\p{N}'’-]+\s+){0,4}?([\p{L}-]+)\s+numbers?\b/u.exec(q)?.[1];
  // "What's the vendor's security bulletin number": a reference, stated in its own form.
  if (numbers && REFERENCE_NOUNS.has(numbers)) return { type: 'name', unit: stem('id') };
  // ("What's the number" counts nothing named: any number asked for, a score's.)
  if (numbers && DETERMINERS.has(numbers)) return { type: 'quantity', unit: null };
  if (numbers && !IDENTIFIER_NOUNS.has(numbers) && !QUESTION_WORDS.has(numbers)) return { type: 'quantity', unit: stem(numbers) };
  // A deadline is a date something is due by: "near-term deadlines" does not say which, and
  // the date an event happened is no deadline.
  // "Who got near-term deadlines" asks who, not when; nor does "is NSA one of the agencies it hands
  // deadlines to", which asks whether, unless about a deadline itself ("is there a deadline").
  // Nor does "what are the agencies with near-term deadlines told to do": the deadlines say which agencies.
  // Nor "which agencies got deadlines": which asks for a kind known by its names.
  const whichKind = stem(whichPhrase(unslashed(q))?.split(' ').at(-1) ?? '');
  const deadline = /\bdeadlines?\b/.test(q.replace(/\bwith\s+(?:[\p{L}-]+\s+){0,2}?deadlines\b/gu, '')) && !/^\W*(?:who|whom)\b/u.test(q) && !NAMED_KINDS.has(whichKind);
  if (deadline && (!POLAR.test(q) || /\b(?:a|any)\s+(?:[\p{L}-]+\s+)?deadlines?\b/u.test(q))) return { type: 'date', unit: DEADLINE_UNIT };
  // "When" opens a question about time; inside one ("decide when a system qualifies") it does not.
  // "Where will the clearinghouse be based": a place, which a name gives.
  // So does "where did Trump sign the order" (not "where can I read about it": a source says).
  if (/^\W*where\s+(?:is|are|was|were|will|would)\b[^?]*\b(?:based|located|headquartered|housed|hosted|situated|stationed|sit|sits|reside|resides)\b|^\W*where\s+(?:did|does|do|was|were)\b/u.test(q)) return { type: 'name', unit: PLACE_UNIT };
  if (/^\W*(?:and\s+|so\s+)?(since |until |by )?when\b|\b(what|which) (date|day|year|month)\b|\bon what\b|\b(due|release|publication|disclosure) date\b/.test(q)) return { type: 'date', unit: null, ...(FUTURE_QUESTION.test(q) ? { future: true } : {}) };
  return null;
}

// "Which ...", "what ...", "how many ..." and the noun phrase they ask for, up to the verb.
// ... or by a verb and its object's determiner ("which DICOM tag triggers the ...").
const ASKED_PHRASE = /^\W*(?:which|what|how many|how much)\s+((?:[\p{L}\p{N}-]+\s+){0,3}?[\p{L}\p{N}-]+)\s+(?:is|are|was|were|will|would|has|have|had|do|does|did|can|could|must|should|in|of|for|on|that|who|to|inside|within|at|from|under|among|behind|across|\p{L}+s\s+(?:the|a|an|its|their|that|this|these|those|it|them)\b)\b/u;
// An aside between commas after the phrase ("what security requirements, if any, does ...",
// "what connection rate, in connections per second, does ...") is no part of it.
const ASIDE = /\s*,\s*(?:if any|if so|if at all|(?:in|per|by|roughly|approximately|exactly)\s[^,?]{1,40}),\s*/gu;
// "Which two topics", "what 3 agencies": the count is of the answers, not a word they hold ("which one" asks for one of them).
const ASKED_COUNT = new RegExp(`^(\\W*(?:which|what)\\s+)(?:\\d+|${NUMBER_WORDS.slice(1).join('|')})\\s+`, 'u');
// Words that open the phrase without naming a thing ("what is the ...", "which of the ...").
const ASKED_MODALS = new Set(['should', 'can', 'could', 'would', 'will', 'do', 'does', 'did', 'has', 'have', 'had', 'must', 'may', 'might', 'shall']);
// A title or name is what any passage gives by quoting it: the words ask, they name no thing.
// So is a class a passage names its member of ("what category does it go into": "covered frontier models").
const ASKED_FILLER = new Set(['is', 'are', 'was', 'were', 'the', 'a', 'an', 'of', 'other', 'else', 'full', 'official', 'title', 'titles', 'category', 'categories', 'class', 'classes', 'label', 'labels', 'designation', 'designations', 'classification', 'classifications']);

/** "Which budget/finance-side agencies": alternatives joined by a slash are words of one phrase. */
const unslashed = (q: string) => q.replace(/(?<=\p{L})\/(?=\p{L})/gu, ' ');

/** The words after "which", up to a kind known by its names among the next four, or the first. */
function whichPhrase(q: string): string | undefined {
  const words = /^\W*which\s+((?:[\p{L}\p{N}-]+\s*){1,4})/u.exec(q)?.[1]?.trim().split(/\s+/u) ?? [];
  const kind = words.findIndex((w) => NAMED_KINDS.has(stem(w)));
  return kind > 0 ? words.slice(0, kind + 1).join(' ') : words[0];
}

/** The stemmed content words of the noun phrase a question asks for ("cvss score", "bank"). */
export function askedFor(question: string): string[] {
  const q = unslashed(askingClause(question).toLowerCase().replace(ASKED_COUNT, '$1').replace(ASIDE, ' '));
  // "Which banks raised ...": the word after "which" is what is asked for, whatever verb follows.
  // ("Which budget finance-side agencies got ...": the phrase runs to a kind known by its names.)
  const phrase = ASKED_PHRASE.exec(q)?.[1] ?? whichPhrase(q);
  if (!phrase) return [];
  // "What should users do", "what did X say": the question asks with a verb, not for a thing.
  if (ASKED_MODALS.has(phrase.split(/\s+/)[0]!)) return [];
  // A past participle is the verb ("what changed in") or qualifies the noun ("fixed version").
  const words = phrase.split(/\s+/).filter((w) => !ASKED_FILLER.has(w) && !/ed$/u.test(w));
  // "What security issues were reported": flaws, which an advisory states in its own words.
  if (words.length && FLAW_WORDS.has(stem(words.at(-1)!))) return [];
  // "Which industrial label printer maker": a kind known by its names, told apart by words an
  // analyst puts in their own way ("label printer" for "Zebra Industrial Printers"); the name rule weighs those.
  if (words.length > 1 && NAMED_KINDS.has(stem(words.at(-1)!)) && !THREATS.includes(stem(words.at(-1)!))) return [];
  // A kind of thing known by its names ("which sectors", "which agency") is answered by naming
  // one, not by saying the word: the name rule weighs those.
  // A deadline is answered by the date something is due by, in whatever words (expected()).
  // So is a version, stated as one whether or not the word is there ("<= 2.0", "vers:all").
  // "What day did CISA release ...": a day, a year, a month is the date asked for.
  const exp = expected(question);
  const time = exp?.type === 'date' ? new Set(['day', 'days', 'year', 'years', 'month', 'months', 'time'].map(stem)) : new Set<string>();
  // "Which service pack level", "what patch numbers": the words for a version, stated as one (expected() checks for it).
  // (Not what it is a version of: "which Windows version".)
  const level = exp?.type === 'version' ? VERSION_LEVELS : new Set<string>();
  // A build, a release, a revision is a version, stated as one.
  // A range of products ("which camera line", "which PLC series") is the products: their names answer.
  const thing = contentTerms(words.join(' ')).filter((t, i, all) => !(i > 0 && PRODUCT_RANGES.has(t) && NAMED_KINDS.has(all[i - 1]!)));
  return thing.filter((t) => !NAMED_KINDS.has(t) && !time.has(t) && !level.has(t) && t !== stem(DEADLINE_UNIT) && !VERSION_NOUNS.has(t));
}

// Common nouns written in capitals ("the CVE IDs"): not names. ("IDS" is a kind of device, named with its model.)
const CAPITALISED_NOUNS = new Set(['ID', 'IDs']);
// Words that open a question or a request: capitalised there, but not names.
const OPENERS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'is', 'are', 'was', 'were', 'do', 'does', 'did', 'can', 'could', 'should', 'would', 'will', 'has', 'have', 'had', 'tell', 'show', 'list', 'find', 'the', 'a', 'an', 'in', 'on', 'for', 'from', 'about', 'any', 'and', 'or', 'since', 'after', 'before', 'besides', 'according', 'under', 'i', 'we', 'compare', 'identify', 'provide', 'search', 'get', 'all', 'latest', 'recent', 'new', 'newest', 'known', 'critical', 'open', 'other', 'more', 'some', 'each', 'every', 'if', 'please', 'apart', 'aside', 'beyond', 'except', 'excluding', 'including', 'regarding', 'concerning', 'given', 'once', 'following', 'prior', 'as', 'at', 'by', 'with', 'without', 'between', 'during', 'to', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']);
/**
 * The names a question uses: capitalised words (the first too, unless it opens the question:
 * "Peloton bike ..." names Peloton), and tokens mixing letters and digits ("A1000", "iQ-R").
 * Month names date a question; they are not names.
 */
export function namesIn(question: string): string[] {
  return nameTokens(question).map((n) => n.name);
}

/**
 * The names a question uses, each with whether it is the question's first word (capitalised
 * there whatever it is). A capital inside a word names too ("cnPilot", "ePMP"), and so does a
 * number right after a name: a model number ("IDS 3300", "Force 300-25").
 */
export function nameTokens(question: string): { name: string; opening: boolean; at: number }[] {
  const out: { name: string; opening: boolean; at: number }[] = [];
  let first = true;
  let afterName = false;
  let at = 0;
  let end = 0;
  const folded = fold(question);
  for (const m of folded.matchAll(NAME_TOKENS)) {
    at++;
    const w = m[0];
    // A sentence after the first opens with a capital too ("How long was it stuck? Count from the pause").
    if (/[.?!]\s/u.test(folded.slice(end, m.index))) first = true;
    end = m.index + w.length;
    const lower = w.toLowerCase();
    // An opening word English writes in lower case ("Healthcare document-sharing product ...") is no name,
    // unless it is written as an acronym ("BOD scope ...").
    const capital = /^\p{Lu}/u.test(w) && !(first && (OPENERS.has(lower) || (isLowerCaseWord(w) && !/^\p{Lu}{3,}s?$/u.test(w))));
    // A model opens with a digit too when it holds a capital ("3D-A1000", "5015-U8IHFT"; not "30-day").
    const mixed = (/\p{L}\d|\d\p{L}/u.test(w) && (/^\p{L}/u.test(w) || /\p{Lu}/u.test(w))) || /^\p{Ll}+\p{Lu}/u.test(w);
    const model: boolean = afterName && /^\d+(?:-\d+)*$/u.test(w) && !/^(19|20)\d{2}(?:-\d{2}){0,2}$/u.test(w);
    // A function word is no name, capitalised or not ("What Should Users ...").
    const name: boolean = (capital || mixed || model) && !QUESTION_WORDS.has(lower) && !MONTH.test(w) && !CAPITALISED_NOUNS.has(w) && queryTerms(lower).length > 0;
    if (name) out.push({ name: w.replace(/'s$/u, ''), opening: first, at });
    afterName = name && !model;
    first = false;
  }
  return out;
}

// "What did X say / write / announce ...": a question about what someone said.
// "What does the order tell the attorney general to do" asks what it directs, not what it said.
const SPEECH_QUESTION = /^\W*what (?:did|does|do|has|have|had|will) (.+?) (?:say|said|(?<!bounds?[\s-])write|wrote|report|announce|state|think|claim|tell(?!\s+(?:[\w'’-]+\s+){1,4}to\b)|argue|warn|publish|post)\b/i;
// "How did X respond / react": what X said or did in answer, which a sentence of X speaking
// or responding tells, not one that only names X.
const RESPONSE_QUESTION = /^\W*how (?:did|does|do|has|have|had|will|would) (.+?) (?:respond|react|reply|answer)\b/i;

/**
 * Who a "what did X say" or "how did X respond" question asks about: the stemmed words that
 * name them, their head and their names. "AI developers" are developers, whom a headline about
 * AI does not quote; "the director of CISA" is a director.
 */
export function speakerOf(question: string): { words: string[]; head: string; names: string[] } | null {
  const asked = askingClause(question);
  const m = SPEECH_QUESTION.exec(asked) ?? RESPONSE_QUESTION.exec(asked);
  if (!m) return null;
  const words = contentTerms(m[1]!);
  const head = contentTerms(m[1]!.split(/\s+(?:of|from|at|in|for)\s+/iu)[0]!).at(-1) ?? words.at(-1);
  // The names among them ("SC Media's perspective piece" is SC Media's); a two-letter acronym
  // is mostly a common noun shortened ("AI developers").
  const names = namesIn(m[1]!).filter((n) => !/^\p{Lu}{2}$/u.test(n)).map((n) => stem(n.toLowerCase()));
  return head ? { words, head, names } : null;
}

// Words that end a do-question's verb: what follows it (an object's determiner, a preposition,
// a particle, an -ing form) or the question's end. "When did the clearinghouse begin operating?"
// Words in -ed or -en that are no participle ("between"), and participles of the asker's, not the
// story's ("which camera line was flagged for ...": the advisory flags nothing in those words).
// Participles that end otherwise: "when was the draft withdrawn", "when was the fine paid". (Not those
// of idioms and other readings: "built from", "made of", "set up", "led by", "found".)
const IRREGULAR_PARTICIPLES = new Set(['withdrawn', 'drawn', 'shown', 'thrown', 'overthrown', 'blown', 'flown', 'grown', 'begun', 'sent', 'held', 'paid', 'struck', 'sworn', 'sold', 'bought', 'brought', 'fought', 'spent']);
const NOT_PARTICIPLES = new Set(['when', 'then', 'open', 'often', 'given', 'seven', 'ten', 'even', 'between', 'flagged', 'highlighted', 'mentioned', 'cited', 'listed', 'tracked', 'designated', 'need', 'feed', 'seed', 'speed', 'indeed', 'exceed', 'proceed', 'succeed']);
const AFTER_VERB = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'this', 'that', 'these', 'those', 'to', 'on', 'in', 'at', 'for', 'with', 'about', 'from', 'by', 'into', 'through', 'via', 'using', 'across', 'within', 'without', 'after', 'before', 'during', 'under', 'over', 'between', 'against', 'and', 'or', 'as', 'any', 'all', 'out', 'up', 'off', 'down', 'back', 'away', 'when', 'so', 'since', 'until', 'first', 'last', 'ever', 'yet']);
const COPULAS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
const WHICH_SUBJECT = /^\W*(?:[Ww]hich|[Ww]hat)\s+(?:[\p{L}\p{N}-]+\s+){1,4}?(?:first\s+|later\s+|originally\s+)?(\p{Ll}+[^e\s]ed)\s+(?:the|a|an|its|their|this|that|these|those|to|in|on|for|with|by|from)\b/u;
// Endings of nouns, not verbs: "advisory", "publication", "severity".
const NOUN_ENDING = /(?:ory|tion|sion|ness|ity)$/u;
// A thing's relation to a flaw ("which releases are affected", "what machine is involved", "which programs are covered",
// "what CWE is it mapped to"): advisories state it in lists ("Known affected: ...") and in words of their own, seldom with the verb.
const RELATION = /^(affected|impacted|involved|concerned|hit|assigned|tied|linked|associated|connected|related|covered|mapped|listed|included)$/u;
const STORY_SUBJECT = /^\W*(?:which|what)\s+(?:[\p{L}-]+\s+){0,2}?(?:advisor(?:y|ies)|bulletins?|alerts?)\s+(?:first\s+|originally\s+)?\p{Ll}+ed\b/iu;
const FIX_VERBS = /^(fixed|patched|resolved|addressed|corrected|removed|remediated|mitigated|updated|upgraded|installed|applied|deployed|downloaded|affected|used|named|listed|based|called)$/u;
// Verbs of wanting, asking and aiming: "want X to upgrade", "set out to promote" hinge on what is wanted.
const WANTING = new Set(['want', 'wants', 'need', 'needs', 'expect', 'expects', 'ask', 'asks', 'urge', 'urges', 'advise', 'advises', 'recommend', 'recommends', 'require', 'requires', 'tell', 'tells', 'encourage', 'encourages', 'aim', 'aims', 'seek', 'seeks', 'try', 'tries', 'intend', 'intends', 'set', 'sets']);
// "Which systems must agencies harden" asks for a thing the name and asked-for rules weigh, and
// "what will X focus on", "how will X decide" or "who can receive" for a plan or a right: their
// verbs are often the asker's own words. What someone did ("how did X respond", "when did X
// start") is said with its verb.
// "When will X start operating" asks when that is planned: its verb holds too.
const DO_AUX = /^\W*(?:(?:when|what|where|why|how)\s+(?:did|does|do)|when\s+(?:will|would|shall))\s+(.+)$/iu;
// Verbs of beginning, going on and ending: the verb they take says what, they say when.
const ASPECTUAL = new Set(['start', 'starts', 'begin', 'begins', 'stop', 'stops', 'continue', 'continues', 'resume', 'resumes', 'finish', 'finishes', 'cease', 'ceases', 'end', 'ends', 'quit', 'quits']);
const PASSIVE = /^\W*(?:when|how|what|where|why|which|in which|on what|by whom|(?:which|what)\s+(?:[\p{L}\p{N}-]+\s+){1,3}?|(?:in|on|at|from)\s+(?:which|what)\s+(?:[\p{L}\p{N}-]+\s+){1,4}?|how many\s+(?:[\p{L}\p{N}-]+\s+){1,4}?)\s*(?:was|were|is|are|has been|have been|had been)\s+(.+)$/iu;
// "How will the clearinghouse be staffed": the participle after its subject, as a plan ("when will X be done" is DO_AUX's).
const MODAL_PASSIVE = /^\W*(?:how|where|why|by whom)\s+(?:will|would|shall|can|could|should|must|might|may)\s+(?:[\p{L}\p{N}'’-]+\s+){1,8}?be\s+(.+)$/iu;
// Saying and publishing: the speaker rule reads those ("what did X say"); any such verb in a
// sentence answers "when did CISA announce ...", so none of them is a hinge.
const COMMUNICATION = /^(say|said|says|talk|talked|talks|tell|told|tells|write|wrote|writes|written|report|reported|reports|announce|announced|announces|state|stated|states|claim|claimed|warn|warned|argue|argued|note|noted|speak|spoke|spoken|comment|commented|publish|published|publishes|release|released|releases|issue|issued|issues|post|posted|describe|described|mention|mentioned|think|thought|respond|responded|react|reacted|promise|promised|promises|pledge|pledged|pledges|vow|vowed|vows|commit|committed|commits|frame|framed|frames|portray|portrayed|portrays|characteri[sz]e|characteri[sz]ed|characteri[sz]es|sum|sums|summed|summari[sz]e|summari[sz]ed|summari[sz]es)$/;

// An auxiliary or a copula, which a verb may follow.
const AUXILIARY = /^(?:is|are|was|were|will|would|shall|has|have|had|did|does|do|can|could|should|must|may|might)$/iu;

/**
 * The word a question's answer hinges on beyond its topic: its main verb ("Who opposed the
 * proposals?", "When did the clearinghouse begin operating?", "Who was arrested for ...?").
 * A passage that holds every other word of the question but not this one says something else
 * about the same things. Null when the verb says nothing of its own (a copula, a light verb,
 * a verb of saying, "happened") or cannot be told.
 */
export function hingeVerb(question: string): string | null {
  // "Who found the flaw" is answered by whom the advisory credits, in its own words ("reported").
  // "How many days after the pause was the order signed": each event's date answers, whatever its verb.
  // "Who develops X" is answered by the Vendors line, which says no verb.
  // A remark in brackets ("the advisory (the one that reached Update G)") describes; its verb is not what is asked.
  const asking = askingClause(question.replace(/\s*\([^()]*\)/gu, '')).trim().replace(/[?.!]+$/u, '');
  // "What was the latest development a week before the order was signed": the anchor's verb places
  // the event asked for, which is not a signing.
  const intent = temporalIntent(asking);
  const anchorAt = intent && 'anchor' in intent ? asking.toLowerCase().lastIndexOf(intent.anchor) : -1;
  const q = anchorAt > 0 ? asking.slice(0, anchorAt).trim() : asking;
  // "What is X called" ("titled") asks for a name, not for calling.
  const exp = expected(q);
  if (CREDIT_QUESTION.test(q) || VENDOR_QUESTION.test(q) || exp?.interval || (/\b(?:called|titled|entitled)\b/u.test(q) && exp?.type === 'name')) return null;
  const tokens = (text: string) => text.match(/[\p{L}\p{N}]+(?:[-.'’][\p{L}\p{N}]+)*/gu) ?? [];
  let verb: string | undefined;
  // "Who (in the administration) (will) opposed ...": a "who" that is the subject.
  // "Who at the White House made ...": the place may be a name of several words.
  // "Who is in charge of CISA" asks who leads a body (not who is in charge of doing something).
  const who = /^\W*who\s+(?:(?:in|at|from|of|inside|within|among)\s+(?:the\s+)?(?:(?:\p{Lu}[\p{L}-]*\s+)+|[\p{L}-]+\s+))?(.+)$/u.exec(q.replace(/^\W*who\b/iu, 'who').replace(IN_CHARGE, 'who leads '));
  if (who) {
    const words = tokens(who[1]!);
    // "Who else got ...", "who exactly signed ...": the verb comes after.
    // "Who in the federal govt is supposed to ...": the last word of a place, before an auxiliary, is no verb.
    const placed = who[1] !== q.replace(/^\W*who\s+/iu, '');
    let i = /^(?:else|exactly|precisely)$/iu.test(words[0] ?? '') || (placed && !AUXILIARY.test(words[0] ?? '') && AUXILIARY.test(words[1] ?? '')) ? 1 : 0;
    // "Who will lead X" asks who is to do it: its verb holds, and a plan says it (futureQuestion).
    // "Who can receive ..." asks for a right, often in the asker's own words.
    if (/^(will|would|shall)$/iu.test(words[0] ?? '') && !DETERMINERS.has((words[1] ?? '').toLowerCase())) i++;
    else if (/^(will|would|shall|can|could|should|must|may|might)$/iu.test(words[0] ?? '')) return null;
    if (/^(has|have|had|did|does|do)$/iu.test(words[0] ?? '')) i++;
    // "Who was arrested" is passive; "who is the director" asks who someone is (subjectOfWho).
    // "Who is running X": an office held, as "who runs X" asks.
    if (COPULAS.has((words[i] ?? '').toLowerCase())) verb = /(ed|en)$/u.test(words[i + 1] ?? '') || LEADING.test(words[i + 1] ?? '') ? words[i + 1] : undefined;
    // "Who will the clearinghouse work with": "who" is the object; the subject follows.
    else if (!DETERMINERS.has((words[i] ?? '').toLowerCase())) verb = words[i];
  } else {
    const passive = PASSIVE.exec(q) ?? MODAL_PASSIVE.exec(q);
    const done = DO_AUX.exec(q);
    // "Which release first introduced the flaw", "which Crimson release added ...": the subject asked
    // for, then its verb in the past, before its object. A fix's verb is said in a fix's own words.
    const subject = !passive && !done ? WHICH_SUBJECT.exec(q) : null;
    // "Which advisory covered X", "what bulletin described X": the advisory is the answer, its verb how it relates to X.
    if (subject && !FIX_VERBS.test(subject[1]!) && !STORY_SUBJECT.test(q)) verb = subject[1];
    if (done) {
      // The verb follows its subject: the first lowercase word, past the subject's first, that a
      // determiner, a preposition, a name or the end follows ("the order direct the attorney general").
      const words = tokens(done[1]!);
      // "What did the White House do ...": any deed answers ("... direct X to do" still hinges on "direct").
      if (words.some((w, i) => i > 0 && w === 'do' && words[i - 1] !== 'to')) return null;
      // "What does ONCD stand for" asks for words, not a deed; "when did X land in KEV" for when it was added, "when did Update B land" for when it came out.
      if (words.some((w, i) => (w === 'stand' && words[i + 1] === 'for') || (/^(land|make)$/u.test(w) && /^(in|on|into|it)$/u.test(words[i + 1] ?? '')) || (w === 'land' && i === words.length - 1))) return null;
      // "How do you work around X" asks for a workaround, in whatever words a fix gives it.
      if (words.some((w, i) => /^(work|get)$/u.test(w) && words[i + 1] === 'around')) return null;
      // "What does OSIsoft want customers to upgrade to": what is wanted is the verb after "to".
      const wanted = words.findIndex((w, i) => i > 0 && WANTING.has(w));
      if (wanted > 0) {
        const to = words.findIndex((w, j) => j > wanted && w === 'to');
        // "What do we need to install (apply, download) to fix X": the thing is asked for, which a fix names ("Update to P01").
        verb = to > 0 && /^\p{Ll}+$/u.test(words[to + 1] ?? '') && !DETERMINERS.has(words[to + 1]!) && !/^(?:do|install|apply|deploy|download)$/u.test(words[to + 1]!) ? words[to + 1] : undefined;
        if (!verb) return null;
      }
      for (let i = 1; i < words.length && !verb; i++) {
        const w = words[i]!;
        const next = words[i + 1];
        // A noun by its ending ("the advisory first", "its publication") is no verb, nor a flaw ("the OpenSSL flaw in ...").
        if (!/^\p{Ll}+$/u.test(w) || AFTER_VERB.has(w) || DETERMINERS.has(w) || NOUN_ENDING.test(w) || FLAW_WORDS.has(stem(w))) continue;
        if (next === undefined || AFTER_VERB.has(next.toLowerCase()) || /ing$/u.test(next) || /^\p{Lu}|\p{Ll}\p{Lu}|\d/u.test(next)) {
          // A noun before "of" ("point of contact") is no verb. After "start", "begin", "stop" ...
          // the question asks when that happened: "start work on X" hinges on "start", not "work".
          if (next !== 'of') verb = ASPECTUAL.has(words[i - 1] ?? '') ? words[i - 1] : w;
        }
      }
    } else if (passive) {
      // "When was the revised order released after the pause?": the participle, where a verb
      // stands (before a preposition, a name or the end), not before its noun ("the
      // insufficiently protected credentials advisory").
      const words = tokens(passive[1]!);
      verb = words.find((w, i) => {
        const next = words[i + 1];
        // After a determiner it qualifies a noun ("the malformed UDP request"); after "as" it
        // compares ("as opposed to") or refers ("as described").
        return (/^\p{Ll}+(?:ed|en)$/u.test(w) || IRREGULAR_PARTICIPLES.has(w)) && !NOT_PARTICIPLES.has(w) && !DETERMINERS.has(words[i - 1] ?? '') && words[i - 1] !== 'as' && (next === undefined || AFTER_VERB.has(next.toLowerCase()) || /^\p{Lu}|\d/u.test(next));
      });
    }
  }
  if (!verb) return null;
  const lower = verb.toLowerCase();
  // "From which ToolBoxST version is it resolved?", "what do we upgrade to": a fix's verb is said in a fix's own words ("upgraded ... to resolve", "Update to").
  if (exp?.type === 'version' && [lower, `${lower}d`, `${lower}ed`].some((form) => FIX_VERBS.test(form))) return null;
  if (COMMUNICATION.test(lower) || COPULAS.has(lower) || QUESTION_WORDS.has(lower) || AUXILIARIES.has(lower) || RELATION.test(lower) || /^\d/u.test(lower) || lower.length < 3) return null;
  // In the form passages are read in: what a flaw "leaks" it discloses.
  return stem(inCommonForm(lower));
}

const IN_CHARGE = /^who\s+(?:is|was)\s+(?:currently\s+|now\s+)?in\s+charge\s+(?:of|at)\s+(?=(?:the\s+)?\p{Lu})/u;
// Verbs of holding an office: "who runs X", "who is heading X" ask for whoever holds its top office.
const LEADING = /^(?:leading|heading|running|helming)$/iu;

// The offices a person holds, by the word that names them ("the attorney general", "its acting director").
const ROLE_WORDS = String.raw`director|chief|secretary|administrator|chair(?:man|woman|person)?|advis[eo]r|commissioner|spokes(?:person|man|woman)|ceo|ciso|minister|ambassador|(?:attorney|solicitor|surgeon|inspector)\s+general`;
const ROLES = new RegExp(`\\b(?:${ROLE_WORDS})\\b`, 'u');
// An office someone holds, asked who holds it: "who is the acting director", "who served as national security adviser".
const ROLE_HOLDER = new RegExp(String.raw`^\W*who\s+(?:currently\s+|now\s+|actually\s+)?(?:is|was|serves\s+as|served\s+as|is\s+serving\s+as)\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,4}?(?:${ROLE_WORDS})\b`, 'u');

/** "Who is/was X": the words of X, the thing whoever answers must be (its director, its contact). */
export function subjectOfWho(question: string): string[] {
  const m = /^\W*who\s+(?:is|are|was|were)\s+(?!\p{L}+(?:ed|en)\b|behind\b)([^?]+?)\W*(?:\?|$)/iu.exec(askingClause(question).trim());
  if (!m) return [];
  // The choices offered after a dash ("who is X aimed at - companies, or agencies?") are no part of X.
  const subject = m[1]!.split(/\s[—–-]+\s|\s*[—–]\s*/u)[0]!.trim();
  // "Who is the clearinghouse meant to work with", "who is the directive aimed at": whom X works with or is for, which X itself is not.
  // "Who is responsible for going after X", "who is in charge of it": whoever does it, named by what they do.
  // "Who is running X" asks who holds its office, a verb (hingeVerb).
  if (!subject || LEADING.test(subject.split(/\s+/u)[0]!) || /\b(?:meant|supposed|going|expected|required|set|due|able|allowed|designed|intended)\s+to\b|^(?:responsible|in\s+charge|tasked|charged)\b|\s(?:with|to|for|by|from|against|about|at|toward|towards)$/iu.test(subject)) return [];
  return contentTerms(subject);
}

// "Which agencies did Andersen say would be exempt": what is said of the things asked for.
const WHICH_SAID = /^\W*(?:which|what)\s+(?:[\p{L}-]+\s+){1,3}?(?:did|does|do|has|have|had)\s+(?:\S+\s+){1,4}?(?:say|said|state|claim|argue|warn)\s+(?:that\s+)?(?:would|will|should|must|could|might|are|is|were|was)\b/iu;

/** "What did X say about Y": the words of Y, which the answer must speak of. */
export function aboutWhat(question: string): string[] {
  // "What did CISA publish about Emerson products": a publication is about its story, said or not.
  const q = askingClause(question).trim();
  const m = /\b(?:say|said|write|wrote|state|think|claim|tell|argue|warn)\s+(?:\p{L}+\s+)?about\s+(.+?)\W*$/iu.exec(q);
  // "What did X say China would do in response", "what did X report the White House released":
  // what is said is the clause after the verb, and a passage of X saying it holds its words.
  const clause = /\b(?:say|said|write|wrote|report|reported|state|think|claim|tell|argue|warn)\s+(?:that\s+)?(.+?)\W*$/iu.exec(q);
  if (!SPEECH_QUESTION.test(q) && !WHICH_SAID.test(q)) return [];
  // What is said ends where a second question joins ("what did CISA report in it, and is there a fix?").
  const said = ((m ?? clause)?.[1] ?? '').split(/,?\s+(?:and|but)\s+(?=(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|what|which|who|when|where|how)\b)/iu)[0]!;
  // "What does CISA say we must do about it", "what does KEV tell agencies to do about X": what is
  // said is an action, in its own words; it is about X.
  const action = /^(?:\p{L}+\s+){0,2}?(?:to|must|should|(?:need|needs|have|has|ought)\s+to)\s+do\s+about\s+(.+)$/iu.exec(said);
  return contentTerms(action ? action[1]! : said).filter((t) => !/\d/u.test(t));
}

// "Does the order say anything about X?", "is there anything on X", "does it mention X", "does it say how X",
// "did it quote any X": X is what is asked about, up to its question mark ("anything on X? Which CVE was it?").
const POLAR_TOPIC = /^\W*(?:does|do|did|is|are|was|were|will|has|have)\b[^?]*?\b(?:anything|something)\s+(?:about|on|regarding|concerning)\s+([^?]+?)\W*(?:\?.*)?$|^\W*(?:does|do|did|has|have)\b[^?]*?\b(?:mention|mentions|mentioned|discuss|discusses|discussed|(?:say|specify|explain|state|spell out)\s+(?:how|whether|when|who|which|what|where|why))\s+([^?]+?)\W*(?:\?.*)?$|^\W*(?:does|do|did|has|have)\b[^?]*?\b(?:quote|quoted|cite|cited|name|named|list|listed|include|included|identify|identified|interview|interviewed|credit|credited)\s+any\s+([^?]+?)\W*(?:\?.*)?$/iu;
/** The stemmed words of what a yes-or-no question asks whether the story speaks of ("AI in weapons systems", "did the pieces quote any lab executives"). */
export function polarTopic(question: string): string[] {
  const asked = askingClause(question).trim();
  const m = POLAR_TOPIC.exec(asked) ?? ANYTHING_ABOUT.exec(asked);
  return m ? contentTerms((m[1] ?? m[2] ?? m[3])!) : [];
}
// The same asked in short: "anything in the EO about deepfakes?", "anything in the order on cyber insurance?".
const ANYTHING_ABOUT = /^\W*anything\s+(?:in|from)\s+(?:the|this|that)\s+[\p{L}-]+\s+(?:about|on|regarding|concerning)\s+([^?]+?)\W*(?:\?.*)?$/iu;

// The asker's own constraint ("can't upgrade X right now", "we can't flash it to FRN 21.003 yet", "if we can't schedule
// the v1.12 upgrade yet"): what they cannot do is no fact to find, and no workaround; the workaround they ask for is said in its own words.
export const CANNOT_FIX =
  /\b(?:can'?t|cannot|can not|unable to|not able to)\s+(?:yet\s+)?(?:(?:schedule|do|roll out|deploy|apply|take|run|install)\s+(?:the|an?|that|this)\s+(?:[\p{L}\p{N}.-]+\s+)?(?=(?:upgrade|update|patch)\b))?(?:upgrade|update|patch|install|apply|reboot|flash|re-?flash|move)\b/iu;

/**
 * "What kind of bug is it", "which two weakness types", "what weaknesses did CISA list", "the bug classes": the kinds
 * of flaw, which a weakness (CWE) names.
 */
export const FLAW_KIND_ASKED =
  /\b(?:what|which)\s+(?:[\w-]+\s+){0,2}?(?:(?:kinds?|types?|sorts?|class(?:es)?|categor(?:y|ies))\s+of\s+(?:bugs?|flaws?|vulnerabilit(?:y|ies)|weakness(?:es)?|issues?|problems?)|weakness(?:es)?|CWEs?)\b(?!-)|\b(?:bug|flaw|weakness|vulnerability)\s+(?:class(?:es)?|types?|kinds?|categor(?:y|ies))\b/iu;

// "Which Redis version ships inside X", "what OpenSSL version is bundled in X": the version of a component it names.
const COMPONENT_VERSION = /^\W*(?:exactly\s+)?(?:which|what)\s+((?:\p{L}[\p{L}\d.+-]*\s+){1,2}?)versions?\s+(?:(?:is|are|was|were|does|do)\s+)?(?:ships?|shipped|bundled|included|embedded|inside|used)\b/iu;
/** The component a question asks the version of ("Redis" of "which Redis version ships inside X"), if it asks for one. */
export function componentAsked(question: string): string | undefined {
  const component = COMPONENT_VERSION.exec(askingClause(question))?.[1]?.trim().split(/\s+/u).at(-1);
  return component && !VERSION_NOUNS.has(stem(component.toLowerCase())) ? component : undefined;
}

/** A CVE id, as advisories and questions write it. */
export const CVE_ID = /\bCVE-\d{4}-\d{4,7}\b/iu;
/** "What's the CVE", "which CVE IDs", "CVE number?", "is there a CVE for that?", "need the CVE", "trying to find the CVE where ...", "CVE and the version that fixes it?": the CVE is what is asked for. */
export const CVE_ASKED = /\b(?:what|which)(?:['’]s|\s+(?:is|are|was|were))?\s+(?:the\s+)?CVEs?\b|\b(?:find|finding|looking\s+for|want|give\s+me|tell\s+me)\s+(?:the\s+|a\s+)?CVEs?\b(?!-)|\bCVE\s+(?:ids?|numbers?|identifiers?)\b|\b(?:is\s+there|are\s+there|any|need|needs|has|have)\s+(?:(?:a|an|the|its|their)\s+)?CVEs?\b(?!-)|\bCVEs?\s*\?|^[^?]*\bCVEs?\s*(?:,|&|\+|\band\b)[^?]*\?/iu;
export const VULNERABILITY_TOPIC = /\b(vulnerabilit(y|ies)|flaws?|bugs?|weakness(es)?|advisor(y|ies)|issues?)\b|^[^?]*$/i;
// Questions whose answer is a story: "which advisory covers ...", "what did CISA publish about ...",
// and a bare identifier or product named without a question (KEYWORD_QUERY).
/**
 * "Which of the Lawfare articles was published first", "the earliest of the cited pieces": the
 * sources put in order of publication, which only a source's own date tells.
 */
export const ORDERS_SOURCES = /\b(?:sources?|articles?|pieces?|headlines?|coverage|write-?ups?|op-?eds?|columns?|posts?)\b[^?]*\b(?:published|came out|appeared|ran|went (?:up|out|live)|posted|printed)\b[^?]*\b(?:first|earliest|last|latest|most recently)\b|\b(?:first|earliest|last|latest)\b[^?]*\b(?:sources?|articles?|pieces?|headlines?|write-?ups?|op-?eds?|columns?|posts?)\b[^?]*\b(?:published|came out|appeared|posted)\b/iu;
/** A question of the story's sources: its articles, their headlines, what it cites. */
export const SOURCE_ASKED = /\b(?:sources?|articles?|pieces?|outlets?|publications?|headlines?|reports?|write-?ups?|cite[sd]?|citations?|references?|refs|reading list|coverage)\b/iu;
/** "Which publishers covered it more than once?", "two outlets show up twice each - which ones": the outlets a story's sources repeat. */
export const REPEATED_OUTLET =
  /\b(?:publishers?|outlets?|sites?|publications?|magazines?)\b[^?]*?\b(?:more than once|twice|two (?:articles|pieces|stories|headlines|times)|multiple (?:times|articles|pieces))\b/iu;
/** "... isn't the only one", "which other site": the outlet the question names is set aside. */
export const OTHER_THAN_NAMED = /\b(?:other|else|besides|apart from|(?:is|isn['’]t|is not|not) the only)\b/iu;
/** A question that asks how severe a flaw is: its CVSS score, vector or severity. */
export const SCORE_ASKED = /\bcvss\b|\b(?:base|severity)\s+score\b|\bhow (?:bad|severe|serious|critical|dangerous)\b|\bseverity\b|\bscore-?wise\b|\bhow (?:is|was|are|were|does|did)\b[^?]*\b(?:scored|rated)\b/iu;
/** "Which is the worst", "the nastier one", "the highest CVSS": a comparison of an advisory's flaws, which describes none. */
export const HIGHEST_ASKED = /\b(?:highest|higher|maximum|worst|worse|nastiest|nastier|most severe|more severe|most critical|more critical|maxes out)\b|\btop(?=\s+(?:cvss|base|severity|scor|rat))/iu;
export const ASKS_FOR_STORY = new RegExp(`${/(?<!\bnot\s+(?:the\s+|an?\s+)?)\b(advisor(y|ies)|bulletins?|notices?)\b|\bpublish(ed)?\b.*\babout\b/u.source}|${ANY_ADVISORY_ON.source}`, 'iu');
export const KEYWORD_QUERY = /^[^?]*$/;

// A question about what is to come: "who will lead ...", "when will X release a fix", "when is X planning to release it".
// So is one of what is meant to happen ("by when is the clearinghouse supposed to be up and running").
export const FUTURE_QUESTION = /^\W*(?:by\s+)?(?:who|what|when|where|which|how)\b[^?]*?\b(?:will|shall|(?:is|are)\s+(?:[\p{L}-]+\s+){0,5}?(?:planning|going|expected|scheduled|due|supposed|slated)\s+to)\b/iu;
