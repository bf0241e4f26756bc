import { describe, expect, it } from 'vitest';
import { countryOf, withCountriesNamed } from './countries.js';
import { stem } from './query.js';

describe('countries', () => {
  it('reads a demonym, or its stem, as the country advisories name', () => {
    expect(countryOf('Finnish')).toBe('Finland');
    expect(countryOf(stem('Chinese'))).toBe('China');
    expect(countryOf(stem('Chinese').replace(/e$/u, ''))).toBe('China');
    expect(countryOf('firmware')).toBeUndefined();
    expect(withCountriesNamed('a Finnish maker of monitors')).toBe('a Finnish Finland maker of monitors');
  });
});
