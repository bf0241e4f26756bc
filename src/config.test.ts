import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'storyline-config-'));

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
