import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchEngines, engineTables, type EngineBenchResult } from '../tools/bench-engines.js';
import { scriptedEnv, startScriptedEmbeddings } from '../tools/scripted-embeddings.js';
import { syntheticQuestions, syntheticStories } from '../tools/synthetic.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

// The engines bench's code runs end to end at a tiny size: both engines, ingest and the
// export/import move, spawned servers searched through MCP, replicas under concurrent clients.
// Its figures are printed by `npm run bench -- engines`; here only their shape is checked.
describe('npm run bench -- engines, at a tiny size', () => {
  let server: TestPostgres;
  let embeddings: Awaited<ReturnType<typeof startScriptedEmbeddings>>;
  let result: EngineBenchResult;
  beforeAll(async () => {
    server = await startPostgres();
    embeddings = await startScriptedEmbeddings();
    const env = scriptedEnv(embeddings.url);
    const small = syntheticStories(200, 3);
    const other = syntheticStories(120, 11);
    result = await benchEngines({
      corpora: [
        { label: 'ingested', embedderNote: 'scripted', embedderEnv: env, source: { stories: small }, questions: syntheticQuestions(small, 6), moveByExport: false },
        { label: 'moved', embedderNote: 'scripted', embedderEnv: env, source: { stories: other }, questions: syntheticQuestions(other, 4), moveByExport: true },
      ],
      databaseUrl: await server.createDatabase('bench'),
      replicas: [1, 2],
      clients: 3,
      callsPerClient: 2,
      searchCalls: 4,
    });
  }, 240_000);
  afterAll(async () => {
    await embeddings?.close();
    await server?.stop();
  });

  it('ingests each corpus into both engines, or moves it from SQLite by export and import, with the same passages', () => {
    const steps = (corpus: string) => result.ingest.filter((r) => r.corpus === corpus).map((r) => `${r.engine}: ${r.step.split(' (')[0]}`);
    expect(steps('ingested')).toEqual(['SQLite: ingest: embed + write', 'PostgreSQL: ingest: embed + write']);
    expect(steps('moved')).toEqual(['SQLite: ingest: embed + write', 'SQLite: export', 'SQLite: import of that export into an empty store, no embedding', 'PostgreSQL: import of the SQLite export, no embedding']);
    for (const corpus of ['ingested', 'moved']) {
      const rows = result.ingest.filter((r) => r.corpus === corpus);
      expect(new Set(rows.map((r) => r.passages)).size).toBe(1);
      expect(rows[0]!.passages).toBeGreaterThan(100);
      for (const r of rows) expect(r.secs).toBeGreaterThan(0);
    }
  });

  it('searches each store through a spawned server in every mode, and finds the answers on both engines', () => {
    expect(result.search.map((s) => `${s.corpus} ${s.engine}`)).toEqual(['ingested SQLite', 'ingested PostgreSQL', 'moved SQLite', 'moved PostgreSQL']);
    for (const s of result.search) {
      for (const m of Object.values(s.latency)) {
        expect(m.p50).toBeGreaterThan(0);
        expect(m.p95).toBeGreaterThanOrEqual(m.p50);
      }
      // Identifier questions over a small corpus: most answers are found.
      expect(s.latency.hybrid.recall10).toBeGreaterThan(0.5);
      expect(s.annRecall10).toBeGreaterThan(0.5);
      expect(s.annRecall10).toBeLessThanOrEqual(1);
    }
  });

  it('drives concurrent clients over one SQLite server and over 1 and 2 PostgreSQL replicas', () => {
    expect(result.throughput.map((t) => `${t.corpus} ${t.engine} ${t.replicas}`)).toEqual([
      'ingested SQLite 1',
      'ingested PostgreSQL 1',
      'ingested PostgreSQL 2',
      'moved SQLite 1',
      'moved PostgreSQL 1',
      'moved PostgreSQL 2',
    ]);
    for (const t of result.throughput) {
      expect(t.requests).toBe(6);
      expect(t.perSec).toBeGreaterThan(0);
    }
  });

  it('prints the figures as three Markdown tables', () => {
    const lines = engineTables(result).split('\n');
    expect(lines.filter((l) => l.startsWith('|---'))).toHaveLength(3);
    expect(lines.filter((l) => /^\| (ingested|moved) \|/.test(l))).toHaveLength(6 + 4 + 6);
  });
});
