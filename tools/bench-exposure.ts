import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';

/**
 * Imports a synthetic CycloneDX SBOM of `n` components (nested ones included), twice (the
 * second replaces the first), and measures time, heap growth and peak RSS, then one check.
 */
export async function benchSbomImport(n: number): Promise<{ components: number; bytes: number; firstSecs: number; againSecs: number; heapMb: number; rssMb: number; checkMs: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-bench-exposure-'));
  const app = await openApp(loadConfig({ env: { STORYLINE_DATA_DIR: dir } }), { log: createLogger('warn') });
  try {
    const components = Array.from({ length: n }, (_, i) => ({
      type: 'library',
      name: `component-${i % 5000}`,
      version: `1.${i}.0`,
      purl: `pkg:npm/component-${i % 5000}@1.${i}.0`,
      supplier: { name: `Vendor ${i % 300}` },
    }));
    const file = path.join(dir, 'big.cdx.json');
    const text = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components });
    writeFileSync(file, text);
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const r = await app.exposure.importFiles([file]);
    const t1 = performance.now();
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
    await app.exposure.importFiles([file]);
    const t2 = performance.now();
    const asset = (await app.exposure.list({ offset: 0, limit: 1 })).assets[0]!;
    const t3 = performance.now();
    await app.exposure.check({ asset_id: asset.asset_id });
    const checkMs = performance.now() - t3;
    return { components: r.assets, bytes: text.length, firstSecs: (t1 - t0) / 1000, againSecs: (t2 - t1) / 1000, heapMb, rssMb: process.resourceUsage().maxRSS / 1024, checkMs };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
