import { describe, expect, it } from 'vitest';
import type { Retriever, SearchRequest, SearchHit } from '../retrieval/search.js';
import { gatherEvidence } from './evidence.js';

const hit = (id: string, story: string, text = id): SearchHit => ({
  citation_id: id,
  story_id: story,
  story_title: story,
  kind: 'body',
  field: 'body',
  ordinal: 0,
  text,
  span: { start: 0, end: text.length },
  date: null,
  source: null,
  context: story,
  score: 1,
  similarity: null,
  keyword_rank: null,
  route: null,
});

/**
 * A retriever that answers over all stories with `all`, for one story with its own `ofStory`, and
 * for one story's words alone (keyword mode) with its own `named`, recording each request.
 */
function scripted(all: SearchHit[], ofStory: SearchHit[], named: SearchHit[] = []): Retriever & { requests: SearchRequest[] } {
  const requests: SearchRequest[] = [];
  return {
    requests,
    search(req) {
      requests.push(req);
      const story = req.filter?.story_id;
      return Promise.resolve(story ? (req.mode === 'keyword' ? named : ofStory).filter((h) => h.story_id === story) : all);
    },
  };
}

describe('gatherEvidence', () => {
  it("adds the first story's own best passages after the best over all, once each", async () => {
    const r = scripted([hit('a1', 'A'), hit('b1', 'B')], [hit('a1', 'A'), hit('a2', 'A', 'Update OpenSSL to 3.0.8.')]);
    const hits = await gatherEvidence(r, 'which version resolves the OpenSSL flaws?', { limit: 8 });
    expect(hits.map((h) => h.citation_id)).toEqual(['a1', 'b1', 'a2']);
    expect(r.requests).toEqual([
      { query: 'which version resolves the OpenSSL flaws?', limit: 8 },
      { query: 'which version resolves the OpenSSL flaws?', limit: 8, filter: { story_id: 'A' } },
    ]);
  });

  it("searches the first story again in the words its passages use, without what that search routes", async () => {
    const routed = { ...hit('a3', 'A', 'On 2026-06-02, the order was signed.'), route: 'timeline' as const };
    const requests: SearchRequest[] = [];
    // The question's own words find a1; the passages' words find a2, and route to a3 by the date "after the debate".
    const r: Retriever = {
      search(req) {
        requests.push(req);
        return Promise.resolve(req.query.includes('perspective') ? [hit('a2', 'A', 'A perspective piece on the order.'), routed] : [hit('a1', 'A')]);
      },
    };
    const hits = await gatherEvidence(r, 'Is any of the coverage an opinion piece after the fight?', { limit: 4, storyId: 'A' });
    // (The coverage asked of is looked up among its sources too: no outlet is named, so none is added.)
    expect(requests.filter((q) => !q.filter?.kinds).map((q) => q.query)).toEqual(['Is any of the coverage an opinion piece after the fight?', 'Is any of the coverage an perspective piece after the debate?']);
    expect(hits.map((h) => h.citation_id)).toEqual(['a1', 'a2']);
    // A question in the passages' own words is searched once.
    requests.length = 0;
    await gatherEvidence(r, 'Is any of the coverage a perspective piece?', { limit: 4, storyId: 'A' });
    expect(requests.filter((q) => !q.filter?.kinds)).toHaveLength(1);
  });

  it('searches once when a story is asked about, or nothing was found', async () => {
    const one = scripted([hit('a1', 'A')], [hit('a1', 'A'), hit('a2', 'A')]);
    expect((await gatherEvidence(one, 'q', { limit: 4, storyId: 'A' })).map((h) => h.citation_id)).toEqual(['a1', 'a2']);
    expect(one.requests).toHaveLength(1);
    const none = scripted([], []);
    expect(await gatherEvidence(none, 'q', { limit: 4 })).toEqual([]);
    expect(none.requests).toHaveLength(1);
  });

  it("looks for a name the question gives that no gathered passage holds among the first story's passages, by the name alone", async () => {
    const r = scripted([hit('a1', 'A', 'Update to version 5.2.')], [hit('a1', 'A', 'Update to version 5.2.')], [hit('a3', 'A', 'The Actbar2 ActiveX control is affected.')]);
    const hits = await gatherEvidence(r, 'which version of Acme fixes the ActiveX flaw?', { limit: 8 });
    expect(hits.map((h) => h.citation_id)).toEqual(['a1', 'a3']);
    expect(r.requests.at(-1)).toEqual({ query: 'Acme ActiveX', limit: 3, mode: 'keyword', filter: { story_id: 'A' } });
  });

  it('gathers all of the story\'s sources when the question asks which outlets it cites more than once', async () => {
    const r = scripted([], [hit('a1', 'A')]);
    await gatherEvidence(r, 'Which publishers covered the recall more than once?', { limit: 8, storyId: 'A' });
    expect(r.requests.at(-1)).toEqual({ query: 'Which publishers covered the recall more than once?', limit: 50, filter: { story_id: 'A', kinds: ['source'] } });
    const once = scripted([], [hit('a1', 'A')]);
    await gatherEvidence(once, 'Which publisher covered the recall first?', { limit: 8, storyId: 'A' });
    expect(once.requests).toHaveLength(1);
  });

  it("gathers all of the story's sources when the question asks of its sources", async () => {
    const source = (id: string, publisher: string, title: string): SearchHit => ({ ...hit(id, 'A', title), kind: 'source', source: { publisher, title } });
    const sources = [source('s1', 'scworld.com', 'A compromise | perspective | SC Media'), source('s2', 'scworld.com', 'A 30-day review | news | SC Media'), source('s3', 'cfr.org', 'Assessing the Order | Council on Foreign Relations')];
    const requests: SearchRequest[] = [];
    const r: Retriever = {
      search(req) {
        requests.push(req);
        return Promise.resolve(req.filter?.kinds?.includes('source') ? sources : [hit('a1', 'A')]);
      },
    };
    const ids = async (question: string) => (await gatherEvidence(r, question, { limit: 8, storyId: 'A' })).map((h) => h.citation_id);
    // "Every scworld.com article", "any think-tank analysis among the references": the outlet, or the kind of outlet, is told by each source.
    expect(await ids('List the headlines of every scworld.com article cited.')).toEqual(['a1', 's1', 's2', 's3']);
    expect(requests.at(-1)).toEqual({ query: 'List the headlines of every scworld.com article cited.', limit: 50, filter: { story_id: 'A', kinds: ['source'] } });
    expect(await ids('Any think-tank analysis among the references?')).toEqual(['a1', 's1', 's2', 's3']);
    // No source asked of: none is looked up.
    requests.length = 0;
    expect(await ids('Is the review voluntary?')).toEqual(['a1']);
    expect(requests).toHaveLength(1);
  });

  it("looks up the story's vulnerability lines when the CVE is asked for and no gathered passage names one", async () => {
    const r = scripted([], [hit('a1', 'A', 'The configuration tool truncates passwords at a NUL character.')]);
    await gatherEvidence(r, 'Acme config tool truncating passwords - is there a CVE for that?', { limit: 8, storyId: 'A' });
    expect(r.requests.at(-1)).toEqual({ query: 'Acme config tool truncating passwords - is there a CVE for that?', limit: 2, filter: { story_id: 'A', kinds: ['vulnerability'] } });
    // A passage that names one, or a question that gives the CVE, needs no more.
    const named = scripted([], [hit('a1', 'A', 'CVE-2023-5719 has been assigned to this vulnerability.')]);
    await gatherEvidence(named, 'Acme config tool truncating passwords - need the CVE.', { limit: 8, storyId: 'A' });
    expect(named.requests).toHaveLength(1);
    const given = scripted([], [hit('a1', 'A')]);
    await gatherEvidence(given, 'Is there a CVE-2023-5719 fix?', { limit: 8, storyId: 'A' });
    expect(given.requests.some((req) => req.filter?.kinds?.includes('vulnerability'))).toBe(false);
  });

  it("looks up the story's Weaknesses line when the kinds of its flaws are asked for", async () => {
    const r = scripted([], [hit('a1', 'A', 'Acme has released a firmware update.')]);
    await gatherEvidence(r, 'Acme X-320M: what kinds of bugs did CISA flag in it?', { limit: 8, storyId: 'A' });
    expect(r.requests.at(-1)).toEqual({ query: 'weaknesses', limit: 1, mode: 'keyword', filter: { story_id: 'A', kinds: ['entity'] } });
    // Gathered already, or of one CVE asked about (its own line says), it is not looked up.
    const held = scripted([], [hit('a1', 'A', 'Weaknesses: CWE-287 (also Improper Authentication)')]);
    await gatherEvidence(held, 'Which weakness types does CISA list for it?', { limit: 8, storyId: 'A' });
    expect(held.requests.some((req) => req.filter?.kinds?.includes('entity'))).toBe(false);
    const cve = scripted([], [hit('a1', 'A')]);
    await gatherEvidence(cve, 'CVE-2018-18881: what weakness type is it?', { limit: 8, storyId: 'A' });
    expect(cve.requests.some((req) => req.filter?.kinds?.includes('entity'))).toBe(false);
  });

  it("looks up the story's Products line when a product is asked for", async () => {
    const r = scripted([], [hit('a1', 'A', 'An authentication bypass exists in the Acme WS Series Ethernet Interface Modules.')]);
    await gatherEvidence(r, 'Looking for the advisory where an Ethernet interface module can be logged into by replaying traffic. Which module?', { limit: 8, storyId: 'A' });
    expect(r.requests.at(-1)).toEqual({ query: 'products', limit: 1, mode: 'keyword', filter: { story_id: 'A', kinds: ['entity'] } });
    // Gathered already, or not asked for, it is not looked up.
    const held = scripted([], [hit('a1', 'A', 'Products: WS0-GETH00200')]);
    await gatherEvidence(held, 'Which module is it?', { limit: 8, storyId: 'A' });
    expect(held.requests.some((req) => req.filter?.kinds?.includes('entity'))).toBe(false);
    const fix = scripted([], [hit('a1', 'A')]);
    await gatherEvidence(fix, 'Which firmware version fixes it?', { limit: 8, storyId: 'A' });
    expect(fix.requests.some((req) => req.filter?.kinds?.includes('entity'))).toBe(false);
  });

  it("gathers the story's score lines when the question asks which of its flaws scores highest", async () => {
    const r = scripted([], [hit('a1', 'A')]);
    await gatherEvidence(r, 'Of the Acme Widget bugs, which one gets the top CVSS score and what is it?', { limit: 8, storyId: 'A' });
    expect(r.requests.at(-1)).toEqual({ query: 'Of the Acme Widget bugs, which one gets the top CVSS score and what is it?', limit: 30, filter: { story_id: 'A', kinds: ['vulnerability'] } });
    // A score asked of no comparison is not.
    const one = scripted([], [hit('a1', 'A')]);
    await gatherEvidence(one, 'What is the CVSS score of the Acme Widget bug?', { limit: 8, storyId: 'A' });
    expect(one.requests.some((req) => req.filter?.kinds?.includes('vulnerability'))).toBe(false);
  });
});
