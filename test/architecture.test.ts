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
  ['errors', 'log', 'config', 'data-dir', 'event-loop', 'version'],
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
});
