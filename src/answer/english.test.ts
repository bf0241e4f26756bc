import { describe, expect, it } from 'vitest';
import { isEverydayStem, isLowerCaseWord } from './english.js';
import { stem } from './words.js';

describe('english', () => {
  it('tells words English writes in lower case from names, and everyday words from rare ones', () => {
    expect(isLowerCaseWord('Healthcare')).toBe(true);
    expect(isLowerCaseWord('Siemens')).toBe(false);
    expect(isLowerCaseWord('Peloton')).toBe(false);
    // A compound by its parts: "Fact-checking" opens a question; "Siemens-built" names.
    expect(isLowerCaseWord('Fact-checking')).toBe(true);
    expect(isLowerCaseWord('Siemens-built')).toBe(false);
    expect(isEverydayStem(stem('getting'), 2000)).toBe(true);
    expect(isEverydayStem(stem('ready'), 2000)).toBe(true);
    expect(isEverydayStem(stem('clearinghouse'), 2000)).toBe(false);
    expect(isEverydayStem(stem('ransomware'), 2000)).toBe(false);
  });
});
