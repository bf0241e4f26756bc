import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { ResourceListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../src/answer/extractive.js';
import { storyToPassages } from '../src/ingest/passages.js';
import { csafSchema, csafToStory } from '../src/story/csaf.js';
import { loadStoryFile, StoryFileError } from '../src/story/load.js';
import { callTool, connectClient, csafWithCves, deepCsafText, FIXTURES, hashEmbedder, openTestApp, SEED_ID, tempDir, textOf, waitFor } from './helpers.js';

const FILE = path.join(FIXTURES, 'csaf/icsa-99-001-01.json');

describe('CSAF 2.0 adapter', () => {
  it('turns an advisory into a story: body, dates, revisions, references and entities', async () => {
    const s = await loadStoryFile(FILE);
    expect(s.id).toBe('ICSA-99-001-01');
    expect(s.title).toBe('Vendor A Aqua PLC and Vendor B FlowView HMI');
    expect(s.published).toBe('2099-01-05');
    expect(s.updated).toBe('2099-02-10');
    expect(s.body).toContain('take control of water treatment PLCs');
    expect(s.body).toContain('CVE-2099-0001: Use of Hard-coded Credentials (CWE-798). Aqua PLC firmware contains a hard-coded maintenance password');
    expect(s.body).not.toContain('extracted from unstructured data');
    expect(s.timeline).toEqual([
      { date: '2099-01-05', title: 'Revision 1', text: 'Initial Publication' },
      { date: '2099-02-10', title: 'Revision 2', text: 'Updated mitigations for FlowView HMI' },
    ]);
    expect(s.sources).toEqual([
      { publisher: 'example.gov', title: 'ICS Advisory ICSA-99-001-01 JSON', url: 'https://example.gov/csaf/icsa-99-001-01.json' },
      { publisher: 'vendor-a.example', title: 'Vendor bulletin', url: 'https://www.vendor-a.example/bulletins/2099-01' },
      { publisher: 'web.nvd.nist.gov', title: 'web.nvd.nist.gov', url: 'https://web.nvd.nist.gov/view/vuln/detail?vulnId=CVE-2099-0001' },
    ]);
    const byType = (t: string) => s.entities.filter((e) => e.type === t).map((e) => e.name);
    expect(byType('cve')).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);
    expect(byType('cwe')).toEqual(['CWE-798', 'CWE-79']);
    expect(byType('vendor')).toEqual(['Vendor A', 'Vendor B']);
    expect(byType('product')).toEqual(['Aqua PLC', 'FlowView HMI']);
    expect(byType('sector')).toEqual(['Water and Wastewater Systems', 'Energy']);
    expect(byType('organization')).toEqual(['Example Research Lab']);
    // Acknowledgments read as the advisory's prose does, so "who reported it" is answered in words.
    expect(s.body.endsWith('\n\nExample Research Lab reported these vulnerabilities to CISA.')).toBe(true);
  });

  it('credits the people an acknowledgment names, as prose and as People entities', () => {
    const doc = csafSchema.parse(JSON.parse(readFileSync(FILE, 'utf8')));
    doc.document.acknowledgments = [
      { names: ['Daniel dos Santos', 'Jos Wetzels'], organization: 'Forescout Technologies', summary: 'reporting this vulnerability to CISA' },
      { names: ['Ada Lovelace'], summary: 'coordinating disclosure with Vendor A.' },
      { summary: 'nobody named' },
    ];
    const s = csafToStory(doc);
    expect(s.body).toContain('Daniel dos Santos and Jos Wetzels of Forescout Technologies reported this vulnerability to CISA.\n\nAda Lovelace is credited with coordinating disclosure with Vendor A.');
    expect(s.body).not.toContain('nobody named');
    expect(s.entities.filter((e) => e.type === 'person').map((e) => e.name)).toEqual(['Daniel dos Santos', 'Jos Wetzels', 'Ada Lovelace']);
  });

  it('reads text stored as UTF-8 read as Latin-1 ("GeutebrÃ¼ck") as it was written', () => {
    const doc = csafSchema.parse(JSON.parse(readFileSync(FILE, 'utf8')));
    doc.document.acknowledgments = [{ names: ['Jo\u00C3\u00A3o Le\u00C3\u00A3o'], organization: 'Geutebr\u00C3\u00BCck Lab', summary: 'reporting this to CISA' }];
    const s = csafToStory(doc);
    expect(s.body).toContain('João Leão of Geutebrück Lab reported this to CISA.');
    // A character of its own beside such a run stays as it is.
    doc.document.acknowledgments = [{ names: ['Ã and ü'], summary: 'reporting this to CISA' }];
    expect(csafToStory(doc).body).toContain('Ã and ü reported this to CISA.');
  });

  it('answers "who reported the flaw" with the credits first, in search and in the offline answer', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      await app.ingestPaths([app.config.corpusDir, path.join(FIXTURES, 'csaf')]);
      const hits = await app.retriever.search({ query: 'Who reported the Aqua PLC hard-coded credentials flaw?', limit: 8 });
      expect(hits[0]?.story_id).toBe('ICSA-99-001-01');
      expect(hits.slice(0, 2).map((h) => h.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Organizations: Example Research Lab/)]));
      expect(hits.some((h) => h.kind === 'body' && h.text.includes('Example Research Lab reported these vulnerabilities to CISA.'))).toBe(true);
      expect(extractiveAnswer('Who reported the Aqua PLC hard-coded credentials flaw?', hits).answer).toMatch(/Example Research Lab/);
      // "Which version fixes ...": of the advisory's fixes, the one that states a version leads.
      const fixes = await app.retriever.search({ query: 'Which Aqua PLC firmware version restricts access to the maintenance port fix?', limit: 5 });
      expect(fixes[0]?.text).toBe('Vendor A recommends updating Aqua PLC firmware to version 4.3 or later.');
    } finally {
      app.cleanup();
    }
  });

  it('leads with the score line of the flaw a CVSS question describes, and with the fix that states a version', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      await app.ingestPaths([app.config.corpusDir, path.join(FIXTURES, 'csaf')]);
      // Its description ("CVE-2099-0002: ... alarm labels ...") holds the question's words; the score line, the answer, does not.
      const score = await app.retriever.search({ query: 'How bad is the FlowView HMI flaw where alarm labels are not sanitized, cross-site scripting against operators? Score please', limit: 5 });
      expect(score[0]?.text).toMatch(/^CVE-2099-0002: CVSS v3\.1 base score 6\.1/);
      const named = await app.retriever.search({ query: 'CVSS vector of CVE-2099-0001, the hard-coded maintenance password?', limit: 5 });
      expect(named[0]?.text).toMatch(/^CVE-2099-0001: CVSS v3\.1 base score 9\.8/);
      const fix = await app.retriever.search({ query: 'Which FlowView HMI release should operators move to for the stored cross-site scripting in alarm labels?', limit: 5 });
      expect(fix[0]?.text).toBe('Vendor B fixed the issue in FlowView HMI 3.2.');
    } finally {
      app.cleanup();
    }
  });

  it('answers "when was the X advisory released" with its dated revisions, whatever versions the question names', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      await app.ingestPaths([app.config.corpusDir, path.join(FIXTURES, 'csaf')]);
      const question = 'Release date of the Aqua PLC advisory about the hard-coded credentials in firmware 4.2 and earlier?';
      const hits = await app.retriever.search({ query: question, limit: 8 });
      expect(hits.slice(0, 3).map((h) => h.text)).toContain('Initial Publication');
      expect(extractiveAnswer(question, hits).answer).toMatch(/2099-01-05: Initial Publication/);
    } finally {
      app.cleanup();
    }
  });

  it('answers "the dates of the original release and of the revision" with both, where the revision repeats the first one\'s words', async () => {
    const { dir, cleanup } = tempDir();
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      const doc = JSON.parse(readFileSync(FILE, 'utf8')) as { document: { tracking: { revision_history: { summary: string }[] } } };
      for (const r of doc.document.tracking.revision_history) r.summary = 'Vendor A Aqua PLC and Vendor B FlowView HMI (Update A)';
      writeFileSync(path.join(dir, 'icsa-99-001-01.json'), JSON.stringify(doc));
      await app.ingestPaths([dir]);
      const question = 'Aqua PLC advisory: date of the original release and of the follow-up revision?';
      const answer = extractiveAnswer(question, await app.retriever.search({ query: question, limit: 8 })).answer;
      expect(answer).toMatch(/2099-01-05: Vendor A Aqua PLC and Vendor B FlowView HMI \(Update A\).*2099-02-10: Vendor A Aqua PLC and Vendor B FlowView HMI \(Update A\)/);
    } finally {
      app.cleanup();
      cleanup();
    }
  });

  it('answers "will they patch it" with the fix that says there is none, first in search and in the offline answer', async () => {
    const { dir, cleanup } = tempDir();
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      const doc = JSON.parse(readFileSync(FILE, 'utf8')) as { vulnerabilities: { remediations: { category: string; details: string; product_ids: string[] }[] }[] };
      doc.vulnerabilities[1]!.remediations.push({ category: 'no_fix_planned', details: 'Vendor B has not developed a product fix: FlowView HMI is end-of-life.', product_ids: ['CSAFPID-0002'] });
      writeFileSync(path.join(dir, 'icsa-99-001-01.json'), JSON.stringify(doc));
      await app.ingestPaths([dir]);
      const question = 'Is Vendor B going to patch the FlowView HMI alarm label issue?';
      const hits = await app.retriever.search({ query: question, limit: 5 });
      expect(hits[0]?.text).toBe('Vendor B has not developed a product fix: FlowView HMI is end-of-life.');
      expect(extractiveAnswer(question, hits).answer).toMatch(/^Vendor B has not developed a product fix/);
    } finally {
      app.cleanup();
      cleanup();
    }
  });

  it('is ingested and found by CVE and by weakness described in words', async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    try {
      await app.ingestPaths([path.join(FIXTURES, 'csaf')]);
      expect((await app.store.listStories({ entity: 'cve-2099-0002', offset: 0, limit: 5 })).stories.map((x) => x.id)).toEqual(['ICSA-99-001-01']);
      const hits = await app.retriever.search({ query: 'hard-coded maintenance password', limit: 3 });
      expect(hits[0]!.story_id).toBe('ICSA-99-001-01');
      // An advisory's flaws asked for in the plural: its CVEs line, then the passages that describe each flaw.
      const flaws = await app.retriever.search({ query: 'Aqua PLC vulnerabilities', limit: 3 });
      expect(flaws[0]?.text).toMatch(/^CVEs: CVE-2099-0001; CVE-2099-0002/);
      const described = flaws.slice(1).map((h) => h.text).join('\n');
      expect(described).toMatch(/(?:^|\n)CVE-2099-0001: Use of Hard-coded Credentials/);
      expect(described).toMatch(/(?:^|\n)CVE-2099-0002: Improper Neutralization/);
      // "What is CVE-X": the prose that describes it, first.
      const what = await app.retriever.search({ query: 'What is CVE-2099-0001?', limit: 3 });
      expect(what[0]?.text).toMatch(/(?:^|\n)CVE-2099-0001: Use of Hard-coded Credentials/);
      // Something else of them ("is there a fix for the Aqua PLC vulnerabilities"): the CVEs line right below the best passage.
      const other = await app.retriever.search({ query: 'Is there a fix for the Aqua PLC vulnerabilities?', limit: 3 });
      expect(other[1]?.text).toMatch(/^CVEs: CVE-2099-0001; CVE-2099-0002/);
    } finally {
      app.cleanup();
    }
  });

  it('filters search and listings by entity, and find_stories_by_entity answers exactly', async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    try {
      await app.ingestPaths([path.join(FIXTURES, 'csaf')]);
      const client = await connectClient(app);
      const find = await client.callTool({ name: 'find_stories_by_entity', arguments: { entity: 'vendor b' } });
      expect(find.structuredContent).toMatchObject({ total: 1, stories: [{ id: 'ICSA-99-001-01', matched: [{ type: 'vendor', name: 'Vendor B' }] }] });
      expect((await client.callTool({ name: 'find_stories_by_entity', arguments: { entity: 'CVE-2099-0001', type: 'cve' } })).structuredContent).toMatchObject({ total: 1 });
      expect((await client.callTool({ name: 'find_stories_by_entity', arguments: { entity: 'CVE-2099-0001', type: 'vendor' } })).structuredContent).toMatchObject({ total: 0 });
      expect(textOf(await client.callTool({ name: 'find_stories_by_entity', arguments: { entity: 'CVE-2099-000' } }))).toMatch(/No stored story names/);
      const oncd = await callTool(client, 'find_stories_by_entity', { entity: 'ONCD' });
      expect(oncd.structured.stories.map((x) => x.id)).toEqual([SEED_ID]);
      const search = await callTool(client, 'search_passages', { query: 'vulnerability', entity: 'Water and Wastewater Systems', entity_type: 'sector' });
      const ids = new Set(search.structured.results.map((r) => r.story_id));
      expect([...ids]).toEqual(['ICSA-99-001-01']);
      const listed = await callTool(client, 'list_stories', { entity: 'aqua plc', entity_type: 'product' });
      expect(listed.structured.stories.map((x) => x.id)).toEqual(['ICSA-99-001-01']);
      const bad = await client.callTool({ name: 'search_passages', arguments: { query: 'x', entity_type: 'cve' } });
      expect(textOf(bad)).toMatch(/entity_type goes with entity/);
      await client.close();
    } finally {
      app.cleanup();
    }
  });

  it('ingest_stories adds advisories from the allowed roots only, with progress and list_changed', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), env: { STORYLINE_INGEST_ROOTS: path.join(FIXTURES, 'csaf') } });
    try {
      const client = await connectClient(app);
      let listChanged = 0;
      client.setNotificationHandler(ResourceListChangedNotificationSchema, () => {
        listChanged++;
      });
      const progress: number[] = [];
      const r = await client.callTool({ name: 'ingest_stories', arguments: { paths: ['icsa-99-001-01.json'] } }, undefined, { onprogress: (p) => void progress.push(p.progress) });
      expect(r.structuredContent).toMatchObject({ added: ['ICSA-99-001-01'], failed: [] });
      expect(progress.length).toBeGreaterThan(1);
      await waitFor(() => listChanged > 0, 5_000);
      expect(listChanged).toBe(1);
      for (const outside of ['/etc/passwd', '../extra-story.json', path.join(FIXTURES, 'extra-story.json')]) {
        const bad = await client.callTool({ name: 'ingest_stories', arguments: { paths: [outside] } });
        expect(bad.isError, outside).toBe(true);
        expect(textOf(bad)).toMatch(/outside the server's ingest roots|does not exist/);
      }
      expect((await app.store.storyHash('test-ics-advisory'))).toBeNull();
      await client.close();
    } finally {
      app.cleanup();
    }
  });

  it('names the file and field of malformed advisories', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const good = (await import(FILE, { with: { type: 'json' } })) as { default: { document: Record<string, unknown> } };
      const cases: [string, unknown, RegExp][] = [
        ['no-tracking.json', { ...good.default, document: { ...good.default.document, tracking: undefined } }, /field "document\.tracking"/],
        ['bad-date.json', { ...good.default, document: { ...good.default.document, tracking: { id: 'X', initial_release_date: 'yesterday', current_release_date: '2099-01-01' } } }, /field "document\.tracking\.initial_release_date" must be an ISO 8601 date-time/],
        ['bad-revision.json', { ...good.default, document: { ...good.default.document, tracking: { id: 'X', initial_release_date: '2099-01-01', current_release_date: '2099-01-01', revision_history: [{ date: '2099-13-45', number: '1', summary: 'x' }] } } }, /is not a real calendar date|timeline\[0\]\.date/],
      ];
      for (const [name, data, message] of cases) {
        const f = path.join(dir, name);
        writeFileSync(f, JSON.stringify(data));
        await expect(loadStoryFile(f)).rejects.toThrow(message);
      }
      const broken = path.join(dir, 'broken.json');
      writeFileSync(broken, '{"document": {"csaf_version": "2.0",');
      await expect(loadStoryFile(broken)).rejects.toBeInstanceOf(StoryFileError);
    } finally {
      cleanup();
    }
  });

  it('converts and cuts an advisory in time linear in its vulnerabilities', async () => {
    // Best of five runs, so one pause on a shared machine does not decide a ratio.
    const best = async (f: () => unknown) => {
      let min = Infinity;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await f();
        min = Math.min(min, performance.now() - t);
      }
      return min;
    };
    const [small, large] = [2_000, 20_000].map((n) => csafSchema.parse(csafWithCves(n)));
    const [smallStory, largeStory] = [csafToStory(small!), csafToStory(large!)];
    // One advisory with 20,000 vulnerabilities against ten with 2,000: the same total work
    // when it is linear (ratio 1-3 here, garbage collection included), ten times as much when
    // quadratic (8.5 for conversion, 33 for cutting before they were fixed).
    const tenSmall = (f: () => unknown) => async () => {
      for (let i = 0; i < 10; i++) await f();
    };
    await tenSmall(() => storyToPassages(smallStory))(); // warm-up
    const convert = (await best(() => csafToStory(large!))) / (await best(tenSmall(() => csafToStory(small!))));
    const cut = (await best(() => storyToPassages(largeStory))) / (await best(tenSmall(() => storyToPassages(smallStory))));
    expect(convert).toBeLessThan(5);
    expect(cut).toBeLessThan(5);
    expect(largeStory.entities.filter((e) => e.type === 'cve')).toHaveLength(10_000);
  });

  it('refuses a product tree nested deeper than 32 levels as a per-file error, and keepGoing ingests the story beside it', async () => {
    const app = await openTestApp({ embedder: hashEmbedder(), ingest: false });
    try {
      const bulk = path.join(app.dir, 'bulk');
      mkdirSync(bulk);
      writeFileSync(path.join(bulk, 'deep.json'), deepCsafText(20_000));
      writeFileSync(path.join(bulk, 'good.json'), JSON.stringify({ id: 'good-story', title: 'Good', body: 'A valid story body about ransomware.' }));
      writeFileSync(path.join(bulk, 'deep-32.json'), deepCsafText(32));
      const r = await app.ingestPaths([bulk], { keepGoing: true });
      expect(r.added.sort()).toEqual(['DEEP-32', 'good-story']);
      expect(r.failed).toEqual([{ file: path.join(bulk, 'deep.json'), error: `${path.join(bulk, 'deep.json')}: field "product_tree.branches" nests deeper than 32 levels; refused` }]);
      expect((await app.store.getStory('DEEP-32'))?.story.entities).toContainEqual({ type: 'vendor', name: 'Deep Vendor' });
      writeFileSync(path.join(bulk, 'deep-33.json'), deepCsafText(33));
      await expect(loadStoryFile(path.join(bulk, 'deep-33.json'))).rejects.toThrow(/nests deeper than 32 levels/);
    } finally {
      app.cleanup();
    }
  });
});
