import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/config.js';
import { connectStdio, tempDir, textOf } from './helpers.js';
import { firstStdoutLine, parseInitializeResult } from './support/first-line.js';

const MCPB = path.join(PACKAGE_ROOT, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');

interface Manifest {
  name: string;
  version: string;
  server: { type: string; entry_point: string; mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  tools: { name: string }[];
  prompts: { name: string }[];
  user_config: Record<string, { default?: string }>;
}

describe('the MCP Bundle (npm run bundle), unpacked and started as its manifest says', () => {
  let dir: string;
  let cleanup: () => void;
  let unpacked: string;
  let manifest: Manifest;

  beforeAll(() => {
    ({ dir, cleanup } = tempDir('storyline-mcpb-'));
    const file = path.join(dir, 'storyline.mcpb');
    const built = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'tools', 'bundle.js'), file], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    unpacked = path.join(dir, 'unpacked');
    const r = spawnSync(process.execPath, [MCPB, 'unpack', file, unpacked], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    manifest = JSON.parse(readFileSync(path.join(unpacked, 'manifest.json'), 'utf8')) as Manifest;
  }, 600_000);
  afterAll(() => cleanup?.());

  it('has a manifest the mcpb tool accepts', () => {
    const r = spawnSync(process.execPath, [MCPB, 'validate', path.join(unpacked, 'manifest.json')], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(existsSync(path.join(unpacked, manifest.server.entry_point))).toBe(true);
    expect(Object.keys(manifest.user_config)).toEqual(expect.arrayContaining(['data_dir', 'embeddings', 'openai_base_url', 'openai_api_key']));
  });

  /** The command, arguments and environment the host runs, from mcp_config with the user config filled in. */
  function launch(): { command: string; args: string[]; env: Record<string, string> } {
    const values: Record<string, string> = { HOME: dir, __dirname: unpacked };
    for (const [key, spec] of Object.entries(manifest.user_config)) values[`user_config.${key}`] = spec.default ?? '';
    values['user_config.data_dir'] = path.join(dir, 'data');
    const fill = (s: string) => s.replace(/\$\{([^}]+)\}/g, (_, name: string) => values[name] ?? '');
    const { command, args, env } = manifest.server.mcp_config;
    const childEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(npm_|STORYLINE_|OPENAI_)/i.test(k)) childEnv[k] = v;
    for (const [k, v] of Object.entries(env)) childEnv[k] = fill(v);
    return { command, args: args.map(fill), env: { ...childEnv, STORYLINE_LOG_LEVEL: 'warn' } };
  }

  it('starts from mcp_config with user config filled in, completes a handshake and lists what the manifest declares', async () => {
    const { command, args, env } = launch();
    const { client, stderr, protocolErrors } = await connectStdio({ command, args, cwd: dir, env }, 'mcpb-test');
    try {
      expect(client.getServerVersion()?.version).toBe(manifest.version);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(manifest.tools.map((t) => t.name).sort());
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => p.name).sort()).toEqual(manifest.prompts.map((p) => p.name).sort());
      const r = await client.callTool({ name: 'search_passages', arguments: { query: 'Who signed the AI executive order?', limit: 3 } });
      expect(r.isError, stderr()).toBeFalsy();
      expect(textOf(r)).toContain('<untrusted-passage');
    } finally {
      await client.close();
    }
    expect(protocolErrors.map(String)).toEqual([]);
    expect(existsSync(path.join(dir, 'data', 'storyline.db'))).toBe(true);
  });

  it("answers initialize with a JSON-RPC message as the first bytes on stdout", async () => {
    const { command, args, env } = launch();
    const { line, stderr } = await firstStdoutLine(command, args, { cwd: dir, env });
    expect(parseInitializeResult(line), stderr).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'storyline', version: manifest.version } } });
  });
});
