import type { Passage } from '../story/passage.js';
import type { PassageKind, Story } from '../story/schema.js';
import type { KevEntry } from '../story/kev.js';
import type { AdvisoryIndexEntry, ProductKeys, VexRow } from './assets.js';
import type { NewDelivery, SubscriptionRecord } from './subscriptions.js';

/** A story as stored, with bookkeeping. */
export interface StoredStory {
  story: Story;
  content_hash: string;
  ingested_at: string;
  passage_count: number;
}

/** Restricts passages by story, kind and date (inclusive, YYYY-MM-DD). */
export interface PassageFilter {
  story_id?: string;
  /** Only these stories (retrieval uses it to rank the stories an identifier names). */
  story_ids?: readonly string[];
  kinds?: readonly PassageKind[];
  since?: string;
  until?: string;
  /** Only stories that name this entity (name or alias, case-insensitive), optionally of this type. */
  entity?: { name: string; type?: string };
}

/** One story to write: its validated content, digest, passages and their vectors. */
export interface StoryWrite {
  story: Story;
  hash: string;
  passages: Passage[];
  /**
   * One per passage, in order: its vector when its kind carries one (VECTOR_KINDS), else null.
   * A vector given for another kind is not stored (an export made before the rule held them).
   */
  vectors: (number[] | null)[];
}

/** A story just written, as the in-transaction hook sees it. */
export interface StoryChange extends StoryWrite {
  /** The story as stored before this write; null for a new story. */
  previous: Story | null;
}

/**
 * What a write hook may read and write inside the story write's transaction: it sees the
 * stories being written, and whatever it writes commits or rolls back with them. A hook uses
 * this handle only, never the Store (whose methods wait for the transaction to end).
 */
export interface WriteTx {
  /** Subscriptions that are active, as of this transaction. */
  activeSubscriptions(): Promise<SubscriptionRecord[]>;
  /** Queues a delivery; returns its id (the `webhook-id`). */
  enqueue(d: NewDelivery): Promise<string>;
  /** Replaces the advisory product rows of these stories. */
  indexAdvisories(stories: readonly AdvisoryIndexEntry[]): Promise<void>;
  /** As AssetRepo.assetsByKeys. */
  assetsByKeys(keys: ProductKeys): Promise<string[]>;
  /** As AssetRepo.vexFor. */
  vexFor(cves: readonly string[]): Promise<VexRow[]>;
  storyHeads(ids: readonly string[]): Promise<Map<string, StoryHead>>;
  passagesOf(storyId: string): Promise<Passage[]>;
  kevFor(cves: readonly string[]): Promise<KevEntry[]>;
}

/**
 * Runs inside the write transaction after the stories are written, hooks one after another;
 * a hook that throws rolls the whole write back (stories, vectors' generation and whatever
 * earlier hooks recorded).
 */
export type WriteHook = (changes: readonly StoryChange[], tx: WriteTx) => Promise<void>;

/** A page of stories for list_stories. */
export interface StoryListQuery {
  /** Stories with a passage holding any of these words (already lower-cased query words). */
  terms?: readonly string[];
  entity?: string;
  entityType?: string;
  since?: string;
  until?: string;
  offset: number;
  limit: number;
}

/** A summary row of a story. */
export interface StorySummary {
  id: string;
  title: string;
  published: string | null;
  updated: string | null;
  first_date: string | null;
  last_date: string | null;
  passage_count: number;
}

/** A keyword hit: `score` is higher for better matches (comparable within one engine's result lists only). */
export interface KeywordHit {
  id: string;
  score: number;
}

/** A keyword search's hits, best first, and whether hits that only hold common terms were left out. */
export interface KeywordTop {
  hits: KeywordHit[];
  /**
   * When passages holding only terms that half the passages contain were left out (fewer than
   * `limit` hits hold the others), the highest score any of them could have had; else null.
   */
  omittedUpTo: number | null;
}

/** A vector hit by passage: cosine similarity in [-1, 1]. */
export interface PassageVectorHit {
  id: string;
  similarity: number;
}

/** Title and stated dates of a story, for ranking and display. */
export interface StoryHead {
  title: string;
  published: string | null;
  updated: string | null;
}

/** Lower-cased, whitespace-folded form used to match entity names. */
export const normalizeName = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Every date a story states, sorted. */
export function storyDates(story: Story): string[] {
  return [story.published, story.updated, ...story.timeline.map((e) => e.date)]
    .filter((d): d is string => !!d)
    .sort();
}

/** True when the filter restricts anything. */
export const isFiltered = (f: PassageFilter) => !!(f.story_id || f.story_ids || f.kinds?.length || f.since || f.until || f.entity);
