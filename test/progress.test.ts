import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressReporter } from '../src/cli/output.js';

describe('plain progress lines (stderr is not a terminal)', () => {
  afterEach(() => vi.useRealTimers());

  it('prints every 10% and, on a slow corpus, at least every 15 s', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (lines.push(String(s)), true));
    const isTTY = process.stderr.isTTY;
    process.stderr.isTTY = false;
    try {
      const report = progressReporter('embedding');
      report(1, 1000); // first line at once
      report(50, 1000); // same decile, too soon: silent
      report(100, 1000); // next decile
      vi.advanceTimersByTime(16_000);
      report(110, 1000); // same decile, but 16 s later
      report(120, 1000);
      report(1000, 1000); // always the end
      expect(lines.map((l) => l.split(' ')[1])).toEqual(['1/1000', '100/1000', '110/1000', '1000/1000']);
      expect(lines.at(-1)).toMatch(/\(100%\), [\d.]+\/s, ETA 0s/);
    } finally {
      process.stderr.isTTY = isTTY;
      write.mockRestore();
    }
  });
});
