// Countries by the adjective an analyst names their companies with ("a Finnish maker", "the
// German vendor"): advisories say where a vendor is based by the country's name
// ("Headquarters: Finland").

import { escapeRegExp } from '../regexp.js';
import { stem } from './query.js';

const DEMONYMS: Record<string, string> = {
  american: 'United States',
  argentine: 'Argentina',
  argentinian: 'Argentina',
  australian: 'Australia',
  austrian: 'Austria',
  belgian: 'Belgium',
  brazilian: 'Brazil',
  british: 'United Kingdom',
  bulgarian: 'Bulgaria',
  canadian: 'Canada',
  chilean: 'Chile',
  chinese: 'China',
  croatian: 'Croatia',
  cypriot: 'Cyprus',
  czech: 'Czech',
  danish: 'Denmark',
  dutch: 'Netherlands',
  estonian: 'Estonia',
  finnish: 'Finland',
  french: 'France',
  german: 'Germany',
  greek: 'Greece',
  hungarian: 'Hungary',
  indian: 'India',
  indonesian: 'Indonesia',
  irish: 'Ireland',
  israeli: 'Israel',
  italian: 'Italy',
  japanese: 'Japan',
  korean: 'Korea',
  latvian: 'Latvia',
  lithuanian: 'Lithuania',
  malaysian: 'Malaysia',
  mexican: 'Mexico',
  norwegian: 'Norway',
  polish: 'Poland',
  portuguese: 'Portugal',
  romanian: 'Romania',
  russian: 'Russia',
  singaporean: 'Singapore',
  slovak: 'Slovakia',
  slovenian: 'Slovenia',
  spanish: 'Spain',
  swedish: 'Sweden',
  swiss: 'Switzerland',
  taiwanese: 'Taiwan',
  thai: 'Thailand',
  turkish: 'Turkey',
  ukrainian: 'Ukraine',
  vietnamese: 'Vietnam',
};
// A capital stands for its country's government in news English ("hand models to Washington", "the race with Beijing").
const CAPITALS: Record<string, string> = {
  washington: 'United States',
  beijing: 'China',
  moscow: 'Russia',
  tehran: 'Iran',
  pyongyang: 'North Korea',
  london: 'United Kingdom',
  brussels: 'European Union',
  tokyo: 'Japan',
  seoul: 'Korea',
  taipei: 'Taiwan',
  kyiv: 'Ukraine',
  kiev: 'Ukraine',
  berlin: 'Germany',
  paris: 'France',
  ottawa: 'Canada',
  canberra: 'Australia',
  jerusalem: 'Israel',
};
// How a passage names a country besides its name and demonym; for the United States, its government too.
const OTHER_NAMES: Record<string, string[]> = {
  'United States': ['U.S.', 'USA', 'US', 'federal government'],
  'United Kingdom': ['U.K.', 'UK'],
  'European Union': ['EU', 'European'],
  'North Korea': ['DPRK'],
  China: ['PRC'],
};
// By their stems too, with and without a final "e" (the offline answer drops it: "chines").
const byStem = (words: Record<string, string>) => new Map(Object.entries(words).flatMap(([w, c]) => [stem(w), stem(w).replace(/e$/u, '')].map((s) => [s, c] as const)));
const BY_STEM = byStem(DEMONYMS);
const CAPITAL_BY_STEM = byStem(CAPITALS);

/** The country a demonym names ("Finnish", or its stem: "Finland"), if it is one. */
export const countryOf = (word: string): string | undefined => DEMONYMS[word.toLowerCase()] ?? BY_STEM.get(word.toLowerCase());

/** A query with the country each demonym names beside it ("Finnish maker": "Finnish Finland maker"), so the advisory's Headquarters line matches. */
export const withCountriesNamed = (query: string): string =>
  query.replace(/\p{L}+/gu, (word) => {
    const country = countryOf(word);
    return country ? `${word} ${country}` : word;
  });

/** The country a capital stands for ("Washington": United States), if it is one. */
export const countryOfCapital = (word: string): string | undefined => CAPITALS[word.toLowerCase()] ?? CAPITAL_BY_STEM.get(word.toLowerCase());

/** The ways a passage may name a country: its name, its demonyms and its other names ("U.S."). */
export const countryForms = (country: string): string[] => [country, ...Object.entries(DEMONYMS).flatMap(([d, c]) => (c === country ? [d] : [])), ...(OTHER_NAMES[country] ?? [])];

const capitalised = (w: string) => `${w[0]!.toUpperCase()}${w.slice(1)}`;
// Each way a passage writes a country (its name, a demonym, another name, its capital), as written: "US" is no "us".
const WRITTEN = new Map<string, string>([
  ...[...new Set([...Object.values(DEMONYMS), ...Object.values(CAPITALS)])].flatMap((country) => [country, ...(OTHER_NAMES[country] ?? [])].map((form) => [form, country] as const)),
  ...[...Object.entries(DEMONYMS), ...Object.entries(CAPITALS)].map(([word, country]) => [capitalised(word), country] as const),
]);
const WRITTEN_FORMS = new RegExp(
  `(?<![\\p{L}.])(?:${[...WRITTEN.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}])`,
  'gu',
);

/** The countries a text names ("U.S.", "Chinese", "Beijing", "Finland"), each by its name. */
export const countriesNamed = (text: string): Set<string> => new Set([...text.matchAll(WRITTEN_FORMS)].map((m) => WRITTEN.get(m[0])!));
