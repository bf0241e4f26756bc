import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPOSURE_FIXTURES, loadExposureFixtures, scoreExposure } from '../tools/eval-exposure.js';
import { hashEmbedder, openTestApp } from './helpers.js';

type TestApp = Awaited<ReturnType<typeof openTestApp>>;

describe('exposure on real advisories and hand-judged inventories', () => {
  let app: TestApp;
  let spec: Awaited<ReturnType<typeof loadExposureFixtures>>;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    spec = await loadExposureFixtures(app);
  });
  afterAll(() => app.cleanup());

  it('finds affected assets with precision >= 0.95 and recall >= 0.9 at confidence high or better', () => {
    const s = scoreExposure(app, spec);
    console.error(`exposure: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (${s.truePositives} TP, ${s.falsePositives} FP, ${s.falseNegatives} FN of ${s.judged} judged)\n${s.disagreements.join('\n')}`);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('cites the passage naming the product, puts KEV first and says why', () => {
    const matches = app.exposure.check({ cve: 'CVE-2021-44228' });
    const vms = matches.find((m) => m.asset_version === '21.12');
    expect(vms).toMatchObject({ verdict: 'affected', confidence: 'high', story_id: 'ICSA-21-357-02', kev: { cves: ['CVE-2021-44228'] } });
    const passage = app.store.db.getPassage(vms!.citation_id!);
    expect(passage?.text).toContain('Exacq Enterprise Manager');
    expect(passage?.text).toContain('CVE-2021-44228');
    expect(vms!.why).toMatch(/21\.12/);
    const all = app.exposure.check({ story_id: 'ICSA-21-357-02' });
    expect(all[0]?.kev).toBeDefined();
  });

  it('applies VEX statements and says so', () => {
    const plc = app.exposure.check({ story_id: 'ICSA-21-152-01' }).find((m) => m.asset_version === 'V2.8');
    expect(plc).toMatchObject({ verdict: 'not_affected', vex: { status: 'not_affected', source: 'plant-a.openvex.json' } });
    expect(plc!.why).toMatch(/VEX/);
  });

  it('re-importing a source replaces its assets; a bad file imports nothing', async () => {
    const before = app.exposure.list({ offset: 0, limit: 1000 }).total;
    const again = await app.exposure.importFiles([path.join(EXPOSURE_FIXTURES, 'plant-a.csv')]);
    expect(again.sources[0]).toMatchObject({ source: 'plant-a.csv', assets: 16, replaced: 16 });
    expect(app.exposure.list({ offset: 0, limit: 1000 }).total).toBe(before);
    const bad = path.join(app.dir, 'bad.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, 'name,version,purl\nok,1.0,\n,2.0,\nthing,3.0,pkg:not a purl\n');
    await expect(app.exposure.importFiles([path.join(EXPOSURE_FIXTURES, 'gateway.spdx.json'), bad])).rejects.toThrow(/bad.csv: line 3: name is required; line 4: purl/);
    expect(app.exposure.list({ offset: 0, limit: 1000 }).total).toBe(before);
  });
});
