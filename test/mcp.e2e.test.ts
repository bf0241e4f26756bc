import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { connectClient, FIXTURES, openTestApp, SEED_ID, textOf } from './helpers.js';

type Structured = Record<string, unknown>;
const RETRIEVAL_TOOLS = ['find_stories_by_entity', 'get_story', 'get_timeline', 'list_sources', 'list_stories', 'search_passages', 'verify_quote', 'check_exposure', 'exposure_report', 'list_assets'];
const ACTION_TOOLS = ['create_subscription', 'delete_subscription', 'get_subscription', 'ingest_stories', 'list_subscriptions', 'test_subscription', 'update_subscription', 'import_assets', 'remove_assets'];

describe('MCP server over the in-memory transport (real local embedder)', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let client: Client;

  beforeAll(async () => {
    app = await openTestApp();
    await app.ingestPaths([path.join(FIXTURES, 'extra-story.json')]);
    client = await connectClient(app);
  });
  afterAll(async () => {
    await client.close();
    app.cleanup();
  });

  const call = async (name: string, args: Record<string, unknown>) => {
    const r = await client.callTool({ name, arguments: args });
    return { isError: r.isError === true, structured: r.structuredContent as Structured, text: textOf(r) };
  };

  it('lists exactly the retrieval and action tools, each with title, annotations and schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...RETRIEVAL_TOOLS, ...ACTION_TOOLS].sort());
    for (const t of tools) {
      expect(t.title, t.name).toBeTruthy();
      expect(t.description!.length, t.name).toBeGreaterThan(40);
      expect(t.outputSchema?.type, t.name).toBe('object');
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof t.annotations?.[hint], `${t.name}.${hint}`).toBe('boolean');
      }
      if (RETRIEVAL_TOOLS.includes(t.name)) {
        expect(t.annotations?.readOnlyHint, t.name).toBe(true);
        expect(t.annotations?.openWorldHint, t.name).toBe(false);
      }
      for (const [field, schema] of Object.entries(t.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${t.name}.${field}`).toBeTruthy();
      }
    }
  });

  it('can build several servers in one process (one per HTTP session, say)', async () => {
    const second = await connectClient(app);
    expect((await second.listTools()).tools).toHaveLength(RETRIEVAL_TOOLS.length + ACTION_TOOLS.length);
    await second.close();
  });

  it('gives instructions that say how to use the tools together and that retrieved text is untrusted', () => {
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toMatch(/search_passages/);
    expect(instructions).toMatch(/verify_quote/);
    expect(instructions).toMatch(/untrusted/i);
  });

  it('search_passages returns cited passages with exact spans, delimited and numbered with sources', async () => {
    const r = await call('search_passages', { query: 'binding operational directive', limit: 5 });
    expect(r.isError).toBeFalsy();
    const results = r.structured.results as { n: number; citation_id: string; story_id: string; kind: string; field: string; text: string; span: { start: number; end: number }; date?: string | null }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.field).toBe('timeline[0].text');
    expect(results[0]!.date).toBe('2026-06-04');
    const story = (await call('get_story', { story_id: SEED_ID })).structured;
    for (const p of results.filter((x) => x.field === 'body')) {
      expect((story.body as string).slice(p.span.start, p.span.end)).toBe(p.text);
    }
    expect(r.text).toContain('[1] citation_id');
    expect(r.text).toContain('<untrusted-passage citation_id=');
    expect(r.text).toContain('Sources:');
    expect(new Set(results.map((x) => x.text)).size).toBe(results.length);
  });

  it('search_passages filters by story, kind and date range', async () => {
    const byStory = await call('search_passages', { query: 'passwords', story_id: 'test-ics-advisory', limit: 10 });
    for (const p of byStory.structured.results as { story_id: string }[]) expect(p.story_id).toBe('test-ics-advisory');
    const sources = await call('search_passages', { query: 'executive order', kinds: ['source'], limit: 10 });
    const kinds = (sources.structured.results as { kind: string }[]).map((p) => p.kind);
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['source']));
    const dated = await call('search_passages', { query: 'executive order', since: '2026-06-01', until: '2026-06-03', limit: 10 });
    const dates = (dated.structured.results as { date: string | null }[]).map((p) => p.date);
    expect(dates).toEqual(['2026-06-02']);
  });

  it('search_passages runs one retriever alone when asked: keyword (BM25) or vector', async () => {
    const sims = async (mode: string) =>
      ((await call('search_passages', { query: 'binding operational directive', mode, limit: 5 })).structured.results as { similarity: number | null }[]).map((p) => p.similarity);
    const keyword = await sims('keyword');
    expect(keyword.length).toBeGreaterThan(0);
    expect(keyword.every((s) => s === null)).toBe(true);
    const vector = await sims('vector');
    expect(vector).toHaveLength(5);
    expect(vector.every((s) => typeof s === 'number')).toBe(true);
    const bad = await call('search_passages', { query: 'x', mode: 'exact' });
    expect(bad.isError).toBe(true);
  });

  it('get_story returns the story with its passages and the stated reference count', async () => {
    const r = await call('get_story', { story_id: SEED_ID });
    expect(r.structured.title).toBe('White House AI Order Expands Cyber Defenses and Voluntary Frontier Model Reviews');
    expect(r.structured.timeline_events).toBe(4);
    expect(r.structured.sources_listed).toBe(8);
    expect(r.structured.references_tracked).toBe(17);
    expect(r.structured.published).toBeNull();
    expect((r.structured.passages as unknown[]).length).toBeGreaterThan(10);
  });

  it('get_timeline orders events oldest first, keeps the undated one undated and flagged, and draws Mermaid', async () => {
    const r = await call('get_timeline', { story_id: SEED_ID });
    const events = r.structured.events as { date: string | null; date_known: boolean; placement: string | null; title: string; citation_id: string }[];
    expect(events.map((e) => e.date)).toEqual([null, '2026-05-21', '2026-06-02', '2026-06-04']);
    expect(events[0]!.date_known).toBe(false);
    expect(events[0]!.placement).toMatch(/date not stated.*before 2026-05-21/);
    expect(events.every((e) => e.citation_id.startsWith('t_'))).toBe(true);
    expect(r.text).toContain('```mermaid\ntimeline');
    expect(r.text).toContain('2026-06-02 : President Trump signed AI executive order');
    expect(r.text).toContain('DATE NOT STATED');

    const ranged = await call('get_timeline', { story_id: SEED_ID, since: '2026-06-01' });
    expect((ranged.structured.events as { date: string }[]).map((e) => e.date)).toEqual(['2026-06-02', '2026-06-04']);
    expect(ranged.structured.undated_excluded).toBe(1);
  });

  it('list_sources lists the 8 sources with publishers, no invented URLs, and the 17 tracked references', async () => {
    const r = await call('list_sources', { story_id: SEED_ID });
    const sources = r.structured.sources as { publisher: string; title: string; url: string | null; citation_id: string }[];
    expect(sources).toHaveLength(8);
    expect(sources.map((s) => s.publisher)).toContain('therecord.media');
    expect(sources.every((s) => s.url === null)).toBe(true);
    expect(r.structured.references_tracked).toBe(17);
    expect(r.text).toContain('tracks 17 references');
  });

  it('list_stories filters by query, entity and date, and paginates with a cursor', async () => {
    const all = await call('list_stories', { limit: 1 });
    expect(all.structured.total).toBe(2);
    const first = all.structured.stories as { id: string }[];
    expect(first[0]!.id).toBe(SEED_ID);
    const page2 = await call('list_stories', { limit: 1, cursor: all.structured.next_cursor });
    expect((page2.structured.stories as { id: string }[])[0]!.id).toBe('test-ics-advisory');
    expect(page2.structured.next_cursor).toBeNull();
    const byEntity = await call('list_stories', { entity: 'oncd' });
    expect((byEntity.structured.stories as { id: string }[]).map((s) => s.id)).toEqual([SEED_ID]);
    const byQuery = await call('list_stories', { query: 'water utility passwords' });
    expect((byQuery.structured.stories as { id: string }[]).map((s) => s.id)).toEqual(['test-ics-advisory']);
    const byDate = await call('list_stories', { since: '2023-01-01', until: '2023-12-31' });
    expect((byDate.structured.stories as { id: string }[]).map((s) => s.id)).toEqual(['test-ics-advisory']);
  });

  it('verify_quote finds quotes regardless of case and whitespace, with the exact span, and rejects others', async () => {
    const search = await call('search_passages', { query: 'attorney general criminal enforcement', story_id: SEED_ID, kinds: ['body'], limit: 1 });
    const p = (search.structured.results as { citation_id: string; text: string; span: { start: number } }[])[0]!;
    const ok = await call('verify_quote', { citation_id: p.citation_id, quote: 'the  ATTORNEY general to\nprioritize criminal enforcement' });
    expect(ok.structured.found).toBe(true);
    const span = ok.structured.span as { start: number; end: number };
    const story = (await call('get_story', { story_id: SEED_ID })).structured;
    expect((story.body as string).slice(span.start, span.end)).toBe('the attorney general to prioritize criminal enforcement');
    expect(ok.text).toMatch(/^VERIFIED/);
    const bad = await call('verify_quote', { citation_id: p.citation_id, quote: 'the attorney general will ban all AI models' });
    expect(bad.structured.found).toBe(false);
    expect(bad.text).toMatch(/^NOT FOUND/);
  });

  it('serves story resources as templates with id completion', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['story://{id}', 'story://{id}/sources', 'story://{id}/timeline']);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`story://${SEED_ID}`);
    const story = await client.readResource({ uri: `story://${SEED_ID}` });
    expect((JSON.parse((story.contents[0] as { text: string }).text) as { references_tracked: number }).references_tracked).toBe(17);
    const timeline = await client.readResource({ uri: `story://${SEED_ID}/timeline` });
    expect(JSON.parse((timeline.contents[0] as { text: string }).text)).toHaveLength(4);
    const sources = await client.readResource({ uri: `story://${SEED_ID}/sources` });
    expect((JSON.parse((sources.contents[0] as { text: string }).text) as { sources: unknown[] }).sources).toHaveLength(8);
    const done = await client.complete({ ref: { type: 'ref/resource', uri: 'story://{id}' }, argument: { name: 'id', value: '327' } });
    expect(done.completion.values).toEqual([SEED_ID]);
    await expect(client.readResource({ uri: 'story://no-such-story' })).rejects.toThrow(/unknown story/);
  });

  it('offers ask_about_story and brief_me prompts with grounding rules', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['ask_about_story', 'brief_me']);
    const ask = await client.getPrompt({ name: 'ask_about_story', arguments: { question: 'Who signed it?', story_id: SEED_ID } });
    const text = (ask.messages[0]!.content as { text: string }).text;
    expect(text).toMatch(/citation_id/);
    expect(text).toMatch(/does not tell/);
    expect(text).toContain('Who signed it?');
    const brief = await client.getPrompt({ name: 'brief_me', arguments: { story_id: SEED_ID } });
    expect((brief.messages[0]!.content as { text: string }).text).toMatch(/get_timeline/);
    const done = await client.complete({ ref: { type: 'ref/prompt', name: 'brief_me' }, argument: { name: 'story_id', value: 'test' } });
    expect(done.completion.values).toEqual(['test-ics-advisory']);
  });
});
