// Versions as advisories state them: a version named, or a range that holds it.

/** The dotted versions a question names ("7.101", "12.1.2", "v1.0.0.3", "1.280S"). */
export const VERSIONS_NAMED = /(?:\b|(?<=\b[vVrR]))\d+(?:\.\d+)+(?:[A-Za-z]\b|\b)/gu;

// A version may carry its letter: "V2.1", "R6.01.00" (Yokogawa's revisions).
const DOTTED = String.raw`[vVrR]?(\d+(?:\.\d+)+)`;
// "12.1.0 through 12.1.3", "<= 15.10.00", "3.2 and prior", "prior to 3.2".
const RANGE = new RegExp(String.raw`${DOTTED}\s*(?:through|thru|to|-|–)\s*${DOTTED}`, 'gu');
const UP_TO = new RegExp(String.raw`(?:<=|≤|\bup to(?: and including)?)\s*${DOTTED}|${DOTTED}\s*(?:and|or)\s+(?:prior|earlier|older|before|below)\b`, 'gu');
const BELOW = new RegExp(String.raw`(?:<|\bprior to|\bbefore|\bearlier than|\bolder than|\bbelow)\s*${DOTTED}`, 'gu');
/** The bound of the versions a flaw is in: "2.011 and prior", "prior to 5.7.1", "<= 3.3.1". */
export const AFFECTED_BOUND = /(?:\b(?:prior to|before|earlier than|older than)|<=?)\s*[vV]?\d+(?:\.\d+)*|\b[vV]?\d+(?:\.\d+)*\s+(?:and|or)\s+(?:prior|earlier|older|before|below)\b/gu;

/** Compares two dotted versions part by part, as numbers ("12.01.04" is 12.1.4). */
function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Whether a text speaks of a version: names it, or states a range that holds it ("12.1.0 through 12.1.3" holds 12.1.2). */
export function speaksOfVersion(text: string, version: string): boolean {
  if (text.includes(version)) return true;
  for (const m of text.matchAll(RANGE)) if (compareVersions(m[1]!, version) <= 0 && compareVersions(version, m[2]!) <= 0) return true;
  for (const m of text.matchAll(UP_TO)) if (compareVersions(version, (m[1] ?? m[2])!) <= 0) return true;
  for (const m of text.matchAll(BELOW)) if (compareVersions(version, m[1]!) < 0) return true;
  return false;
}
