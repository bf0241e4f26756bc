import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPOSURE_FIXTURES, loadExposureFixtures, scoreExposure } from '../tools/eval-exposure.js';
import { writeFileSync } from 'node:fs';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { callTool, connectClient, hashEmbedder, openTestApp, textOf } from './helpers.js';

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
    writeFileSync(bad, 'name,version,purl\nok,1.0,\n,2.0,\nthing,3.0,pkg:not a purl\n');
    await expect(app.exposure.importFiles([path.join(EXPOSURE_FIXTURES, 'gateway.spdx.json'), bad])).rejects.toThrow(/bad.csv: line 3: name is required; line 4: purl/);
    expect(app.exposure.list({ offset: 0, limit: 1000 }).total).toBe(before);
  });
});

describe('exposure over MCP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder(), ingest: false, env: { STORYLINE_INGEST_ROOTS: EXPOSURE_FIXTURES } });
    await app.ingestPaths([path.join(EXPOSURE_FIXTURES, 'advisories', 'icsa-21-357-02.json'), path.join(EXPOSURE_FIXTURES, 'kev-excerpt.json')]);
  });
  afterAll(() => app.cleanup());

  it('imports inline items, checks a story, reports and removes, with structured results', async () => {
    const client = await connectClient(app);
    try {
      const empty = await client.callTool({ name: 'check_exposure', arguments: { story_id: 'ICSA-21-357-02' } });
      expect(textOf(empty)).toMatch(/No assets are imported/);
      const imp = await client.callTool({
        name: 'import_assets',
        arguments: { source: 'dc', items: [{ name: 'Exacq Enterprise Manager', vendor: 'Johnson Controls', version: '21.10', id: 'vms-9' }] },
      });
      expect(imp.structuredContent).toMatchObject({ assets: 1 });
      const check = await callTool(client, 'check_exposure', { cve: 'CVE-2021-44228' });
      const m = check.structured.matches[0];
      expect(m).toMatchObject({ verdict: 'affected', kev: { due_date: '2021-12-24' } });
      expect(check.text).toContain(m!.citation_id);
      expect((await callTool(client, 'exposure_report', { kev_only: true })).structured.total).toBe(1);
      const files = await client.callTool({ name: 'import_assets', arguments: { paths: ['plant-a.csv'] } });
      expect(files.structuredContent).toMatchObject({ assets: 16 });
      expect((await callTool(client, 'list_assets', { source: 'dc' })).structured.total).toBe(1);
      const rm = await client.callTool({ name: 'remove_assets', arguments: { source: 'dc' } });
      expect(rm.structuredContent).toEqual({ removed: 1 });
    } finally {
      await client.close();
    }
  });

  it('answers bad input with clear errors and imports nothing', async () => {
    const client = await connectClient(app);
    try {
      const cases: [string, Record<string, unknown>, RegExp][] = [
        ['check_exposure', {}, /story_id, a cve or an asset_id/],
        ['check_exposure', { cve: 'not-a-cve' }, /CVE id/],
        ['check_exposure', { story_id: 'nope' }, /no story "nope"/],
        ['check_exposure', { asset_id: 'a_missing' }, /no asset "a_missing"/],
        ['import_assets', { paths: ['/etc/passwd'] }, /outside the server's ingest roots/],
        ['import_assets', { items: [{ version: '1' }], source: 'x' }, /items\[0\]: name is required/],
        ['import_assets', { items: [{ name: 'a', purl: 'pkg:' }], source: 'x' }, /not a valid package URL/],
        ['import_assets', { items: [{ name: 'a' }] }, /source/],
        ['remove_assets', {}, /asset ids or a source/],
      ];
      const before = app.exposure.list({ offset: 0, limit: 1 }).total;
      for (const [name, args, message] of cases) {
        const r = await client.callTool({ name, arguments: args });
        expect(r.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
        expect(textOf(r)).toMatch(message);
      }
      expect(app.exposure.list({ offset: 0, limit: 1 }).total).toBe(before);
    } finally {
      await client.close();
    }
  });
});

describe('a 100,000-component CycloneDX SBOM', () => {
  it('imports whole, and a re-import replaces it', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      const components = Array.from({ length: 100_000 }, (_, i) => ({
        type: 'library',
        'bom-ref': `c${i}`,
        name: `component-${i % 5000}`,
        version: `1.${i}.0`,
        purl: `pkg:npm/component-${i % 5000}@1.${i}.0`,
        ...(i % 1000 === 0 ? { components: [{ type: 'library', name: `nested-${i}`, version: '2.0' }] } : {}),
      }));
      const file = path.join(app.dir, 'big.cdx.json');
      writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components }));
      const r = await app.exposure.importFiles([file]);
      expect(r.assets).toBe(100_100);
      const again = await app.exposure.importFiles([file]);
      expect(again.sources[0]).toMatchObject({ assets: 100_100, replaced: 100_100 });
      expect(app.exposure.list({ offset: 0, limit: 1 }).total).toBe(100_100);
    } finally {
      app.cleanup();
    }
  });
});

describe('subscriptions with affects_assets', () => {
  it('deliver an advisory only when it affects an imported asset, with the matches in the event', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      await app.exposure.importFiles([path.join(EXPOSURE_FIXTURES, 'plant-a.csv')]);
      const { subscription } = await app.subscriptions.create({ name: 'mine', affects_assets: true, outbox: 'mine' }, LOCAL_CALLER);
      expect(subscription.affects_assets).toEqual({ min_confidence: 'high' });
      const adv = (f: string) => path.join(EXPOSURE_FIXTURES, 'advisories', f);
      // Digi RealPort names nothing in plant-a.csv; exacq Enterprise Manager 21.12 is in it.
      await app.ingestPaths([adv('icsa-23-243-04.json'), adv('icsa-21-357-02.json')]);
      const sent = app.subscriptions.deliveries(LOCAL_CALLER, { subscription_id: subscription.id, limit: 10 });
      expect(sent.map((d) => [d.event_type, d.story_id])).toEqual([['story.created', 'ICSA-21-357-02']]);
      const payload = JSON.parse(sent[0]!.payload) as { data?: { exposure?: { asset_version: string; verdict: string }[] }; exposure?: { asset_version: string; verdict: string }[] };
      const exposure = payload.exposure ?? payload.data?.exposure;
      expect(exposure?.map((m) => [m.asset_version, m.verdict])).toEqual([['21.12', 'affected']]);
      // The same advisory rewritten with nothing new affected (another revision note): no event.
      const { readFileSync } = await import('node:fs');
      const doc = JSON.parse(readFileSync(adv('icsa-21-357-02.json'), 'utf8')) as { document: { notes: { category: string; text: string; title?: string }[] } };
      doc.document.notes.push({ category: 'summary', text: 'An added note that changes no product status.' });
      const changed = path.join(app.dir, 'icsa-21-357-02.json');
      writeFileSync(changed, JSON.stringify(doc));
      const r = await app.ingestPaths([changed]);
      expect(r.updated).toEqual(['ICSA-21-357-02']);
      expect(app.subscriptions.deliveries(LOCAL_CALLER, { subscription_id: subscription.id, limit: 10 })).toHaveLength(1);
      await expect(app.subscriptions.create({ name: 'x', min_confidence: 'low', outbox: 'x' }, LOCAL_CALLER)).rejects.toThrow(/say what to match|min_confidence goes with affects_assets/);
    } finally {
      app.cleanup();
    }
  });
});
