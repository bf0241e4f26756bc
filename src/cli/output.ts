import { describeCitation, toCitation } from '../mcp/render.js';
import type { ExtractiveAnswer } from '../answer/extractive.js';

/** Command results go to stdout (never used in stdio serve mode); everything else to stderr. */
export const out = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

export const printJson = (data: unknown): void => out(JSON.stringify(data, null, 2));

/** An extractive answer with its numbered sources, as `storyline ask` prints it. */
export function renderAnswer(a: ExtractiveAnswer): string {
  if (!a.found) return a.answer;
  const sources = a.citations.map((c, i) => `[${i + 1}] ${describeCitation(toCitation(i + 1, c))}\n    citation_id ${c.citation_id}`);
  return `${a.answer}\n\nSources:\n${sources.join('\n')}`;
}

/** A one-line progress reporter on stderr: rewrites itself on a terminal, prints every 10% otherwise. */
export function progressReporter(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  const start = Date.now();
  let lastDecile = -1;
  return (done, total) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const secs = (Date.now() - start) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const line = `${label}: ${done}/${total} (${pct}%), ${rate.toFixed(1)}/s, ETA ${eta}s`;
    if (tty) {
      process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    } else if (Math.floor(pct / 10) > lastDecile || done === total) {
      lastDecile = Math.floor(pct / 10);
      process.stderr.write(`${line}\n`);
    }
  };
}
