/** A sentence of a text with its exact character span. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// ICU breaks after abbreviations such as "U.S." or "Mr."; these never end a sentence here.
const ABBREVIATION = /(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co|Corp|No|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)\s*$/;

// V8's segment iterator slows down with the length of the whole string (a 340 KB body took
// 16 s), so it only ever sees a window of the text. Boundaries depend on a few characters
// of context, so all but the window's last segment are kept and the next window starts at
// that last segment; a "sentence" longer than the largest window is cut at its end.
const WINDOW = 4_096;
const MAX_WINDOW = 65_536;

function* segments(text: string): Generator<{ segment: string; index: number }> {
  let pos = 0;
  let size = WINDOW;
  while (pos < text.length) {
    const end = Math.min(text.length, pos + size);
    const found = [...segmenter.segment(text.slice(pos, end))];
    if (end < text.length && found.length < 2 && size < MAX_WINDOW) {
      size *= 2;
      continue;
    }
    const keep = end < text.length && found.length > 1 ? found.slice(0, -1) : found;
    for (const seg of keep) yield { segment: seg.segment, index: pos + seg.index };
    const last = keep[keep.length - 1]!;
    pos += last.index + last.segment.length;
    size = WINDOW;
  }
}

// Abbreviations are at most a few characters long: testing only the tail of a sentence
// keeps repeated merges (a text of "U.S. U.S. ...") linear.
function endsWithAbbreviation(s: string): boolean {
  const content = s.trimEnd();
  return ABBREVIATION.test(content.slice(-64)) && !s.slice(content.length).includes('\n');
}

// ICU also breaks inside a token that holds a "." or "?" or "!" with no space after it:
// "Version WB10.B929", "V3.X.16", "download.aspx?ProductId=51", "WAGO e!DISPLAY", "i.MX", ".NET".
// Such a break ends a sentence only after a word ("value.CVE-2017-5159 has been assigned") or a
// closing bracket ("(SBT).CVE-..."), before a capital: the two were run together, not one name.
const RUN_TOGETHER_END = /(?:(?<![\p{L}\p{N}.])\p{L}{2,}|\))[.!?]["'”’)]*$/u;
const splitsToken = (prev: string, next: string) => !/\s$/u.test(prev) && /^[\p{L}\p{N}]/u.test(next) && !(RUN_TOGETHER_END.test(prev) && /^\p{Lu}/u.test(next));

/**
 * Splits text into sentences with spans into the original string. Each sentence's span
 * covers its trailing whitespace, so the spans tile the text exactly.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const seg of segments(text)) {
    const prev = out[out.length - 1];
    if (prev && (endsWithAbbreviation(prev.text) || splitsToken(prev.text, seg.segment))) {
      prev.text += seg.segment;
      prev.end = seg.index + seg.segment.length;
    } else {
      out.push({ text: seg.segment, start: seg.index, end: seg.index + seg.segment.length });
    }
  }
  return out;
}

/** Trims a span to its non-whitespace content. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}
