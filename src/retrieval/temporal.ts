import type { Passage } from '../story/passage.js';
import type { PassageFilter } from '../store/types.js';
import type { Store } from '../store/store.js';
import { MONTHS, type TemporalIntent } from './intent.js';
import { queryTerms, stem } from './query.js';
import { chronological, dayNumber, type PlacedEvent } from './timeline.js';

/** The calendar week (Monday to Sunday) of a date, as a number: day 0 of dayNumber's count was a Thursday. */
const weekOf = (date: string): number => Math.floor((dayNumber(date) + 3) / 7);

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
  // A day named without its year ("May 21") is of the story's latest dated year.
  const year = dated.at(-1)?.date.slice(0, 4);

  /**
   * The event the anchor words name best: keyword search within the story's timeline, then the
   * candidate whose words hold most of the anchor's (see anchorOverlap); the keyword rank breaks
   * ties. Undated events take part only when asked for (two events related by the story's order).
   */
  const anchorEvent = async (anchor: string, undated = false): Promise<PlacedEvent | null> => {
    const terms = queryTerms(anchor);
    if (terms.length === 0) return null;
    // A day the anchor names ("Andersen's remarks on June 4") is that event's: its words count as many as two of the anchor's.
    const day = dayNamedIn(anchor, year);
    const onDay = (e: PlacedEvent) => (day && e.date === day ? DAY_NAMED_WEIGHT : 0);
    let best: { e: PlacedEvent; overlap: number } | null = null;
    const rows = await store.keywordSearch(terms, { story_id: storyId, kinds: ['timeline'] }, 5);
    const found = rows.flatMap((row) => passages.filter((x) => x.citation_id === row.id));
    // The day's events take part though the keyword search did not find them.
    const ofDay = day ? passages.filter((x) => x.date === day && !found.includes(x)) : [];
    for (const p of [...found, ...ofDay]) {
      const e = events.find((x) => p.field.startsWith(`timeline[${x.index}]`));
      if (!e || (!e.date && !undated)) continue;
      const overlap = anchorOverlap(terms, `${e.title} ${p.text}`) + onDay(e);
      if (!best || overlap > best.overlap) best = { e, overlap };
    }
    return best?.e ?? null;
  };
  const datedAnchor = async (anchor: string) => {
    const e = await anchorEvent(anchor);
    return e?.date ? (e as PlacedEvent & { date: string }) : null;
  };

  /** The events after or before an anchor, nearest first; the story's own placement decides for undated events, and a date range leaves them out. */
  const side = (anchor: PlacedEvent, which: 'after' | 'before') => {
    const at = events.indexOf(anchor);
    const window = events.filter((e) => (e.date ? dated.includes(e as PlacedEvent & { date: string }) : !filter.since && !filter.until));
    return which === 'after' ? window.filter((e) => events.indexOf(e) > at) : window.filter((e) => events.indexOf(e) < at).reverse();
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
      const [a, b] = await Promise.all(intent.anchors.map(datedAnchor));
      if (!a || !b || a === b) break;
      const earlier = dayNumber(a.date) <= dayNumber(b.date) ? [a, b] : [b, a];
      chosen = intent.first ? earlier : earlier.reverse();
      break;
    }
    case 'update': {
      // Revisions after the first publication, newest first; those the question names lead, and
      // the first publication follows them when asked for too.
      const later = events.slice(1).reverse();
      const named = later.filter((e) => intent.names.some((name) => `${e.title} ${e.text}`.toLowerCase().includes(name)));
      const first = intent.first && events[0] ? [events[0]] : [];
      chosen = [...named, ...first, ...later.filter((e) => !named.includes(e))];
      break;
    }
    case 'offset': {
      const named = datesNamed(intent.anchor, year);
      const anchor = named ? null : await datedAnchor(intent.anchor);
      const from = named?.from ?? anchor?.date;
      if (!from) break;
      const target = dayNumber(from) + intent.days;
      // Days from the anchor on the asked side (negative on the other).
      const gap = (e: { date: string }) => (dayNumber(e.date) - dayNumber(from)) * Math.sign(intent.days);
      const span = Math.abs(intent.days);
      // On the asked side of the anchor (within a span, its own day too): nearest to the target day
      // first, or to the anchor when within a span.
      chosen = dated
        .filter((e) => e !== anchor && (intent.bound === 'within' ? gap(e) >= 0 && gap(e) <= span : gap(e) > 0 && (intent.bound !== 'beyond' || gap(e) >= span)))
        .sort((a, b) => (intent.bound === 'within' ? gap(a) - gap(b) : Math.abs(dayNumber(a.date) - target) - Math.abs(dayNumber(b.date) - target)));
      break;
    }
    case 'events': {
      // In the story's order: an undated event ("a draft was withdrawn before signing") has its place.
      const found = await Promise.all(intent.anchors.map((x) => anchorEvent(x, true)));
      const named = [...new Set(found)].filter((e): e is PlacedEvent => e !== null);
      const a = found[0];
      if (named.length >= 2) {
        chosen = named.sort((x, y) => events.indexOf(x) - events.indexOf(y));
        // "Which falls in the middle": the one asked for first, when every listed event was found.
        const picked = intent.pick && named.length === intent.anchors.length ? chosen[intent.pick - 1] : undefined;
        if (picked) chosen = [picked, ...chosen.filter((e) => e !== picked)];
      } else if (a && intent.side !== 0) {
        // "How long after A did B", B not told apart from A: A, then the events on the asked side.
        chosen = [a, ...side(a, intent.side === 1 ? 'after' : 'before')];
      }
      break;
    }
    case 'between': {
      // Two dates ("May 22 through June 3, 2026") bound the dated events, each day included;
      // those strictly between come first, as between two events.
      const [da, db] = intent.anchors.map((x) => datesNamed(x, year));
      if (da && db) {
        const [from, to] = [da.from < db.from ? da.from : db.from, da.to > db.to ? da.to : db.to];
        const within = dated.filter((e) => e.date >= from && e.date <= to);
        chosen = [...within.filter((e) => e.date > from && e.date < to), ...within.filter((e) => e.date === from || e.date === to)];
        break;
      }
      const [a, b] = await Promise.all(intent.anchors.map((x) => anchorEvent(x, true)));
      if (!a || !b || a === b) break;
      const [from, to] = [events.indexOf(a), events.indexOf(b)].sort((x, y) => x - y) as [number, number];
      chosen = [...events.slice(from + 1, to), events[from]!, events[to]!];
      break;
    }
    case 'on': {
      const anchor = await datedAnchor(intent.anchor);
      if (!anchor) break;
      const period = intent.week ? weekOf : (date: string) => date;
      chosen = [anchor, ...dated.filter((e) => e !== anchor && period(e.date) === period(anchor.date))];
      break;
    }
    case 'ordinal': {
      // Counted over the dated events, oldest first: an undated event's place is only the story's listing.
      const nth = dated[intent.n - 1];
      if (nth) chosen = [nth, ...dated.filter((e) => e !== nth)];
      break;
    }
    case 'middle': {
      // The one with as many dated events before it as after it.
      const mid = dated.length % 2 === 1 ? dated[(dated.length - 1) / 2] : undefined;
      if (mid) chosen = [mid, ...dated.filter((e) => e !== mid)];
      break;
    }
    case 'after':
    case 'before':
    case 'until': {
      // A date ("before June 2026", "as of May 21") bounds the dated events; an event places them by the story's order.
      const named = datesNamed(intent.anchor, year);
      if (named) {
        chosen = intent.type === 'after' ? dated.filter((e) => e.date > named.to) : dated.filter((e) => (intent.type === 'before' ? e.date < named.from : e.date <= named.to)).reverse();
        break;
      }
      const anchor = await datedAnchor(intent.anchor);
      if (anchor) chosen = intent.type === 'until' ? [anchor, ...side(anchor, 'before')] : side(anchor, intent.type);
      break;
    }
  }
  return chosen.flatMap(passagesOf);
}

