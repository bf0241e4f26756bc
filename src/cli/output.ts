import { Presets, SingleBar } from 'cli-progress';

/** Command results go to stdout (never used in stdio serve mode); everything else to stderr. */
export const out = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

export const printJson = (data: unknown): void => out(JSON.stringify(data, null, 2));

const PLAIN_PROGRESS_MS = 15_000;

/**
 * Progress on stderr: a bar with rate and ETA on a terminal (cli-progress), plain lines every
 * 10% (and at least every 15 s) otherwise, so logs and CI output stay readable.
 */
export function progressReporter(label: string): (done: number, total: number) => void {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { stream: process.stderr, format: `${label} [{bar}] {percentage}% {value}/{total} | {speed}/s | ETA {eta_formatted}`, hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    const start = Date.now();
    let started = false;
    return (done, total) => {
      if (!started) {
        bar.start(total, 0, { speed: '0' });
        started = true;
      }
      bar.update(done, { speed: (done / Math.max(0.001, (Date.now() - start) / 1000)).toFixed(1) });
      if (done >= total) bar.stop();
    };
  }
  const start = Date.now();
  let lastDecile = -1;
  let lastLine = 0;
  return (done, total) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const now = Date.now();
    // Every 10%, and at least every 15 s: a large corpus takes minutes per 10%.
    if (Math.floor(pct / 10) <= lastDecile && now - lastLine < PLAIN_PROGRESS_MS && done !== total) return;
    lastDecile = Math.floor(pct / 10);
    lastLine = now;
    const secs = (now - start) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    process.stderr.write(`${label}: ${done}/${total} (${pct}%), ${rate.toFixed(1)}/s, ETA ${eta}s\n`);
  };
}
