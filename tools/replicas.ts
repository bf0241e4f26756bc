// Spawned `storyline serve --http 0 --stateless` processes from dist/, shared by the replica tests
// (test/support/replica.ts) and the engines bench.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/config.js';

const CLI = path.join(PACKAGE_ROOT, 'dist/src/cli.js');

/** A spawned `storyline serve --http 0 --stateless` process. */
export interface Replica {
  proc: ChildProcess;
  url: string;
  base: string;
  log: () => string;
}

/** Starts one from dist/ with `env` over this process's environment; resolves with its URL once it logs that it serves. */
export function startReplica(env: Record<string, string>): Promise<Replica> {
  const proc = spawn(process.execPath, [CLI, 'serve', '--http', '0', '--stateless'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d: Buffer) => (log += d.toString()));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const m = /"url":"(http:\/\/[^"]+)"/.exec(log);
      if (!m) return;
      proc.stderr.off('data', onData);
      proc.off('exit', onExit);
      resolve({ proc, url: m[1]!, base: new URL(m[1]!).origin, log: () => log });
    };
    const onExit = (code: number | null) => reject(new Error(`serve --http exited ${code}: ${log}`));
    proc.stderr.on('data', onData);
    proc.once('exit', onExit);
  });
}

/** Stops it with `signal` (SIGKILL: no shutdown at all) and waits for it to exit. */
export async function stopReplica(r: Replica | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!r || r.proc.exitCode !== null || r.proc.signalCode !== null) return;
  const exited = new Promise((resolve) => r.proc.once('exit', resolve));
  r.proc.kill(signal);
  await exited;
}
