import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { asSqlite } from '../src/store/sqlite/store.js';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Embedder } from '../src/embed/embedder.js';
import { createLogger } from '../src/log.js';
import { StoryFileError } from '../src/story/load.js';
import { hasVector } from '../src/story/passage.js';
import { CLI, FIXTURES, hashEmbedder, openTestApp, SEED_ID, sleep, tempDir } from './helpers.js';

/** Passages that carry a vector (VECTOR_KINDS); the others are found by their words only. */
const embeddedPassages = async (store: App['store']) => (await Promise.all((await store.storyIds()).map((id) => store.passagesOf(id)))).flat().filter(hasVector);

const seed = () => JSON.parse(readFileSync(path.join(loadConfig().corpusDir, `${SEED_ID}.json`), 'utf8')) as Record<string, unknown>;

describe('ingest', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  const open = async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    cleanups.push(app.cleanup);
    return app;
  };

  it('does no work for an unchanged story and keeps citation ids stable', async () => {
    const app = await open();
    const before = (await app.store.passagesOf(SEED_ID)).map((p) => p.citation_id);
    const gen = await app.store.getMeta('vector_generation');
    const r = await app.ingestPaths([app.config.corpusDir]);
    expect(r).toMatchObject({ added: [], updated: [], unchanged: [SEED_ID], passages: 0 });
    expect((await app.store.getMeta('vector_generation'))).toBe(gen);
    expect((await app.store.passagesOf(SEED_ID)).map((p) => p.citation_id)).toEqual(before);
  });

  it('replaces the passages of a changed story and keeps ids of unchanged text', async () => {
    const app = await open();
    const before = new Map((await app.store.passagesOf(SEED_ID)).map((p) => [p.field + p.text, p.citation_id]));
    const story = seed();
    story.body = `${story.body as string}\n\nA new paragraph about quantum-safe cryptography appears here.`;
    const file = path.join(app.dir, 'changed.json');
    writeFileSync(file, JSON.stringify(story));
    const r = await app.ingestPaths([file]);
    expect(r.updated).toEqual([SEED_ID]);
    // Only the new paragraph's passage is embedded; unchanged text keeps its stored vector.
    expect(r.passages).toBe(1);
    const after = await app.store.passagesOf(SEED_ID);
    expect(after.some((p) => p.text.includes('quantum-safe'))).toBe(true);
    const kept = after.filter((p) => before.get(p.field + p.text) === p.citation_id);
    expect(kept.length).toBeGreaterThan(10);
    const hits = await app.retriever.search({ query: 'quantum-safe cryptography', limit: 3 });
    expect(hits[0]!.text).toContain('quantum-safe');
    expect((await asSqlite(app.store).vectors()).size).toBe((await embeddedPassages(app.store)).length);
  });

  it('embeds only the kinds that carry a vector: fact, source and remediation passages are stored without one and found by their words', async () => {
    const texts: string[] = [];
    const inner = hashEmbedder();
    const counting: Embedder = { ...inner, embedDocuments: (t, onProgress) => (texts.push(...t), inner.embedDocuments(t, onProgress)) };
    const app = await openTestApp({ embedder: counting, ingest: false });
    cleanups.push(app.cleanup);
    const r = await app.ingestPaths([app.config.corpusDir, path.join(FIXTURES, 'exposure/advisories')]);
    const passages = (await Promise.all((await app.store.storyIds()).map((id) => app.store.passagesOf(id)))).flat();
    const withVector = passages.filter(hasVector);
    expect(new Set(withVector.map((p) => p.kind))).toEqual(new Set(['body', 'timeline']));
    for (const kind of ['entity', 'source', 'vulnerability', 'remediation'] as const) expect(passages.some((p) => p.kind === kind), kind).toBe(true);
    // One embedder input per distinct text with a vector, none for the others.
    expect(texts.length).toBe(r.passages);
    expect(texts.length).toBe(await app.store.countVectors());
    expect(texts.length).toBeLessThanOrEqual(withVector.length);
    const vectorHits = await app.retriever.search({ query: 'Agencies: CISA NSA OMB Treasury', limit: 50, mode: 'vector' });
    expect(vectorHits.length).toBeGreaterThan(0);
    expect(vectorHits.every(hasVector)).toBe(true);
    // Hybrid search still finds a fact line by its words, ranked on them alone.
    const hybrid = await app.retriever.search({ query: 'Which agencies are named: CISA NSA OMB Treasury', limit: 5 });
    const fact = hybrid.find((h) => h.kind === 'entity');
    expect(fact?.text).toMatch(/^Agencies: /);
    expect(fact?.similarity).toBeNull();
    // Its story's closeness in meaning stands in for its own (the offline answer's support reads it).
    expect(fact?.story_similarity).toEqual(expect.any(Number));
    // A question that asks for names gets the story's entity lines, whose words it does not use.
    const names = await app.retriever.search({ query: 'Which government bodies and officials are named in the story?', limit: 8 });
    expect(names.filter((h) => h.kind === 'entity').map((h) => h.text.split(':')[0])).toEqual(expect.arrayContaining(['Agencies', 'Offices', 'People']));
  });

  it('reindexes many stories in one write, whatever the batch size', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const config = loadConfig({ env: { STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_INGEST_BATCH_STORIES: '2' } });
    const first = await openApp(config, { embedder: hashEmbedder(64, 'one'), log: createLogger('silent') });
    const stories = path.join(dir, 'stories');
    mkdirSync(stories);
    for (let i = 0; i < 5; i++) writeFileSync(path.join(stories, `s${i}.json`), JSON.stringify({ id: `s${i}`, title: `Story ${i}`, body: `Body of story ${i} about ransomware.` }));
    await first.ingestPaths([stories]);
    await first.close();
    const second = await openApp(config, { embedder: hashEmbedder(64, 'two'), log: createLogger('silent') });
    try {
      const r = await second.reindex();
      expect(r.updated).toHaveLength(5);
      expect((await second.store.indexedEmbedder())?.model).toBe('two');
    } finally {
      await second.close();
    }
  });

  it('removes a story with its passages, keyword rows and vectors', async () => {
    const app = await open();
    await app.store.write([], [SEED_ID]);
    expect((await app.store.counts())).toEqual({ stories: 0, passages: 0 });
    expect(await app.retriever.search({ query: 'executive order', limit: 5 })).toEqual([]);
  });

  it('rejects a bad file naming the file and field, and changes nothing', async () => {
    const app = await open();
    const counts = await app.store.counts();
    const gen = await app.store.getMeta('vector_generation');
    const cases: [string, unknown, RegExp][] = [
      ['missing-title.json', { ...seed(), id: 'other', title: undefined }, /missing-title\.json: field "title"/],
      ['bad-date.json', { ...seed(), id: 'other', published: '2026-02-30' }, /bad-date\.json: field "published" is not a real calendar date/],
      ['bad-event-date.json', { ...seed(), id: 'other', timeline: [{ date: 'June 2', title: 't', text: 'x' }] }, /field "timeline\[0\]\.date"/],
      ['wrong-type.json', { ...seed(), id: 'other', sources: 'darkreading' }, /field "sources"/],
      ['bad-id.json', { ...seed(), id: '../etc/passwd' }, /field "id"/],
    ];
    for (const [name, data, message] of cases) {
      const file = path.join(app.dir, name);
      writeFileSync(file, JSON.stringify(data));
      await expect(app.ingestPaths([file])).rejects.toThrow(message);
    }
    writeFileSync(path.join(app.dir, 'not-json.json'), '{ "id": ');
    await expect(app.ingestPaths([path.join(app.dir, 'not-json.json')])).rejects.toBeInstanceOf(StoryFileError);
    await expect(app.ingestPaths([path.join(app.dir, 'absent.json')])).rejects.toThrow(/absent\.json: does not exist/);
    // A good file beside a bad one is not written either: every file is validated first.
    const good = path.join(app.dir, 'good.json');
    writeFileSync(good, JSON.stringify({ ...seed(), id: 'good-one' }));
    await expect(app.ingestPaths([good, path.join(app.dir, 'bad-date.json')])).rejects.toThrow(/bad-date\.json/);
    expect((await app.store.counts())).toEqual(counts);
    expect((await app.store.getMeta('vector_generation'))).toBe(gen);
  });

  it('keeps the previous index usable after a crash between writing vectors and committing', async () => {
    const app = await open();
    const dir = app.dir;
    const vectorsDir = path.join(dir, 'vectors');
    // What a crash leaves behind: a half-written temporary directory and a whole new
    // generation whose SQLite commit never happened.
    mkdirSync(path.join(vectorsDir, 'gen-2.tmp-999-1'), { recursive: true });
    writeFileSync(path.join(vectorsDir, 'gen-2.tmp-999-1', 'hnsw.bin'), 'partial');
    mkdirSync(path.join(vectorsDir, 'gen-2'), { recursive: true });
    await app.close();
    const reopened = await openApp(app.config, { embedder: hashEmbedder(), log: createLogger('silent') });
    try {
      const hits = await reopened.retriever.search({ query: 'binding operational directive', limit: 3 });
      expect(hits.length).toBe(3);
      // The next write takes generation 2 over the debris and cleans up.
      const story = { ...seed(), id: 'another' };
      writeFileSync(path.join(dir, 'another.json'), JSON.stringify(story));
      await reopened.ingestPaths([path.join(dir, 'another.json')]);
      expect(readdirSync(vectorsDir)).toEqual(['gen-2']);
      // One vector per distinct embedded text: the copy shares the seed story's vectors.
      expect((await asSqlite(reopened.store).vectors()).size).toBe((await reopened.store.countVectors()));
      expect((await reopened.store.countVectors())).toBe((await embeddedPassages(reopened.store)).length / 2);
      await reopened.store.write([], [SEED_ID, 'another']);
      expect(readdirSync(vectorsDir)).toEqual([]);
    } finally {
      await reopened.close();
    }
  });

  it('updates the vector index in place for a write, and the next start loads it with its deletions', async () => {
    const app = await open();
    const index = await asSqlite(app.store).vectors();
    const before = index.size;
    await app.ingestPaths([path.join(FIXTURES, 'extra-story.json')]);
    // The same index object, grown by the new story's distinct texts: no rebuild.
    expect(await asSqlite(app.store).vectors()).toBe(index);
    expect(index.size).toBe((await app.store.countVectors()));
    expect(index.size).toBeGreaterThan(before);
    const added = index.size - before;
    await app.store.write([], ['test-ics-advisory']);
    expect(await asSqlite(app.store).vectors()).toBe(index);
    expect(index.size).toBe(before);
    expect(index.deleted).toBe(added);
    const hits = await app.retriever.search({ query: 'binding operational directive', limit: 50, mode: 'vector' });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.story_id === SEED_ID)).toBe(true);
    await app.close();
    const warnings: string[] = [];
    const reopened = await openApp(app.config, { embedder: hashEmbedder(), log: { ...createLogger('silent'), warn: (m) => warnings.push(m) } });
    try {
      const loaded = await asSqlite(reopened.store).vectors();
      expect(warnings).toEqual([]); // loaded from disk, not rebuilt
      expect([loaded.size, loaded.deleted]).toEqual([before, added]);
      expect((await reopened.retriever.search({ query: 'binding operational directive', limit: 1 }))[0]!.field).toBe('timeline[0].text');
    } finally {
      await reopened.close();
    }
  });

  it('rebuilds a missing vector index from the database on first use, and saves it for the next start', async () => {
    const app = await open();
    const vectorsDir = path.join(app.dir, 'vectors');
    rmSync(vectorsDir, { recursive: true, force: true });
    await app.close();
    const warnings: string[] = [];
    const log = { ...createLogger('silent'), warn: (m: string) => warnings.push(m) };
    const reopened = await openApp(app.config, { embedder: hashEmbedder(), log });
    try {
      expect(warnings).toEqual([]); // opening never touches the index
      expect((await reopened.retriever.search({ query: 'binding operational directive', limit: 1 }))[0]!.field).toBe('timeline[0].text');
      expect(warnings.join()).toMatch(/never saved .*rebuilding from the database/);
      expect(readdirSync(vectorsDir)).toEqual([`gen-${(await reopened.store.getMeta('vector_generation'))}`]);
    } finally {
      await reopened.close();
    }
    const again = await openApp(app.config, { embedder: hashEmbedder(), log });
    try {
      warnings.length = 0;
      expect((await asSqlite(again.store).vectors()).size).toBe((await embeddedPassages(again.store)).length);
      expect(warnings).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('rebuilds a damaged vector index from the database', async () => {
    const app = await open();
    const gen = await app.store.getMeta('vector_generation');
    writeFileSync(path.join(app.dir, 'vectors', `gen-${gen}`, 'hnsw.bin'), 'damaged');
    await app.close();
    const warnings: string[] = [];
    const reopened = await openApp(app.config, { embedder: hashEmbedder(), log: { ...createLogger('silent'), warn: (m) => warnings.push(m) } });
    try {
      expect((await reopened.retriever.search({ query: 'binding operational directive', limit: 1 }))[0]!.field).toBe('timeline[0].text');
      expect(warnings.join()).toMatch(/unusable .*rebuilding from the database/);
    } finally {
      await reopened.close();
    }
  });
});

describe('ingest survives kill -9 (real process, real local embedder)', () => {
  it('leaves a consistent, searchable store whenever the process is killed, and a rerun resumes to the same store', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const env = { ...process.env, STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_LOG_LEVEL: 'error', STORYLINE_INGEST_BATCH_STORIES: '10' };
      const first = spawnSync(process.execPath, [CLI, 'ingest'], { env, encoding: 'utf8' });
      expect(first.status, first.stderr).toBe(0);
      const bulk = path.join(dir, 'bulk');
      mkdirSync(bulk);
      for (let i = 0; i < 40; i++) {
        const sentences = Array.from({ length: 24 }, (_, j) => `Advisory ${i} sentence ${j} describes vulnerability CVE-2026-${1000 + i} in product line ${j}.`);
        writeFileSync(path.join(bulk, `s${i}.json`), JSON.stringify({ id: `bulk-${i}`, title: `Bulk advisory ${i}`, body: sentences.join(' ') }));
      }
      for (const delayMs of [1500, 3000, 4500]) {
        const child = spawn(process.execPath, [CLI, 'ingest', bulk], { env, stdio: 'ignore' });
        await sleep(delayMs);
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        const stories = spawnSync(process.execPath, [CLI, 'stories', '--json', '--limit', '100'], { env, encoding: 'utf8' });
        expect(stories.status, stories.stderr).toBe(0);
        // Each batch of 10 stories is one atomic write: whole batches or nothing.
        expect([1, 11, 21, 31, 41]).toContain((JSON.parse(stories.stdout) as { total: number }).total);
        const ask = spawnSync(process.execPath, [CLI, 'ask', 'binding operational directive', '--json'], { env, encoding: 'utf8' });
        expect(ask.status, ask.stderr).toBe(0);
        expect((JSON.parse(ask.stdout) as { found: boolean }).found).toBe(true);
      }
      const done = spawnSync(process.execPath, [CLI, 'ingest', bulk, '--json'], { env, encoding: 'utf8' });
      expect(done.status, done.stderr).toBe(0);
      const list = JSON.parse(spawnSync(process.execPath, [CLI, 'stories', '--json', '--limit', '100'], { env, encoding: 'utf8' }).stdout) as { total: number };
      expect(list.total).toBe(41);
      // The resumed store holds exactly what an uninterrupted run writes.
      const cleanEnv = { ...env, STORYLINE_DATA_DIR: path.join(dir, 'clean') };
      expect(spawnSync(process.execPath, [CLI, 'ingest'], { env: cleanEnv }).status).toBe(0);
      expect(spawnSync(process.execPath, [CLI, 'ingest', bulk], { env: cleanEnv }).status).toBe(0);
      const ids = (d: string) => {
        const db = new Database(path.join(d, 'storyline.db'), { readonly: true });
        const rows = (db.prepare('SELECT citation_id FROM passages ORDER BY citation_id').all() as { citation_id: string }[]).map((r) => r.citation_id);
        db.close();
        return rows;
      };
      expect(ids(path.join(dir, 'data'))).toEqual(ids(path.join(dir, 'clean')));
      expect(readdirSync(path.join(dir, 'data', 'vectors'))).toHaveLength(1);
    } finally {
      cleanup();
    }
  }, 300_000); // a real model embedding across several killed runs: slow on a busy 2-core machine
});
