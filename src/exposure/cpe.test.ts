import { describe, expect, it } from 'vitest';
import { cpeKey, parseCpe } from './cpe.js';

describe('parseCpe', () => {
  it('reads the formatted string binding, with escapes', () => {
    const c = parseCpe('cpe:2.3:o:siemens:simatic_s7-1500_firmware:2.9.2:*:*:*:*:*:*:*');
    expect(c).toEqual({ part: 'o', vendor: 'siemens', product: 'simatic_s7-1500_firmware', version: '2.9.2', update: null });
    expect(parseCpe('cpe:2.3:a:acme:foo\\:bar:1.0:sp1:*:*:*:*:*:*')).toMatchObject({ product: 'foo:bar', update: 'sp1' });
    expect(cpeKey(parseCpe('cpe:2.3:h:Siemens:SIMATIC:-:*:*:*:*:*:*:*')!)).toBe('siemens:simatic');
  });
  it('reads the URI binding', () => {
    expect(parseCpe('cpe:/a:apache:log4j:2.14.1')).toMatchObject({ vendor: 'apache', product: 'log4j', version: '2.14.1' });
  });
  it('treats * and - as no version', () => {
    expect(parseCpe('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*')?.version).toBeNull();
    expect(parseCpe('cpe:2.3:h:abb:rtu500:-:*:*:*:*:*:*:*')?.version).toBeNull();
  });
  it('refuses what is not a CPE', () => {
    for (const s of ['', 'cpe:2.3:a:apache', 'cpe:2.3:x:a:b:1:*:*:*:*:*:*:*', 'pkg:npm/foo@1', 'cpe:2.3:a:*:*:1:*:*:*:*:*:*:*']) expect(parseCpe(s), s).toBeNull();
  });
});
