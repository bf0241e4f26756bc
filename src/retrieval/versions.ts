// Versions as advisories state them: a version named, or a range that holds it.

/** The dotted versions a question names ("7.101", "12.1.2", "v1.0.0.3", "1.280S", a revision "R6.05"). */
export const VERSIONS_NAMED = /(?:\b[rR]?|(?<=\b[vV]))\d+(?:\.\d+)+(?:[A-Za-z]\b|\b)/gu;

/** The ranges of versions written with a letter ("V2.1", or a revision "R6.01.00", numbered apart). */
function rangesOf(letter: string) {
  const dotted = String.raw`${letter}(\d+(?:\.\d+)+)`;
  return {
    // "12.1.0 through 12.1.3", "<= 15.10.00", "3.2 and prior", "prior to 3.2".
    range: new RegExp(String.raw`${dotted}\s*(?:through|thru|to|-|–)\s*${dotted}`, 'gu'),
    upTo: new RegExp(String.raw`(?:<=|≤|\bup to(?: and including)?)\s*${dotted}|${dotted}\s*(?:and|or)\s+(?:prior|earlier|older|before|below)\b`, 'gu'),
    below: new RegExp(String.raw`(?:<|\bprior to|\bbefore|\bearlier than|\bolder than|\bbelow)\s*${dotted}`, 'gu'),
  };
}
const VERSION_RANGES = rangesOf('[vV]?');
const REVISION_RANGES = rangesOf('[rR]');
/** The bound of the versions a flaw is in: "2.011 and prior", "prior to 5.7.1", "<= 3.3.1", "<= WB10.9a17". */
export const AFFECTED_BOUND = /\b(?:prior to|before|earlier than|older than)\s*[vV]?\d+(?:\.\d+)*|<=?\s*[\p{L}\p{N}][\w.-]*|\b[vV]?\d+(?:\.\d+)*\s+(?:and|or)\s+(?:prior|earlier|older|before|below)\b/gu;

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
  // A revision ("R6.05") is held by a range of revisions, a version by a range of versions.
  const revision = /^[rR]/u.test(version);
  const { range, upTo, below } = revision ? REVISION_RANGES : VERSION_RANGES;
  const v = version.replace(/^[rR]/u, '');
  for (const m of text.matchAll(range)) if (compareVersions(m[1]!, v) <= 0 && compareVersions(v, m[2]!) <= 0) return true;
  for (const m of text.matchAll(upTo)) if (compareVersions(v, (m[1] ?? m[2])!) <= 0) return true;
  for (const m of text.matchAll(below)) if (compareVersions(v, m[1]!) < 0) return true;
  return false;
}
