import dns from 'node:dns';
import path from 'node:path';
import Database from 'better-sqlite3';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../src/embed/local.js';
import { createOpenAIEmbedder } from '../src/embed/openai.js';
import { connectClient, openTestApp, runCli, tempDir, textOf } from './helpers.js';
import { startFakeOpenAI, type FakeOpenAI } from './support/openai-server.js';

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

describe('local embeddings', () => {
  it('load and embed with every network path blocked', async () => {
    const attempts: string[] = [];
    const block = (what: string) => () => {
      attempts.push(what);
      throw new Error(`network blocked in test: ${what}`);
    };
    const socket = net.Socket.prototype as unknown as Record<string, unknown>;
    const saved = { connect: socket.connect, lookup: dns.lookup, fetch: globalThis.fetch, http: http.request, https: https.request };
    socket.connect = block('net.connect');
    Object.assign(dns, { lookup: block('dns.lookup') });
    Object.assign(globalThis, { fetch: block('fetch') });
    Object.assign(http, { request: block('http.request') });
    Object.assign(https, { request: block('https.request') });
    try {
      const e = createLocalEmbedder();
      const [a, b, c] = await e.embedDocuments([
        'President Trump signed the executive order.',
        'The president signed an order.',
        'Bake the bread at 200 degrees.',
      ]);
      expect(a).toHaveLength(512);
      expect(Math.abs(dot(a!, a!) - 1)).toBeLessThan(1e-5);
      expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!));
      expect(e.info).toEqual({ provider: 'local', model: 'universal-sentence-encoder-lite', dimensions: 512 });
    } finally {
      socket.connect = saved.connect;
      Object.assign(dns, { lookup: saved.lookup });
      Object.assign(globalThis, { fetch: saved.fetch });
      Object.assign(http, { request: saved.http });
      Object.assign(https, { request: saved.https });
    }
    expect(attempts).toEqual([]);
  });
});

describe('local embeddings grouped by length', () => {
  it('give each text its own vector, in input order, whatever the lengths around it', async () => {
    const long = 'The vendor recommends that users update the controller firmware, restrict network access to port 102 and monitor the logs. ';
    const texts = ['CVE-2024-1234', long.repeat(6), 'Vendor: Siemens', `${long}${long}`, 'What is the fix?', long];
    const batched = await createLocalEmbedder({ batchSize: 16 }).embedDocuments(texts);
    const alone = createLocalEmbedder({ batchSize: 1 });
    for (const [i, t] of texts.entries()) {
      const [v] = await alone.embedDocuments([t]);
      expect(Math.max(...batched[i]!.map((x, j) => Math.abs(x - v![j]!)))).toBeLessThan(1e-5);
    }
  });
});

describe('local embeddings in worker threads', () => {
  it('give the same vectors as the main thread, in order, with progress', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `Advisory ${i} describes a buffer overflow in controller ${i}.`);
    const single = await createLocalEmbedder({ batchSize: 4 }).embedDocuments(texts);
    const progress: number[] = [];
    const pooled = await createLocalEmbedder({ batchSize: 4, threads: 2 }).embedDocuments(texts, (d) => progress.push(d));
    expect(pooled).toHaveLength(12);
    for (let i = 0; i < 12; i++) expect(Math.max(...pooled[i]!.map((x, j) => Math.abs(x - single[i]![j]!)))).toBeLessThan(1e-5);
    expect(progress.at(-1)).toBe(12);
  });
});

describe('local embeddings of a question', () => {
  it("come from the query worker, warmed up ahead of need, with the main thread's vectors", async () => {
    const e = createLocalEmbedder();
    e.prepare?.(); // loads and warms up the worker; the question waits for it
    const questions = ['Is there a fix?', 'When did CISA add the flaw to the KEV catalog, and what is the due date?'];
    const asked = await Promise.all(questions.map((q) => e.embedQuery(q)));
    const main = await createLocalEmbedder({ batchSize: 1 }).embedDocuments(questions); // one thread: the main thread's model, a text per call
    for (const [i, v] of asked.entries()) expect(v).toEqual(main[i]);
  });
});