const DAY_NAMED_WEIGHT = 2;
const DAY_IN = new RegExp(`\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b(?:${MONTHS.join('|')})\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4}\\b)?|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS.join('|')})\\b(?:,?\\s+\\d{4}\\b)?`, 'u');
/** The one day an anchor names within its words ("the pause on May 21": 2026-05-21), if any. */
function dayNamedIn(anchor: string, year: string | undefined): string | null {
  const m = DAY_IN.exec(anchor.toLowerCase());
  const named = m ? datesNamed(m[0], year) : null;
  return named && named.from === named.to ? named.from : null;
}

const pad = (n: number | string) => String(n).padStart(2, '0');
const MONTH_DAY = new RegExp(`^(?:on\\s+|the\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?(${MONTHS.join('|')})(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?)?,?(?:\\s+(\\d{4}))?$`, 'u');
/**
 * The first and last day an anchor names when it is a date: "2026-06-04", "May 21, 2026", "21 May",
 * "June 2026", "early June", "2026". A day or month without its year takes `year`. Null when it
 * names no date.
 */
export function datesNamed(anchor: string, year: string | undefined): { from: string; to: string } | null {
  const a = anchor.trim().toLowerCase();
  const iso = /^(?:on\s+)?(\d{4}-\d{2}-\d{2})$/u.exec(a)?.[1];
  if (iso) return { from: iso, to: iso };
  const y = /^(?:the\s+(?:start|beginning|end)\s+of\s+)?((?:19|20)\d{2})$/u.exec(a)?.[1];
  if (y) return { from: `${y}-01-01`, to: `${y}-12-31` };
  // "Early June", "mid-May", "late June 2026": a third of the month.
  const part = /^(early|mid|late)[-\s]+(.+)$/u.exec(a);
  const whole = part ? datesNamed(part[2]!, year) : null;
  if (part && whole && whole.from.slice(0, 7) === whole.to.slice(0, 7) && whole.from.endsWith('-01')) {
    const [first, last] = part[1] === 'early' ? [1, 10] : part[1] === 'mid' ? [11, 20] : [21, Number(whole.to.slice(8))];
    return { from: `${whole.from.slice(0, 8)}${pad(first)}`, to: `${whole.from.slice(0, 8)}${pad(last)}` };
  }
  const m = MONTH_DAY.exec(a);
  const inYear = m?.[4] ?? year;
  if (!m || !inYear) return null;
  const month = MONTHS.indexOf(m[2]!) + 1;
  const day = m[1] ?? m[3];
  if (day) return { from: `${inYear}-${pad(month)}-${pad(day)}`, to: `${inYear}-${pad(month)}-${pad(day)}` };
  return { from: `${inYear}-${pad(month)}-01`, to: `${inYear}-${pad(month)}-${pad(new Date(Date.UTC(Number(inYear), month, 0)).getUTCDate())}` };
}

