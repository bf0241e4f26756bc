import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { embedKey, hasVector, type Passage } from '../../story/passage.js';
import type { KevEntry } from '../../story/kev.js';
import type { Story } from '../../story/schema.js';
import { PASSAGE_COLUMNS, toPassage, type PassageRow } from '../rows.js';
import {
  isFiltered,
  normalizeName,
  storyDates,
  type PassageFilter,
  type StoredStory,
  type StoryChange,
  type StoryHead,
  type StoryListQuery,
  type StorySummary,
  type StoryWrite,
} from '../types.js';
import type { VectorItem } from '../vectors.js';
import { migrate, SCHEMA } from './schema.js';
import { blobToFloat32, blobToVector, entityClause, filterSql, ftsMatch, vectorToBlob } from './sql.js';

/** BM25 weights of the FTS columns: a passage's own words, then its context (titles). */
export const BM25_WEIGHTS = { text: 1, context: 0.6 };

// FTS5's bm25(): k1 is 1.2, and a term found in at least half the rows gets an IDF of 1e-6
// instead of a negative one, so it adds at most 1e-6 * (k1 + 1) to any row's score.
const BM25_K1 = 1.2;
const FTS5_FLOOR_IDF = 1e-6;
/**
 * From this many passages on, keyword search leaves such common terms out of the FTS5 query
 * (see keywordTop): ranking every row that holds "advisory" or "update" costs 100-200 ms at
 * 100,000 passages and moves no score by more than 1e-5. Below it the full ranking is cheap.
 */
export const PRUNE_MIN_ROWS = 10_000;
/** The embedding key of a passage without a vector (see VECTOR_KINDS): its vector BLOB is empty. */
const NO_VECTOR = '';
/** Document frequencies kept between writes. */
const DF_CACHE_SIZE = 4_096;

/** A keyword search's rows, best first, and whether rows that only hold common terms were left out. */
export interface KeywordResult {
  rows: { id: string; bm25: number }[];
  /**
   * When rows holding only terms that half the passages contain were left out (fewer than
   * `limit` rows hold the others), the highest -bm25 any of them could have had; else null.
   */
  omittedUpTo: number | null;
}

/**
 * The SQLite half of the store: stories, passages with their vectors, entity rows and an
 * FTS5 index, in one WAL-mode database file.
 */
