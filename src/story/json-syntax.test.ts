import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-syntax.js';

describe('jsonErrorOffset', () => {
  it('finds the offset V8 reports, for every error V8 gives a position for', () => {
    const cases = ['[1 2]', '{"a" 1}', '{"a":1,}', '{"a":"\u0001"}', '-', '1e', '{"a":1}x', '"\\q"', '"\\u12x4"', '[1,,2]', '{"a":[1,{"b":tru}]}', '{"a":"unterminated', '1.x', '[1e+]', '[01]'];
    for (const text of cases) {
      let message = '';
      try {
        JSON.parse(text);
      } catch (err) {
        message = (err as Error).message;
      }
      const position = /at position (\d+)/.exec(message)?.[1];
      if (position) expect(jsonErrorOffset(text), `${text}: ${message}`).toBe(Number(position));
    }
  });

  it('points at the unexpected character where V8 only quotes the text around it', () => {
    expect(jsonErrorOffset('root:x:0:0:root:/root:/bin/bash')).toBe(0);
    expect(jsonErrorOffset('{"k": secret-value}')).toBe(6);
    expect(jsonErrorOffset('\n\n  {"k": tru}')).toBe(13);
    expect(jsonErrorOffset('{"a": [1, 2')).toBe(11);
  });

  it('walks any depth without recursion', () => {
    expect(jsonErrorOffset(`${'['.repeat(200_000)}x`)).toBe(200_000);
  });
});
