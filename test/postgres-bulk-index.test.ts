import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../src/embed/embedder.js';
import { ingestStories } from '../src/ingest/ingest.js';
import { storyToPassages } from '../src/ingest/passages.js';
import { HNSW, vectorIndexName } from '../src/store/postgres/schema.js';
import { PgStore } from '../src/store/postgres/store.js';
import { syntheticStories } from '../tools/synthetic.js';
import { hashEmbedder } from './helpers.js';
import { connectTo, startPostgres, type TestPostgres } from './support/postgres.js';

// A bulk load on PostgreSQL drops the HNSW index and builds it once at the end, outside the
// write transactions, while searches keep answering (exactly, meanwhile). Another process
// opening the store mid-load leaves the index to the loader; a loader that dies leaves a store
// whose next open builds the index again; one that fails gets it back at once.

const DIMS = 32;
const BULK_MIN = 100;

describe('PostgreSQL: the HNSW index of a bulk load is built once, at its end', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(() => server?.stop());

  const open = (url: string, log?: (m: string) => void) => PgStore.open(url, { embedder: hashEmbedder(DIMS).info, bulkIndexMin: BULK_MIN, ...(log ? { log } : {}) });
  const indexed = async (url: string) => {
    const db = await connectTo(url);
    try {
      const [row] = await db.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [vectorIndexName(DIMS)]);
      return row!.present;
    } finally {
      await db.end();
    }
  };
  /** An embedder that runs `before(call)` ahead of each batch it embeds (each batch's write follows it). */
  const watched = (before: (call: number) => Promise<void>): Embedder => {
    const e = hashEmbedder(DIMS);
    const embed = e.embedDocuments.bind(e);
    let calls = 0;
    e.embedDocuments = async (texts, p) => {
      await before(++calls);
      return embed(texts, p);
    };
    return e;
  };

  it('loads without the index, answers searches meanwhile, builds it at the end; a replica opening mid-load leaves it alone', async () => {
    const url = await server.createDatabase('bulk');
    const stories = syntheticStories(600);
    const loader = await open(url);
    const replica = await open(url);
    const seen: { call: number; indexed: boolean; hits: number; opened: boolean }[] = [];
    const probe = (await storyToPassages(stories[0]!))[0]!;
    const q = await hashEmbedder(DIMS).embedQuery(probe.text);
    const embedder = watched(async (call) => {
      if (call < 2) return;
      // Earlier batches are committed by now: searchable through another store, with no index.
      const hits = await replica.vectorSearch(q, {}, 5);
      // A process starting now (a replica, a CLI command) does not build the index under the load.
      const late = await open(url);
      await late.close();
      seen.push({ call, indexed: await indexed(url), hits: hits.length, opened: true });
    });
    try {
      const r = await ingestStories(loader, embedder, stories, { batchStories: 16 });
      expect(r.added).toHaveLength(stories.length);
      expect(seen.length).toBeGreaterThan(2);
      expect(seen.every((s) => !s.indexed && s.hits === 5)).toBe(true);
      // Built once the load ended, and searches walk it to the same answers as an exact scan.
      expect(await indexed(url)).toBe(true);
      for (const s of stories.slice(0, 5)) {
        const v = await hashEmbedder(DIMS).embedQuery(s.title);
        expect((await replica.vectorSearch(v, {}, 10)).map((h) => h.id)).toEqual((await replica.vectorSearch(v, {}, 10, { exact: true })).map((h) => h.id));
      }
      expect((await replica.vectorSearch(q, {}, 1))[0]?.id).toBe(probe.citation_id);

      // A reindex (one write of every story) builds it again after its transaction.
      await ingestStories(loader, hashEmbedder(DIMS), stories, { force: true, batchStories: Number.MAX_SAFE_INTEGER });
      expect(await indexed(url)).toBe(true);
      expect(await loader.counts()).toEqual(await replica.counts());
    } finally {
      await replica.close();
      await loader.close();
    }
  }, 120_000);

  it('gives the index back at once when a load fails midway, and at the next open when the loader died', async () => {
    const url = await server.createDatabase('bulk_crash');
    const stories = syntheticStories(600);
    const failing = watched((call) => (call === 3 ? Promise.reject(new Error('embedding endpoint went away')) : Promise.resolve()));
    const first = await open(url);
    try {
      await expect(ingestStories(first, failing, stories, { batchStories: 16 })).rejects.toThrow(/endpoint went away/);
      // The two batches before the failure stay, whole, and the index is back for them.
      expect((await first.counts()).stories).toBe(32);
      expect(await indexed(url)).toBe(true);
    } finally {
      await first.close();
    }

    // A loader that dies mid-load, after two deferred batches: its sessions end without a
    // word (as a killed process's do), and nothing of it runs again.
    const loader = await open(url);
    const embedder = hashEmbedder(DIMS);
    const rest = stories.slice(32);
    for (const part of [rest.slice(0, 16), rest.slice(16, 32)]) {
      const writes = await Promise.all(
        part.map(async (story) => {
          const passages = await storyToPassages(story);
          return { story, hash: `h-${story.id}`, passages, vectors: await embedder.embedDocuments(passages.map((p) => p.text)) };
        }),
      );
      await loader.write(writes, [], { deferIndex: true, bulkVectors: 10_000 });
    }
    expect(await indexed(url)).toBe(false);
    const db = await connectTo(url);
    try {
      await db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'bulk_crash' AND pid <> pg_backend_pid()");
      const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stories');
      expect(n!.n).toBe(64);
    } finally {
      await db.end();
    }
    expect(await indexed(url)).toBe(false);

    const notes: string[] = [];
    const next = await open(url, (m) => notes.push(m));
    try {
      expect(await indexed(url)).toBe(true);
      expect(notes).toEqual(['the vector index was missing (an interrupted bulk load, or a migration that changed its settings); rebuilt it']);
      // The rerun keeps what was stored whole and finishes the rest.
      const r = await ingestStories(next, hashEmbedder(DIMS), stories, { batchStories: 16 });
      expect(r.unchanged).toHaveLength(32);
      expect((await next.counts()).stories).toBe(stories.length);
      expect(await indexed(url)).toBe(true);
    } finally {
      await next.close();
      await loader.close();
    }
  }, 120_000);

  it('rebuilds an index a store built with the old graph settings (migration 4) at its next open', async () => {
    const url = await server.createDatabase('old_hnsw');
    const stories = syntheticStories(300);
    const first = await open(url);
    try {
      await ingestStories(first, hashEmbedder(DIMS), stories, { batchStories: 64 });
    } finally {
      await first.close();
    }
    const options = async () => {
      const db = await connectTo(url);
      try {
        const [row] = await db.query<{ opts: string[] | null }>('SELECT reloptions AS opts FROM pg_class WHERE relname = $1', [vectorIndexName(DIMS)]);
        return row?.opts ?? null;
      } finally {
        await db.end();
      }
    };
    expect(await options()).toEqual([`m=${HNSW.m}`, `ef_construction=${HNSW.efConstruction}`]);
    // The database as a release before migration 4 left it: an index with m 16 / ef_construction 128.
    const db = await connectTo(url);
    try {
      await db.query(`DROP INDEX ${vectorIndexName(DIMS)}`);
      await db.query(
        `CREATE INDEX ${vectorIndexName(DIMS)} ON passages USING hnsw ((embedding::vector(${DIMS})) vector_cosine_ops) WITH (m = 16, ef_construction = 128) WHERE vector_dims(embedding) = ${DIMS}`,
      );
      await db.query('DELETE FROM storyline_migrations WHERE version = 4');
    } finally {
      await db.end();
    }
    expect(await options()).toEqual(['m=16', 'ef_construction=128']);
    const notes: string[] = [];
    const next = await open(url, (m) => notes.push(m));
    try {
      expect(await options()).toEqual([`m=${HNSW.m}`, `ef_construction=${HNSW.efConstruction}`]);
      expect(notes).toHaveLength(1);
      for (const s of stories.slice(0, 5)) {
        const v = await hashEmbedder(DIMS).embedQuery(s.title);
        expect((await next.vectorSearch(v, {}, 10)).map((h) => h.id)).toEqual((await next.vectorSearch(v, {}, 10, { exact: true })).map((h) => h.id));
      }
    } finally {
      await next.close();
    }
  }, 120_000);
});
