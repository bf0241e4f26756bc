import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPOSURE_FIXTURES, loadExposureFixtures, scoreExposure } from '../tools/eval-exposure.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { LOCAL_CALLER } from '../src/actions/caller.js';
import { PACKAGE_ROOT } from '../src/config.js';
import { callTool, CLI, connectClient, type StructuredOf, hashEmbedder, openTestApp, runCli, runNode, tempDir, textOf, waitFor } from './helpers.js';
import { startReceiver } from './support/receiver.js';

type TestApp = Awaited<ReturnType<typeof openTestApp>>;

describe('exposure on real advisories and hand-judged inventories', () => {
  let app: TestApp;
  let spec: Awaited<ReturnType<typeof loadExposureFixtures>>;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    spec = await loadExposureFixtures(app);
  });
  afterAll(() => app.cleanup());

  it('finds affected assets with precision >= 0.95 and recall >= 0.9 at confidence high or better', async () => {
    const s = await scoreExposure(app, spec);
    console.error(`exposure: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (${s.truePositives} TP, ${s.falsePositives} FP, ${s.falseNegatives} FN of ${s.judged} judged)\n${s.disagreements.join('\n')}`);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('cites the passage naming the product, puts KEV first and says why', async () => {
    const matches = await app.exposure.check({ cve: 'CVE-2021-44228' });
    const vms = matches.find((m) => m.asset_version === '21.12');
    expect(vms).toMatchObject({ verdict: 'affected', confidence: 'high', story_id: 'ICSA-21-357-02', kev: { cves: ['CVE-2021-44228'] } });
    const passage = await app.store.getPassage(vms!.citation_id!);
    expect(passage?.text).toContain('Exacq Enterprise Manager');
    expect(passage?.text).toContain('CVE-2021-44228');
    expect(vms!.why).toMatch(/21\.12/);
    const all = await app.exposure.check({ story_id: 'ICSA-21-357-02' });
    expect(all[0]?.kev).toBeDefined();
  });

  it('applies VEX statements and says so', async () => {
    const plc = (await app.exposure.check({ story_id: 'ICSA-21-152-01' })).find((m) => m.asset_version === 'V2.8');
    expect(plc).toMatchObject({ verdict: 'not_affected', vex: { status: 'not_affected', source: 'plant-a.openvex.json' } });
    expect(plc!.why).toMatch(/VEX/);
  });

  it('exposure_report ranks affected assets KEV first, then CVSS, then the newest advisory; since, kev_only and min_confidence narrow it', async () => {
    const report = await app.exposure.report({});
    const line = (e: (typeof report)[number]) => `${e.asset.name} ${e.asset.version}`;
    // Exacq is in KEV (CVSS 10); DiagAnywhere and VxWorks tie at 9.8, and DiagAnywhere's advisory (2019-12-12) is newer than VxWorks' (2019-08-08).
    expect(report.slice(0, 4).map(line)).toEqual(['Exacq Enterprise Manager 21.12', 'DiagAnywhere Server 3.7.11', 'VxWorks 6.9.4.11', 'VxWorks 6.9.4.11']);
    expect(report.map((e) => e.risk.cvss)).toEqual([...report.map((e) => e.risk.cvss)].sort((a, b) => (b ?? -1) - (a ?? -1)));
    expect(report.map(line)).not.toContain('SIMATIC S7-1500 CPU family V2.10');
    for (const e of report) for (const m of e.matches) expect([m.asset_id, m.verdict, m.confidence === 'low']).toEqual([e.asset.asset_id, 'affected', false]);
    expect((await app.exposure.report({ kev_only: true })).map(line)).toEqual(['Exacq Enterprise Manager 21.12']);
    const since = await app.exposure.report({ since: '2021-10-01' });
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((e) => e.matches.every((m) => ['ICSA-21-357-02', 'ICSA-23-243-04'].includes(m.story_id)))).toBe(true);
    // Name-only matches count at low: the SPDX package without a supplier.
    const low = await app.exposure.report({ min_confidence: 'low' });
    expect(low.length).toBeGreaterThan(report.length);
    expect(low.flatMap((e) => e.matches).some((m) => m.confidence === 'low')).toBe(true);
  });

  it('re-importing a source replaces its assets; a bad file imports nothing', async () => {
    const before = (await app.exposure.list({ offset: 0, limit: 1000 })).total;
    const again = await app.exposure.importFiles([path.join(EXPOSURE_FIXTURES, 'plant-a.csv')]);
    expect(again.sources[0]).toMatchObject({ source: 'plant-a.csv', assets: 16, replaced: 16 });
    expect((await app.exposure.list({ offset: 0, limit: 1000 })).total).toBe(before);
    const bad = path.join(app.dir, 'bad.csv');
    writeFileSync(bad, 'name,version,purl\nok,1.0,\n,2.0,\nthing,3.0,pkg:not a purl\n');
    await expect(app.exposure.importFiles([path.join(EXPOSURE_FIXTURES, 'gateway.spdx.json'), bad])).rejects.toThrow(/bad.csv: line 3: name is required; line 4: purl/);
    expect((await app.exposure.list({ offset: 0, limit: 1000 })).total).toBe(before);
  });
});

