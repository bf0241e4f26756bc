import semver from 'semver';

/**
 * Vendor version strings as ICS advisories and inventories write them ("V2.10", "3.07.11",
 * "V7.4 SP1 Update 14", "1.000.HW00.21.20190812", "15.2(6)E0a"), and the ranges CISA's CSAF
 * advisories give in product_version_range: `vers:` strings (ECMA-428, loosely written) and
 * prose ("< V3.2.1", ">= 2.0 | <= 2.5", "All versions < V4.33"). No npm parser reads these.
 */

/** A version split into comparable tokens: numbers compare numerically, words by a fixed order. */
export interface Version {
  raw: string;
  tokens: (number | string)[];
}

// Words that qualify a release after it ("SP1", "Update 3") compare as words; these few spellings
// mean the same thing and are folded together. Pre-release words sort before the bare release.
const WORD_ALIASES: Record<string, string> = {
  upd: 'update',
  u: 'update',
  servicepack: 'sp',
  hotfix: 'hf',
  patch: 'p',
  b: 'build',
};
const PRE_RELEASE = new Set(['alpha', 'a', 'beta', 'rc', 'pre', 'dev', 'preview']);
/** Words a version may contain; any other word of four or more letters means the text is prose, not a version. */
const KNOWN_WORDS = new Set(['sp', 'update', 'upd', 'hf', 'hotfix', 'build', 'patch', 'rev', 'release', 'servicepack', 'service', 'pack', 'alpha', 'beta', 'preview', 'hw', 'fw', 'sr', 'cu', 'qu', 'lts', 'esr']);

/**
 * Parses a version, or returns null when the text is not one (a date, a serial number rule,
 * prose, an "x" wildcard). A leading "V"/"Ver"/"Version"/"rev." is dropped: advisories and
 * inventories use it inconsistently.
 */
export function parseVersion(text: string): Version | null {
  let s = text.trim().replace(/\s+/g, ' ');
  // "(R4.02)" and "firmware_05" carry a version in wrapping advisories use now and then.
  s = s.replace(/^\((.*)\)$/, '$1').replace(/^firmware[_ ](?=\d)/i, '');
  s = s.replace(/^(?:version|ver\.?|rev\.?|v)\s?(?=\d)/i, '');
  s = s.replace(/service pack/gi, 'sp');
  if (!s || s.length > 80) return null;
  // A version starts with a digit, or one or two letters and a digit ("R4.01.00", "A1.5.3").
  if (!/^[A-Za-z]{0,2}\d/.test(s)) return null;
  if (!/^[A-Za-z0-9._\-() +]+$/.test(s)) return null;
  const tokens: (number | string)[] = [];
  for (const m of s.matchAll(/(\d+)|([A-Za-z]+)/g)) {
    if (m[1] !== undefined) {
      tokens.push(Number(m[1].length > 15 ? m[1].slice(0, 15) : m[1]));
      continue;
    }
    const word = m[2]!.toLowerCase();
    if (word === 'x') return null;
    if (word.length >= 4 && !KNOWN_WORDS.has(word)) return null;
    if (word === 'service' || word === 'pack') continue;
    tokens.push(WORD_ALIASES[word] ?? word);
  }
  if (!tokens.some((t) => typeof t === 'number')) return null;
  return { raw: text.trim(), tokens };
}

/**
 * Compares two versions: two semvers by semver's rules; otherwise token by token, numbers
 * numerically ("V2.10" > "V2.9", "3.07.11" equals "3.7.11"), a number newer than a word at the
 * same place ("5.2.1" > "5.2 SP3"), missing trailing zeros equal ("4.1" = "4.1.0"), and a trailing
 * qualifier a later release ("V5.2 SP3" > "V5.2") unless it is a pre-release word ("1.0 beta" < "1.0").
 */
export function compareVersions(a: Version, b: Version): number {
  // Two semantic versions (package ecosystems) compare by the semver rules, pre-releases included.
  const sa = semver.valid(a.raw, { loose: true });
  const sb = sa ? semver.valid(b.raw, { loose: true }) : null;
  if (sa && sb) return semver.compare(sa, sb);
  const x = a.tokens;
  const y = b.tokens;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined || q === undefined) {
      const rest = (p === undefined ? y : x).slice(i);
      const sign = p === undefined ? -1 : 1;
      // "4.1" vs "4.1.0.0": equal; "1.0" vs "1.0 beta": the bare release is newer.
      if (rest.every((t) => t === 0)) return 0;
      const first = rest[0];
      if (typeof first === 'string' && PRE_RELEASE.has(first)) return -sign;
      return sign;
    }
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p < q ? -1 : 1;
    if (typeof p === 'string' && typeof q === 'string') {
      const pp = PRE_RELEASE.has(p);
      const qp = PRE_RELEASE.has(q);
      if (pp !== qp) return pp ? -1 : 1;
      return p < q ? -1 : 1;
    }
    // A number against a word: the pre-release word is older, any other word ("SP") older too.
    return typeof p === 'number' ? 1 : -1;
  }
  return 0;
}

export type Comparator = '<' | '<=' | '>' | '>=' | '=' | '!=';

/** One interval of versions; a missing bound is open. */
export interface Interval {
  lower?: { version: Version; inclusive: boolean };
  upper?: { version: Version; inclusive: boolean };
  /** != constraints inside the interval. */
  except?: Version[];
}

