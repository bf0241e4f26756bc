// Words too common to carry meaning for keyword search.
const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers him his how i
  if in into is it its itself just me more most my no nor not now of off on once only or other our out over own same she
  should so some such than that the their them then there these they this those through to too under until up very was we
  were what when where which while who whom why will with would you your yours story stories say said says tell told
  does did according mention mentioned`.split(/\s+/),
);

// A word: letters and digits, joined by inner hyphens or dots (CVE-2023-6448, v3.1).
const WORD = /[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu;

/** Crude stemming so "signed"/"signing" and "directive"/"directives" meet when words are compared outside FTS5. */
export const stem = (w: string) => w.replace(/(ing|ed|es|s)$/u, '').slice(0, 7);

/** The lower-cased, stemmed words of a text. */
export const wordStems = (text: string): string[] => (text.toLowerCase().match(WORD) ?? []).map(stem);

// A negation written short ("don't", "isn't", "can't"): the auxiliary and "not", no word "don" or "isn".
const CONTRACTED_NOT = /\b(?:can|won|shan)['’]t\b|n['’]t\b/gu;

/** The meaningful lower-cased words of a query, without stopwords or repeats. */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().replace(CONTRACTED_NOT, ' not').match(WORD) ?? [];
  const out: string[] = [];
  for (const w of words) {
    if (STOPWORDS.has(w) || out.includes(w)) continue;
    out.push(w);
  }
  return out.slice(0, 64);
}

// Flaws, and what they are in, as analysts abbreviate them and advisories (CWE names) spell them out.
const FLAW_ACRONYMS: Record<string, string> = {
  xss: 'cross-site scripting',
  csrf: 'cross-site request forgery',
  xsrf: 'cross-site request forgery',
  ssrf: 'server-side request forgery',
  sqli: 'sql injection',
  rce: 'remote code execution',
  dos: 'denial-of-service',
  ddos: 'denial-of-service',
  lfi: 'local file inclusion',
  rfi: 'remote file inclusion',
  xxe: 'xml external entity',
  uaf: 'use after free',
  mitm: 'man-in-the-middle',
  privesc: 'privilege escalation',
  // "DLL hijacking", "DLL planting": a library loaded from an uncontrolled or untrusted search path (CWE-426, CWE-427).
  dll: 'search path',
  // ... and what they are in, as analysts shorten it ("hard-coded DB creds").
  db: 'database',
  creds: 'credentials',
  pwd: 'password',
  config: 'configuration',
  fw: 'firmware',
};

/** How advisories spell a flaw's acronym ("XSS": "cross-site scripting"), if the word is one. */
export const flawAcronym = (word: string): string | undefined => (Object.hasOwn(FLAW_ACRONYMS, word.toLowerCase()) ? FLAW_ACRONYMS[word.toLowerCase()] : undefined);

/** A query with each flaw acronym's spelled-out words added ("stored XSS" also searches "cross-site scripting"). */
export function withAcronymsSpelled(query: string): string {
  const spelled = (query.match(WORD) ?? []).flatMap((w) => flawAcronym(w) ?? []);
  return spelled.length ? `${query} ${spelled.join(' ')}` : query;
}

// Two words of one case that a name may write as one: capitalised ("Dark Reading") or both lower-cased and
// no stopwords ("dark reading"). A number, or a lower-cased word under three letters, is no part of one.
const CAPITALISED_PAIR = /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u;
const LOWER_PAIR = /^\p{Ll}{3,} \p{Ll}{3,}$/u;

/** A query with each pair of words a name could write as one also written so ("Dark Reading" or "dark reading" also searches "darkreading", as in darkreading.com). */
export function withNamesJoined(query: string): string {
  const words = (query.match(/[\p{L}\p{N}]+(?:['’]s)?/gu) ?? []).map((w) => w.replace(/['’]s$/u, ''));
  const joined: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    const pair = `${a} ${b}`;
    if (CAPITALISED_PAIR.test(pair) || (LOWER_PAIR.test(pair) && !STOPWORDS.has(a) && !STOPWORDS.has(b))) joined.push(`${a}${b}`.toLowerCase());
  }
  return joined.length ? `${query} ${joined.join(' ')}` : query;
}

/**
 * A query with each name spelled with "ue", "oe" or "ae" for an umlaut also spelled folded ("Geutebrueck" also
 * searches "Geutebruck", as FTS5 folds "Geutebrück"). Only before two consonants: "Fueling" is English.
 */
export function withUmlautsFolded(query: string): string {
  const folded = (query.match(/\p{L}{5,}/gu) ?? []).flatMap((w) => {
    const f = w.replace(/([aou])e(?=[bcdfghjklmnpqrstvwxz]{2})/giu, '$1');
    return f === w ? [] : [f];
  });
  return folded.length ? `${query} ${folded.join(' ')}` : query;
}

/**
 * An FTS5 MATCH expression that ORs the query's terms, each quoted so that user text can
 * never be read as FTS5 syntax. Null when nothing searchable is left.
 */
export function ftsExpression(query: string): string | null {
  const phrases = ftsPhrases(query);
  return phrases.length ? phrases.join(' OR ') : null;
}

/** The query's terms as quoted FTS5 phrases (what ftsExpression ORs). */
export function ftsPhrases(query: string): string[] {
  return queryTerms(query).map((t) => `"${t.replace(/"/g, '""')}"`);
}
