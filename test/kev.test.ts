import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, hashEmbedder, openTestApp } from './helpers.js';

const KEV = path.join(FIXTURES, 'kev/kev-2099.01.json');
const CSAF = path.join(FIXTURES, 'csaf/icsa-99-001-01.json');
const kevTitles = async (app: Awaited<ReturnType<typeof openTestApp>>, id: string) =>
  (await app.store.getStory(id))!.story.timeline.filter((e) => e.title.includes('Known Exploited')).map((e) => `${e.date} ${e.title}`);

describe('CISA KEV catalog', () => {
  it('adds a dated event to every story naming the CVE, and a story of its own for the others', async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    try {
      await app.ingestPaths([CSAF]);
      const r = await app.ingestPaths([KEV]);
      expect(r.updated).toEqual(['ICSA-99-001-01']);
      expect(r.added).toEqual(['kev-CVE-2099-7777']);
      expect(await kevTitles(app, 'ICSA-99-001-01')).toEqual(["2099-01-20 CVE-2099-0001 added to CISA's Known Exploited Vulnerabilities catalog"]);
      const event = (await app.store.getStory('ICSA-99-001-01'))!.story.timeline.at(-1)!;
      expect(event.text).toBe('CISA added CVE-2099-0001 (Vendor A Aqua PLC: Vendor A Aqua PLC Hard-coded Credentials Vulnerability) to the KEV catalog on 2099-01-20; remediation due 2099-02-10. Known ransomware campaign use: Unknown.');
      const own = (await app.store.getStory('kev-CVE-2099-7777'))!.story;
      expect(own.timeline[0]!.text).toContain('Known to be used in ransomware campaigns.');
      expect(own.sources.map((s) => s.publisher)).toEqual(['gateway.vendor-c.example', 'nvd.nist.gov']);
      expect((await app.store.storiesByEntity('Vendor C', 'vendor', 0, 5)).stories.map((s) => s.id)).toEqual(['kev-CVE-2099-7777']);

      // The same catalog again changes nothing; re-ingesting the advisory keeps its KEV event.
      expect(await app.ingestPaths([KEV])).toMatchObject({ added: [], updated: [], passages: 0 });
      expect(await app.ingestPaths([CSAF])).toMatchObject({ added: [], updated: [], unchanged: ['ICSA-99-001-01'] });
      expect(await kevTitles(app, 'ICSA-99-001-01')).toHaveLength(1);
    } finally {
      app.cleanup();
    }
  });

  it('a newer catalog adds only what changed; a later advisory naming a KEV-only CVE absorbs its story', async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    try {
      await app.ingestPaths([KEV]);
      expect((await app.store.storyHash('kev-CVE-2099-0001'))).not.toBeNull();
      const catalog = JSON.parse(readFileSync(KEV, 'utf8')) as { catalogVersion: string; vulnerabilities: Record<string, unknown>[] };
      catalog.catalogVersion = '2099.01.25';
      catalog.vulnerabilities.push({ ...catalog.vulnerabilities[1]!, cveID: 'CVE-2099-8888', dateAdded: '2099-01-25', dueDate: '2099-02-15' });
      const dir = path.join(app.dir, 'newer');
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'kev.json'), JSON.stringify(catalog));
      const r = await app.ingestPaths([dir]);
      expect(r.added).toEqual(['kev-CVE-2099-8888']);
      expect(r.updated).toEqual([]);

      const absorbed = await app.ingestPaths([CSAF]);
      expect(absorbed.added).toEqual(['ICSA-99-001-01']);
      expect(absorbed.removed).toEqual(['kev-CVE-2099-0001']);
      expect((await app.store.storyHash('kev-CVE-2099-0001'))).toBeNull();
      expect(await kevTitles(app, 'ICSA-99-001-01')).toHaveLength(1);
    } finally {
      app.cleanup();
    }
  });

  it('names the file and field of a malformed catalog', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      const file = path.join(app.dir, 'kev-bad.json');
      writeFileSync(file, JSON.stringify({ catalogVersion: '1', vulnerabilities: [{ cveID: 'CVE-1', vendorProject: 'x', product: 'y', vulnerabilityName: 'z', dateAdded: '2024-02-30', dueDate: '2024-03-01' }] }));
      await expect(app.ingestPaths([file])).rejects.toThrow(/kev-bad\.json: field "vulnerabilities\[0\]\.cveID" must be a CVE id/);
      writeFileSync(file, JSON.stringify({ catalogVersion: '1', vulnerabilities: [{ cveID: 'CVE-2024-1234', vendorProject: 'x', product: 'y', vulnerabilityName: 'z', dateAdded: '2024-02-30', dueDate: '2024-03-01' }] }));
      await expect(app.ingestPaths([file])).rejects.toThrow(/field "vulnerabilities\[0\]\.dateAdded" is not a real calendar date/);
      expect((await app.store.counts()).stories).toBe(0);
    } finally {
      app.cleanup();
    }
  });
});
