import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDir, isInstalled, loadConfig } from './config.js';

describe('the default data directory', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'storyline-installed-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('is ./.storyline in a git work tree (this one)', () => {
    expect(isInstalled()).toBe(false);
    expect(defaultDataDir()).toBe('./.storyline');
  });

  it('counts a package inside node_modules, or without .git, as installed', () => {
    const clone = path.join(base, 'clone');
    mkdirSync(path.join(clone, '.git'), { recursive: true });
    expect(isInstalled(clone)).toBe(false);
    expect(isInstalled(path.join(base, 'prefix', 'lib', 'node_modules', 'storyline-mcp'))).toBe(true);
    expect(isInstalled(path.join(base, 'unpacked-bundle'))).toBe(true);
  });

  it('is the per-user platform data directory when installed, never the working directory', () => {
    const dir = defaultDataDir(true);
    expect(path.isAbsolute(dir)).toBe(true);
    expect(path.basename(dir)).toMatch(/^storyline$|^Data$/);
  });
});

describe('loadConfig', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'storyline-config-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('uses defaults with no file or environment', () => {
    const c = loadConfig({ env: {}, cwd });
    expect(c.dataDir).toBe(path.join(cwd, '.storyline'));
    expect(c.embeddings.provider).toBe('local');
    expect(c.retrieval).toMatchObject({ fusion: 'convex', alpha: 0.3 });
    expect(c.retrieval.efSearch).toBeUndefined();
  });

  it('layers file < environment < flags', () => {
    const file = path.join(cwd, 'c.json');
    writeFileSync(file, JSON.stringify({ dataDir: 'from-file', retrieval: { efSearch: 50, candidates: 30 } }));
    const c = loadConfig({ file, env: { STORYLINE_HNSW_EF: '70', STORYLINE_DATA_DIR: 'from-env' }, flags: { dataDir: 'from-flag' }, cwd });
    expect(c.dataDir).toBe(path.join(cwd, 'from-flag'));
    expect(c.retrieval.efSearch).toBe(70);
    expect(c.retrieval.candidates).toBe(30);
  });

  it('names the bad key and its origin', () => {
    expect(() => loadConfig({ env: { STORYLINE_EMBEDDINGS: 'magic' }, cwd })).toThrow(/"embeddings.provider" \(from environment variable STORYLINE_EMBEDDINGS\)/);
    const file = path.join(cwd, 'bad.json');
    writeFileSync(file, JSON.stringify({ unknownKey: 1 }));
    expect(() => loadConfig({ file, env: {}, cwd })).toThrow(ConfigError);
    expect(() => loadConfig({ file, env: {}, cwd })).toThrow(/key "unknownKey" \(from config file .*bad\.json\): Unrecognized key/);
    writeFileSync(file, '{');
    expect(() => loadConfig({ file, env: {}, cwd })).toThrow(/not valid JSON/);
  });

  it('reads "false" from the environment as false', () => {
    expect(loadConfig({ env: { STORYLINE_EMBEDDINGS_SEND_DIMENSIONS: 'false' }, cwd }).embeddings.sendDimensions).toBe(false);
  });
});
