import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbedderInfo } from '../src/embed/embedder.js';
import { storyHash, storyToPassages } from '../src/ingest/passages.js';
import { queryTerms } from '../src/retrieval/query.js';
import { EmbedderMismatchError } from '../src/store/errors.js';
import { pgliteClient } from '../src/store/postgres/client.js';
import { PgStore } from '../src/store/postgres/store.js';
import { openStore, type Store } from '../src/store/store.js';
import type { PassageFilter, StoryWrite } from '../src/store/types.js';
import { embeddingInput, embedKey, hasVector, type Passage } from '../src/story/passage.js';
import type { Story } from '../src/story/schema.js';
import type { KevEntry } from '../src/story/kev.js';
import type { NewSubscriptionRow } from '../src/store/subscriptions.js';
import type { AssetRow } from '../src/store/assets.js';
import { syntheticStories } from '../tools/synthetic.js';
import { hashEmbedder, sleep, tempDir, waitFor } from './helpers.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

// The storage contract: the same cases against every engine (SQLite, PGlite with pgvector,
// and a real PostgreSQL 15 with pgvector). Only what callers above src/store/ rely on is asserted.

/** What the cases use of a store; the SQLite class and the PostgreSQL engine both must fit it. */
type ContractStore = Pick<
  Store,
  | 'getMeta' | 'setMeta' | 'counts' | 'storyHash' | 'storyIds' | 'storyIdsLike' | 'getStory' | 'passagesOf' | 'getPassage'
  | 'getPassages' | 'storyHeads' | 'keywordSearch' | 'keywordTop' | 'vectorSearch' | 'countVectors' | 'vectorsOf'
  | 'storiesIdentifiedBy' | 'storiesNamingCve' | 'listStories' | 'storiesByEntity' | 'upsertKev' | 'kevFor' | 'write' | 'onWrite'
  | 'subscriptions' | 'assets'
>;

interface Opened {
  store: ContractStore;
  checkEmbedder(): Promise<void>;
  close(): Promise<void>;
}

/** An engine under test: `fresh` gives an empty database, `reopen` another store on the same one. */
interface Engine {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `exactScanLimit` 0 makes a PostgreSQL store walk its HNSW index even for a small filtered set. */
  fresh(embedder: EmbedderInfo): Promise<Opened & { reopen(embedder: EmbedderInfo, tuning?: { exactScanLimit: number }): Promise<Opened> }>;
}

const vectors = { efSearch: 200 };

const sqlite: Engine = (() => {
  const dirs: (() => void)[] = [];
  const open = async (dataDir: string, embedder: EmbedderInfo): Promise<Opened> => {
    const store = await openStore({ dataDir, embedder, vectors });
    return { store, checkEmbedder: () => Promise.resolve().then(() => store.checkEmbedder()), close: () => Promise.resolve(store.close()) };
  };
  return {
    name: 'SQLite',
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(dirs.forEach((d) => d())),
    async fresh(embedder) {
      const { dir, cleanup } = tempDir('storyline-contract-');
      dirs.push(cleanup);
      return { ...(await open(dir, embedder)), reopen: (e) => open(dir, e) };
    },
  };
})();

const pglite: Engine = (() => {
  let db: PGlite | null = null;
  // One PGlite for the file (it takes seconds to start); each case gets an empty schema.
  const open = async (embedder: EmbedderInfo, tuning: { exactScanLimit?: number } = {}): Promise<Opened> => {
    const client = { ...pgliteClient(db!), close: () => Promise.resolve() };
    const store = await PgStore.openOn(client, { embedder, ...tuning });
    return { store, checkEmbedder: () => store.checkEmbedder(), close: () => store.close() };
  };
  return {
    name: 'PGlite + pgvector',
    async start() {
      db = await PGlite.create({ extensions: { vector } });
    },
    async stop() {
      await db?.close();
    },
    async fresh(embedder) {
      await db!.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      return { ...(await open(embedder)), reopen: open };
    },
  };
})();

const postgres: Engine = (() => {
  let server: TestPostgres | null = null;
  let n = 0;
  const open = async (url: string, embedder: EmbedderInfo, tuning: { exactScanLimit?: number } = {}): Promise<Opened> => {
    const store = await PgStore.open(url, { embedder, ...tuning, pool: { max: 4 } });
    return { store, checkEmbedder: () => store.checkEmbedder(), close: () => store.close() };
  };
  return {
    name: 'PostgreSQL 15 + pgvector',
    async start() {
      server = await startPostgres();
    },
    async stop() {
      await server?.stop();
    },
    async fresh(embedder) {
      const url = await server!.createDatabase(`contract_${++n}`);
      return { ...(await open(url, embedder)), reopen: (e, t) => open(url, e, t) };
    },
  };
})();

const embedder = hashEmbedder(64);

/** A story as ingest gives it to the store: passages cut, vectors from the hash embedder for the kinds that carry one (VECTOR_KINDS), null for the others. */
async function toWrite(story: Story, embed = embedder): Promise<StoryWrite> {
  const passages = await storyToPassages(story);
  const embedded = await embed.embedDocuments(passages.filter(hasVector).map(embeddingInput));
  let next = 0;
  return { story, hash: storyHash(story), passages, vectors: passages.map((p) => (hasVector(p) ? embedded[next++]! : null)) };
}

