import type { Store } from '../store/store.js';
import { kevStory, kevStoryId, withKevEvents, type KevCatalog } from '../story/kev.js';
import type { Story } from '../story/schema.js';

/** What an ingest run writes once KEV entries are taken into account. */
export interface KevPlan {
  stories: Story[];
  /** kev-CVE stories whose CVE another story now names. */
  removals: string[];
}

const isKevStory = (id: string) => id.startsWith('kev-');
const cvesOf = (s: Story) => s.entities.filter((e) => e.type.toLowerCase() === 'cve').map((e) => e.name.toUpperCase());

/**
 * Records the catalogs' entries, then works out every story the run must (re)write: the
 * given stories with KEV events for the CVEs they name, stored stories naming a catalog CVE,
 * and a story of its own for each CVE no other story names. Unchanged results are skipped
 * later by content hash, so a newer catalog only rewrites what it changed.
 */
export async function planKev(store: Store, stories: readonly Story[], catalogs: readonly KevCatalog[]): Promise<KevPlan> {
  for (const c of catalogs) await store.upsertKev(c.vulnerabilities, c.catalogVersion);
  const out = new Map<string, Story>();
  const augment = async (s: Story) => withKevEvents(s, await store.kevFor(cvesOf(s)));
  for (const s of stories) out.set(s.id, await augment(s));

  const namedHere = new Set([...out.values()].filter((s) => !isKevStory(s.id)).flatMap(cvesOf));
  for (const entry of catalogs.flatMap((c) => c.vulnerabilities)) {
    const namers = (await store.storiesNamingCve(entry.cveID)).filter((id) => !isKevStory(id) && !out.has(id));
    for (const id of namers) {
      const stored = await store.getStory(id);
      if (stored) out.set(id, await augment(stored.story));
    }
    if (namers.length === 0 && !namedHere.has(entry.cveID.toUpperCase())) out.set(kevStoryId(entry.cveID), kevStory(entry));
  }

  // A CVE named by a real story no longer needs a story of its own.
  const named = new Set([...out.values()].filter((s) => !isKevStory(s.id)).flatMap(cvesOf));
  const removals: string[] = [];
  for (const id of [...named].map(kevStoryId)) if ((await store.storyHash(id)) !== null) removals.push(id);
  for (const id of removals) out.delete(id);
  return { stories: [...out.values()], removals };
}