// A verb after these is a plan, not the event: "paused plans to sign" is no signing.
const PLANNING = /^(to|will|would|shall)$/u;
// Words just after these place the event by another ("withdrawn shortly before signing"): they name that other event.
const REFERENCE = /^(before|after|until|since|following|prior|ahead)$/u;
const REFERENCE_WORDS = 3;
/** A word's stem without a final "e", so "pause" and "paused", "release" and "released" meet. */
const root = (w: string) => stem(w).replace(/e$/u, '');

/**
 * How much of an anchor's words an event's text holds: an exact word counts 1, another form of
 * it ("signed" for "signing") half, and a word the event only plans ("plans to sign") or places
 * itself by ("before signing") nothing.
 */
export function anchorOverlap(terms: readonly string[], text: string): number {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-.][\p{L}\p{N}]+)*/gu) ?? [];
  let reference = 0;
  const own = words.filter((w, i) => {
    const placed = reference > 0;
    reference = REFERENCE.test(w) ? REFERENCE_WORDS : reference - 1;
    return !placed && !PLANNING.test(words[i - 1] ?? '');
  });
  const exact = new Set(own);
  const roots = new Set(own.map(root));
  return terms.reduce((n, t) => n + (exact.has(t) ? 1 : roots.has(root(t)) ? 0.5 : 0), 0);
}