describe('purl and CPE evidence (an advisory whose products carry product_identification_helper)', () => {
  it('matches exact on purl or CPE over names, and a disagreeing identifier is another product', async () => {
    // CISA's advisories in ../shared/data carry no purl or CPE helpers; CSAF allows them, so one is added here.
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      const doc = JSON.parse(readFileSync(path.join(EXPOSURE_FIXTURES, 'advisories', 'icsa-21-357-02.json'), 'utf8')) as {
        product_tree: { branches: { branches: { branches: { product: Record<string, unknown> }[] }[] }[] };
        vulnerabilities: { product_status: { known_affected: string[] } }[];
      };
      doc.product_tree.branches[0]!.branches[0]!.branches[0]!.product.product_identification_helper = { cpe: 'cpe:2.3:a:johnsoncontrols:exacq_enterprise_manager:*:*:*:*:*:*:*:*' };
      doc.product_tree.branches.push({
        category: 'vendor',
        name: 'Apache Software Foundation',
        branches: [{ category: 'product_name', name: 'Log4j', branches: [{ category: 'product_version_range', name: 'vers:maven/>=2.0.0|<2.15.0', product: { name: 'Log4j 2.0 to 2.14.x', product_id: 'CSAFPID-0002', product_identification_helper: { purl: 'pkg:maven/org.apache.logging.log4j/log4j-core' } } }] }],
      } as unknown as (typeof doc.product_tree.branches)[number]);
      doc.vulnerabilities[0]!.product_status.known_affected.push('CSAFPID-0002');
      const file = path.join(app.dir, 'icsa-21-357-02.json');
      writeFileSync(file, JSON.stringify(doc));
      await app.ingestPaths([file]);
      await app.exposure.importItems('sbom', [
        { id: 'old', name: 'log4j-core', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' },
        { id: 'new', name: 'log4j-core', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1' },
        { id: 'npm', name: 'Log4j', vendor: 'Apache Software Foundation', version: '2.14.1', purl: 'pkg:npm/log4j@2.14.1' },
        { id: 'eem', name: 'EEM server', cpe: 'cpe:2.3:a:johnsoncontrols:exacq_enterprise_manager:21.10:*:*:*:*:*:*:*' },
        { id: 'other', name: 'Exacq Enterprise Manager', vendor: 'Johnson Controls', cpe: 'cpe:2.3:a:acme:other_product:21.10:*:*:*:*:*:*:*' },
      ]);
      const byId = new Map((await app.exposure.list({ offset: 0, limit: 10 })).assets.map((a) => [a.asset_id, a.id]));
      const got = (await app.exposure.check({ story_id: 'ICSA-21-357-02' })).map((m) => [byId.get(m.asset_id), m.verdict, m.confidence, m.why.split(' ')[0]]);
      expect(got.sort()).toEqual([
        ['eem', 'affected', 'exact', 'cpe'],
        ['new', 'fixed', 'exact', 'purl'],
        ['old', 'affected', 'exact', 'purl'],
      ]);
    } finally {
      app.cleanup();
    }
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
      // A client learns to ask "am I affected?" from the instructions and the briefing prompt.
      expect(client.getInstructions()).toMatch(/Am I affected\?.*check_exposure[\s\S]*affects_assets/);
      const brief = await client.getPrompt({ name: 'brief_me', arguments: { story_id: 'ICSA-21-357-02' } });
      expect(JSON.stringify(brief.messages)).toContain('check_exposure with story_id \\"ICSA-21-357-02\\"');
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
      const before = (await app.exposure.list({ offset: 0, limit: 1 })).total;
      for (const [name, args, message] of cases) {
        const r = await client.callTool({ name, arguments: args });
        expect(r.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
        expect(textOf(r)).toMatch(message);
      }
      expect((await app.exposure.list({ offset: 0, limit: 1 })).total).toBe(before);
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
      expect((await app.exposure.list({ offset: 0, limit: 1 })).total).toBe(100_100);
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
      const sent = await app.subscriptions.deliveries(LOCAL_CALLER, { subscription_id: subscription.id, limit: 10 });
      expect(sent.map((d) => [d.event_type, d.story_id])).toEqual([['story.created', 'ICSA-21-357-02']]);
      const payload = JSON.parse(sent[0]!.payload) as { data?: { exposure?: { asset_version: string; verdict: string }[] }; exposure?: { asset_version: string; verdict: string }[] };
      const exposure = payload.exposure ?? payload.data?.exposure;
      expect(exposure?.map((m) => [m.asset_version, m.verdict])).toEqual([['21.12', 'affected']]);
      // The same advisory rewritten with nothing new affected (another revision note): no event.
      const doc = JSON.parse(readFileSync(adv('icsa-21-357-02.json'), 'utf8')) as { document: { notes: { category: string; text: string; title?: string }[] } };
      doc.document.notes.push({ category: 'summary', text: 'An added note that changes no product status.' });
      const changed = path.join(app.dir, 'icsa-21-357-02.json');
      writeFileSync(changed, JSON.stringify(doc));
      const r = await app.ingestPaths([changed]);
      expect(r.updated).toEqual(['ICSA-21-357-02']);
      expect(await app.subscriptions.deliveries(LOCAL_CALLER, { subscription_id: subscription.id, limit: 10 })).toHaveLength(1);
      await expect(app.subscriptions.create({ name: 'x', min_confidence: 'low', outbox: 'x' }, LOCAL_CALLER)).rejects.toThrow(/say what to match|min_confidence goes with affects_assets/);
    } finally {
      app.cleanup();
    }
  });
});

describe('affects_assets end to end (real receiver, signed events)', () => {
  const FAST = { STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true', STORYLINE_WEBHOOK_BACKOFF_BASE_MS: '50', STORYLINE_WEBHOOK_BACKOFF_MAX_MS: '200', STORYLINE_WEBHOOK_TIMEOUT_MS: '400' };
  interface ExposureEvent {
    type: string;
    data: { story_id: string; why: string[]; passages: { citation_id: string }[]; exposure: { asset_name: string; asset_version: string; verdict: string; confidence: string; citation_id: string | null; cves: string[] }[] };
  }
  type Csaf = {
    product_tree: { branches: unknown[] };
    vulnerabilities: { cve: string; product_status: { known_affected: string[] } }[];
  };
  const ADVISORY = path.join(EXPOSURE_FIXTURES, 'advisories', 'icsa-21-357-02.json');
  const vendor = (v: string, product: string, range: string, id: string) => ({
    category: 'vendor',
    name: v,
    branches: [{ category: 'product_name', name: product, branches: [{ category: 'product_version_range', name: range, product: { name: `${product} ${range}`, product_id: id } }] }],
  });

  it('an asset import sends nothing; a rewritten advisory that newly affects assets sends story.updated with only those', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false, env: FAST });
    const receiver = await startReceiver();
    const client = await connectClient(app);
    const drain = () =>
      waitFor(async () => {
        if (await app.subscriptions.store.outstanding() > 0) await app.subscriptions.worker.runOnce();
        return await app.subscriptions.store.outstanding() === 0;
      }, 3_000, 60);
    const rewrite = (edit: (doc: Csaf) => void) => {
      const doc = JSON.parse(readFileSync(ADVISORY, 'utf8')) as Csaf;
      edit(doc);
      const file = path.join(app.dir, `rewrite-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, JSON.stringify(doc));
      return file;
    };
    try {
      const created = await callTool(client, 'create_subscription', { name: 'plant', affects_assets: true, webhook_url: receiver.url });
      const { subscription } = created.structured;
      const secret = created.structured.secret!;
      // The advisory arrives before any asset: nothing is affected, nothing is sent.
      await app.ingestPaths([ADVISORY]);
      expect(await app.subscriptions.store.outstanding()).toBe(0);
      // Importing assets is not a new advisory: check_exposure answers it, no event is sent.
      await app.exposure.importFiles([path.join(EXPOSURE_FIXTURES, 'plant-a.csv')]);
      await drain();
      expect(receiver.received).toHaveLength(0);
      expect((await app.exposure.check({ story_id: 'ICSA-21-357-02' })).filter((m) => m.verdict === 'affected').map((m) => m.asset_version)).toEqual(['21.12']);

      // Rewritten: the range widened to 22.03, and a product added that plc-04 (ControlLogix 5580 33.011) is.
      const r = await app.ingestPaths([
        rewrite((doc) => {
          const exacq = JSON.stringify(doc.product_tree.branches[0]).replace('"<= 21.12"', '"<= 22.03"');
          doc.product_tree.branches = [JSON.parse(exacq), vendor('Rockwell Automation', 'ControlLogix 5580', '<= 34.011', 'CSAFPID-0002')];
          doc.vulnerabilities[0]!.product_status.known_affected.push('CSAFPID-0002');
        }),
      ]);
      expect(r.updated).toEqual(['ICSA-21-357-02']);
      await drain();
      expect(receiver.received).toHaveLength(1);
      const got = receiver.received[0]!;
      const event = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as ExposureEvent;
      expect(event.type).toBe('story.updated');
      // vms-01 (21.12) was affected before the rewrite: only what is newly affected is news.
      expect(event.data.exposure.map((m) => [m.asset_name, m.asset_version, m.verdict, m.confidence]).sort()).toEqual([
        ['ControlLogix 5580', '33.011', 'affected', 'high'],
        ['Exacq Enterprise Manager', '22.03', 'affected', 'high'],
      ]);
      expect(event.data.why.join()).toMatch(/affects 2 imported asset/);
      for (const m of event.data.exposure) {
        expect(m.cves).toEqual(['CVE-2021-44228']);
        expect((await app.store.getPassage(m.citation_id!))?.text).toContain(m.asset_name);
      }

      // At min_confidence exact, a vendor + product match (high) no longer counts.
      const upd = await client.callTool({ name: 'update_subscription', arguments: { subscription_id: subscription.id, min_confidence: 'exact' } });
      expect(upd.structuredContent).toMatchObject({ subscription: { affects_assets: { min_confidence: 'exact' } } });
      await app.ingestPaths([
        rewrite((doc) => {
          doc.product_tree.branches.push(vendor('Wind River', 'VxWorks', '<= 7.0', 'CSAFPID-0003'));
          doc.vulnerabilities[0]!.product_status.known_affected.push('CSAFPID-0003');
        }),
      ]);
      await drain();
      expect(receiver.received).toHaveLength(1);
      // Back to high: the next rewrite that newly affects an asset (VxWorks 6.4 under a wider range) is sent.
      await client.callTool({ name: 'update_subscription', arguments: { subscription_id: subscription.id, min_confidence: 'high' } });
      await app.ingestPaths([
        rewrite((doc) => {
          doc.product_tree.branches.push(vendor('Wind River', 'VxWorks', '<= 7.0', 'CSAFPID-0003'), vendor('Wind River Systems', 'VxWorks 653', '<= 3.0', 'CSAFPID-0004'));
          doc.vulnerabilities[0]!.product_status.known_affected.push('CSAFPID-0003', 'CSAFPID-0004');
        }),
      ]);
      await drain();
      expect(receiver.received).toHaveLength(2);
      const second = new Webhook(secret).verify(receiver.received[1]!.body, receiver.received[1]!.headers as Record<string, string>) as ExposureEvent;
      expect(second.data.exposure.map((m) => `${m.asset_name} ${m.asset_version}`)).toEqual(['VxWorks 653 2.5']);
    } finally {
      await client.close();
      await receiver.close();
      app.cleanup();
    }
  });

  it('update_subscription turns affects_assets on and off and changes min_confidence, refusing what makes no sense', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    const client = await connectClient(app);
    try {
      const call = async (name: string, args: Record<string, unknown>) => {
        const r = await client.callTool({ name, arguments: args });
        return { error: r.isError ? textOf(r) : null, sub: (r.structuredContent as StructuredOf<'update_subscription'> | undefined)?.subscription };
      };
      const only = (await call('create_subscription', { name: 'assets', affects_assets: true, outbox: 'a' })).sub!;
      expect((await call('update_subscription', { subscription_id: only.id, min_confidence: 'low' })).sub?.affects_assets).toEqual({ min_confidence: 'low' });
      expect((await call('update_subscription', { subscription_id: only.id, affects_assets: false })).error).toMatch(/only thing this subscription matches/);
      const byName = (await call('create_subscription', { name: 'siemens', entities: ['Siemens'], outbox: 'b' })).sub!;
      expect((await call('update_subscription', { subscription_id: byName.id, min_confidence: 'exact' })).error).toMatch(/give affects_assets true as well/);
      expect((await call('update_subscription', { subscription_id: byName.id, affects_assets: true })).sub?.affects_assets).toEqual({ min_confidence: 'high' });
      expect((await call('update_subscription', { subscription_id: byName.id, affects_assets: true, min_confidence: 'exact' })).sub?.affects_assets).toEqual({ min_confidence: 'exact' });
      expect((await call('update_subscription', { subscription_id: byName.id, affects_assets: false, min_confidence: 'low' })).error).toMatch(/min_confidence goes with affects_assets/);
      expect((await call('update_subscription', { subscription_id: byName.id, affects_assets: false })).sub?.affects_assets).toBeNull();
      expect((await call('update_subscription', { subscription_id: byName.id, min_confidence: 'nope' })).error).toMatch(/min_confidence/);
      // Refused updates changed nothing.
      expect((await app.subscriptions.get(only.id, LOCAL_CALLER)).subscription.affects_assets).toEqual({ min_confidence: 'low' });
      // An idempotency key repeated with another affects_assets is another request, refused.
      await call('create_subscription', { name: 'k', entities: ['Siemens'], outbox: 'c', idempotency_key: 'k1' });
      expect((await call('create_subscription', { name: 'k', entities: ['Siemens'], outbox: 'c', idempotency_key: 'k1', affects_assets: true })).error).toMatch(/already used with different arguments/);
    } finally {
      await client.close();
      app.cleanup();
    }
  });
});

describe('storyline assets and storyline exposure (the built CLI, as the README shows them)', () => {
  it('runs the README worked example and prints what it says; bad files exit 1 with a clear message and import nothing', async () => {
    const { dir, cleanup } = tempDir();
    const env = { STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_LOG_LEVEL: 'error' };
    try {
      const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
      const section = readme.slice(readme.indexOf('## Am I affected?'));
      const [, commands, printed] = /```sh\n([\s\S]*?)```\s*\n```\n([\s\S]*?)```/.exec(section) ?? [];
      const steps = commands!.replace(/\\\n\s*/g, '').trim().split('\n').map((l) => l.trim().split(/\s+/));
      expect(steps.map((s) => s.slice(0, 3).join(' '))).toEqual(['storyline ingest test/fixtures/exposure/advisories/icsa-21-357-02.json', 'storyline assets import', 'storyline exposure --cve']);
      let last = '';
      for (const [, ...args] of steps) {
        const r = await runNode(CLI, args.map((a) => (a.includes('/') ? path.join(PACKAGE_ROOT, a) : a)), env);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        last = r.stdout;
      }
      expect(last.trim()).toBe(printed!.trim());

      const report = JSON.parse((await runCli(['exposure', '--json'], env)).stdout) as { assets: { asset: { name: string; version: string }; risk: { kev: boolean } }[] };
      // The order the README's prose gives for the risk report.
      expect(report.assets.map((e) => `${e.asset.name} ${e.asset.version}`)).toEqual([
        'Exacq Enterprise Manager 21.12',
        'DiagAnywhere Server 3.7.11',
        'SIMATIC S7-1500 CPU family V2.9.1',
        'SIMATIC S7-1500 CPU family V2.8',
      ]);
      expect(section).toMatch(/the Exacq server, then DiagAnywhere Server 3\.7\.11 inside `<= 3\.07\.11`, then the S7-1500 at V2\.9\.1 and\s+V2\.8/);
      expect((await runCli(['exposure', '--kev-only'], env)).stdout).toMatch(/^1\. Exacq Enterprise Manager 21\.12 \[a_[0-9a-f]{16}\] KEV CVSS 10\n/);
      // ICSA-21-152-01 was last updated 2021-09-14, ICSA-19-346-01 in 2019: only the Exacq advisory is that recent.
      const since = JSON.parse((await runCli(['exposure', '--since', '2021-10-01', '--json'], env)).stdout) as typeof report;
      expect(since.assets.map((e) => e.asset.name)).toEqual(['Exacq Enterprise Manager']);
      const badDay = await runCli(['exposure', '--since', '2021-13-01'], env);
      expect(badDay.code).toBe(1);
      expect(badDay.stderr).toMatch(/--since.*is not a real calendar date/);

      const bad = path.join(dir, 'bad.csv');
      writeFileSync(bad, 'name,vendor\nthing,acme\n');
      const r = await runCli(['assets', 'import', path.join(PACKAGE_ROOT, 'corpus/sample-inventory.csv'), bad], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/nothing imported.*\n- bad\.csv: the header must name the columns name and version \(missing: version\)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const list = JSON.parse((await runCli(['assets', 'list', '--json'], env)).stdout) as { total: number };
      expect(list.total).toBe(16);
      expect((await runCli(['exposure', '--asset', 'a_nope'], env)).stderr).toMatch(/no asset "a_nope"/);
      expect((await runCli(['assets', 'remove', '--source', 'sample-inventory.csv'], env)).stdout).toMatch(/Removed 16 asset/);
      expect((await runCli(['exposure', '--cve', 'CVE-2021-44228'], env)).stdout).toMatch(/No assets imported/);
    } finally {
      cleanup();
    }
  });
});

describe('storyline subscriptions update (the built CLI)', () => {
  it('changes affects_assets and min_confidence, and refuses what makes no sense with exit code 1', async () => {
    const { dir, cleanup } = tempDir();
    const env = { STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_LOG_LEVEL: 'error' };
    try {
      const created = await runCli(['subscriptions', 'create', '--name', 'mine', '--affects-assets', '--outbox', 'mine', '--json'], env);
      const id = (JSON.parse(created.stdout) as { subscription: { id: string } }).subscription.id;
      const low = await runCli(['subscriptions', 'update', id, '--min-confidence', 'low', '--pause', '--json'], env);
      expect(JSON.parse(low.stdout)).toMatchObject({ affects_assets: { min_confidence: 'low' }, status: 'paused' });
      const drop = await runCli(['subscriptions', 'update', id, '--no-affects-assets'], env);
      expect([drop.code, drop.stderr]).toEqual([1, expect.stringMatching(/only thing this subscription matches/) as unknown]);
      const nothing = await runCli(['subscriptions', 'update', id], env);
      expect([nothing.code, nothing.stderr]).toEqual([1, expect.stringMatching(/say what to change/) as unknown]);
      const resumed = await runCli(['subscriptions', 'update', id, '--resume'], env);
      expect(resumed.stdout).toMatch(/\[active\]: affects my assets \(low\+\)/);
    } finally {
      cleanup();
    }
  });
});
