import { describe, expect, it } from 'vitest';
import { speaksOfVersion, VERSIONS_NAMED } from './versions.js';

describe('speaksOfVersion', () => {
  it('holds a version named, or within a range as advisories state one', () => {
    expect(speaksOfVersion('Update to Version 12.1.2', '12.1.2')).toBe(true);
    expect(speaksOfVersion('Versions 12.1.0 through 12.1.3: Update to Version 12.01.04', '12.1.2')).toBe(true);
    expect(speaksOfVersion('Versions 11.0.0 through 11.0.4: Update to Version 11.00.05', '12.1.2')).toBe(false);
    expect(speaksOfVersion('Known affected: Acme Arena <= 15.10.00', '15.2')).toBe(true);
    expect(speaksOfVersion('Known affected: Acme Arena <= 15.10.00', '15.11')).toBe(false);
    expect(speaksOfVersion('Firmware 3.2 and prior', '3.1.9')).toBe(true);
    expect(speaksOfVersion('All versions prior to 3.2', '3.2.1')).toBe(false);
    expect(speaksOfVersion('All versions prior to 3.2', '3.1')).toBe(true);
    expect(speaksOfVersion('Version 13.0.0: Update to Version 13.00.01', '12.1.2')).toBe(false);
    expect(speaksOfVersion('For CENTUM VP R6.01.00 - R6.07.00, apply patch R6.07.11', 'R6.05')).toBe(true);
    // Revisions are numbered apart from versions.
    expect(speaksOfVersion('Honeywell Safety Manager <R160.1', '151.2')).toBe(false);
  });

  it('reads the versions a question names, with their letters ("v1.0.0.3", "1.280S")', () => {
    expect('When was CNCSoft-B v1.0.0.3 out, and GT SoftGOT2000 version 1.280S? Not 2.0 or CVE-2024-1234'.match(VERSIONS_NAMED)).toEqual(['1.0.0.3', '1.280S', '2.0']);
    expect('We run CENTUM VP R6.05'.match(VERSIONS_NAMED)).toEqual(['R6.05']);
  });
});
