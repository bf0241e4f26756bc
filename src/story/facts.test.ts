import { describe, expect, it } from 'vitest';
import { productLabel, storyFacts } from './facts.js';
import type { Story } from './schema.js';

describe('storyFacts', () => {
  it('names every product with a status, past the 40 listed in the CVE line', () => {
    const products = Array.from({ length: 45 }, (_, i) => ({ id: `P${i}`, vendor: 'Acme', name: `Widget ${i}`, range: '< V2.0' }));
    const story: Story = {
      id: 'x', title: 'Acme widgets', body: 'Widgets.', timeline: [], sources: [], entities: [], products,
      vulnerabilities: [{ cve: 'CVE-2024-0001', cvss: [], remediations: [], product_status: { known_affected: products.map((p) => p.id) } }],
    };
    const lines = storyFacts(story).filter((f) => f.kind === 'vulnerability').map((f) => f.text);
    expect(lines[0]).toMatch(/^CVE-2024-0001: Known affected: .*; and 5 more\.$/);
    for (const p of products) expect(lines.some((l) => l.includes(productLabel(p))), p.id).toBe(true);
    expect(lines[1]).toMatch(/^CVE-2024-0001, known affected \(continued\): Acme Widget 40 < V2\.0; /);
  });

  it('names a product by its full name too where that names more than its branches (a model under a series)', () => {
    const series = { id: 'P1', vendor: 'Mitsubishi Electric', name: 'MELSEC iQ-F Series', range: '<= 1.060' };
    expect(productLabel({ ...series, full_name: 'MELSEC iQ-F Series - FX5U(C) CPU module: firmware Version 1.060 or earlier' })).toBe(
      'Mitsubishi Electric MELSEC iQ-F Series <= 1.060 (MELSEC iQ-F Series - FX5U(C) CPU module: firmware Version 1.060 or earlier)',
    );
    // A full name that only words the range ("All versions prior to v3.1.1.0") adds nothing.
    const itc = { id: 'P2', vendor: 'Siemens', name: 'SIMATIC ITC2200 PRO', range: '< 3.1.1.0', full_name: 'SIMATIC ITC2200 PRO: All versions prior to v3.1.1.0' };
    expect(productLabel(itc)).toBe('Siemens SIMATIC ITC2200 PRO < 3.1.1.0');
  });

  it("says where a vendor is based in its Vendors line, and alone when no vendor is named", () => {
    const story: Story = {
      id: 'x', title: 'Acme widgets', body: 'Widgets.', timeline: [], sources: [],
      entities: [{ type: 'vendor', name: 'Innokas Yhtymä Oy' }, { type: 'sector', name: 'Healthcare' }, { type: 'headquarters', name: 'Finland' }],
    };
    expect(storyFacts(story).map((f) => f.text)).toEqual(['Vendors: Innokas Yhtymä Oy. Headquarters: Finland', 'Sectors: Healthcare']);
    expect(storyFacts({ ...story, entities: [{ type: 'headquarters', name: 'Finland' }] }).map((f) => f.text)).toEqual(['Headquarters: Finland']);
  });
});