const cosine = (a: readonly number[], b: readonly number[]) => {
  let dot = 0, na = 0, nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return dot / Math.sqrt(na * nb);
};

/** Exact nearest passages by cosine, computed here from what was written. */
function exactNearest(writes: readonly StoryWrite[], q: readonly number[], keep: (p: Passage, story: Story) => boolean, k: number) {
  return writes
    .flatMap((w) => w.passages.flatMap((p, i) => (w.vectors[i] ? [{ id: p.citation_id, s: cosine(q, w.vectors[i]), p, story: w.story }] : [])))
    .filter((x) => keep(x.p, x.story))
    .sort((a, b) => b.s - a.s)
    .slice(0, k);
}

/** Similarities equal rank by rank, to four places (float32 and float64 arithmetic differ below). */
function expectClose(got: readonly number[], want: readonly number[]): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expect(g, `rank ${i + 1}`).toBeCloseTo(want[i]!, 4));
}

const kev = (cve: string, note = ''): KevEntry => ({
  cveID: cve, vendorProject: 'Acme', product: 'Widget', vulnerabilityName: 'Widget flaw', dateAdded: '2024-01-02',
  shortDescription: `A flaw${note}`, requiredAction: 'Patch', dueDate: '2024-02-01',
});

const subscription = (id: string, over: Partial<NewSubscriptionRow> = {}): NewSubscriptionRow => ({
  id, owner: 'alice', name: `sub ${id}`, query: 'hard-coded credentials', query_vector: [0.25, -0.5, 1], threshold: 0.4,
  entities: ['Siemens'], follow_story_id: null, affects_assets: { min_confidence: 'high' }, target: { type: 'outbox', name: 'main' },
  sealed_secret: 'sealed', idempotency_key: null, request_hash: null, created_at: `2024-01-01T00:00:0${id.length % 10}.000Z`, ...over,
});

const asset = (id: string, source: string, name: string, over: Partial<AssetRow> = {}): AssetRow => ({
  asset_id: id, source, key: `id:${id.toUpperCase()}`, name_norm: name, vendor_norm: 'acme', purl_key: null, cpe_key: null, data: JSON.stringify({ id, name }), ...over,
});

const seed = (await import('../corpus/327dc94408c08ac5.json', { with: { type: 'json' } })).default as Story;

