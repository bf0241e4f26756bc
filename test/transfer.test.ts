import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { afterEach, describe, expect, it } from 'vitest';
import { exportStore, importStore } from '../src/store/transfer.js';
import { hasVector, type Passage } from '../src/story/passage.js';
import { CLI, FIXTURES, hashEmbedder, openTestApp, SEED_ID, tempDir } from './helpers.js';

describe('export and import', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  // One key for both stores, as a team moving its store would give the new one (subscriptions' secrets are sealed with it).
  const key = randomBytes(32).toString('base64');
  const open = async (ingest: boolean, secretKey = key) => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest, env: { STORYLINE_SECRET_KEY: secretKey } });
    cleanups.push(app.cleanup);
    return app;
  };

  it('moves stories, passages, vectors, KEV entries and subscriptions without re-embedding; search answers the same', async () => {
    const from = await open(true);
    await from.ingestPaths([path.join(FIXTURES, 'exposure/advisories'), path.join(FIXTURES, 'exposure/kev-excerpt.json')]);
    const subs = from.subscriptions;
    const watch = (await subs.create({ name: 'ics watch', query: 'default credentials in controllers', outbox: 'soc' }, LOCAL_CALLER)).subscription;
    const paused = (await subs.create({ name: 'paused', entities: ['CISA'], outbox: 'soc' }, LOCAL_CALLER)).subscription;
    await subs.update(paused.id, { status: 'paused' }, LOCAL_CALLER);
    const file = path.join(from.dir, 'store.jsonl.gz');
    const exported = await exportStore(from.store, from.embedder.info, file);
    expect(exported.stories).toBe((await from.store.counts()).stories);
    expect(exported.kev_entries).toBeGreaterThan(0);
    const exportedLines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    expect(exportedLines[0]).toContain('"storyline-export"');
    // A passage of a kind without a vector (VECTOR_KINDS) travels with null for it.
    const storyLines = exportedLines.filter((l) => l.includes('"type":"story"')).map((l) => JSON.parse(l) as { passages: Passage[]; vectors: (string | null)[] });
    const pairs = storyLines.flatMap((l) => l.passages.map((p, i) => [p, l.vectors[i]] as const));
    expect(pairs.some(([p]) => !hasVector(p))).toBe(true);
    expect(pairs.every(([p, v]) => (hasVector(p) ? typeof v === 'string' : v === null))).toBe(true);

    const to = await open(false);
    let embedded = 0;
    const embed = to.embedder.embedDocuments.bind(to.embedder);
    to.embedder.embedDocuments = (texts, p) => ((embedded += texts.length), embed(texts, p));
    const opensSecret = (sealed: string) => to.subscriptions.store.opensSecret(sealed);
    const imported = await importStore(to.store, to.embedder.info, file, { opensSecret });
    expect(imported).toMatchObject({ stories: exported.stories, passages: exported.passages, kev_entries: exported.kev_entries, subscriptions: 2, skipped: 0 });
    expect(embedded).toBe(0);
    expect(await to.store.countVectors()).toBe(await from.store.countVectors());
    expect(await to.store.subscriptions.list()).toEqual(await from.store.subscriptions.list());
    expect(to.subscriptions.store.opensSecret((await from.store.subscriptions.sealedSecret(watch.id))!)).toBe(true);
    // Imported stories were not news to the subscriptions that moved with them.
    expect(await to.store.subscriptions.outstanding()).toBe(0);
    expect(await to.store.storyIds()).toEqual(await from.store.storyIds());
    expect(await to.store.passagesOf(SEED_ID)).toEqual(await from.store.passagesOf(SEED_ID));
    expect(await to.store.kevEntries()).toEqual(await from.store.kevEntries());
    for (const query of ['Who signed the order?', 'CVE-2019-6575', 'default credentials']) {
      const ids = async (app: typeof from) => (await app.retriever.search({ query, limit: 5 })).map((h) => h.citation_id);
      expect(await ids(to)).toEqual(await ids(from));
    }
    // Again: every story is already there unchanged.
    expect(await importStore(to.store, to.embedder.info, file, { opensSecret })).toMatchObject({ skipped: exported.stories, passages: 0, subscriptions: 0 });

    // A store with another secret key could not sign for them: nothing is imported.
    const stranger = await open(false, randomBytes(32).toString('base64'));
    const refused = await importStore(stranger.store, stranger.embedder.info, file, { opensSecret: (s) => stranger.subscriptions.store.opensSecret(s) }).then(() => null, (e: Error) => e);
    expect(refused?.message).toMatch(/secret key cannot open the signing secret of subscription .*STORYLINE_SECRET_KEY.*Nothing was imported/);
    expect((await stranger.store.counts()).stories).toBe(0);
  });

  it('imports nothing from a cut-short, edited or foreign file, and says why', async () => {
    const from = await open(true);
    const file = path.join(from.dir, 'store.jsonl');
    await exportStore(from.store, from.embedder.info, file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const unwritable = await exportStore(from.store, from.embedder.info, path.join(from.dir, 'no-such-dir', 'x.jsonl')).then(() => null, (e: Error) => e);
    expect(unwritable?.message).toMatch(/cannot write .*no-such-dir.*ENOENT/);
    const to = await open(false);
    const attempt = async (name: string, text: string) => {
      const f = path.join(to.dir, name);
      writeFileSync(f, text);
      const err = await importStore(to.store, to.embedder.info, f).then(() => null, (e: Error) => e);
      expect((await to.store.counts()).stories).toBe(0);
      return err?.message ?? 'imported';
    };
    expect(await attempt('cut.jsonl', lines.slice(0, -1).join('\n'))).toMatch(/incomplete \(no end line\).*Nothing was imported/);
    expect(await attempt('short.jsonl', [...lines.slice(0, 1), ...lines.slice(2)].join('\n'))).toMatch(/damaged: its end line counts 1 stories.*holds 0, /);
    const story = JSON.parse(lines[1]!) as { vectors: string[] };
    story.vectors[0] = Buffer.from(new Float32Array(3).buffer).toString('base64');
    expect(await attempt('vector.jsonl', [lines[0], JSON.stringify(story), ...lines.slice(2)].join('\n'))).toMatch(/:2: a vector has 3 dimensions, the file's embedder has 64/);
    expect(await attempt('junk.jsonl', 'hello\n')).toMatch(/junk.jsonl:1: not JSON/);
    expect(await attempt('story.jsonl', readFileSync(path.join(to.config.corpusDir, `${SEED_ID}.json`), 'utf8').replace(/\n/g, ' '))).toMatch(/story.jsonl:1: type:/);
    const other = await openTestApp({ embedder: hashEmbedder(64, 'another'), ingest: false });
    cleanups.push(other.cleanup);
    const err = await importStore(other.store, other.embedder.info, file).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/holds vectors of test\/hash-test \(64 dimensions\), but this store embeds with test\/another/);
    expect(await attempt('empty.jsonl', '')).toMatch(/incomplete/);
    const gone = await importStore(to.store, to.embedder.info, path.join(to.dir, 'nope.jsonl')).then(() => null, (e: Error) => e);
    expect(gone?.message).toMatch(/no such file: .*nope.jsonl/);
  });

  it('imports a format 1 file (a vector for every passage): only the kinds that carry one keep it', async () => {
    const from = await open(true);
    const file = path.join(from.dir, 'store.jsonl');
    await exportStore(from.store, from.embedder.info, file);
    const [head, ...rest] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const some = Buffer.from(new Float32Array(64).fill(0.125).buffer).toString('base64');
    const older = [
      JSON.stringify({ ...(JSON.parse(head!) as object), format: 1 }),
      ...rest.map((l) => {
        const line = JSON.parse(l) as { type: string; vectors?: (string | null)[] };
        return JSON.stringify(line.type === 'story' ? { ...line, vectors: line.vectors!.map((v) => v ?? some) } : line);
      }),
    ];
    const oldFile = path.join(from.dir, 'old.jsonl');
    writeFileSync(oldFile, `${older.join('\n')}\n`);
    const to = await open(false);
    const imported = await importStore(to.store, to.embedder.info, oldFile);
    expect(imported.stories).toBe((await from.store.counts()).stories);
    expect(await to.store.countVectors()).toBe(await from.store.countVectors());
    const ids = async (app: typeof from) => (await app.retriever.search({ query: 'Who signed the order?', limit: 5 })).map((h) => h.citation_id);
    expect(await ids(to)).toEqual(await ids(from));
    // A passage that must carry a vector and has none is refused, naming it.
    const story = JSON.parse(rest[0]!) as { passages: Passage[]; vectors: (string | null)[] };
    const first = story.passages.findIndex(hasVector);
    story.vectors[first] = null;
    const broken = path.join(from.dir, 'broken.jsonl');
    writeFileSync(broken, [head, JSON.stringify(story), ...rest.slice(1)].join('\n'));
    const other = await open(false);
    const err = await importStore(other.store, other.embedder.info, broken).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(new RegExp(`:2: passage ${story.passages[first]!.citation_id} \\(${story.passages[first]!.kind}\\) has no vector`));
  });

  it('runs from the CLI: export to a file, import into another data directory, same answer', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const run = (dataDir: string, ...args: string[]) => {
      const r = spawnSync(process.execPath, [CLI, '--data-dir', path.join(dir, dataDir), ...args], { encoding: 'utf8', cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    run('a', 'ingest', '--json');
    const file = path.join(dir, 'a.jsonl.gz');
    const exported = JSON.parse(run('a', 'export', file, '--json')) as { stories: number; passages: number };
    expect(exported.stories).toBe(1);
    const imported = JSON.parse(run('b', 'import', file, '--json')) as { stories: number; passages: number; skipped: number };
    expect(imported).toMatchObject({ stories: 1, passages: exported.passages, skipped: 0 });
    const ask = (d: string) => JSON.parse(run(d, 'ask', 'Who signed the order?', '--json')) as unknown;
    expect(ask('b')).toEqual(ask('a'));
    const bad = spawnSync(process.execPath, [CLI, '--data-dir', path.join(dir, 'c'), 'import', path.join(dir, 'nothing.jsonl')], { encoding: 'utf8', cwd: dir });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/no such file/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
