import { z } from 'zod';
import { isoDate, type Story, type TimelineEvent } from './schema.js';

/** One CISA KEV catalog entry, as the catalog's JSON gives it. */
export const kevEntrySchema = z.object({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'must be a CVE id such as CVE-2023-6448'),
  vendorProject: z.string().min(1),
  product: z.string().min(1),
  vulnerabilityName: z.string().min(1),
  dateAdded: isoDate,
  shortDescription: z.string().default(''),
  requiredAction: z.string().default(''),
  dueDate: isoDate,
  knownRansomwareCampaignUse: z.string().optional(),
  notes: z.string().optional(),
  cwes: z.array(z.string()).optional(),
});

/** The CISA Known Exploited Vulnerabilities catalog. */
export const kevCatalogSchema = z.object({
  catalogVersion: z.string().min(1),
  dateReleased: z.string().optional(),
  vulnerabilities: z.array(kevEntrySchema),
});

export type KevEntry = z.infer<typeof kevEntrySchema>;
export type KevCatalog = z.infer<typeof kevCatalogSchema>;

/** Whether parsed JSON looks like the KEV catalog. */
export const isKevCatalog = (data: unknown) =>
  !!data && typeof data === 'object' && 'catalogVersion' in data && Array.isArray((data as { vulnerabilities?: unknown }).vulnerabilities);

/**
 * What the catalog records of ransomware use, as it records it: "Known", or "Unknown" (CISA
 * knows of none, which analysts ask about as often). Catalogs before the field say nothing.
 */
function ransomwareUse(use: string | undefined): string {
  if (use === 'Known') return ' Known to be used in ransomware campaigns.';
  return use ? ` ${RANSOMWARE_USE_LABEL} ${use}.` : '';
}
const RANSOMWARE_USE_LABEL = 'Known ransomware campaign use:';
/** A KEV event's record that CISA knows of no ransomware use: it names no ransomware. */
export const NO_KNOWN_RANSOMWARE = new RegExp(`${RANSOMWARE_USE_LABEL} Unknown\\b`, 'u');

/** How a KEV story's body gives the catalog's required action (the offline answer quotes it when asked). */
export const REQUIRED_ACTION = 'Required action: ';

/** The timeline event a KEV entry adds to every story that names its CVE. */
export function kevEvent(e: KevEntry): TimelineEvent {
  return {
    date: e.dateAdded,
    title: `${e.cveID} added to CISA's Known Exploited Vulnerabilities catalog`,
    text:
      `CISA added ${e.cveID} (${e.vendorProject} ${e.product}: ${e.vulnerabilityName}) to the KEV catalog on ${e.dateAdded}; ` +
      `remediation due ${e.dueDate}.${ransomwareUse(e.knownRansomwareCampaignUse)}`,
  };
}

/** Titles of KEV events, so they can be told apart from a story's own events. */
export const KEV_EVENT_TITLE = /^CVE-\d{4}-\d{4,} added to CISA's Known Exploited Vulnerabilities catalog$/;

/**
 * A story with its KEV events brought up to date: events from earlier catalogs are dropped,
 * and one event is added for each CVE the story names that the catalog lists.
 */
export function withKevEvents(story: Story, entries: readonly KevEntry[]): Story {
  const own = story.timeline.filter((e) => !KEV_EVENT_TITLE.test(e.title));
  const named = new Set(story.entities.filter((e) => e.type.toLowerCase() === 'cve').map((e) => e.name.toUpperCase()));
  const events = entries.filter((k) => named.has(k.cveID.toUpperCase())).map(kevEvent);
  return events.length || own.length !== story.timeline.length ? { ...story, timeline: [...own, ...events] } : story;
}

/** The id of the story a KEV entry gets when no other story names its CVE. */
export const kevStoryId = (cve: string) => `kev-${cve}`;

/** A story of its own for a CVE that no other story names. */
export function kevStory(e: KevEntry): Story {
  const urls = (e.notes ?? '').match(/https?:\/\/[^\s;]+/g) ?? [];
  return {
    id: kevStoryId(e.cveID),
    title: `${e.cveID}: ${e.vulnerabilityName}`,
    body: [e.shortDescription, e.requiredAction ? `${REQUIRED_ACTION}${e.requiredAction}` : ''].filter(Boolean).join('\n\n') || e.vulnerabilityName,
    published: e.dateAdded,
    timeline: [kevEvent(e)],
    sources: urls.slice(0, 50).map((url) => {
      let host = url;
      try {
        host = new URL(url).hostname.replace(/^www\./, '');
      } catch {
        // keep the raw text as publisher
      }
      // The catalog gives no titles for its references; the URL is the only fact stated.
      return { publisher: host, title: url, url };
    }).filter((s) => /^https?:\/\//.test(s.url)),
    entities: [
      { type: 'cve', name: e.cveID },
      { type: 'vendor', name: e.vendorProject },
      { type: 'product', name: e.product },
      ...(e.cwes ?? []).map((c) => ({ type: 'cwe', name: c })),
    ],
  };
}
