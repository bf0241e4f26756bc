import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { tempDir } from './helpers.js';

// tools/build.js on a one-file project beside it, so the test never rebuilds (or breaks) the real dist/.
describe('npm start rebuilds only when sources changed (tools/build.js --if-stale)', () => {
  let root: string;
  let cleanup: () => void;
  const build = () => spawnSync(process.execPath, [path.join(root, 'tools', 'build.js'), '--if-stale'], { cwd: root, encoding: 'utf8' });
  const out = () => readFileSync(path.join(root, 'dist', 'src', 'cli.js'), 'utf8');

  beforeAll(() => {
    ({ dir: root, cleanup } = tempDir('storyline-build-'));
    mkdirSync(path.join(root, 'tools'));
    mkdirSync(path.join(root, 'src'));
    copyFileSync(path.join(PACKAGE_ROOT, 'tools', 'build.js'), path.join(root, 'tools', 'build.js'));
    symlinkSync(path.join(PACKAGE_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'junction');
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, types: [], outDir: 'dist', rootDir: '.' } }),
    );
    writeFileSync(path.join(root, 'tsconfig.build.json'), JSON.stringify({ extends: './tsconfig.json', include: ['src'] }));
    writeFileSync(path.join(root, 'src', 'cli.ts'), 'export const version: number = 1;\n');
  });
  afterAll(() => cleanup());

  it('builds when there is no build yet, and writes nothing to stdout', () => {
    const r = build();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/building dist/);
    expect(out()).toContain('version = 1');
  });

  it('does nothing when nothing changed', () => {
    const before = statSync(path.join(root, 'dist', 'src', 'cli.js')).mtimeMs;
    const r = build();
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(statSync(path.join(root, 'dist', 'src', 'cli.js')).mtimeMs).toBe(before);
  });

  it('rebuilds after a source changed', () => {
    const file = path.join(root, 'src', 'cli.ts');
    writeFileSync(file, 'export const version: number = 2;\n');
    expect(build().stderr).toMatch(/building dist/);
    expect(out()).toContain('version = 2');
    expect(build().stderr).toBe('');
  });

  it('rebuilds after a file was added, even one with an old mtime', () => {
    const file = path.join(root, 'src', 'extra.ts');
    writeFileSync(file, 'export const extra = true;\n');
    utimesSync(file, 946_684_800, 946_684_800);
    expect(build().stderr).toMatch(/building dist/);
    expect(readFileSync(path.join(root, 'dist', 'src', 'extra.js'), 'utf8')).toContain('extra = true');
  });

  it('fails on a type error with tsc output on stderr, and tries again next time', () => {
    const file = path.join(root, 'src', 'cli.ts');
    writeFileSync(file, 'export const version: number = "three";\n');
    const r = build();
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/TS2322/);
    expect(build().stderr).toMatch(/building dist/);
  });
});
