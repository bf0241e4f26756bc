import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { CLI, runCli, runProcess, tempDir } from './helpers.js';
import { firstStdoutLine, INITIALIZE } from './support/first-line.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// The floor the README and package.json promise.
const NODE_FLOOR = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

/** The environment a client would give the server: no inherited npm_* or STORYLINE_* variables from `npm test`. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(npm_|STORYLINE_)/i.test(k)) env[k] = v;
  return { ...env, STORYLINE_LOG_LEVEL: 'warn', ...extra };
}

describe('a clean install on Node 20', () => {
  it('has no package in the lockfile whose engines exclude the Node floor, so npm ci prints no EBADENGINE', () => {
    const lock = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; version?: string }>;
    };
    const floor = semver.minVersion(NODE_FLOOR)?.version ?? '';
    expect(floor).toMatch(/^20\./);
    const excluded = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(floor, p.engines.node))
      .map(([name, p]) => `${name}@${p.version ?? ''} needs node ${(p.engines as { node: string }).node}`);
    expect(excluded).toEqual([]);
  });
});

describe('every documented way to start the stdio server gives a client only MCP on stdout', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  it.each([
    { how: 'node dist/src/cli.js serve', command: process.execPath, args: [CLI, 'serve'] },
    { how: 'npm start --silent', command: NPM, args: ['start', '--silent'] },
    { how: 'npm start --silent --prefix <clone>, from another directory', command: NPM, args: ['start', '--silent', '--prefix', PACKAGE_ROOT], elsewhere: true },
  ])('$how answers initialize with a JSON-RPC message as its first bytes', async ({ command, args, elsewhere }) => {
    const env = cleanEnv({ STORYLINE_DATA_DIR: path.join(dir, 'data') });
    const { line } = await firstStdoutLine(command, args, { cwd: elsewhere ? dir : PACKAGE_ROOT, env });
    const message = JSON.parse(line) as { jsonrpc: string; id: number; result: { serverInfo: { name: string } } };
    expect(message).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'storyline' } } });
  });

  it('plain `npm start` (npm prints its banner on stdout first) says on stderr how to start it cleanly', async () => {
    const { before, stderr } = await firstStdoutLine(NPM, ['start'], { cwd: PACKAGE_ROOT, env: cleanEnv({ STORYLINE_DATA_DIR: path.join(dir, 'data') }), untilJson: true });
    expect(before).toMatch(/> storyline-mcp@[\d.]+ start/);
    expect(stderr).toMatch(/npm start --silent/);
  });

  it.each([
    { how: 'node dist/src/cli.js serve < /dev/null', command: process.execPath, args: [CLI, 'serve'] },
    { how: 'npm start --silent < /dev/null', command: NPM, args: ['start', '--silent'] },
  ])('$how says on stderr how to connect a client, and exits cleanly', async ({ command, args }) => {
    const r = await runProcess(command, args, { cwd: PACKAGE_ROOT, env: cleanEnv({ STORYLINE_DATA_DIR: path.join(dir, 'data') }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/input ended before any MCP message arrived/);
    expect(r.stderr).toContain('"mcpServers"');
  });

  it('stays quiet about it when a client did speak before closing', async () => {
    const r = await runCli(['serve'], { STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_LOG_LEVEL: 'warn' }, `${JSON.stringify(INITIALIZE)}\n`);
    expect(r.stderr).not.toMatch(/input ended before any MCP message/);
  });
});

describe('storyline chat --help', () => {
  it('says how to point it at a model, with an Ollama example', async () => {
    const r = await runCli(['chat', '--help'], {});
    expect(r.code).toBe(0);
    for (const name of ['STORYLINE_CHAT_MODEL', 'OPENAI_BASE_URL', 'OPENAI_API_KEY', 'http://localhost:11434/v1', 'Ollama']) expect(r.stdout).toContain(name);
  });
});
