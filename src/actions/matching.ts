import type { ExposureMatch } from '../exposure/service.js';
import type { Passage } from '../story/passage.js';
import { queryTerms } from '../retrieval/query.js';
import { normalizeName, type StoryChange } from '../store/types.js';
import { dot } from '../store/vectors.js';
import type { TimelineEvent } from '../story/schema.js';
import type { MatchableSubscription } from './subscriptions.js';

/** A passage quoted in an event, with why it was picked. */
export interface MatchedPassage {
  citation_id: string;
  kind: Passage['kind'];
  field: string;
  text: string;
  /** What the passage belongs to (story title; an event's date and title), not part of the quote. */
  context: string;
  span: Passage['span'];
  date: string | null;
  similarity: number | null;
}

/** What one subscription gets for one story change. */
export interface StoryMatch {
  event_type: 'story.created' | 'story.updated';
  why: string[];
  passages: MatchedPassage[];
  new_events: TimelineEvent[];
  /** affects_assets: the imported assets the advisory affects. */
  exposure?: ExposureMatch[];
}

/** Verdicts for a written story against the imported assets, read inside the write transaction. */
export type ExposureOf = (change: StoryChange) => Promise<ExposureMatch[]>;

const CONFIDENCE_RANK = { exact: 2, high: 1, low: 0 } as const;

const eventKey = (e: TimelineEvent) => `${e.date ?? ''}\0${e.title}\0${e.text}`;

/** Timeline events in the new version that the previous one did not have. */
export function newTimelineEvents(change: StoryChange): TimelineEvent[] {
  const before = new Set((change.previous?.timeline ?? []).map(eventKey));
  return change.story.timeline.filter((e) => !before.has(eventKey(e)));
}

const quote = (p: Passage, similarity: number | null): MatchedPassage => ({
  citation_id: p.citation_id,
  kind: p.kind,
  field: p.field,
  text: p.text,
  context: p.context,
  span: p.span,
  date: p.date,
  similarity: similarity === null ? null : Math.round(similarity * 1000) / 1000,
});

/**
 * Decides whether a story change concerns a subscription. Every criterion the subscription
 * sets must hold: the query (semantic similarity at or above the threshold, or every query
 * word present), the entities (any one named), and the followed story (new timeline
 * events). New stories give `story.created`; only followed stories give `story.updated`.
 */
export async function matchStory(sub: MatchableSubscription, change: StoryChange, exposureOf: ExposureOf = () => Promise.resolve([])): Promise<StoryMatch | null> {
  const fresh = newTimelineEvents(change);
  const freshFields = fresh.map((e) => `timeline[${change.story.timeline.indexOf(e)}].`);
  let eventType: StoryMatch['event_type'];
  let exposure: ExposureMatch[] | undefined;
  if (sub.affects_assets) {
    // A new or changed advisory that affects an imported asset; the matches travel with the event.
    const min = CONFIDENCE_RANK[sub.affects_assets.min_confidence];
    const affected = async (c: StoryChange) => (await exposureOf(c)).filter((m) => m.verdict === 'affected' && CONFIDENCE_RANK[m.confidence] >= min);
    exposure = await affected(change);
    // A rewrite that affects nothing new (a KEV event added, passages re-cut) is not news.
    if (change.previous && exposure.length) {
      const key = (m: ExposureMatch) => `${m.asset_id}\0${m.product_id}\0${m.cves.join(',')}`;
      const before = new Set((await affected({ ...change, story: change.previous, previous: null })).map(key));
      exposure = exposure.filter((m) => !before.has(key(m)));
    }
    if (exposure.length === 0) return null;
  }
  if (change.previous === null) {
    if (sub.follow_story_id && sub.follow_story_id !== change.story.id) return null;
    eventType = 'story.created';
  } else if (exposure && !sub.follow_story_id) {
    eventType = 'story.updated';
  } else {
    if (sub.follow_story_id !== change.story.id || fresh.length === 0) return null;
    eventType = 'story.updated';
  }

  const why: string[] = [];
  const passages: MatchedPassage[] = [];
  // Updates are judged on what is new; a new story on all of it.
  const candidates = change.passages
    .map((p, i) => ({ p, v: change.vectors[i] }))
    .filter(({ p }) => eventType === 'story.created' || (p.kind === 'timeline' && freshFields.some((f) => p.field.startsWith(f))));

  if (sub.follow_story_id) {
    why.push(`follows story ${sub.follow_story_id}: ${fresh.length} new timeline event(s)`);
    if (eventType === 'story.updated') passages.push(...candidates.map(({ p }) => quote(p, null)));
  }

  if (sub.query) {
    // Meaning is judged on the passages with a vector (VECTOR_KINDS: body and timeline); the
    // others (fact lines, sources, remediations) count for the every-word rule below.
    const scored = sub.query_vector
      ? candidates
          .filter(({ v }) => v && v.length === sub.query_vector!.length)
          .map(({ p, v }) => ({ p, sim: dot(sub.query_vector!, v!) }))
          .sort((a, b) => b.sim - a.sim)
      : [];
    const best = scored[0];
    const terms = queryTerms(sub.query);
    const text = candidates.map(({ p }) => p.text).join('\n').toLowerCase();
    const allWords = terms.length > 0 && terms.every((t) => text.includes(t));
    if (best && best.sim >= sub.threshold) {
      why.push(`query "${sub.query}": semantic similarity ${best.sim.toFixed(3)} >= threshold ${sub.threshold}`);
      passages.push(...scored.filter((s) => s.sim >= sub.threshold).slice(0, 3).map((s) => quote(s.p, s.sim)));
    } else if (allWords) {
      why.push(`query "${sub.query}": every word appears (${terms.join(', ')})`);
      passages.push(...candidates.filter(({ p }) => terms.some((t) => p.text.toLowerCase().includes(t))).slice(0, 3).map(({ p }) => quote(p, null)));
    } else {
      return null;
    }
  }

  if (sub.entities.length) {
    const named = new Map<string, string>();
    for (const e of change.story.entities) for (const n of [e.name, ...(e.aliases ?? [])]) named.set(normalizeName(n), `${e.type}: ${e.name}`);
    const hits = sub.entities.filter((e) => named.has(normalizeName(e)));
    if (hits.length === 0) return null;
    why.push(`names ${hits.map((h) => named.get(normalizeName(h))).join('; ')}`);
    const entityPassage = candidates.find(({ p }) => p.kind === 'entity');
    if (entityPassage) passages.push(quote(entityPassage.p, null));
  }

  if (exposure) {
    why.push(`affects ${new Set(exposure.map((m) => m.asset_id)).size} imported asset(s) at confidence ${sub.affects_assets!.min_confidence} or better`);
    const cited = new Set(exposure.flatMap((m) => m.citation_id ?? []));
    passages.push(...candidates.filter(({ p }) => cited.has(p.citation_id)).slice(0, 3).map(({ p }) => quote(p, null)));
  }

  const unique = [...new Map(passages.map((p) => [p.citation_id, p])).values()];
  return { event_type: eventType, why, passages: unique, new_events: eventType === 'story.updated' ? fresh : [], ...(exposure ? { exposure } : {}) };
}
