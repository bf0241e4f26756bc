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