export class StoryDb {
  readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    const fresh = !this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'passages_fts'").get();
    this.db.exec(SCHEMA);
    // A migrated database gets its keyword index rebuilt from the passages it holds.
    if (fresh) this.db.exec("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')");
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  counts(): { stories: number; passages: number } {
    const s = this.db.prepare('SELECT count(*) AS n FROM stories').get() as { n: number };
    const p = this.db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number };
    return { stories: s.n, passages: p.n };
  }

  storyHash(id: string): string | null {
    const row = this.db.prepare('SELECT content_hash FROM stories WHERE id = ?').get(id) as { content_hash: string } | undefined;
    return row?.content_hash ?? null;
  }

  storyIds(): string[] {
    return (this.db.prepare('SELECT id FROM stories ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  }

  /** Story ids starting with `prefix`, for completion. */
  storyIdsLike(prefix: string, limit: number): string[] {
    const rows = this.db
      .prepare("SELECT id FROM stories WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?")
      .all(`${prefix.replace(/[\\%_]/g, '\\$&')}%`, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  getStory(id: string): StoredStory | null {
    const row = this.db
      .prepare('SELECT data, content_hash, ingested_at, (SELECT count(*) FROM passages WHERE story_id = s.id) AS n FROM stories s WHERE id = ?')
      .get(id) as { data: string; content_hash: string; ingested_at: string; n: number } | undefined;
    if (!row) return null;
    return { story: JSON.parse(row.data) as Story, content_hash: row.content_hash, ingested_at: row.ingested_at, passage_count: row.n };
  }

  passagesOf(storyId: string): Passage[] {
    const rows = this.db.prepare(`SELECT ${PASSAGE_COLUMNS} FROM passages p WHERE p.story_id = ? ORDER BY p.ordinal`).all(storyId) as PassageRow[];
    return rows.map(toPassage);
  }

  getPassage(citationId: string): Passage | null {
    const row = this.db.prepare(`SELECT ${PASSAGE_COLUMNS} FROM passages p WHERE p.citation_id = ?`).get(citationId) as PassageRow | undefined;
    return row ? toPassage(row) : null;
  }

  getPassages(ids: readonly string[]): Map<string, Passage> {
    const out = new Map<string, Passage>();
    const stmt = this.db.prepare(`SELECT ${PASSAGE_COLUMNS} FROM passages p WHERE p.citation_id = ?`);
    for (const id of ids) {
      const row = stmt.get(id) as PassageRow | undefined;
      if (row) out.set(id, toPassage(row));
    }
    return out;
  }

  /** Title and stated dates of each story, for ranking and display. */
  storyHeads(ids: readonly string[]): Map<string, StoryHead> {
    const stmt = this.db.prepare('SELECT title, published, updated FROM stories WHERE id = ?');
    const out = new Map<string, { title: string; published: string | null; updated: string | null }>();
    for (const id of new Set(ids)) {
      const row = stmt.get(id) as { title: string; published: string | null; updated: string | null } | undefined;
      if (row) out.set(id, row);
    }
    return out;
  }

  /**
   * BM25 keyword search for any of `phrases` (quoted FTS5 phrases), ranked as one FTS5 OR
   * query would rank them. On a large store, phrases found in at least half the passages are
   * left out of the query when the rest decide the top `limit`: FTS5 weighs them with an IDF
   * of 1e-6, so a row holding only them scores at most a few millionths, below every row kept.
   * The scores of the rows kept differ from the full query's by as little (each common term's
   * own share), and the query then ranks only the rows of the rarer phrases instead of most
   * of the store. When the check fails the full query runs.
   */
  keywordTop(phrases: readonly string[], filter: PassageFilter, limit: number): KeywordResult {
    if (phrases.length === 0) return { rows: [], omittedUpTo: null };
    const full = () => ({ rows: this.keywordSearch(phrases.join(' OR '), filter, limit), omittedUpTo: null });
    const rows = this.rowCount();
    if (rows < PRUNE_MIN_ROWS) return full();
    const kept = phrases.filter((p) => 2 * this.docFrequency(p, rows) < rows);
    const dropped = phrases.length - kept.length;
    if (dropped === 0 || kept.length === 0) return full();
    const bound = dropped * FTS5_FLOOR_IDF * (BM25_K1 + 1);
    const top = this.keywordSearch(kept.join(' OR '), filter, limit);
    const last = top.at(-1);
    if (top.length === limit && last && -last.bm25 <= bound) return full();
    return { rows: top, omittedUpTo: top.length < limit ? bound : null };
  }

  private dfCache = new Map<string, number>();
  private dfStamp = '';
  private localWrites = 0;

  /** Clears cached counts when this or another connection has written since they were taken. */
  private freshCounts(): Map<string, number> {
    const stamp = `${String(this.db.pragma('data_version', { simple: true }))}:${this.localWrites}`;
    if (stamp !== this.dfStamp || this.dfCache.size > DF_CACHE_SIZE) {
      this.dfCache = new Map();
      this.dfStamp = stamp;
    }
    return this.dfCache;
  }

  /** Rows in the keyword index (one per passage). */
  private rowCount(): number {
    const cache = this.freshCounts();
    let n = cache.get('');
    if (n === undefined) {
      n = (this.db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number }).n;
      cache.set('', n);
    }
    return n;
  }

  /** Rows holding an FTS5 phrase, counted up to half of `rows` (all that keywordTop needs to know). */
  private docFrequency(phrase: string, rows: number): number {
    const cache = this.freshCounts();
    let n = cache.get(phrase);
    if (n === undefined) {
      n = (
        this.db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)').get(phrase, Math.ceil(rows / 2)) as { n: number }
      ).n;
      cache.set(phrase, n);
    }
    return n;
  }

  /** BM25 keyword search; `match` is an FTS5 expression. Lower bm25 is better. */
  keywordSearch(match: string, filter: PassageFilter, limit: number): { id: string; bm25: number }[] {
    if (!isFiltered(filter)) {
      // Rank inside FTS5 and read only the top rows: joining every match first reads each
      // matching passage row, vector included (p50 550 ms on 100,000 passages).
      return this.db
        .prepare(
          `SELECT p.citation_id AS id, t.bm25 AS bm25
           FROM (SELECT rowid, bm25(passages_fts, ?, ?) AS bm25 FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25 LIMIT ?) t
           JOIN passages p ON p.rowid = t.rowid ORDER BY t.bm25`,
        )
        .all(BM25_WEIGHTS.text, BM25_WEIGHTS.context, match, limit) as { id: string; bm25: number }[];
    }
    const f = filterSql(filter);
    const rows = this.db
      .prepare(
        `SELECT p.citation_id AS id, bm25(passages_fts, ?, ?) AS bm25
         FROM passages_fts JOIN passages p ON p.rowid = passages_fts.rowid JOIN stories s ON s.id = p.story_id
         WHERE passages_fts MATCH ? AND ${f.where}
         ORDER BY bm25 LIMIT ?`,
      )
      .all(BM25_WEIGHTS.text, BM25_WEIGHTS.context, match, ...f.params, limit) as { id: string; bm25: number }[];
    return rows;
  }

  /** Records KEV entries; returns the CVEs whose entry is new or changed. */
  upsertKev(entries: readonly KevEntry[], catalogVersion: string): string[] {
    const get = this.db.prepare('SELECT data FROM kev_entries WHERE cve = ?');
    const put = this.db.prepare('INSERT INTO kev_entries (cve, data, catalog_version) VALUES (?, ?, ?) ON CONFLICT(cve) DO UPDATE SET data = excluded.data, catalog_version = excluded.catalog_version');
    const changed: string[] = [];
    this.db.transaction(() => {
      for (const e of entries) {
        const data = JSON.stringify(e);
        if ((get.get(e.cveID) as { data: string } | undefined)?.data === data) continue;
        put.run(e.cveID, data, catalogVersion);
        changed.push(e.cveID);
      }
    })();
    return changed;
  }

  /** KEV entries for the given CVEs. */
  kevFor(cves: readonly string[]): KevEntry[] {
    const get = this.db.prepare('SELECT data FROM kev_entries WHERE cve = ?');
    return cves.flatMap((c) => {
      const row = get.get(c.toUpperCase()) as { data: string } | undefined;
      return row ? [JSON.parse(row.data) as KevEntry] : [];
    });
  }

  /** Every KEV entry with the catalog version it came from, by CVE. */
  kevEntries(): { entry: KevEntry; catalogVersion: string }[] {
    const rows = this.db.prepare('SELECT data, catalog_version FROM kev_entries ORDER BY cve').all() as { data: string; catalog_version: string }[];
    return rows.map((r) => ({ entry: JSON.parse(r.data) as KevEntry, catalogVersion: r.catalog_version }));
  }

  /** Ids of stories whose id is, or that name (as an entity), any of the given identifiers; at most `limit`, newest first. */
  storiesIdentifiedBy(identifiers: readonly string[], limit: number): string[] {
    if (identifiers.length === 0) return [];
    const norms = JSON.stringify(identifiers.map(normalizeName));
    const rows = this.db
      .prepare(
        // Two indexed lookups: an OR of them made SQLite read every story row (40 ms at 11,000 stories).
        `SELECT s.id FROM stories s WHERE s.id IN (
           SELECT id FROM stories WHERE lower(id) IN (SELECT value FROM json_each(?))
           UNION SELECT story_id FROM story_entities WHERE norm IN (SELECT value FROM json_each(?)))
         ORDER BY s.last_date DESC, s.id LIMIT ?`,
      )
      .all(norms, norms, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Ids of stories that name a CVE. */
  storiesNamingCve(cve: string): string[] {
    return (this.db.prepare("SELECT DISTINCT story_id AS id FROM story_entities WHERE type = 'cve' AND norm = ?").all(normalizeName(cve)) as { id: string }[]).map((r) => r.id);
  }

  /** Stored vectors by embedding key, for reuse when the embedded text has not changed. */
  vectorsOf(keys: readonly string[]): Map<string, number[]> {
    const stmt = this.db.prepare('SELECT vector FROM passages WHERE embed_key = ? LIMIT 1');
    const out = new Map<string, number[]>();
    for (const key of new Set(keys)) {
      if (key === NO_VECTOR) continue;
      const row = stmt.get(key) as { vector: Buffer } | undefined;
      if (row) out.set(key, blobToVector(row.vector));
    }
    return out;
  }

  /** Every distinct stored vector (the source of truth the HNSW index is built from), but those of the given stories. */
  allVectors(exceptStories: readonly string[] = []): VectorItem[] {
    const rows = this.db
      .prepare("SELECT embed_key, vector FROM passages WHERE embed_key != '' AND story_id NOT IN (SELECT value FROM json_each(?)) GROUP BY embed_key ORDER BY min(rowid)")
      .all(JSON.stringify(exceptStories)) as { embed_key: string; vector: Buffer }[];
    return rows.map((r) => ({ key: r.embed_key, vector: blobToFloat32(r.vector) }));
  }

  /** Distinct embedding keys of the given stories' passages that no other story's passage shares. */
  keysOnlyIn(storyIds: readonly string[]): string[] {
    if (storyIds.length === 0) return [];
    const ids = JSON.stringify(storyIds);
    return this.db
      .prepare(
        `SELECT DISTINCT p.embed_key FROM passages p WHERE p.embed_key != '' AND p.story_id IN (SELECT value FROM json_each(?))
           AND NOT EXISTS (SELECT 1 FROM passages q WHERE q.embed_key = p.embed_key AND q.story_id NOT IN (SELECT value FROM json_each(?)))`,
      )
      .pluck()
      .all(ids, ids) as string[];
  }

  /** Distinct embedding keys among all passages: the stored vectors (passages without one have the empty key). */
  countVectors(): number {
    return (this.db.prepare("SELECT count(DISTINCT embed_key) AS n FROM passages WHERE embed_key != ''").get() as { n: number }).n;
  }

  /** Passages (citation ids) sharing each embedding key, optionally only those a filter lets through. */
  passagesByKeys(keys: readonly string[], filter: PassageFilter = {}): Map<string, string[]> {
    const out = new Map<string, string[]>();
    if (keys.length === 0) return out;
    const f = filterSql(filter);
    const rows = this.db
      .prepare(
        `SELECT p.embed_key AS key, p.citation_id AS id FROM passages p JOIN stories s ON s.id = p.story_id
         WHERE p.embed_key IN (SELECT value FROM json_each(?)) AND ${f.where} ORDER BY p.rowid`,
      )
      .all(JSON.stringify(keys), ...f.params) as { key: string; id: string }[];
    for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), r.id]);
    return out;
  }

  /**
   * The distinct embedding keys of the passages a filter lets through, read from the covering
   * indexes alone (no vectors); null when there are more than `limit`.
   */
  filteredKeys(filter: PassageFilter, limit: number): string[] | null {
    const f = filterSql(filter);
    // No DISTINCT or GROUP BY: either would walk passages_embed_key and read every row.
    const keys = new Set<string>();
    const stmt = this.db.prepare(`SELECT p.embed_key FROM passages p JOIN stories s ON s.id = p.story_id WHERE p.embed_key != '' AND ${f.where}`);
    for (const key of stmt.pluck().iterate(...f.params) as IterableIterator<string>) {
      keys.add(key);
      if (keys.size > limit) return null; // leaving the loop early closes the statement
    }
    return [...keys];
  }

  /** One stored vector per embedding key, for an exact search over a small filtered set. */
  vectorItems(keys: readonly string[]): VectorItem[] {
    if (keys.length === 0) return [];
    const rows = this.db
      .prepare('SELECT embed_key, vector FROM passages WHERE embed_key IN (SELECT value FROM json_each(?)) GROUP BY embed_key')
      .all(JSON.stringify(keys)) as { embed_key: string; vector: Buffer }[];
    return rows.map((r) => ({ key: r.embed_key, vector: blobToFloat32(r.vector) }));
  }

  /**
   * Writes and removes stories in one IMMEDIATE transaction, with the meta entries given and
   * the hook awaited inside it: COMMIT when it resolves, ROLLBACK (nothing written) when
   * anything throws. The caller keeps every other use of the connection out until it settles.
   */
  async apply(writes: readonly StoryWrite[], removals: readonly string[], meta: Record<string, string>, hook?: (changes: readonly StoryChange[]) => Promise<void>): Promise<void> {
    const delStory = this.db.prepare('DELETE FROM stories WHERE id = ?');
    const delPassages = this.db.prepare('DELETE FROM passages WHERE story_id = ?');
    const delEntities = this.db.prepare('DELETE FROM story_entities WHERE story_id = ?');
    const insStory = this.db.prepare(
      `INSERT INTO stories (id, title, published, updated, first_date, last_date, content_hash, data, ingested_at)
       VALUES (@id, @title, @published, @updated, @first_date, @last_date, @content_hash, @data, @ingested_at)`,
    );
    const insPassage = this.db.prepare(
      `INSERT INTO passages (citation_id, story_id, kind, field, ordinal, text, span_start, span_end, date, source, vector, context, embed_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insEntity = this.db.prepare('INSERT INTO story_entities (story_id, type, name, norm) VALUES (?, ?, ?, ?)');
    const now = new Date().toISOString();
    this.localWrites++;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const changes: StoryChange[] = writes.map((w) => ({ ...w, previous: this.getStory(w.story.id)?.story ?? null }));
      for (const id of [...removals, ...writes.map((w) => w.story.id)]) {
        // Passages go first so the FTS delete trigger sees each row.
        delPassages.run(id);
        delEntities.run(id);
        delStory.run(id);
      }
      for (const w of writes) {
        const s = w.story;
        const dates = storyDates(s);
        insStory.run({
          id: s.id,
          title: s.title,
          published: s.published ?? null,
          updated: s.updated ?? null,
          first_date: dates[0] ?? null,
          last_date: dates[dates.length - 1] ?? null,
          content_hash: w.hash,
          data: JSON.stringify(s),
          ingested_at: now,
        });
        w.passages.forEach((p, i) => {
          // A passage of a kind without a vector (VECTOR_KINDS) is stored with an empty one and the empty key.
          const v = hasVector(p) ? w.vectors[i] : [];
          if (!v) throw new Error(`internal: no vector for passage ${p.citation_id}`);
          insPassage.run(
            p.citation_id, p.story_id, p.kind, p.field, p.ordinal, p.text, p.span.start, p.span.end,
            p.date, p.source ? JSON.stringify(p.source) : null, vectorToBlob(v), p.context, embedKey(p),
          );
        });
        for (const e of s.entities) {
          for (const name of [e.name, ...(e.aliases ?? [])]) insEntity.run(s.id, e.type.toLowerCase(), name, normalizeName(name));
        }
      }
      for (const [k, v] of Object.entries(meta)) this.setMeta(k, v);
      if (hook) await hook(changes);
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  /** Stories naming an entity exactly (name or alias, case-insensitive), newest first, with the matching rows. */
  storiesByEntity(name: string, type: string | undefined, offset: number, limit: number): { total: number; stories: (StorySummary & { matched: { type: string; name: string }[] })[] } {
    const page = this.listStories({ entity: name, ...(type ? { entityType: type } : {}), offset, limit });
    const rows = this.db.prepare(`SELECT DISTINCT type, name FROM story_entities WHERE story_id = ? AND norm = ?${type ? ' AND type = ?' : ''}`);
    return {
      total: page.total,
      stories: page.stories.map((st) => ({ ...st, matched: rows.all(st.id, normalizeName(name), ...(type ? [type.toLowerCase()] : [])) as { type: string; name: string }[] })),
    };
  }

  /** Stories matching a list query, newest first, and whether more follow. */
  listStories(q: StoryListQuery): { stories: StorySummary[]; total: number } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const match = q.terms ? ftsMatch(q.terms) : null;
    if (match) {
      clauses.push('s.id IN (SELECT p.story_id FROM passages_fts JOIN passages p ON p.rowid = passages_fts.rowid WHERE passages_fts MATCH ?)');
      params.push(match);
    }
    if (q.entity) {
      const e = entityClause({ name: q.entity, ...(q.entityType ? { type: q.entityType } : {}) });
      clauses.push(`s.id IN (${e.sql})`);
      params.push(...e.params);
    }
    // A story is in a date range when any date it states (published, updated or a timeline
    // event) falls in it.
    if (q.since) {
      clauses.push('s.last_date >= ?');
      params.push(q.since);
    }
    if (q.until) {
      clauses.push('s.first_date <= ?');
      params.push(q.until);
    }
    if (q.since && q.until) {
      clauses.push(`EXISTS (SELECT 1 FROM (SELECT s.published AS d UNION ALL SELECT s.updated UNION ALL
        SELECT json_extract(e.value, '$.date') FROM json_each(s.data, '$.timeline') e) WHERE d BETWEEN ? AND ?)`);
      params.push(q.since, q.until);
    }
    const where = clauses.length ? clauses.join(' AND ') : '1';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM stories s WHERE ${where}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT s.id, s.title, s.published, s.updated, s.first_date, s.last_date,
           (SELECT count(*) FROM passages WHERE story_id = s.id) AS passage_count
         FROM stories s WHERE ${where}
         ORDER BY s.last_date IS NULL, s.last_date DESC, s.id LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit, q.offset) as StorySummary[];
    return { stories: rows, total };
  }
}