import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aboveRange, compareVersions, inRange, isRangeFailure, parseRange, parseVersion, type Version, type VersionRange } from './versions.js';

const v = (s: string): Version => {
  const p = parseVersion(s);
  if (!p) throw new Error(`not a version: ${s}`);
  return p;
};
const range = (s: string): VersionRange => {
  const r = parseRange(s);
  if (isRangeFailure(r)) throw new Error(`${s}: ${r.reason}`);
  return r;
};
const cmp = (a: string, b: string) => Math.sign(compareVersions(v(a), v(b)));

describe('versions', () => {
  it('compares numbers numerically, ignoring a V prefix and leading zeros', () => {
    expect(cmp('V2.10', 'V2.9')).toBe(1);
    expect(cmp('3.07.11', '3.7.11')).toBe(0);
    expect(cmp('V 4.30', '4.3')).toBe(1);
    expect(cmp('4.1', '4.1.0')).toBe(0);
    expect(cmp('5.008', '5.010')).toBe(-1);
  });
  it('orders service packs, updates and hotfixes after their release', () => {
    expect(cmp('V5.2 SP3', 'V5.2')).toBe(1);
    expect(cmp('V5.2 SP3 HF13', 'V5.2 SP3 HF2')).toBe(1);
    expect(cmp('V7.4 SP1 Upd 4', 'V7.4 SP1 Update 4')).toBe(0);
    expect(cmp('V7.4 SP1 Update 14', 'V7.4 SP2')).toBe(-1);
    expect(cmp('V5.2 SP3', 'V5.3')).toBe(-1);
    expect(cmp('1.0 beta', '1.0')).toBe(-1);
    expect(cmp('1.06G', '1.06')).toBe(1);
  });
  it('reads HW-style firmware strings token by token', () => {
    expect(cmp('1.000.HW00.21.20190811', '1.000.HW00.21.20190812')).toBe(-1);
    expect(cmp('1.000.HW01.3.20190820', '1.000.HW00.21.20190812')).toBe(1);
  });
  it('refuses what is not a version', () => {
    for (const s of ['', 'N', 'the_first_5_digits_of_serial_number_22031', '8/30/2024', 'V3.X.17', 'MCE_3.x_Cert_Edition', 'Versions including affected IPv6 stack']) {
      expect(parseVersion(s), s).toBeNull();
    }
  });
});

describe('ranges', () => {
  it('reads vers: strings', () => {
    expect(inRange(v('1.0'), range('vers:all/*'))).toBe(true);
    expect(inRange(v('V4.3.0'), range('vers:all/<V4.3.1'))).toBe(true);
    expect(inRange(v('V4.3.1'), range('vers:all/<V4.3.1'))).toBe(false);
    expect(inRange(v('V7.9'), range('vers:all/>=V7.80<V9.40'))).toBe(false);
    expect(inRange(v('V9.40'), range('vers:all/>=V7.80|<V9.40'))).toBe(false);
    expect(inRange(v('V9.0'), range('vers:all/>=V7.80|<V9.40'))).toBe(true);
    expect(inRange(v('V2.3'), range('vers:generic/>=2.0|<=2.5|!=2.3'))).toBe(false);
  });
  it('reads the prose forms', () => {
    expect(inRange(v('V3.2.0'), range('< V3.2.1'))).toBe(true);
    expect(inRange(v('3.7.11'), range('<= 3.07.11'))).toBe(true);
    expect(inRange(v('3.07.12'), range('<= 3.07.11'))).toBe(false);
    expect(inRange(v('2.5'), range('>= 2.0 | <= 2.5'))).toBe(true);
    expect(inRange(v('2.6'), range('>= 2.0 | <= 2.5'))).toBe(false);
    expect(inRange(v('V4.32.9'), range('All versions < V4.33'))).toBe(true);
    expect(inRange(v('V9'), range('All versions'))).toBe(true);
    expect(inRange(v('V5.2 SP3 HF12'), range('All versions < V5.2 SP3 HF13'))).toBe(true);
    expect(inRange(v('V5.2 SP3 HF13'), range('All versions < V5.2 SP3 HF13'))).toBe(false);
    expect(inRange(v('1.000.HW00.21.20190811'), range(' <1.000.HW00.21.20190812'))).toBe(true);
    expect(inRange(v('9.3.7'), range('>= 9.3.0 -  but not including 9.3.8'))).toBe(true);
    expect(inRange(v('9.3.8'), range('>= 9.3.0 -  but not including 9.3.8'))).toBe(false);
    expect(inRange(v('V2.9'), range('>= V2.3 and < V6.30.016'))).toBe(true);
  });
  it('reads lists of exact versions and intervals', () => {
    const r = range('2.96 | 3.00 | >= 3.08 | <= 3.10 | >= 4.72');
    expect(inRange(v('3.0'), r)).toBe(true);
    expect(inRange(v('3.05'), r)).toBe(false);
    expect(inRange(v('3.09'), r)).toBe(true);
    expect(inRange(v('5.0'), r)).toBe(true);
  });
  it('says when a version is at or above the fixed one', () => {
    expect(aboveRange(v('V3.2.1'), range('< V3.2.1'))).toBe(true);
    expect(aboveRange(v('V1.0'), range('>= V2.0 < V3.0'))).toBe(false);
    expect(aboveRange(v('V1.0'), range('vers:all/*'))).toBe(false);
  });
  it('fails on conditions it cannot decide', () => {
    for (const s of ['<=the_first_5_digits_of_serial_number_22031', '<8/30/2024', '< V3.X.17', 'All versions only if the Power-on-Demand public license server is used', '3.0 and <', '<= V2.x']) {
      expect(isRangeFailure(parseRange(s)), s).toBe(true);
    }
  });
});

// The range strings of the real CISA advisories beside the project (../shared/data/csaf).
const CSAF_DIR = path.resolve(import.meta.dirname, '../../../shared/data/csaf');

describe.runIf(existsSync(CSAF_DIR))('ranges in the CISA CSAF corpus', () => {
  it('parses nearly every product_version_range, and lists those it cannot', () => {
    const counts = new Map<string, number>();
    for (const year of readdirSync(CSAF_DIR)) {
      for (const f of readdirSync(path.join(CSAF_DIR, year))) {
        const doc = JSON.parse(readFileSync(path.join(CSAF_DIR, year, f), 'utf8')) as { product_tree?: { branches?: unknown[] } };
        const stack = [...((doc.product_tree?.branches ?? []) as { category?: string; name?: string; branches?: unknown[] }[])];
        for (let b = stack.pop(); b; b = stack.pop()) {
          if (b.category === 'product_version_range' && typeof b.name === 'string') counts.set(b.name, (counts.get(b.name) ?? 0) + 1);
          stack.push(...((b.branches ?? []) as typeof stack));
        }
      }
    }
    let total = 0;
    let parsed = 0;
    const failures: string[] = [];
    for (const [raw, n] of counts) {
      total += n;
      const r = parseRange(raw);
      if (isRangeFailure(r)) failures.push(`${n}\t${JSON.stringify(raw)}\t${r.reason}`);
      else parsed += n;
    }
    console.error(`range strings: ${parsed} of ${total} parse (${((100 * parsed) / total).toFixed(1)}%); ${failures.length} distinct strings do not:\n${failures.join('\n')}`);
    expect(total).toBeGreaterThan(10_000);
    expect(parsed / total).toBeGreaterThan(0.93);
  });
});
