import { describe, expect, it } from 'vitest';
import { queryTerms, withAcronymsSpelled, withNamesJoined, withUmlautsFolded } from './query.js';

describe('withAcronymsSpelled', () => {
  it('adds the words advisories spell a flaw acronym with, and leaves other queries alone', () => {
    expect(withAcronymsSpelled('ControlByWeb relay stored XSS')).toBe('ControlByWeb relay stored XSS cross-site scripting');
    expect(withAcronymsSpelled('Acme DoS and CSRF')).toBe('Acme DoS and CSRF denial-of-service cross-site request forgery');
    expect(withAcronymsSpelled('Acme relay password')).toBe('Acme relay password');
    expect(withAcronymsSpelled('hard-coded DB creds')).toBe('hard-coded DB creds database credentials');
    expect(withAcronymsSpelled('Acme DLL hijacking')).toBe('Acme DLL hijacking search path');
  });
});

describe('withNamesJoined', () => {
  it('adds two capitalised words written as one, as domains and product names write them', () => {
    expect(withNamesJoined("Did Dark Reading's headline call it voluntary?").split(' ')).toContain('darkreading');
    expect(withNamesJoined('who signed the order')).toBe('who signed the order');
  });
  it('joins two lower-cased words too, but never a stopword or a short word', () => {
    expect(withNamesJoined('what did dark reading title its article').split(' ')).toContain('darkreading');
    expect(withNamesJoined('is it on by default')).toBe('is it on by default');
  });
});

describe('withUmlautsFolded', () => {
  it('adds a name spelled with "ue" for an umlaut as FTS5 folds it, and leaves English words alone', () => {
    expect(withUmlautsFolded('Geutebrueck G-Cam firmware')).toBe('Geutebrueck G-Cam firmware Geutebruck');
    expect(withUmlautsFolded('Franklin Fueling true queue')).toBe('Franklin Fueling true queue');
  });
});

describe('queryTerms', () => {
  it('reads a negation written short as the auxiliary and "not", which are no terms', () => {
    expect(queryTerms("servers that don't cap requests")).toEqual(['servers', 'cap', 'requests']);
    expect(queryTerms('we can’t update, it isn’t fixed and they won’t patch')).toEqual(['update', 'fixed', 'patch']);
  });
});
