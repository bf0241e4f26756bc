import { describe, expect, it } from 'vitest';
import { speaksOfVersion } from './versions.js';

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
    expect(speaksOfVersion('For CENTUM VP R6.01.00 - R6.07.00, apply patch R6.07.11', '6.05')).toBe(true);
  });
});
