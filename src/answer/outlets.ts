import { escapeRegExp } from '../regexp.js';

// What kind of outlet a source's publisher is, in the words a question uses for it ("any think-tank
// analysis among the sources?", "a foreign-affairs magazine", "the usual cyber press"): a source's
// passage holds them as it holds "outlet" and "article" (kindWords). Only well-known publishers
// are listed; any other is an outlet of no kind known here.

const KIND_WORDS = {
  thinkTank: ['think', 'tank', 'think-tank', 'thinktank', 'institute', 'analysis', 'assessment', 'policy'],
  foreignAffairs: ['foreign', 'affairs', 'foreign-affairs', 'geopolitical', 'geopolitics', 'international', 'magazine'],
  asia: ['asia', 'asian', 'asia-pacific', 'indo-pacific', 'asia-focused'],
  cyberPress: ['cyber', 'cybersecurity', 'security', 'press'],
  lawBlog: ['law', 'blog', 'national-security'],
  government: ['government', 'official', 'agency'],
} as const;
type OutletKind = keyof typeof KIND_WORDS;

const OUTLETS: Readonly<Record<string, readonly OutletKind[]>> = {
  ...Object.fromEntries(
    ['cfr.org', 'brookings.edu', 'csis.org', 'rand.org', 'carnegieendowment.org', 'atlanticcouncil.org', 'heritage.org', 'cato.org', 'newamerica.org', 'cnas.org', 'aei.org', 'belfercenter.org', 'chathamhouse.org', 'rusi.org', 'iiss.org', 'hoover.org', 'stimson.org', 'wilsoncenter.org', 'cset.georgetown.edu', 'itif.org', 'lowyinstitute.org', 'aspistrategist.org.au'].map((d) => [d, ['thinkTank']]),
  ),
  ...Object.fromEntries(
    ['darkreading.com', 'scworld.com', 'therecord.media', 'securityweek.com', 'bleepingcomputer.com', 'cyberscoop.com', 'helpnetsecurity.com', 'infosecurity-magazine.com', 'thehackernews.com', 'krebsonsecurity.com', 'csoonline.com', 'govinfosecurity.com', 'industrialcyber.co', 'securityaffairs.com'].map((d) => [d, ['cyberPress']]),
  ),
  ...Object.fromEntries(['cisa.gov', 'whitehouse.gov', 'nist.gov', 'nsa.gov', 'fbi.gov', 'justice.gov', 'ncsc.gov.uk'].map((d) => [d, ['government']])),
  'thediplomat.com': ['foreignAffairs', 'asia'],
  'foreignaffairs.com': ['foreignAffairs'],
  'foreignpolicy.com': ['foreignAffairs'],
  'lawfaremedia.org': ['lawBlog'],
  'lawfareblog.com': ['lawBlog'],
  'justsecurity.org': ['lawBlog'],
};

/** The words for what kind of outlet a publisher is ("cfr.org": a think tank), none for one not known here. */
export function outletWords(publisher: string): string[] {
  const domain = publisher.toLowerCase().replace(/^www\./u, '');
  return (OUTLETS[domain] ?? []).flatMap((kind) => KIND_WORDS[kind]);
}

// What a domain adds to an outlet's name ("lawfare" of lawfaremedia.org): "there" is not therecord.media.
const LABEL_ENDINGS = new Set(['', 'media', 'news', 'online', 'blog', 'magazine', 'mag', 'daily', 'post', 'wire', 'today', 'hq']);

/** A source as its outlet is named: the publisher's domain and the headline, which often ends with the outlet's name. */
export interface SourceOutlet {
  publisher: string;
  title: string;
}

/**
 * Whether a question names a source's outlet: by its domain ("scworld.com"), the start of it ("Lawfare":
 * lawfaremedia.org), its words run together ("Dark Reading": darkreading.com, "The Record": therecord.media),
 * or the name its headline ends with ("SC Media", "The Diplomat", "Council on Foreign Relations") or that
 * name's initials ("CFR").
 */
export function namesOutlet(question: string, source: SourceOutlet): boolean {
  const folded = question.normalize('NFD').replace(/\p{M}+/gu, '');
  const lower = folded.toLowerCase();
  const words: string[] = lower.match(/[\p{L}\p{N}]+(?:[.-][\p{L}\p{N}]+)*/gu) ?? [];
  const domain = source.publisher.toLowerCase().replace(/^www\./u, '');
  const label = domain.split('.')[0] ?? domain;
  if (words.includes(domain)) return true;
  if (words.some((w) => w.length >= 4 && label.startsWith(w) && LABEL_ENDINGS.has(label.slice(w.length)))) return true;
  if (words.some((w, i) => i > 0 && `${words[i - 1]}${w}` === label)) return true;
  const segments = source.title.split(/\s[|–—-]\s/u);
  const outlet = segments.length > 1 ? segments.at(-1)!.trim() : '';
  const name = outlet.replace(/^the\s+/iu, '');
  if (name.length >= 4 && new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name.toLowerCase())}(?![\\p{L}\\p{N}])`, 'u').test(lower)) return true;
  const initials = (outlet.match(/\b\p{Lu}/gu) ?? []).join('');
  return initials.length >= 3 && new RegExp(`\\b${initials}\\b`, 'u').test(folded);
}
