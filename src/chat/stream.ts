import { CITATION_ID_SOURCE } from '../story/schema.js';

const ID = new RegExp(`^${CITATION_ID_SOURCE}$`);

/**
 * Numbers citation marks while tokens stream: "[b_0123456789abcdef]" is written as "[1]",
 * in order of first use (the same numbering numberCitations gives). Text inside brackets is
 * held back until the bracket closes or grows too long to be a mark.
 */
export class CitationStreamer {
  private held = '';
  readonly order: string[] = [];

  constructor(private readonly write: (text: string) => void) {}

  private number(id: string): number {
    let i = this.order.indexOf(id);
    if (i < 0) i = this.order.push(id) - 1;
    return i + 1;
  }

  private renderHeld(): string {
    const inner = this.held.slice(1, -1);
    const ids = inner.split(/\s*[,;]\s*/);
    return ids.length && ids.every((id) => ID.test(id)) ? ids.map((id) => `[${this.number(id)}]`).join('') : this.held;
  }

  push(token: string): void {
    let out = '';
    for (const ch of token) {
      if (this.held) {
        this.held += ch;
        if (ch === ']') {
          out += this.renderHeld();
          this.held = '';
        } else if (this.held.length > 120) {
          out += this.held;
          this.held = '';
        }
      } else if (ch === '[') {
        this.held = ch;
      } else {
        out += ch;
      }
    }
    if (out) this.write(out);
  }

  flush(): void {
    if (this.held) this.write(this.held);
    this.held = '';
  }
}
