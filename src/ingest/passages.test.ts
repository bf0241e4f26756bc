import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CORPUS_DIR, PACKAGE_ROOT } from '../config.js';
import { parseStory } from '../story/load.js';
import { citationId, storyToPassages } from './passages.js';
import { splitSentences } from './sentences.js';

const file = path.join(BUNDLED_CORPUS_DIR, '327dc94408c08ac5.json');
const story = parseStory(file, JSON.parse(readFileSync(file, 'utf8')));

describe('storyToPassages', () => {
  it('cuts the body into sentence-aligned passages whose spans are exact', async () => {
    const passages = await storyToPassages(story);
    const body = passages.filter((p) => p.kind === 'body');
    expect(body.length).toBeGreaterThan(2);
    for (const p of body) {
      expect(story.body.slice(p.span.start, p.span.end)).toBe(p.text);
      expect(p.text).toMatch(/^[A-Z"]/);
      expect(p.text).toMatch(/[.!?"]$/);
    }
    // Together the body passages cover every sentence of the body.
    const covered = body.map((p) => p.text).join(' ');
    for (const s of splitSentences(story.body)) expect(covered).toContain(s.text.trim());
  });

  it('makes one passage per timeline event and per source, a fact for the stated reference count, and one per entity type', async () => {
    const passages = await storyToPassages(story);
    const count = (kind: string) => passages.filter((p) => p.kind === kind).length;
    expect(count('timeline')).toBe(4);
    expect(count('source')).toBe(9);
    expect(count('entity')).toBe(3);
    const undated = passages.find((p) => p.field === 'timeline[3].text')!;
    expect(undated.date).toBeNull();
    expect(undated.text).toBe(story.timeline[3]!.text);
    expect(undated.context).toContain('Date not stated: Draft AI executive order was withdrawn before signing');
    expect(passages.find((p) => p.kind === 'source' && p.field.startsWith('facts['))!.text).toBe('References tracked: 17 (the story lists 8 sources)');
    expect(passages.find((p) => p.kind === 'entity')!.text).toBe('Agencies: CISA; NSA; OMB; Treasury');
    expect(passages.find((p) => p.field === 'sources[2].title')!.source).toEqual({ publisher: 'therecord.media', title: story.sources[2]!.title });
  });

  it('keeps an event whose words repeat an earlier one on another day (an update published under the first title), once a day', async () => {
    const repeated = { ...story, timeline: [
      { date: '2022-07-12', title: 'Revision 1', text: 'Acme Widget (Update A)' },
      { date: '2022-07-19', title: 'Revision 2', text: 'Acme Widget (Update A)' },
      { date: '2022-07-19', title: 'Revision 3', text: 'Acme Widget (Update A)' },
    ] };
    const events = (await storyToPassages(repeated)).filter((p) => p.kind === 'timeline');
    expect(events.map((p) => [p.field, p.date])).toEqual([['timeline[0].text', '2022-07-12'], ['timeline[1].text', '2022-07-19']]);
    expect(new Set(events.map((p) => p.citation_id)).size).toBe(2);
  });

  it('gives stable citation ids that change only with the text', async () => {
    const a = await storyToPassages(story);
    const b = await storyToPassages(structuredClone(story));
    expect(a.map((p) => p.citation_id)).toEqual(b.map((p) => p.citation_id));
    expect(citationId('s', 'body', 'x')).not.toBe(citationId('s', 'body', 'y'));
    expect(citationId('s', 'body', 'x')).not.toBe(citationId('t', 'body', 'x'));
  });

  it('keeps exact spans when the splitter rejoins text with single spaces', async () => {
    const long = { ...story, body: `${Array.from({ length: 300 }, (_, i) => `word${i}`).join('  ')}.`, entities: [{ type: 'vendor', name: 'A' }, { type: 'vendor', name: 'B' }] };
    const passages = await storyToPassages(long);
    for (const p of passages.filter((x) => x.kind === 'body')) expect(long.body.slice(p.span.start, p.span.end)).toBe(p.text);
  });

  it('splits an over-long sentence without losing text', async () => {
    const long = { ...story, body: `${Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ')}.` };
    const passages = (await storyToPassages(long)).filter((p) => p.kind === 'body');
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) expect(long.body.slice(p.span.start, p.span.end)).toBe(p.text);
  });
  // A real CISA advisory whose remediation holds a 450-character sign-in URL, longer than a
  // passage: the fallback splitter cuts it mid-word.
  const advisory = path.join(PACKAGE_ROOT, '..', 'shared', 'data', 'csaf', '2020', 'icsa-20-070-05.json');
  it('keeps exact spans when a run longer than a passage (a long URL) is cut mid-word', async () => {
    // Like the CSAF quality test, it fails rather than skips without ../shared (CI gets a copy).
    expect(existsSync(advisory), `${advisory} is the real advisory this test reads`).toBe(true);
    const real = parseStory(advisory, JSON.parse(readFileSync(advisory, 'utf8')));
    const passages = (await storyToPassages(real)).filter((p) => p.kind === 'remediation');
    let cutMidWord = 0;
    for (const p of passages) {
      const field = /^vulnerabilities\[(\d+)\]\.remediations\[(\d+)\]\.details$/.exec(p.field)!;
      const details = real.vulnerabilities![Number(field[1])]!.remediations[Number(field[2])]!.details;
      expect(details.slice(p.span.start, p.span.end)).toBe(p.text);
      if (/[\w%]/u.test(details[p.span.start - 1] ?? '')) cutMidWord++;
    }
    expect(cutMidWord).toBeGreaterThan(0);
  });
});

describe('splitSentences', () => {
  it('does not break after abbreviations such as U.S.', () => {
    const s = splitSentences('It promotes U.S. AI innovation. The order tasks CISA.');
    expect(s.map((x) => x.text.trim())).toEqual(['It promotes U.S. AI innovation.', 'The order tasks CISA.']);
  });

  it('does not break inside a version, a link or a name, but does between sentences run together', () => {
    const text =
      'Update to Version WB10.B929 or later. Metasys Version 10.X: update to patch 10.1.6. See download.aspx?ProductId=51 for it. ' +
      'Siemens provides LOGO!8 BM and WAGO e!DISPLAY on i.MX 7 with .NET. It leaks the uniform resource locator (URL).CVE-2017-7919 has been assigned.';
    expect(splitSentences(text).map((x) => x.text.trim())).toEqual([
      'Update to Version WB10.B929 or later.',
      'Metasys Version 10.X: update to patch 10.1.6.',
      'See download.aspx?ProductId=51 for it.',
      'Siemens provides LOGO!8 BM and WAGO e!DISPLAY on i.MX 7 with .NET.',
      'It leaks the uniform resource locator (URL).',
      'CVE-2017-7919 has been assigned.',
    ]);
  });

  it('splits a text longer than its segmentation windows exactly as segmenting it whole does', () => {
    // Real sentences, abbreviations, a blank-line list and one 50,000-character "sentence"
    // (longer than the first windows, so they grow).
    const text = [
      ...Array.from({ length: 300 }, (_, i) => `Sentence ${i} says the U.S. agency acted on Jan. ${i % 28}. "Quoted," it said! Really?`),
      Array.from({ length: 300 }, (_, i) => `CVE-2099-${i}.`).join('\n\n'),
      'x'.repeat(50_000),
      'The end.',
    ].join(' ');
    const whole = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)].map((g) => g.index);
    const starts = splitSentences(text).map((x) => x.start);
    // Every start is an ICU boundary (abbreviations merge some), and the spans tile the text.
    expect(starts.every((b) => whole.includes(b))).toBe(true);
    expect(splitSentences(text).map((x) => x.text).join('')).toBe(text);
    expect(starts.length).toBeGreaterThan(1_000);
    expect(whole.filter((b) => !starts.includes(b)).every((b) => /(?:U\.S\.|Jan\.)\s*$/.test(text.slice(0, b)))).toBe(true);
  });
});

