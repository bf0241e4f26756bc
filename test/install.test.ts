import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { connectStdio, runProcess as run, tempDir } from './helpers.js';
import { expectSearchAndClose } from './support/expectations.js';
import { firstStdoutLine, parseInitializeResult } from './support/first-line.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  files: string[];
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};
// Addons whose install script compiles C++ (or fetches a prebuilt binary from GitHub, which is offline here).
const NATIVE = ['better-sqlite3', 'hnswlib-node'];


/**
 * The package as a user gets it: `npm pack` (prepack builds), then the tarball installed into an empty project with
 * npm, resolving the dependency tree anew from the registry (prefer-offline: the npm cache that the project's own
 * install filled). Install scripts are skipped and the two native addons get the binaries this machine already built
 * for the same Node ABI, which is what their install step would produce; compiling them again takes minutes.
 */
describe(`the packed npm package (${pkg.name}), installed and run from an unrelated directory`, () => {
  let dir: string;
  let cleanup: () => void;
  let bin: string;
  let installed: string;
  let elsewhere: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('storyline-install-'));
    const packed = await run(NPM, ['pack', '--pack-destination', dir], { cwd: PACKAGE_ROOT });
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = path.join(dir, `${pkg.name}-${pkg.version}.tgz`);
    expect(existsSync(tarball)).toBe(true);
    const project = path.join(dir, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ private: true }));
    const install = await run(NPM, ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], { cwd: project });
    expect(install.code, install.stderr).toBe(0);
    // The tree npm resolved for a user (not this repo's lockfile) must not need a newer Node either.
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    const modules = path.join(project, 'node_modules');
    for (const name of NATIVE) {
      const from = path.join(PACKAGE_ROOT, 'node_modules', name);
      const to = path.join(modules, name);
      const version = (p: string) => (JSON.parse(readFileSync(path.join(p, 'package.json'), 'utf8')) as { version: string }).version;
      expect(version(to)).toBe(version(from));
      mkdirSync(path.join(to, 'build', 'Release'), { recursive: true });
      for (const f of readdirSync(path.join(from, 'build', 'Release')).filter((f) => f.endsWith('.node'))) {
        copyFileSync(path.join(from, 'build', 'Release', f), path.join(to, 'build', 'Release', f));
      }
    }
    installed = path.join(modules, pkg.name);
    bin = path.join(modules, '.bin', 'storyline');
    elsewhere = path.join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    env = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(npm_|STORYLINE_)/i.test(k)) env[k] = v;
    // env-paths puts the per-user data directory under XDG_DATA_HOME on Linux.
    Object.assign(env, { XDG_DATA_HOME: path.join(dir, 'xdg'), STORYLINE_LOG_LEVEL: 'warn' });
  }, 600_000);
  afterAll(() => cleanup?.());

  it('ships the built CLI and the corpus, and neither sources nor tests', () => {
    expect(existsSync(path.join(installed, 'dist', 'src', 'cli.js'))).toBe(true);
    expect(readFileSync(path.join(installed, 'dist', 'src', 'cli.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(readdirSync(path.join(installed, 'corpus')).length).toBeGreaterThan(0);
    expect(existsSync(path.join(installed, 'src'))).toBe(false);
    expect(existsSync(path.join(installed, 'dist', 'src', 'config.test.js'))).toBe(false);
    expect(Object.keys(pkg.bin)).toEqual(['storyline']);
  });

  it('storyline --version', async () => {
    const r = await run(bin, ['--version'], { cwd: elsewhere, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('storyline serve: an MCP client connects over stdio and searches; data goes to the per-user directory', async () => {
    await expectSearchAndClose(await connectStdio({ command: bin, args: ['serve'], cwd: elsewhere, env }, 'install-test'));
    expect(existsSync(path.join(dir, 'xdg', 'storyline', 'storyline.db'))).toBe(true);
    expect(existsSync(path.join(elsewhere, '.storyline'))).toBe(false);
  });

  it(`npx -y ${pkg.name} serve (the README's one line) answers initialize with a JSON-RPC message as its first bytes`, async () => {
    // npx finds the package installed in the project it runs in; offline, so it can never fetch a same-named package
    // from the registry instead.
    const { line, stderr } = await firstStdoutLine(NPX, ['-y', pkg.name, 'serve'], { cwd: path.join(dir, 'project'), env: { ...env, npm_config_offline: 'true' } });
    expect(parseInitializeResult(line), stderr).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'storyline', version: pkg.version } } });
  });

  it('storyline ask answers with citations', async () => {
    const r = await run(bin, ['ask', 'What did CISA say it would issue?'], { cwd: elsewhere, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\[1\]/);
    expect(r.stdout).toMatch(/CISA/);
  });
});
