import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { ingestStories } from '../src/ingest/ingest.js';
import { exportStore, importStore } from '../src/store/transfer.js';
import { syntheticStories } from '../tools/synthetic.js';
import { callTool, CLI, connectClient, FIXTURES, hashEmbedder, openTestApp, runNode, SEED_ID, tempDir } from './helpers.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

// With STORYLINE_DATABASE_URL set, the app runs on PostgreSQL unchanged above the store: the
// tools answer from it, two processes' apps on one database see each other's writes at once,
// and a database that cannot be used is a one-line configuration error, never a stack.

describe('the app on PostgreSQL (STORYLINE_DATABASE_URL)', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(() => server?.stop());

  it('serves the tools from PostgreSQL, and a second app on the same database sees an ingest at once', async () => {
    const url = await server.createDatabase('app');
    const embedder = hashEmbedder();
    const a = await openTestApp({ embedder, env: { STORYLINE_DATABASE_URL: url } });
    const b = await openTestApp({ embedder, env: { STORYLINE_DATABASE_URL: url }, ingest: false });
    try {
      const client = await connectClient(a);
      const story = await callTool(client, 'get_story', { story_id: SEED_ID });
      expect(story.structured).toMatchObject({ id: SEED_ID });
      const hits = await callTool(client, 'search_passages', { query: 'Who signed the executive order?', limit: 5 });
      expect(hits.structured.results.length).toBeGreaterThan(0);
      expect(hits.structured.results.every((r) => r.story_id === SEED_ID)).toBe(true);
      const listed = await callTool(client, 'list_stories', {});
      expect(listed.structured.stories.map((s) => s.id)).toEqual([SEED_ID]);

      // The other app (a replica) writes; the first finds it with no restart.
      const extra = syntheticStories(30).slice(0, 2);
      await ingestStories(b.store, b.embedder, extra);
      const found = await callTool(client, 'find_stories_by_entity', { entity: extra[0]!.entities[1]!.name });
      expect(found.structured.stories.map((s) => s.id)).toEqual([extra[0]!.id]);
      const byWords = await callTool(client, 'search_passages', { query: extra[1]!.entities[1]!.name, limit: 3 });
      expect(byWords.structured.results[0]?.story_id).toBe(extra[1]!.id);
      // One database: both apps count the same stories, and no SQLite file was made.
      expect(await a.store.counts()).toEqual(await b.store.counts());
      expect((await a.store.counts()).stories).toBe(3);
      expect(existsSync(path.join(a.dir, 'storyline.db'))).toBe(false);
      await client.close();
    } finally {
      b.cleanup();
      a.cleanup();
    }
  });

  it('takes a SQLite store in through storyline export / import, vectors included: same answers, nothing re-embedded', async () => {
    const url = await server.createDatabase('moved');
    const key = randomBytes(32).toString('base64');
    const from = await openTestApp({ embedder: hashEmbedder(), env: { STORYLINE_SECRET_KEY: key } });
    const to = await openTestApp({ embedder: hashEmbedder(), env: { STORYLINE_DATABASE_URL: url, STORYLINE_SECRET_KEY: key }, ingest: false });
    try {
      await from.ingestPaths([path.join(FIXTURES, 'exposure/advisories'), path.join(FIXTURES, 'exposure/kev-excerpt.json')]);
      await from.subscriptions.create({ name: 'ics', query: 'default credentials', outbox: 'soc' }, LOCAL_CALLER);
      const file = path.join(from.dir, 'store.jsonl.gz');
      const exported = await exportStore(from.store, from.embedder.info, file);
      let embedded = 0;
      const embed = to.embedder.embedDocuments.bind(to.embedder);
      to.embedder.embedDocuments = (texts, p) => ((embedded += texts.length), embed(texts, p));
      const imported = await importStore(to.store, to.embedder.info, file, { opensSecret: (s) => to.subscriptions.store.opensSecret(s) });
      expect(imported).toMatchObject({ stories: exported.stories, passages: exported.passages, kev_entries: exported.kev_entries, subscriptions: 1, skipped: 0 });
      expect(embedded).toBe(0);
      expect(await to.store.counts()).toEqual(await from.store.counts());
      expect(await to.store.subscriptions.list()).toEqual(await from.store.subscriptions.list());
      // The same passages come first. The engines' keyword scores differ in detail (ts_rank with
      // FTS5's IDF against bm25()), so two passages of close fused scores may trade places
      // ("Who signed the order?": a body chunk and an event 0.02 apart); the quality tests bound
      // that difference on the question sets.
      for (const query of ['Who signed the order?', 'CVE-2019-6575', 'hard-coded credentials']) {
        const top = async (app: typeof from) => (await app.retriever.search({ query, limit: 3 })).map((h) => h.citation_id);
        const [got, want] = [await top(to), await top(from)];
        expect(got[0], query).toBe(want[0]);
        expect([...got].sort(), query).toEqual([...want].sort());
      }
    } finally {
      to.cleanup();
      from.cleanup();
    }
  });

  it('stops the CLI with what to fix when the database refuses the credentials or is not there', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const bad = server.url.replace(encodeURIComponent(server.password), 'not-the-password');
      const r = await runNode(CLI, ['stories'], { STORYLINE_DATA_DIR: dir, STORYLINE_DATABASE_URL: bad, STORYLINE_LOG_LEVEL: 'error' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/refused the credentials/);
      expect(r.stderr).not.toContain('not-the-password');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const gone = await runNode(CLI, ['stories'], { STORYLINE_DATA_DIR: dir, STORYLINE_DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x', STORYLINE_LOG_LEVEL: 'error' });
      expect(gone.code).toBe(2);
      expect(gone.stderr).toMatch(/cannot reach PostgreSQL/);
      const wrong = await runNode(CLI, ['stories'], { STORYLINE_DATA_DIR: dir, STORYLINE_DATABASE_URL: 'mysql://x', STORYLINE_LOG_LEVEL: 'error' });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/STORYLINE_DATABASE_URL.*PostgreSQL connection string/);
    } finally {
      cleanup();
    }
  });
});
