import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';

/**
 * The layers of ARCHITECTURE.md, top first: a module imports only from its own line or the
 * lines below. Top-level files and folders of src/ not listed here fail the test, so a new one
 * gets a place in the picture.
 */
const LAYERS: string[][] = [
  ['cli'],
  ['chat', 'mcp'],
  ['app'],
  ['render'],
  ['answer', 'actions', 'exposure'],
  ['retrieval', 'ingest'],
  ['store'],
  ['embed'],
  ['story'],
  ['errors', 'log', 'config', 'data-dir', 'event-loop', 'version', 'regexp'],
];
/** Same line, yet apart: the chat client and the MCP server never import each other. */
const APART = new Set(['chat>mcp', 'mcp>chat']);

const SRC = path.join(PACKAGE_ROOT, 'src');
const rank = new Map(LAYERS.flatMap((line, i) => line.map((part) => [part, LAYERS.length - i] as const)));
/** The part of src/ a path belongs to: its top folder, or the file's name for top-level files. */
const partOf = (file: string) => {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length ? first! : first!.replace(/\.(ts|js)$/, '');
};

function imports(): Import[] {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => path.join(SRC, f));
  return files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => ({
      from: path.relative(SRC, file),
      to: path.resolve(path.dirname(file), m[1]!),
      spec: m[1]!,
    })),
  );
}

type Import = { from: string; to: string; spec: string };

/** The imports that break the rule, as readable lines. */
function violations(list: readonly Import[]): string[] {
  return list.flatMap(({ from, to, spec }) => {
    if (!to.startsWith(SRC + path.sep)) return [`${from} imports ${spec}, outside src/`];
    const a = partOf(path.join(SRC, from));
    const b = partOf(to);
    if (a === b) return [];
    if ((rank.get(b) ?? Infinity) > (rank.get(a) ?? -Infinity) || APART.has(`${a}>${b}`)) return [`${from} imports ${spec}`];
    return [];
  });
}

describe('architecture: imports point one way', () => {
  const all = imports();

  it('reads the imports of every module', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it('places every part of src/ on a layer', () => {
    const parts = new Set(all.map((i) => partOf(path.join(SRC, i.from))));
    expect([...parts].filter((p) => !rank.has(p))).toEqual([]);
  });

  it('has no import running back up a layer, none between chat and mcp, none out of src/', () => {
    expect(violations(all)).toEqual([]);
  });

  it('would report an import running back up, across chat and mcp, or into test/', () => {
    const at = (rel: string) => path.join(SRC, rel);
    expect(
      violations([
        { from: 'store/db.ts', to: at('ingest/passages.js'), spec: '../ingest/passages.js' },
        { from: 'chat/session.ts', to: at('cli/output.js'), spec: '../cli/output.js' },
        { from: 'chat/session.ts', to: at('mcp/server.js'), spec: '../mcp/server.js' },
        { from: 'store/db.ts', to: path.join(PACKAGE_ROOT, 'test/helpers.js'), spec: '../../test/helpers.js' },
        { from: 'ingest/files.ts', to: at('store/store.js'), spec: '../store/store.js' },
      ]),
    ).toEqual([
      'store/db.ts imports ../ingest/passages.js',
      'chat/session.ts imports ../cli/output.js',
      'chat/session.ts imports ../mcp/server.js',
      'store/db.ts imports ../../test/helpers.js, outside src/',
    ]);
  });

  it('keeps every engine behind the Store: outside src/store/, only SQLite engine tests and the benchmarks reach one', () => {
    expect(engineViolations(engineImports())).toEqual([]);
  });

  it('would report a module that reaches an engine past the Store', () => {
    expect(
      engineViolations([
        { from: path.join(SRC, 'actions/service.ts'), spec: 'better-sqlite3' },
        { from: path.join(SRC, 'mcp/tools/get-story.ts'), spec: '../../store/sqlite/story-db.js' },
        { from: path.join(PACKAGE_ROOT, 'test/csaf.test.ts'), spec: '../src/store/sqlite/store.js' },
        { from: path.join(SRC, 'store/sqlite/store.ts'), spec: 'better-sqlite3' },
        { from: path.join(PACKAGE_ROOT, 'test/upgrade.test.ts'), spec: 'better-sqlite3' },
      ]),
    ).toEqual(['src/actions/service.ts imports better-sqlite3', 'src/mcp/tools/get-story.ts imports ../../store/sqlite/story-db.js', 'test/csaf.test.ts imports ../src/store/sqlite/store.js']);
  });
});

/** Packages that are a storage engine's driver. */
const ENGINE_PACKAGES = new Set(['better-sqlite3', 'pg', '@electric-sql/pglite']);
/** Where the engines live, inside src/store/. */
const ENGINE_DIRS = ['sqlite', 'postgres'].map((d) => path.join(SRC, 'store', d) + path.sep);
/**
 * Files outside src/store/ allowed to reach an engine: tests of the SQLite engine itself
 * (migrations of old files, crash leftovers, the vector index, its FTS5 queries) and the
 * benchmark and evaluation tools that report SQLite-specific figures.
 */
const ENGINE_ALLOWED = new Set(
  [
    'test/ingest.test.ts',
    'test/keyword-search.test.ts',
    'test/upgrade.test.ts',
    'test/owned-actions.test.ts',
    'test/embeddings.test.ts',
    'test/delivery-crash.test.ts',
    'tools/bench-corpora.ts',
    // The storage contract and the PostgreSQL engine's own tests, and the engines benchmark.
    'test/store-contract.test.ts',
    'test/postgres-errors.test.ts',
    'test/postgres-keyword.test.ts',
    'test/postgres-bulk-index.test.ts',
    'test/support/postgres.ts',
    'tools/pg-cluster.ts',
    'tools/bench-engines.ts',
  ].map((f) => path.join(PACKAGE_ROOT, f)),
);

type EngineImport = { from: string; spec: string };

/** Every import of src/, test/ and tools/, bare package names included. */
function engineImports(): EngineImport[] {
  return ['src', 'test', 'tools'].flatMap((dir) =>
    readdirSync(path.join(PACKAGE_ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.includes('fixtures'))
      .map((f) => path.join(PACKAGE_ROOT, dir, f))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => ({ from: file, spec: m[1]! }))),
  );
}

function engineViolations(list: readonly EngineImport[]): string[] {
  return list.flatMap(({ from, spec }) => {
    if (from.startsWith(path.join(SRC, 'store') + path.sep) || ENGINE_ALLOWED.has(from)) return [];
    const engine = spec.startsWith('.') ? ENGINE_DIRS.some((d) => path.resolve(path.dirname(from), spec).startsWith(d)) : ENGINE_PACKAGES.has(spec);
    return engine ? [`${path.relative(PACKAGE_ROOT, from)} imports ${spec}`] : [];
  });
}
