import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passageKinds } from '../src/story/schema.js';
import { callTool, connectClient, FIXTURES, hashEmbedder, openTestApp, SEED_ID } from './helpers.js';

/** The value at a field path such as "timeline[0].text" or "vulnerabilities[1].remediations[0].details". */
function resolve(doc: unknown, field: string): unknown {
  let node = doc;
  for (const part of field.match(/[^.[\]]+/g) ?? []) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

describe('every citation span resolves against text a client can fetch', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder() });
    await app.ingestPaths([path.join(FIXTURES, 'csaf'), path.join(FIXTURES, 'kev')]);
  });
  afterAll(() => app.cleanup());

  it('the story:// resource, sliced at each passage span, gives the passage text, for every passage kind', async () => {
    const client = await connectClient(app);
    const kinds = new Set<string>();
    for (const id of [SEED_ID, 'ICSA-99-001-01']) {
      const res = await client.readResource({ uri: `story://${id}` });
      const doc = JSON.parse((res.contents[0] as { text: string }).text) as unknown;
      const cited = (await callTool(client, 'get_story', { story_id: id })).structured.passages;
      for (const { citation_id } of cited) {
        const p = (await app.store.getPassage(citation_id))!;
        const text = resolve(doc, p.field);
        expect(typeof text, `${p.field} of ${id}`).toBe('string');
        expect((text as string).slice(p.span.start, p.span.end), `${citation_id} (${p.field})`).toBe(p.text);
        kinds.add(p.kind);
      }
    }
    expect([...kinds].sort()).toEqual([...passageKinds].sort());
  });

  it('get_timeline and list_sources serve the texts their citation ids cite', async () => {
    const client = await connectClient(app);
    const tl = (await callTool(client, 'get_timeline', { story_id: SEED_ID })).structured;
    for (const e of tl.events) {
      const p = (await app.store.getPassage(e.citation_id!))!;
      expect(p.field).toBe(e.field);
      expect(e.text.slice(p.span.start, p.span.end)).toBe(p.text);
    }
    const src = (await callTool(client, 'list_sources', { story_id: SEED_ID })).structured;
    for (const s of src.sources) {
      const p = (await app.store.getPassage(s.citation_id!))!;
      expect(s.title.slice(p.span.start, p.span.end)).toBe(p.text);
    }
  });

  it('get_story carries CVSS, product status and remediations as structured fields, and search finds them', async () => {
    const client = await connectClient(app);
    const s = (await callTool(client, 'get_story', { story_id: 'ICSA-99-001-01', include_body: false })).structured;
    expect(s.vulnerabilities.map((v) => [v.cve, v.cvss[0]?.base_score])).toEqual([['CVE-2099-0001', 9.8], ['CVE-2099-0002', 6.1]]);
    expect(s.vulnerabilities[1]!.remediations.map((r) => r.category)).toEqual(['vendor_fix', 'workaround', 'mitigation']);
    expect(s.products).toContainEqual(expect.objectContaining({ id: 'CSAFPID-0001', range: '<=4.2' }));
    const fix = await app.retriever.search({ query: 'Is there a fix for CVE-2099-0002?', limit: 3 });
    expect(fix[0]).toMatchObject({ story_id: 'ICSA-99-001-01', kind: 'remediation' });
    const cvss = await app.retriever.search({ query: 'What is the CVSS score of CVE-2099-0001?', limit: 3 });
    expect(cvss[0]).toMatchObject({ kind: 'vulnerability' });
    expect(cvss[0]!.text).toContain('base score 9.8 (CRITICAL)');
  });
});
