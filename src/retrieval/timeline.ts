import type { TimelineEvent } from '../story/schema.js';

const DAY_MS = 86_400_000;
/** A date (YYYY-MM-DD) as a count of days, so that two dates subtract to the days between them. */
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** A timeline event placed in chronological order. */
export interface PlacedEvent extends TimelineEvent {
  /** Index of the event in the story's own list. */
  index: number;
  date_known: boolean;
  /** For undated events: how its place was chosen, in words. */
  placement: string | null;
}

/**
 * Orders events oldest first. Dated events sort by date; an undated event keeps the place
 * the story's own listing gives it (stories list newest-first or oldest-first), and says so.
 * No date is ever inferred.
 */
export function chronological(events: readonly TimelineEvent[]): PlacedEvent[] {
  const dated = events.map((e) => e.date).filter((d): d is string => !!d);
  // Decide the story's listing direction from its dated events.
  let descending = 0;
  for (let i = 1; i < dated.length; i++) descending += Math.sign((dated[i - 1] as string).localeCompare(dated[i] as string));
  const listed = events.map((e, index) => ({ ...e, index }));
  const ordered = descending > 0 ? [...listed].reverse() : listed;

  // Stable merge: sort dated events among themselves; undated ones hold their listed slot.
  const datedSorted = ordered.filter((e) => e.date).sort((a, b) => (a.date as string).localeCompare(b.date as string));
  let next = 0;
  const merged = ordered.map((e) => (e.date ? (datedSorted[next++] as typeof e) : e));
  return merged.map((e, i) => {
    if (e.date) return { ...e, date_known: true, placement: null };
    const before = merged.slice(i + 1).find((x) => x.date)?.date;
    const after = merged.slice(0, i).reverse().find((x) => x.date)?.date;
    const where = before && after ? `between ${after} and ${before}` : before ? `before ${before}` : after ? `after ${after}` : 'without any dated neighbour';
    return { ...e, date_known: false, placement: `date not stated; placed ${where} by the order the story lists it in` };
  });
}

/** Events within [since, until]; undated events cannot be placed in a range and are counted apart. */
export function inRange(events: PlacedEvent[], since?: string, until?: string): { events: PlacedEvent[]; undatedExcluded: number } {
  if (!since && !until) return { events, undatedExcluded: 0 };
  const keep = events.filter((e) => e.date && (!since || e.date >= since) && (!until || e.date <= until));
  return { events: keep, undatedExcluded: events.filter((e) => !e.date).length };
}

const mermaidSafe = (s: string) => s.replace(/[:;#\n\r]/g, ' ').replace(/\s+/g, ' ').trim();

/** A Mermaid `timeline` diagram of placed events. */
export function mermaidTimeline(title: string, events: PlacedEvent[]): string {
  const lines = ['timeline', `    title ${mermaidSafe(title)}`];
  for (const e of events) lines.push(`    ${e.date ?? 'Date not stated'} : ${mermaidSafe(e.title)}`);
  return lines.join('\n');
}
