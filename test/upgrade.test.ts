import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { vectorToBlob } from '../src/store/sqlite/sql.js';
import { hashEmbedder, SEED_ID, tempDir } from './helpers.js';

// The schema a store was written with before passages had a context and an embedding key.
const OLD_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  published TEXT,
  updated TEXT,
  first_date TEXT,
  last_date TEXT,
  content_hash TEXT NOT NULL,
  data TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
  rowid INTEGER PRIMARY KEY,
  citation_id TEXT NOT NULL UNIQUE,
  story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  field TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  date TEXT,
  source TEXT,
  vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_story ON passages(story_id, ordinal);
CREATE TABLE IF NOT EXISTS story_entities (
  story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  norm TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_entities_norm ON story_entities(norm);
CREATE TABLE IF NOT EXISTS kev_entries (
  cve TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  catalog_version TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
  text, content='passages', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
  INSERT INTO passages_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
  INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
`;

describe('a store written by the previous version', () => {
  it('opens, migrates in place, stays searchable by keyword and vector, and is re-cut when its files are ingested again', async () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(dir, { recursive: true });
      const embedder = hashEmbedder();
      const old = new Database(path.join(dir, 'storyline.db'));
      old.exec(OLD_SCHEMA);
      const text = 'On 2026-06-04, CISA Acting Director Nick Andersen said the agency plans to issue a binding operational directive.';
      const [vector] = await embedder.embedDocuments([text]);
      old.prepare(`INSERT INTO stories VALUES (?, 'Old story', '2026-06-02', NULL, '2026-06-02', '2026-06-04', 'old-hash', ?, '2026-06-05T00:00:00Z')`).run(
        SEED_ID,
        JSON.stringify({ id: SEED_ID, title: 'Old story', body: text, published: '2026-06-02', timeline: [], sources: [], entities: [] }),
      );
      old.prepare(`INSERT INTO passages (citation_id, story_id, kind, field, ordinal, text, span_start, span_end, date, source, vector)
        VALUES ('b_00000000000000aa', ?, 'body', 'body', 0, ?, 0, ?, NULL, NULL, ?)`).run(SEED_ID, text, text.length, vectorToBlob(vector!));
      old.prepare("INSERT INTO meta VALUES ('embedder', ?), ('vector_generation', '1')").run(JSON.stringify(embedder.info));
      old.close();

      const config = loadConfig({ env: { STORYLINE_DATA_DIR: dir }, cwd: dir });
      const app = await openApp(config, { embedder, log: createLogger('silent') });
      try {
        const byWords = await app.retriever.search({ query: 'binding operational directive', limit: 3, mode: 'keyword' });
        expect(byWords.map((h) => h.citation_id)).toEqual(['b_00000000000000aa']);
        const byMeaning = await app.retriever.search({ query: text, limit: 3, mode: 'vector' });
        expect(byMeaning[0]!.citation_id).toBe('b_00000000000000aa');
        // Ingesting the story's file again re-cuts it in the current format.
        const r = await app.ingestPaths([config.corpusDir]);
        expect(r.updated).toEqual([SEED_ID]);
        expect((await app.store.getPassage('b_00000000000000aa'))).toBeNull();
        expect((await app.store.passagesOf(SEED_ID)).some((p) => p.field === 'timeline[0].text' && p.context.includes('2026-06-04'))).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      cleanup();
    }
  });
});