/** A parsed range: any of its intervals (an empty list never happens; "all versions" is one open interval). */
export interface VersionRange {
  raw: string;
  intervals: Interval[];
}

/** Why a range string could not be read. */
export interface RangeParseFailure {
  raw: string;
  reason: string;
}

const COMPARATOR = /^(<=|>=|!=|=<|=>|<|>|=)/;

/** Splits a constraint list into (comparator, version text) terms. */
function terms(body: string): { op: Comparator; text: string }[] | string {
  // Separators between constraints: "|", ",", " and ", or simply the next comparator.
  const normalized = body
    .replace(/\s*-\s*but not including\s*/gi, ' < ')
    .replace(/\s+and\s+/gi, ' | ')
    .replace(/,/g, ' | ');
  const out: { op: Comparator; text: string }[] = [];
  for (const part of normalized.split('|').map((p) => p.trim()).filter(Boolean)) {
    // A part may hold several comparators (">= V7.80 < V9.40", ">=V7.80<V9.40").
    const pieces = part.split(/(?=<=|>=|!=|<(?!=)|>(?!=)|(?<![<>!])=(?![<>]))/).map((p) => p.trim()).filter(Boolean);
    for (const piece of pieces) {
      const m = COMPARATOR.exec(piece);
      const op: Comparator = m ? (({ '=<': '<=', '=>': '>=' } as Record<string, Comparator>)[m[1]!] ?? (m[1] as Comparator)) : '=';
      const text = (m ? piece.slice(m[1]!.length) : piece).trim();
      if (!text) return `a comparator without a version in "${piece}"`;
      out.push({ op, text });
    }
  }
  return out;
}

/**
 * Parses a CSAF product_version_range: `vers:<scheme>/<constraints>` (constraints joined by "|";
 * "*" is every version) or prose as CISA writes it: an optional "All versions" followed by
 * comparator-version terms joined by "|", "and", "," or nothing. Terms pair up in order: a lower
 * bound then an upper bound make one interval, a lone bound an open one, a bare version an exact
 * one. Anything else (serial-number rules, dates, wildcards like "V3.X.17", conditions in
 * words) is a failure: the caller answers "unknown", never a guess.
 */
export function parseRange(input: string): VersionRange | RangeParseFailure {
  const raw = input;
  let s = input.trim().replace(/\s+/g, ' ');
  const fail = (reason: string): RangeParseFailure => ({ raw, reason });
  if (!s) return fail('empty range');
  const vers = /^vers:([a-z0-9.+-]+)\/(.*)$/i.exec(s);
  if (vers) s = vers[2]!.trim();
  // "All versions", "All BIOS versions", "BIOS", "Firmware versions": words before the constraints.
  s = s.replace(/^(?:all\s+)?(?:(?:bios|firmware|software)\s+)?versions?\b/i, '').replace(/^(?:bios|firmware)\b/i, '').trim();
  if (s === '' || s === '*') return { raw, intervals: [{}] };
  const ts = terms(s);
  if (typeof ts === 'string') return fail(ts);
  const parsed: { op: Comparator; version: Version }[] = [];
  for (const t of ts) {
    const v = parseVersion(t.text);
    if (!v) return fail(`"${t.text}" is not a version`);
    parsed.push({ op: t.op, version: v });
  }
  const intervals: Interval[] = [];
  const except: Version[] = [];
  let open: Interval | null = null;
  for (const { op, version } of parsed) {
    if (op === '!=') {
      except.push(version);
    } else if (op === '=') {
      if (open) intervals.push(open);
      open = null;
      intervals.push({ lower: { version, inclusive: true }, upper: { version, inclusive: true } });
    } else if (op === '>' || op === '>=') {
      if (open) intervals.push(open);
      open = { lower: { version, inclusive: op === '>=' } };
    } else {
      intervals.push({ ...(open ?? {}), upper: { version, inclusive: op === '<=' } });
      open = null;
    }
  }
  if (open) intervals.push(open);
  if (intervals.length === 0) intervals.push({});
  if (except.length) for (const i of intervals) i.except = except;
  for (const i of intervals) {
    if (i.lower && i.upper && compareVersions(i.lower.version, i.upper.version) > 0) return fail('a lower bound above its upper bound');
  }
  return { raw, intervals };
}

export const isRangeFailure = (r: VersionRange | RangeParseFailure): r is RangeParseFailure => 'reason' in r;

/** Whether a version lies in a range. */
export function inRange(v: Version, range: VersionRange): boolean {
  return range.intervals.some((i) => {
    if (i.lower) {
      const c = compareVersions(v, i.lower.version);
      if (c < 0 || (c === 0 && !i.lower.inclusive)) return false;
    }
    if (i.upper) {
      const c = compareVersions(v, i.upper.version);
      if (c > 0 || (c === 0 && !i.upper.inclusive)) return false;
    }
    return !(i.except ?? []).some((e) => compareVersions(v, e) === 0);
  });
}

/**
 * Whether a version is at or above every upper bound of a range it lies outside: the version
 * the advisory says fixes it, or a later one.
 */
export function aboveRange(v: Version, range: VersionRange): boolean {
  if (inRange(v, range)) return false;
  return range.intervals.every((i) => i.upper !== undefined && compareVersions(v, i.upper.version) >= 0);
}
