/**
 * The offset of the first character at which `text` stops being JSON (its length when the
 * input ends early). Used only after JSON.parse has failed, to say where without quoting the
 * text as V8's own messages do. Iterative, so nesting depth does not matter.
 */
export function jsonErrorOffset(text: string): number {
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const hex4 = /[0-9a-fA-F]{4}/y;
  const stack: ('{' | '[')[] = [];
  let i = 0;
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  // A string starting at i; returns false at the offending character.
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) {
          i = text.length;
          return false;
        }
        if (e === 'u') {
          hex4.lastIndex = i + 2;
          if (!hex4.test(text)) {
            i += 2;
            while (/[0-9a-fA-F]/.test(text[i] ?? '')) i++;
            return false;
          }
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  // A scalar value at i; false when none starts here.
  const scalar = (): boolean => {
    const start = i;
    if (text[i] === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    number.lastIndex = i;
    if (number.test(text)) {
      i = number.lastIndex;
      // "1." or "1e+" : the number goes wrong just after its fraction point or exponent sign.
      if (text[i] !== '.' && text[i] !== 'e' && text[i] !== 'E') return true;
      i += text[i] !== '.' && (text[i + 1] === '+' || text[i + 1] === '-') ? 2 : 1;
      return false;
    }
    // Point at where a partial literal or a lone minus sign goes wrong.
    const word = ['true', 'false', 'null'].find((w) => w[0] === text[i]);
    if (word) while (text[i] !== undefined && text[i] === word[i - start]) i++;
    else if (text[i] === '-') i++;
    return false;
  };

  let expectValue = true;
  for (;;) {
    skip();
    if (i >= text.length) return text.length;
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (expectValue) {
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        skip();
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          expectValue = false;
        } else if (c === '{') {
          if (text[i] !== '"' || !string()) return Math.min(i, text.length);
          skip();
          if (text[i] !== ':') return Math.min(i, text.length);
          i++;
        }
        continue;
      }
      const start = i;
      if (!scalar()) return Math.max(start, Math.min(i, text.length));
      expectValue = false;
      continue;
    }
    if (!top) return i; // content after a complete value
    if (c === ',') {
      i++;
      skip();
      if (top === '{') {
        if (text[i] !== '"' || !string()) return Math.min(i, text.length);
        skip();
        if (text[i] !== ':') return Math.min(i, text.length);
        i++;
      }
      expectValue = true;
    } else if (c === (top === '{' ? '}' : ']')) {
      stack.pop();
      i++;
    } else return i;
  }
}