describe('openai-compatible embeddings (real openai SDK against a local server)', () => {
  let server: FakeOpenAI;
  beforeAll(async () => {
    server = await startFakeOpenAI(32);
  });
  afterAll(() => server.close());

  it('batches requests and keeps input order', async () => {
    const e = createOpenAIEmbedder({ model: 'test-embed', dimensions: 32, baseURL: server.url, batchSize: 4 });
    const before = server.requests.length;
    const progress: number[] = [];
    const texts = Array.from({ length: 10 }, (_, i) => `text number ${i}`);
    const vectors = await e.embedDocuments(texts, (done) => progress.push(done));
    expect(vectors).toHaveLength(10);
    expect(server.requests.slice(before).map((r) => r.length)).toEqual([4, 4, 2]);
    expect(progress).toEqual([4, 8, 10]);
  });

  it('retries a failed request and succeeds', async () => {
    const e = createOpenAIEmbedder({ model: 'test-embed', dimensions: 32, baseURL: server.url });
    server.failWith = [500, 429];
    const v = await e.embedQuery('retry me');
    expect(v).toHaveLength(32);
    expect(server.failWith).toEqual([]);
  });

  it('fails clearly when the endpoint returns vectors of another size', async () => {
    const e = createOpenAIEmbedder({ model: 'test-embed', dimensions: 1536, baseURL: server.url });
    await expect(e.embedQuery('x')).rejects.toThrow(/returned 32 dimensions, but 1536 are configured/);
  });

  it('refuses to query an index built by another embedder, with how to reindex; reindex fixes it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const env = { STORYLINE_DATA_DIR: dir, STORYLINE_LOG_LEVEL: 'error' };
      const openai = { ...env, STORYLINE_EMBEDDINGS: 'openai', OPENAI_BASE_URL: server.url, STORYLINE_EMBEDDINGS_MODEL: 'test-embed', STORYLINE_EMBEDDINGS_DIMENSIONS: '32' };
      expect((await runCli(['ingest'], env)).code).toBe(0);
      expect((await runCli(['subscriptions', 'create', '--name', 'q', '--query', 'binding directive', '--outbox', 'o'], env)).code).toBe(0);
      const wrong = await runCli(['ask', 'Who signed the order?'], openai);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/built with provider "local", model "universal-sentence-encoder-lite", 512 dimensions/);
      expect(wrong.stderr).toMatch(/storyline ingest --reindex/);
      expect(wrong.stdout).toBe('');
      const re = await runCli(['ingest', '--reindex', '--json'], openai);
      expect(re.code, re.stderr).toBe(0);
      expect((JSON.parse(re.stdout) as { updated: string[] }).updated).toHaveLength(1);
      // The subscription's query vector was re-embedded too: 32 dimensions now, not 512.
      const db = new Database(path.join(dir, 'storyline.db'), { readonly: true });
      expect((db.prepare('SELECT length(query_vector) AS n FROM subscriptions').get() as { n: number }).n).toBe(32 * 4);
      db.close();
      const ok = await runCli(['ask', 'binding operational directive', '--json'], openai);
      expect(ok.code, ok.stderr).toBe(0);
      expect((JSON.parse(ok.stdout) as { found: boolean }).found).toBe(true);
      const back = await runCli(['ask', 'binding operational directive'], env);
      expect(back.code).toBe(1);
    } finally {
      cleanup();
    }
  });

  it('returns the mismatch as a tool error over MCP, not a crash', async () => {
    const app = await openTestApp({ env: { STORYLINE_EMBEDDINGS: 'openai', OPENAI_BASE_URL: server.url, STORYLINE_EMBEDDINGS_DIMENSIONS: '32' } });
    try {
      (await app.store.setMeta('embedder', JSON.stringify({ provider: 'local', model: 'universal-sentence-encoder-lite', dimensions: 512 })));
      const client = await connectClient(app);
      const r = await client.callTool({ name: 'search_passages', arguments: { query: 'executive order' } });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/--reindex/);
      await client.close();
    } finally {
      app.cleanup();
    }
  });
});
