import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { connectStdio, runProcess as run, tempDir } from './helpers.js';
import { expectSearchAndClose } from './support/expectations.js';
import { firstStdoutLine, parseInitializeResult } from './support/first-line.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NATIVE = ['better-sqlite3', 'hnswlib-node'];

/**
 * The README's two commands for a clone, `npm ci && npm start`, run in a fresh copy of the files a clone gets (what
 * git tracks, plus new files not ignored, as they are on disk now): no node_modules, no dist/, no data. As in the
 * packed-install test, npm ci skips install scripts and the two native addons get the binaries this machine already
 * built for the same Node ABI (compiling them again takes minutes); everything else is installed from the lockfile.
 */
describe('a fresh clone: npm ci && npm start', () => {
  let dir: string;
  let cleanup: () => void;
  let clone: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('storyline-clone-'));
    clone = path.join(dir, 'storyline');
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PACKAGE_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f !== '' && existsSync(path.join(PACKAGE_ROOT, f)) && statSync(path.join(PACKAGE_ROOT, f)).isFile());
    for (const f of files) {
      mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
      copyFileSync(path.join(PACKAGE_ROOT, f), path.join(clone, f));
    }
    expect(existsSync(path.join(clone, 'dist'))).toBe(false);
    // A clone is a git work tree, which is how Storyline tells it from an installed copy (data in ./.storyline).
    execFileSync('git', ['init', '-q'], { cwd: clone });
    env = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(npm_|STORYLINE_)/i.test(k)) env[k] = v;
    // XDG_DATA_HOME: were the copy taken for an installed one, its data would land here, never in the real home.
    Object.assign(env, { STORYLINE_LOG_LEVEL: 'warn', XDG_DATA_HOME: path.join(dir, 'xdg') });
    const ci = await run(NPM, ['ci', '--ignore-scripts', '--prefer-offline'], { cwd: clone, env });
    expect(ci.code, ci.stderr).toBe(0);
    expect(ci.stderr).not.toMatch(/EBADENGINE/);
    for (const name of NATIVE) {
      const from = path.join(PACKAGE_ROOT, 'node_modules', name, 'build', 'Release');
      const to = path.join(clone, 'node_modules', name, 'build', 'Release');
      mkdirSync(to, { recursive: true });
      for (const f of readdirSync(from).filter((f) => f.endsWith('.node'))) copyFileSync(path.join(from, f), path.join(to, f));
    }
  }, 600_000);
  afterAll(() => cleanup?.());

  it('npm start builds dist/ on first start, indexes corpus/ into ./.storyline and serves MCP over stdio', async () => {
    // Plain `npm start` is the terminal command: npm's own banner comes first on stdout, then the server's answer.
    const { line, before, stderr } = await firstStdoutLine(NPM, ['start'], { cwd: clone, env, untilJson: true });
    expect(before).toMatch(/^\n?> storyline-mcp@[\d.]+ start/);
    expect(stderr).toMatch(/building dist/);
    expect(parseInitializeResult(line)).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'storyline' } } });
    expect(existsSync(path.join(clone, 'dist', 'src', 'cli.js'))).toBe(true);
    expect(existsSync(path.join(clone, '.storyline', 'storyline.db'))).toBe(true);
    expect(existsSync(path.join(dir, 'xdg'))).toBe(false);
  }, 300_000);

  it('a client configured with `npm start --silent --prefix <clone>` gets only MCP on stdout and searches', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const { line } = await firstStdoutLine(NPM, ['start', '--silent', '--prefix', clone], { cwd: elsewhere, env });
    expect(parseInitializeResult(line)).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'storyline' } } });

    const conn = await connectStdio({ command: NPM, args: ['start', '--silent', '--prefix', clone], cwd: elsewhere, env }, 'clone-test');
    await expectSearchAndClose(conn);
    // Nothing changed since the first start: no rebuild.
    expect(conn.stderr()).not.toMatch(/building dist/);
  }, 300_000);
});
