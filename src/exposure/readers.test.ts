import { describe, expect, it } from 'vitest';
import { readInventory } from './readers.js';

const cdx = (body: object) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', ...body });

describe('readInventory', () => {
  it('reads nested CycloneDX components and fills version and vendor from purl and CPE', () => {
    const inv = readInventory('a.json', cdx({
      components: [
        { name: 'gw', version: '1', supplier: { name: 'Acme' }, components: [{ name: 'lodash', purl: 'pkg:npm/lodash@4.17.20' }] },
        { name: 'fw', cpe: 'cpe:2.3:o:siemens:fw:2.9.2:*:*:*:*:*:*:*' },
        { name: 'commons-text', group: 'org.apache.commons', version: '1.9' },
        { name: 'agent', group: 'Acme', supplier: { name: 'Acme Corp' }, version: '2' },
      ],
    }));
    expect(inv.format).toBe('cyclonedx');
    expect(inv.assets).toEqual([
      { name: 'gw', version: '1', vendor: 'Acme' },
      { name: 'lodash', purl: 'pkg:npm/lodash@4.17.20', version: '4.17.20' },
      { name: 'fw', cpe: 'cpe:2.3:o:siemens:fw:2.9.2:*:*:*:*:*:*:*', version: '2.9.2', vendor: 'siemens' },
      { name: 'commons-text', version: '1.9', vendor: 'org.apache.commons' },
      { name: 'agent', version: '2', vendor: 'Acme Corp' },
    ]);
  });

  it('reads a CPE/purl list, skipping comments', () => {
    const inv = readInventory('l.txt', '# plant\npkg:pypi/django@3.2\ncpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*\n');
    expect(inv.assets.map((a) => [a.name, a.version])).toEqual([['django', '3.2'], ['log4j', '2.14.1']]);
  });

  it('reads quoted CSV fields and tags', () => {
    const inv = readInventory('x.csv', 'name,version,tags,location\n"Gateway, rack 2",1.0,"a;b",\n');
    expect(inv.assets[0]).toEqual({ name: 'Gateway, rack 2', version: '1.0', tags: ['a', 'b'] });
  });

  it('names every bad row and file, and never half-reads', () => {
    const bad: [string, string, RegExp][] = [
      ['a.json', '{"bomFormat":"CycloneDX","specVersion":"1.2"}', /specVersion "1.2" is not supported/],
      ['a.json', cdx({ components: {} }), /components must be an array/],
      ['a.json', cdx({ components: [{ name: 'ok' }, { version: '1' }, 'x', { name: 'p', purl: 'pkg:' }] }), /components\[1\]: name is required; components\[2\]: .*; components\[3\]: purl "pkg:" is not a valid package URL/],
      ['a.json', '{"bomFormat": "CycloneDX", ', /is not valid JSON/],
      ['a.json', '{"hello": 1}', /neither a CycloneDX SBOM/],
      ['s.json', '{"spdxVersion":"SPDX-2.3","packages":[{"SPDXID":"x"}]}', /packages\[0\]: name is required/],
      ['v.json', '{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"nope"},"products":["pkg:npm/a@1"],"status":"fixed"}]}', /is not a CVE id/],
      ['x.csv', 'name,vendor\nfoo,bar\n', /missing: version/],
      ['x.csv', 'name,version,colour\nfoo,1,red\n', /unknown column\(s\) "colour"/],
      ['x.csv', 'name,version\n"foo,1\n', /quoted field is never closed/],
      ['x.csv', 'name,version\nfoo,1,extra\n', /line 2: 3 fields, but the header has 2/],
      ['l.txt', 'pkg:npm/ok@1\nnot a cpe\n', /line 2: neither a CPE 2.3 name nor a purl/],
      ['x.csv', '', /empty/],
    ];
    for (const [file, text, message] of bad) expect(() => readInventory(file, text), text.slice(0, 60)).toThrow(message);
  });
});