describe.each([sqlite, pglite, postgres])('storage contract: $name', (engine) => {
  beforeAll(() => engine.start(), 120_000);
  afterAll(() => engine.stop());

  it('writes stories with their passages and reads them back', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { store } = db;
      expect(await store.counts()).toEqual({ stories: 0, passages: 0 });
      const writes = [await toWrite(seed), ...(await Promise.all(syntheticStories(300).map((s) => toWrite(s))))];
      await store.write(writes, []);
      const passages = writes.reduce((n, w) => n + w.passages.length, 0);
      expect(await store.counts()).toEqual({ stories: writes.length, passages });
      expect(await store.storyIds()).toEqual(writes.map((w) => w.story.id).sort());
      const got = await store.getStory(seed.id);
      expect(got?.story).toEqual(seed);
      expect(JSON.stringify(got?.story)).toBe(JSON.stringify(seed)); // key order too: tools serve it as stored
      expect(got?.content_hash).toBe(writes[0]!.hash);
      expect(got?.passage_count).toBe(writes[0]!.passages.length);
      expect(await store.storyHash(seed.id)).toBe(writes[0]!.hash);
      expect(await store.storyHash('nope')).toBeNull();
      expect(await store.getStory('nope')).toBeNull();
      expect(await store.passagesOf(seed.id)).toEqual(writes[0]!.passages);
      const some = writes[3]!.passages[2]!;
      expect(await store.getPassage(some.citation_id)).toEqual(some);
      expect(await store.getPassage('missing')).toBeNull();
      const many = await store.getPassages([some.citation_id, 'missing', writes[0]!.passages[0]!.citation_id]);
      expect([...many.keys()]).toEqual([some.citation_id, writes[0]!.passages[0]!.citation_id]);
      expect(await store.storyIdsLike('SYNTHETIC-1', 5)).toEqual(['synthetic-1', 'synthetic-10', 'synthetic-11', 'synthetic-12', 'synthetic-13']);
      expect(await store.storyIdsLike('x%', 5)).toEqual([]);
      const heads = await store.storyHeads(['synthetic-2', 'missing', seed.id]);
      expect([...heads.keys()]).toEqual(['synthetic-2', seed.id]);
      expect(heads.get(seed.id)).toEqual({ title: seed.title, published: seed.published ?? null, updated: seed.updated ?? null });
      // One vector per distinct embedded text, of the kinds that carry one only.
      expect(await store.countVectors()).toBe(new Set(writes.flatMap((w) => w.passages.filter(hasVector).map((p) => embeddingInput(p)))).size);
      const body = writes[3]!.passages.findIndex((p) => p.kind === 'body');
      const key = embedKey(writes[3]!.passages[body]!);
      const v = (await store.vectorsOf([key, 'nokey'])).get(key)!;
      expect(v).toHaveLength(64);
      v.forEach((x, i) => expect(x).toBeCloseTo(writes[3]!.vectors[body]![i]!, 5));
      // A passage without a vector is stored, read back and found by its words, never by vector.
      const fact = writes[3]!.passages.find((p) => !hasVector(p))!;
      expect(await store.getPassage(fact.citation_id)).toEqual(fact);
      expect(embedKey(fact)).toBe('');
      expect((await store.vectorsOf([embedKey(fact)])).size).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('stores a vector for the kinds that carry one only, even when given one for every passage (an older export)', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { store } = db;
      const stories = syntheticStories(30);
      const writes = await Promise.all(
        stories.map(async (story) => {
          const passages = await storyToPassages(story);
          return { story, hash: storyHash(story), passages, vectors: await embedder.embedDocuments(passages.map(embeddingInput)) };
        }),
      );
      await store.write(writes, []);
      const all = writes.flatMap((w) => w.passages);
      expect(all.some((p) => !hasVector(p))).toBe(true);
      expect(await store.countVectors()).toBe(new Set(all.filter(hasVector).map(embeddingInput)).size);
      // An entity line's own text as the query: the nearest passages are still only those with a vector.
      const fact = all.find((p) => p.kind === 'entity')!;
      const hits = await store.vectorSearch(await embedder.embedQuery(embeddingInput(fact)), {}, 100, { exact: true });
      expect(hits.length).toBeGreaterThan(0);
      const kinds = new Set([...(await store.getPassages(hits.map((h) => h.id))).values()].map((p) => p.kind));
      expect([...kinds].every((k) => k === 'body' || k === 'timeline')).toBe(true);
      expect((await store.keywordSearch(queryTerms(fact.text), { kinds: ['entity'] }, 10)).map((h) => h.id)).toContain(fact.citation_id);
    } finally {
      await db.close();
    }
  });

  it('rewrites a story (its passages are replaced) and deletes one', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { store } = db;
      const [a, b] = syntheticStories(20);
      await store.write([await toWrite(a!), await toWrite(b!)], []);
      const before = await store.passagesOf(a!.id);
      const changed: Story = { ...a!, title: 'Zebra firmware advisory', body: 'Quokka controllers hold a flaw. Operators should patch quokka units.' };
      const w = await toWrite(changed);
      await store.write([w], []);
      const after = await store.passagesOf(a!.id);
      expect(after).toEqual(w.passages);
      for (const p of before.filter((p) => !after.some((q) => q.citation_id === p.citation_id))) expect(await store.getPassage(p.citation_id)).toBeNull();
      expect((await store.getStory(a!.id))?.story.title).toBe('Zebra firmware advisory');
      expect((await store.keywordSearch(['quokka'], {}, 10)).every((h) => h.id.startsWith(`${a!.id}`) || after.some((p) => p.citation_id === h.id))).toBe(true);
      expect((await store.keywordSearch(['quokka'], {}, 10)).length).toBeGreaterThan(0);
      expect(await store.counts()).toEqual({ stories: 2, passages: after.length + (await store.passagesOf(b!.id)).length });

      await store.write([], [a!.id]);
      expect(await store.getStory(a!.id)).toBeNull();
      expect(await store.passagesOf(a!.id)).toEqual([]);
      expect(await store.keywordSearch(['quokka'], {}, 10)).toEqual([]);
      expect(await store.storiesByEntity(a!.entities[1]!.name, undefined, 0, 10)).toEqual({ total: 0, stories: [] });
      const q = await embedder.embedQuery('Quokka controllers hold a flaw');
      expect((await store.vectorSearch(q, {}, 50)).every((h) => after.every((p) => p.citation_id !== h.id))).toBe(true);
      expect((await store.counts()).stories).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('ranks keyword hits: a rare identifier first, filters respected', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { store } = db;
      const stories = syntheticStories(400);
      await store.write(await Promise.all(stories.map((s) => toWrite(s))), []);
      const target = stories[17]!;
      const cve = target.entities.find((e) => e.type === 'cve')!.name;
      const hits = await store.keywordSearch(queryTerms(`which advisory tracks ${cve}`), {}, 20);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits[0]!.id.startsWith(`${target.id}`) || (await store.getPassage(hits[0]!.id))?.story_id === target.id).toBe(true);
      // Every passage holding the identifier ranks above every passage without it.
      const holds = await Promise.all(hits.map(async (h) => ((await store.getPassage(h.id))!.text + (await store.getPassage(h.id))!.context).includes(cve)));
      const lastHolding = holds.lastIndexOf(true);
      expect(holds.slice(0, lastHolding + 1).every(Boolean)).toBe(true);
      for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
      // A filter keeps only what passes it; keywordTop ranks as keywordSearch does.
      const filter: PassageFilter = { kinds: ['timeline'], since: '2024-03-01', until: '2024-06-30' };
      const filtered = await store.keywordSearch(['advisory', 'published'], filter, 50);
      expect(filtered.length).toBeGreaterThan(0);
      for (const h of filtered) {
        const p = (await store.getPassage(h.id))!;
        expect(p.kind).toBe('timeline');
        expect(p.date! >= '2024-03-01' && p.date! <= '2024-06-30').toBe(true);
      }
      const top = await store.keywordTop(queryTerms(`which advisory tracks ${cve}`), {}, 20);
      expect(top.hits.map((h) => h.id).slice(0, 3)).toEqual(hits.map((h) => h.id).slice(0, 3));
      expect(await store.keywordSearch([], {}, 10)).toEqual([]);
      expect(await store.keywordSearch(['zzzznotaword'], {}, 10)).toEqual([]);
      // User text is never read as query syntax.
      expect(await store.keywordSearch(['"', "o'brien", '&', '!', 'a:b*'], {}, 10)).toEqual(expect.any(Array));
      expect((await store.keywordSearch([cve.toLowerCase()], { story_id: stories[3]!.id }, 10))).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('finds the nearest passages by vector as an exact cosine scan does, with and without filters', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { store } = db;
      const writes = await Promise.all(syntheticStories(900).map((s) => toWrite(s)));
      await store.write(writes, []);
      const queries = ['hard-coded credentials in the HMI panel', 'remote code execution energy', 'isolate the historian from business networks', 'Siemens SCADA server update'];
      let found = 0, total = 0;
      for (const text of queries) {
        const q = await embedder.embedQuery(text);
        const want = exactNearest(writes, q, () => true, 10);
        const exact = await store.vectorSearch(q, {}, 10, { exact: true });
        expectClose(exact.map((h) => h.similarity), want.map((w) => w.s));
        const ann = await store.vectorSearch(q, {}, 10);
        expect(ann).toHaveLength(10);
        // Each similarity is the passage's true cosine, best first.
        for (const h of ann) {
          const w = writes.flatMap((x) => x.passages.map((p, i) => ({ p, v: x.vectors[i] }))).find((x) => x.p.citation_id === h.id)!;
          expect(hasVector(w.p)).toBe(true);
          expect(h.similarity).toBeCloseTo(cosine(q, w.v!), 4);
        }
        for (let i = 1; i < ann.length; i++) expect(ann[i]!.similarity).toBeLessThanOrEqual(ann[i - 1]!.similarity + 1e-6);
        // Ties (passages that embed the same text) may swap: count by similarity rank.
        const cutoff = want.at(-1)!.s - 1e-6;
        found += ann.filter((h) => h.similarity >= cutoff).length;
        total += 10;

        // Filters: a small filtered set (exact) and a kind filter, each against the exact answer.
        const filters: PassageFilter[] = [
          { story_ids: ['synthetic-3', 'synthetic-40', 'synthetic-77'] },
          { kinds: ['timeline'] },
          // Kinds without a vector: nothing to find by meaning.
          { kinds: ['entity', 'source'] },
          { since: '2024-05-01', until: '2024-05-31' },
          { entity: { name: 'siemens', type: 'vendor' } },
        ];
        for (const filter of filters) {
          const keep = (p: Passage, s: Story) => {
            const date = p.date ?? s.published ?? null;
            return (
              (!filter.story_ids || filter.story_ids.includes(p.story_id)) &&
              (!filter.kinds || filter.kinds.includes(p.kind)) &&
              (!filter.since || (date !== null && date >= filter.since)) &&
              (!filter.until || (date !== null && date <= filter.until)) &&
              (!filter.entity || s.entities.some((e) => e.type === 'vendor' && e.name.toLowerCase() === 'siemens'))
            );
          };
          const wantF = exactNearest(writes, q, keep, 10);
          const got = await store.vectorSearch(q, filter, 10);
          expect(got.length, JSON.stringify(filter)).toBe(wantF.length);
          const ids = new Set(writes.flatMap((w) => w.passages.filter((p) => keep(p, w.story)).map((p) => p.citation_id)));
          expect(got.every((h) => ids.has(h.id)), JSON.stringify(filter)).toBe(true);
          expectClose(got.map((h) => h.similarity), wantF.map((w) => w.s));
        }
      }
      // The approximate index finds nearly every exact neighbour (hash vectors are hard: many near-ties).
      expect(found / total).toBeGreaterThanOrEqual(0.9);

      // A selective filter through the index (PostgreSQL: iterative scans) still fills the
      // list with passages that pass, nearly as the exact scan would.
      const indexed = await db.reopen(embedder.info, { exactScanLimit: 0 });
      try {
        let kept = 0, wanted = 0;
        for (const text of queries) {
          const q = await embedder.embedQuery(text);
          for (const filter of [{ story_ids: ['synthetic-3', 'synthetic-40', 'synthetic-77'] }, { kinds: ['timeline'] }] satisfies PassageFilter[]) {
            const ids = new Set(writes.flatMap((w) => w.passages.filter((p) => (filter.story_ids ? filter.story_ids.includes(p.story_id) : p.kind === 'timeline')).map((p) => p.citation_id)));
            const wantF = exactNearest(writes, q, (p) => ids.has(p.citation_id), 10);
            const got = await indexed.store.vectorSearch(q, filter, 10);
            expect(got).toHaveLength(wantF.length);
            expect(got.every((h) => ids.has(h.id))).toBe(true);
            kept += got.filter((h) => h.similarity >= wantF.at(-1)!.s - 1e-6).length;
            wanted += wantF.length;
          }
        }
        expect(kept / wanted).toBeGreaterThanOrEqual(0.9);
      } finally {
        await indexed.close();
      }
      expect(await store.vectorSearch(await embedder.embedQuery('x'), { story_id: 'nope' }, 10)).toEqual([]);
    } finally {
      await db.close();
    }
  }, 300_000);

  it('looks stories up by identifier and entity, and lists them newest first', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { store } = db;
      const stories = [seed, ...syntheticStories(60)];
      await store.write(await Promise.all(stories.map((s) => toWrite(s))), []);
      const cve = stories[3]!.entities.find((e) => e.type === 'cve')!.name;
      expect(await store.storiesIdentifiedBy([cve.toLowerCase()], 10)).toEqual([stories[3]!.id]);
      expect(await store.storiesIdentifiedBy([seed.id.toUpperCase(), 'ONCD', 'nothing'], 10)).toEqual([seed.id]);
      expect(await store.storiesNamingCve(cve.toLowerCase())).toEqual([stories[3]!.id]);
      const byVendor = await store.storiesByEntity('  SIEMENS ', 'Vendor', 0, 3);
      const siemens = stories.filter((s) => s.entities.some((e) => e.name === 'Siemens'));
      expect(byVendor.total).toBe(siemens.length);
      expect(byVendor.stories).toHaveLength(Math.min(3, siemens.length));
      expect(byVendor.stories[0]!.matched).toEqual([{ type: 'vendor', name: 'Siemens' }]);
      const alias = await store.storiesByEntity('oncd', undefined, 0, 10);
      expect(alias.stories.map((s) => [s.id, s.matched])).toEqual([[seed.id, [{ type: 'office', name: 'ONCD' }]]]);

      const all = await store.listStories({ offset: 0, limit: 100 });
      expect(all.total).toBe(stories.length);
      const dates = all.stories.map((s) => s.last_date ?? '');
      expect(dates).toEqual([...dates].sort().reverse());
      const page = await store.listStories({ offset: 5, limit: 5 });
      expect(page.stories.map((s) => s.id)).toEqual(all.stories.slice(5, 10).map((s) => s.id));
      const withCounts = all.stories.find((s) => s.id === seed.id)!;
      expect(withCounts.passage_count).toBe((await store.passagesOf(seed.id)).length);
      const march = await store.listStories({ since: '2024-03-01', until: '2024-03-31', offset: 0, limit: 100 });
      expect(march.stories.length).toBeGreaterThan(0);
      expect(march.total).toBe(stories.filter((s) => [s.published, s.updated, ...s.timeline.map((e) => e.date)].some((d) => d && d >= '2024-03-01' && d <= '2024-03-31')).length);
      const words = await store.listStories({ terms: ['historian'], entity: 'siemens', offset: 0, limit: 100 });
      expect(words.stories.map((s) => s.id).sort()).toEqual(stories.filter((s) => s.body.includes('historian') && s.entities.some((e) => e.name === 'Siemens')).map((s) => s.id).sort());
    } finally {
      await db.close();
    }
  });

  it('records KEV entries and metadata', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { store } = db;
      expect(await store.upsertKev([kev('CVE-2024-0001'), kev('CVE-2024-0002')], '2024.01')).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
      expect(await store.upsertKev([kev('CVE-2024-0001'), kev('CVE-2024-0002', ' (changed)')], '2024.02')).toEqual(['CVE-2024-0002']);
      expect(await store.kevFor(['cve-2024-0002', 'CVE-2099-0001', 'CVE-2024-0001'])).toEqual([kev('CVE-2024-0002', ' (changed)'), kev('CVE-2024-0001')]);
      expect(await store.getMeta('k')).toBeNull();
      await store.setMeta('k', 'one');
      await store.setMeta('k', 'two');
      expect(await store.getMeta('k')).toBe('two');
    } finally {
      await db.close();
    }
  });

  it('refuses a partial write with another embedder, and a full rewrite (reindex) changes it', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const stories = syntheticStories(90);
      await db.store.write(await Promise.all(stories.map((s) => toWrite(s))), []);
      const other = hashEmbedder(32, 'hash-other');
      const second = await db.reopen(other.info);
      try {
        await expect(second.checkEmbedder()).rejects.toBeInstanceOf(EmbedderMismatchError);
        await expect(second.store.write([await toWrite(stories[0]!, other)], [])).rejects.toBeInstanceOf(EmbedderMismatchError);
        expect((await db.store.passagesOf(stories[0]!.id)).length).toBeGreaterThan(0);
        await second.store.write(await Promise.all(stories.map((s) => toWrite(s, other))), []);
        await expect(second.checkEmbedder()).resolves.toBeUndefined();
        const q = await other.embedQuery(stories[4]!.body);
        const hits = await second.store.vectorSearch(q, {}, 5);
        expect(hits).toHaveLength(5);
        expect((await second.store.getPassage(hits[0]!.id))?.story_id).toBe(stories[4]!.id);
      } finally {
        await second.close();
      }
    } finally {
      await db.close();
    }
  });

  it('leaves nothing half-written when a write fails', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { store } = db;
      const [a, b, c] = syntheticStories(30);
      await store.write([await toWrite(a!)], []);
      const before = { counts: await store.counts(), passages: await store.passagesOf(a!.id) };
      // The database refuses the write midway: two stories claim one citation id.
      const wb = await toWrite(b!);
      const wc = await toWrite(c!);
      const clash: StoryWrite = { ...wc, passages: wc.passages.map((p, i) => (i === 1 ? { ...p, citation_id: wb.passages[0]!.citation_id } : p)) };
      const changedA = await toWrite({ ...a!, title: 'Changed title' });
      await expect(store.write([changedA, wb, clash], [])).rejects.toThrow();
      expect(await store.counts()).toEqual(before.counts);
      expect(await store.passagesOf(a!.id)).toEqual(before.passages);
      expect((await store.getStory(a!.id))?.story.title).toBe(a!.title);
      expect(await store.getStory(b!.id)).toBeNull();
      // A write hook that throws rolls the stories back with it.
      store.onWrite(() => Promise.reject(new Error('hook failed')));
      await expect(store.write([wb], [a!.id])).rejects.toThrow('hook failed');
      expect(await store.counts()).toEqual(before.counts);
      expect(await store.getStory(b!.id)).toBeNull();
      expect(await store.keywordSearch([b!.entities[1]!.name.toLowerCase()], {}, 5)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('keeps subscriptions, and leases each due delivery to one claimer at a time', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const subs = db.store.subscriptions;
      expect(await subs.insert(subscription('sub_a', { idempotency_key: 'k1', request_hash: 'h1' }))).toBe(true);
      expect(await subs.insert(subscription('sub_dup', { idempotency_key: 'k1' }))).toBe(false);
      expect(await subs.insert(subscription('sub_bob', { owner: 'bob', idempotency_key: 'k1' }))).toBe(true);
      expect(await subs.byIdempotencyKey('alice', 'k1')).toEqual({ id: 'sub_a', request_hash: 'h1' });
      const a = await subs.get('sub_a');
      expect(a).toMatchObject({ id: 'sub_a', owner: 'alice', query_vector: [0.25, -0.5, 1], entities: ['Siemens'], affects_assets: { min_confidence: 'high' }, target: { type: 'outbox', name: 'main' }, status: 'active', disabled_reason: null });
      expect(await subs.get('nope')).toBeNull();
      expect(await subs.sealedSecret('sub_a')).toBe('sealed');
      expect((await subs.list({ owner: 'bob' })).map((r) => r.id)).toEqual(['sub_bob']);
      await subs.update('sub_bob', { name: 'paused', threshold: 0.5, target: { type: 'webhook', url: 'https://example.org/h' }, affects_assets: null, status: 'paused', disabled_reason: null }, '2024-02-01T00:00:00.000Z');
      expect(await subs.get('sub_bob')).toMatchObject({ name: 'paused', status: 'paused', target: { type: 'webhook', url: 'https://example.org/h' }, affects_assets: null, updated_at: '2024-02-01T00:00:00.000Z' });
      expect((await subs.list({ status: 'active' })).map((r) => r.id)).toEqual(['sub_a']);
      await subs.setQueryVector('sub_a', [1, 2]);
      expect((await subs.get('sub_a'))?.query_vector).toEqual([1, 2]);

      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push(await subs.enqueue({ subscription_id: 'sub_a', event_type: 'story.created', story_id: `s${i}`, data: { i } }));
      await subs.enqueue({ subscription_id: 'sub_bob', event_type: 'story.created', story_id: null, data: {} }); // paused: never claimed
      const now = Date.now() + 1_000;
      expect(await subs.outstanding()).toBe(5);
      const first = await subs.claim(3, 60_000, now);
      expect(first).toHaveLength(3);
      expect(first.every((d) => d.status === 'delivering' && d.claims === 1 && ids.includes(d.id))).toBe(true);
      const payload = JSON.parse(first[0]!.payload) as { type: string; data: { i: number } };
      expect([payload.type, typeof payload.data.i]).toEqual(['story.created', 'number']);
      const second = await subs.claim(3, 60_000, now);
      expect(second).toHaveLength(2);
      expect(await subs.claim(3, 60_000, now)).toEqual([]);
      // A lease that ran out (a worker died) is claimed again, and the old claim is fenced off.
      const again = await subs.claim(10, 60_000, now + 61_000);
      expect(again).toHaveLength(5);
      const d = again.find((x) => x.id === first[0]!.id)!;
      expect(d.claims).toBe(2);
      expect(await subs.markDelivered(first[0]!, 200, 'x')).toBe(false);
      expect(await subs.markDelivered(d, 204, '2024-03-01T00:00:00.000Z')).toBe(true);
      expect(await subs.getDelivery(d.id)).toMatchObject({ status: 'delivered', attempts: 1, last_status: 204, delivered_at: '2024-03-01T00:00:00.000Z' });
      const [f, g] = again.filter((x) => x.id !== d.id);
      expect(await subs.markFailed(f!, { status: 500, error: 'boom', retryAt: now + 5_000 })).toBe(true);
      expect(await subs.getDelivery(f!.id)).toMatchObject({ status: 'pending', attempts: 1, last_status: 500, last_error: 'boom', next_attempt_at: now + 5_000 });
      expect(await subs.markFailed(g!, { status: null, error: 'gone', retryAt: null })).toBe(true);
      expect((await subs.getDelivery(g!.id))?.status).toBe('dead');
      await subs.retry(g!.id, now);
      expect(await subs.getDelivery(g!.id)).toMatchObject({ status: 'pending', attempts: 0, claims: 0, next_attempt_at: now });
      const one = await subs.claimOne(g!.id, 1_000, now);
      expect(one?.id).toBe(g!.id);
      expect(await subs.claimOne(g!.id, 1_000, now)).toBeNull();
      expect(await subs.markAbandoned(one!, 'crash loop')).toBe(true);
      expect((await subs.deliveries({ subscription_id: 'sub_a', status: 'dead', limit: 10 })).map((x) => x.id)).toEqual([g!.id]);
      expect(await subs.deliveries({ owner: 'bob', limit: 10 })).toHaveLength(1);
      await subs.delete('sub_a');
      expect(await subs.get('sub_a')).toBeNull();
      expect(await subs.deliveries({ subscription_id: 'sub_a', limit: 10 })).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('never hands one delivery to two workers claiming at once, from two stores on one database', async () => {
    const db = await engine.fresh(embedder.info);
    const other = await db.reopen(embedder.info);
    try {
      await db.store.subscriptions.insert(subscription('sub_c'));
      for (let i = 0; i < 40; i++) await db.store.subscriptions.enqueue({ subscription_id: 'sub_c', event_type: 'e', story_id: null, data: { i } });
      const now = Date.now() + 1_000;
      const claimed = (await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other : db).store.subscriptions.claim(7, 60_000, now)))).flat();
      expect(claimed).toHaveLength(40);
      expect(new Set(claimed.map((d) => d.id)).size).toBe(40);
    } finally {
      await other.close();
      await db.close();
    }
  });

  it('tells a listener when deliveries are queued (on PostgreSQL also a listener of another store on the database), until it stops', async () => {
    const db = await engine.fresh(embedder.info);
    const other = await db.reopen(embedder.info);
    try {
      await db.store.subscriptions.insert(subscription('sub_w'));
      const enqueue = () => db.store.subscriptions.enqueue({ subscription_id: 'sub_w', event_type: 'e', story_id: null, data: {} });
      const listeners = engine.name === 'SQLite' ? [db] : [db, other];
      const heard = listeners.map(() => 0);
      const stops = listeners.map((l, i) => l.store.subscriptions.onEnqueued(() => heard[i]!++));
      // A PostgreSQL listener starts listening once its connection is up: queue until it hears.
      await waitFor(async () => (await enqueue(), heard.every((n) => n > 0)), 10_000, 100);
      expect(heard.every((n) => n > 0)).toBe(true);
      stops.forEach((stop) => stop());
      await sleep(200);
      const before = [...heard];
      await enqueue();
      await sleep(300);
      expect(heard).toEqual(before);
    } finally {
      await other.close();
      await db.close();
    }
  });

  it('queues deliveries from a write hook in the story transaction, and drops them when it rolls back', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { store } = db;
      await store.subscriptions.insert(subscription('sub_h'));
      await store.subscriptions.insert(subscription('sub_off'));
      await store.subscriptions.update('sub_off', { name: 'off', threshold: 0.4, target: { type: 'outbox', name: 'main' }, affects_assets: null, status: 'disabled', disabled_reason: 'test' }, 'now');
      const seen: string[][] = [];
      store.onWrite(async (changes, tx) => {
        const active = await tx.activeSubscriptions();
        seen.push(active.map((s) => s.id));
        // The hook reads what this transaction wrote.
        for (const c of changes) expect((await tx.passagesOf(c.story.id)).map((p) => p.citation_id)).toEqual(c.passages.map((p) => p.citation_id));
        expect([...(await tx.storyHeads(changes.map((c) => c.story.id))).keys()]).toEqual(changes.map((c) => c.story.id));
        for (const c of changes) for (const s of active) await tx.enqueue({ subscription_id: s.id, event_type: c.previous ? 'story.updated' : 'story.created', story_id: c.story.id, data: { title: c.story.title } });
      });
      const [a, b, c] = syntheticStories(30);
      await store.write([await toWrite(a!), await toWrite(b!)], []);
      expect(seen).toEqual([['sub_h']]);
      const queued = await store.subscriptions.deliveries({ subscription_id: 'sub_h', limit: 10 });
      expect(queued.map((d) => [d.event_type, d.story_id]).sort()).toEqual([['story.created', a!.id], ['story.created', b!.id]]);
      // A later hook fails after the first queued its deliveries: none of them stays.
      let fail = true;
      store.onWrite(() => (fail ? Promise.reject(new Error('hook failed')) : Promise.resolve()));
      await expect(store.write([await toWrite({ ...a!, title: 'changed' }), await toWrite(c!)], [])).rejects.toThrow('hook failed');
      fail = false;
      expect(await store.subscriptions.deliveries({ subscription_id: 'sub_h', limit: 10 })).toHaveLength(2);
    } finally {
      await db.close();
    }
  });

  it('keeps assets and VEX by source, and advisory products written with their story', async () => {
    const db = await engine.fresh(embedder.info);
    try {
      const { assets } = db.store;
      const inv = [asset('a1', 'sbom', 'widget'), asset('a2', 'sbom', 'gadget', { purl_key: 'pkg:npm/gadget' }), asset('a3', 'csv', 'widget', { cpe_key: 'cpe:acme:widget' })];
      const vex = [{ source: 'sbom', cve: 'CVE-2024-1', purl_key: 'pkg:npm/gadget', cpe_key: null, asset_key: null, data: '{"status":"not_affected"}' }];
      expect(await assets.replaceSources(['sbom', 'csv'], inv, vex)).toEqual({ removed: 0 });
      expect(await assets.count()).toBe(3);
      expect(await assets.list({ offset: 0, limit: 10 })).toEqual({ total: 3, assets: [inv[2]!.data, inv[1]!.data, inv[0]!.data] });
      expect(await assets.list({ text: 'GADG', offset: 0, limit: 10 })).toEqual({ total: 1, assets: [inv[1]!.data] });
      expect(await assets.list({ source: 'sbom', offset: 1, limit: 1 })).toEqual({ total: 2, assets: [inv[0]!.data] });
      expect(await assets.get('a2')).toEqual([inv[1]!.data]);
      expect(await assets.get('A3')).toEqual([inv[2]!.data]);
      expect(await assets.get('nope')).toEqual([]);
      expect((await assets.assetsByKeys({ names: ['widget'], purls: ['pkg:npm/gadget'], cpes: [] })).sort()).toEqual([inv[0]!.data, inv[1]!.data, inv[2]!.data].sort());
      expect(await assets.assetsByKeys({ names: [], purls: [], cpes: ['cpe:acme:widget'] })).toEqual([inv[2]!.data]);
      expect(await assets.vexFor(['CVE-2024-1', 'CVE-2024-2'])).toEqual(vex);
      const pages: string[][] = [];
      for await (const page of assets.allAssets(2)) pages.push(page);
      expect(pages.map((p) => p.length)).toEqual([2, 1]);
      // A re-import of a source replaces what it held; a failed one changes nothing.
      expect(await assets.replaceSources(['sbom'], [asset('a4', 'sbom', 'doohickey')], [])).toEqual({ removed: 2 });
      expect(await assets.vexFor(['CVE-2024-1'])).toEqual([]);
      await expect(assets.replaceSources(['csv'], [asset('a5', 'csv', 'x'), { ...asset('a6', 'csv', 'y'), name_norm: null as unknown as string }], [])).rejects.toThrow();
      expect(await assets.count()).toBe(2);
      expect(await assets.remove({ asset_ids: ['a4'] })).toBe(1);
      expect(await assets.remove({ source: 'csv' })).toBe(1);
      expect(await assets.count()).toBe(0);

      // Advisory product rows: written by a write hook with the story, gone with it.
      expect(await assets.advisoryIndexCurrent()).toBe(false);
      await assets.markAdvisoryIndexCurrent();
      expect(await assets.advisoryIndexCurrent()).toBe(true);
      const row = (id: string, name: string) => ({ product_id: id, name_norm: name, full_norm: `acme ${name}`, purl_key: null, cpe_key: `cpe:${name}`, data: JSON.stringify({ id }) });
      db.store.onWrite(async (changes, tx) => {
        await tx.indexAdvisories(changes.map((c) => ({ story_id: c.story.id, rows: [row('p1', `${c.story.id}-hmi`), row('p2', 'plc')] })));
        expect(await tx.assetsByKeys({ names: ['plc'], purls: [], cpes: [] })).toEqual([]);
        expect(await tx.vexFor(['CVE-2024-1'])).toEqual([]);
      });
      const [s1, s2] = syntheticStories(20);
      await db.store.write([await toWrite(s1!), await toWrite(s2!)], []);
      expect(await assets.advisoryProducts(s1!.id)).toEqual([{ story_id: s1!.id, data: row('p1', '').data }, { story_id: s1!.id, data: row('p2', '').data }]);
      expect((await assets.advisoryProductsByKeys({ names: ['acme plc'], purls: [], cpes: [] })).map((r) => r.story_id).sort()).toEqual([s1!.id, s2!.id].sort());
      expect(await assets.advisoryProductsByKeys({ names: [], purls: [], cpes: [`cpe:${s2!.id}-hmi`] })).toEqual([{ story_id: s2!.id, data: row('p1', '').data }]);
      await db.store.write([], [s1!.id]);
      expect(await assets.advisoryProducts(s1!.id)).toEqual([]);
      await assets.indexAdvisories([{ story_id: s2!.id, rows: [row('p3', 'rtu')] }]);
      expect(await assets.advisoryProducts(s2!.id)).toEqual([{ story_id: s2!.id, data: row('p3', '').data }]);
    } finally {
      await db.close();
    }
  });
});
