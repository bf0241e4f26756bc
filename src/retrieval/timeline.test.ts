import { describe, expect, it } from 'vitest';
import { chronological, inRange, mermaidTimeline } from './timeline.js';

const ev = (date: string | null, title: string) => ({ date, title, text: title });

describe('chronological', () => {
  it('reverses a newest-first listing and keeps an undated event where the story lists it, flagged', () => {
    const placed = chronological([ev('2026-06-04', 'd'), ev('2026-06-02', 'c'), ev('2026-05-21', 'b'), ev(null, 'a')]);
    expect(placed.map((e) => e.title)).toEqual(['a', 'b', 'c', 'd']);
    expect(placed[0]).toMatchObject({ date: null, date_known: false });
    expect(placed[0]!.placement).toMatch(/before 2026-05-21/);
  });

  it('keeps an oldest-first listing, sorts stray dates, and places a middle undated event between neighbours', () => {
    const placed = chronological([ev('2026-01-01', 'a'), ev(null, 'x'), ev('2026-03-01', 'c'), ev('2026-02-01', 'b')]);
    expect(placed.map((e) => e.title)).toEqual(['a', 'x', 'b', 'c']);
    expect(placed[1]!.placement).toMatch(/between 2026-01-01 and 2026-02-01/);
  });

  it('leaves undated events out of a date range and counts them', () => {
    const r = inRange(chronological([ev(null, 'a'), ev('2026-01-01', 'b')]), '2025-01-01');
    expect(r.events.map((e) => e.title)).toEqual(['b']);
    expect(r.undatedExcluded).toBe(1);
  });

  it('draws a Mermaid timeline that survives colons and hashes in titles', () => {
    const m = mermaidTimeline('Title: #1', chronological([ev('2026-01-01', 'a: b; #c'), ev(null, 'u')]));
    expect(m).toBe('timeline\n    title Title 1\n    2026-01-01 : a b c\n    Date not stated : u');
  });
});
