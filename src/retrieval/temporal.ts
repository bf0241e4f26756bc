import type { Passage } from '../story/passage.js';
import type { PassageFilter } from '../store/types.js';
import type { Store } from '../store/store.js';
import type { TemporalIntent } from './intent.js';
import { queryTerms } from './query.js';
import { chronological, type PlacedEvent } from './timeline.js';

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;

/**
 * Answers a temporal question from one story's timeline: the timeline passages that answer
 * it, best first. Dates come only from the story: undated events are never given a date, and
 * take part only where the story's own listing places them (earliest).
 */
export async function temporalAnswer(store: Store, storyId: string, intent: TemporalIntent, filter: PassageFilter = {}): Promise<Passage[]> {
  if (filter.kinds && !filter.kinds.includes('timeline')) return [];
  const stored = await store.getStory(storyId);
  if (!stored) return [];
  const events = chronological(stored.story.timeline);
  const passages = (await store.passagesOf(storyId)).filter((p) => p.kind === 'timeline');
  const passagesOf = (e: PlacedEvent) => passages.filter((p) => p.field.startsWith(`timeline[${e.index}]`));
  const dated = events.filter((e): e is PlacedEvent & { date: string } => !!e.date && (!filter.since || e.date >= filter.since) && (!filter.until || e.date <= filter.until));

  /**
   * The dated event the anchor words name best: keyword search within the story's timeline,
   * then the candidate sharing most of the anchor's exact words ("signed", not just "sign").
   */
  const anchorEvent = async (anchor: string) => {
    const terms = queryTerms(anchor);
    if (terms.length === 0) return null;
    const exact = new Set(terms);
    let best: { e: PlacedEvent & { date: string }; overlap: number } | null = null;
    for (const row of await store.keywordSearch(terms, { story_id: storyId, kinds: ['timeline'] }, 5)) {
      const p = passages.find((x) => x.citation_id === row.id);
      const e = p ? events.find((x) => p.field.startsWith(`timeline[${x.index}]`)) : undefined;
      if (!p || !e?.date) continue;
      const words = new Set(queryTerms(`${e.title} ${p.text}`));
      const overlap = [...exact].filter((w) => words.has(w)).length;
      if (!best || overlap > best.overlap) best = { e: e as PlacedEvent & { date: string }, overlap };
    }
    return best?.e ?? null;
  };

  let chosen: PlacedEvent[] = [];
  switch (intent.type) {
    case 'earliest':
      chosen = [...dated, ...events.filter((e) => !e.date && events.indexOf(e) < events.findIndex((x) => x.date))];
      break;
    case 'latest':
      chosen = [...dated].reverse();
      break;
    case 'month':
      chosen = dated.filter((e) => e.date.startsWith(intent.month));
      break;
    case 'order': {
      const [a, b] = await Promise.all(intent.anchors.map(anchorEvent));
      if (!a || !b || a === b) break;
      const earlier = dayNumber(a.date) <= dayNumber(b.date) ? [a, b] : [b, a];
      chosen = intent.first ? earlier : earlier.reverse();
      break;
    }
    case 'update': {
      // Revisions after the first publication, newest first; one the question names leads.
      const later = events.slice(1).reverse();
      const name = intent.name;
      const named = name ? later.filter((e) => `${e.title} ${e.text}`.toLowerCase().includes(name)) : [];
      chosen = [...named, ...later.filter((e) => !named.includes(e))];
      break;
    }
    case 'offset': {
      const anchor = await anchorEvent(intent.anchor);
      if (!anchor) break;
      const target = dayNumber(anchor.date) + intent.days;
      // Nearest to the target day first, on the asked side of the anchor.
      chosen = dated
        .filter((e) => e !== anchor && Math.sign(dayNumber(e.date) - dayNumber(anchor.date)) === Math.sign(intent.days))
        .sort((a, b) => Math.abs(dayNumber(a.date) - target) - Math.abs(dayNumber(b.date) - target));
      break;
    }
    case 'after':
    case 'before': {
      const anchor = await anchorEvent(intent.anchor);
      if (!anchor) break;
      // The story's own placement decides for undated events; a date range leaves them out.
      const at = events.indexOf(anchor);
      const window = events.filter((e) => (e.date ? dated.includes(e as PlacedEvent & { date: string }) : !filter.since && !filter.until));
      chosen = intent.type === 'after' ? window.filter((e) => events.indexOf(e) > at) : window.filter((e) => events.indexOf(e) < at).reverse();
      break;
    }
  }
  return chosen.flatMap(passagesOf);
}
