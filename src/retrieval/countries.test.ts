import { describe, expect, it } from 'vitest';
import { countriesNamed, countryForms, countryOf, countryOfCapital, withCountriesNamed } from './countries.js';
import { stem } from './query.js';

describe('countries', () => {
  it('reads a demonym, or its stem, as the country advisories name', () => {
    expect(countryOf('Finnish')).toBe('Finland');
    expect(countryOf(stem('Chinese'))).toBe('China');
    expect(countryOf(stem('Chinese').replace(/e$/u, ''))).toBe('China');
    expect(countryOf('firmware')).toBeUndefined();
    expect(withCountriesNamed('a Finnish maker of monitors')).toBe('a Finnish Finland maker of monitors');
  });

  it('reads a capital, or its stem, as its country, which passages name in several ways', () => {
    expect(countryOfCapital('Washington')).toBe('United States');
    expect(countryOfCapital(stem('Beijing'))).toBe('China');
    expect(countryOfCapital('Springfield')).toBeUndefined();
    expect(countryForms('United States')).toEqual(['United States', 'american', 'U.S.', 'USA', 'US', 'federal government']);
  });

  it('finds the countries a text names, in any of their ways, as written', () => {
    expect([...countriesNamed('Trump’s New AI Order Raises the Stakes in China-US Tech Competition')].sort()).toEqual(['China', 'United States']);
    expect([...countriesNamed('A Finnish maker sold it to Beijing and the U.K.')].sort()).toEqual(['China', 'Finland', 'United Kingdom']);
    expect(countriesNamed('let us know; the finnish word')).toEqual(new Set());
  });
});
