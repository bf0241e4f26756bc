import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { CLI, runNode, tempDir } from './helpers.js';

// The MCP Inspector's CLI: a client this project did not write.
const INSPECTOR = path.join(PACKAGE_ROOT, 'node_modules/@modelcontextprotocol/inspector/cli/build/index.js');

const inspector = (args: string[], env: Record<string, string>) => runNode(INSPECTOR, args, env);

describe('MCP Inspector CLI against Storyline', () => {
  let dir: string;
  let cleanup: () => void;
  let http: ChildProcess;
  let url: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    env = { STORYLINE_DATA_DIR: path.join(dir, 'data'), STORYLINE_LOG_LEVEL: 'info' };
    http = spawn(process.execPath, [CLI, 'serve', '--http', '0', '--insecure-no-auth'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let log = '';
      http.stderr!.on('data', (d: Buffer) => {
        log += d.toString();
        const m = /"url":"(http:\/\/[^"]+)"/.exec(log);
        if (m) resolve(m[1]!);
      });
      http.on('exit', (code) => reject(new Error(`serve --http exited ${code}: ${log}`)));
    });
  });
  afterAll(async () => {
    http.kill('SIGTERM');
    await new Promise((r) => http.once('exit', r));
    cleanup();
  });

  it('lists and calls the tools over stdio', async () => {
    const list = await inspector(['node', CLI, 'serve', '--method', 'tools/list'], env);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name)).toContain('verify_quote');
    const call = await inspector(['node', CLI, 'serve', '--method', 'tools/call', '--tool-name', 'search_passages', '--tool-arg', 'query=binding operational directive'], env);
    expect(call.code, call.stderr).toBe(0);
    expect(call.stdout).toContain('timeline[0]');
  });

  it('lists and calls the tools over Streamable HTTP', async () => {
    const list = await inspector([url, '--method', 'tools/list'], env);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name)).toContain('search_passages');
    const call = await inspector([url, '--method', 'tools/call', '--tool-name', 'get_timeline', '--tool-arg', 'story_id=327dc94408c08ac5'], env);
    expect(call.code, call.stderr).toBe(0);
    expect(call.stdout).toContain('DATE NOT STATED');
  });
});
