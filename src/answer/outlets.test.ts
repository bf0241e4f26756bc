import { describe, expect, it } from 'vitest';
import { namesOutlet } from './outlets.js';

describe('namesOutlet', () => {
  const sc = { publisher: 'scworld.com', title: 'Trump executive order on AI calls for voluntary 30-day review period | news | SC Media' };
  const lawfare = { publisher: 'lawfaremedia.org', title: 'White House Releases Executive Order on AI | Lawfare' };
  const record = { publisher: 'therecord.media', title: 'CISA directive to be released this week | The Record from Recorded Future News' };
  const dark = { publisher: 'darkreading.com', title: 'Trump AI Order Seeks Voluntary Frontier Model Testing' };
  const cfr = { publisher: 'cfr.org', title: "Assessing Trump's Executive Order on AI Oversight | Council on Foreign Relations" };

  it('knows an outlet by its domain, the start of it, or its words run together', () => {
    expect(namesOutlet('List the headlines of every scworld.com article.', sc)).toBe(true);
    expect(namesOutlet('lawfare shows up twice - what are the headlines?', lawfare)).toBe(true);
    expect(namesOutlet('What did Dark Reading call its piece?', dark)).toBe(true);
    expect(namesOutlet('Which headline did The Record run?', record)).toBe(true);
  });

  it('knows an outlet by the name its headline ends with, or that name’s initials', () => {
    expect(namesOutlet('How many SC Media pieces are cited?', sc)).toBe(true);
    expect(namesOutlet('What did the Council on Foreign Relations publish?', cfr)).toBe(true);
    expect(namesOutlet('Did CFR assess the order?', cfr)).toBe(true);
  });

  it('does not take a word the outlet’s name holds for the outlet', () => {
    expect(namesOutlet('Which media outlets covered the order?', sc)).toBe(false);
    expect(namesOutlet('Is there any news on the directive?', record)).toBe(false);
    expect(namesOutlet('What did the foreign ministry say?', cfr)).toBe(false);
    expect(namesOutlet('Which headlines mention the law?', lawfare)).toBe(false);
  });
});
