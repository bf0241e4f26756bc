// `npm run bundle`: builds storyline.mcpb, the MCP Bundle that Claude Desktop installs with one click.
// The bundle holds the packed npm package with its production dependencies, including the native addons built on
// this machine, so it is for this platform and Node ABI only (compatibility says which).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'storyline.mcpb'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const NATIVE = ['better-sqlite3', 'hnswlib-node'];

/** Runs a command with output on stderr; stops the script when it fails. */
function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (r.status !== 0) {
    process.stderr.write(`bundle: ${command} ${args.join(' ')} failed\n`);
    process.exit(r.status ?? 1);
  }
}

const work = mkdtempSync(path.join(tmpdir(), 'storyline-bundle-'));
try {
  // 1. The package exactly as npm would publish it, with the locked production dependencies.
  run(npm, ['pack', '--silent', '--pack-destination', work], root);
  run('tar', ['-xzf', `${pkg.name}-${pkg.version}.tgz`], work);
  const stage = path.join(work, 'package');
  copyFileSync(path.join(root, 'package-lock.json'), path.join(stage, 'package-lock.json'));
  run(npm, ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], stage);
  // Install scripts were skipped: take the addons this install already compiled (or downloaded) for this platform.
  for (const name of NATIVE) {
    const from = path.join(root, 'node_modules', name, 'build', 'Release');
    const to = path.join(stage, 'node_modules', name, 'build', 'Release');
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(from).filter((f) => f.endsWith('.node'))) copyFileSync(path.join(from, f), path.join(to, f));
  }
  rmSync(path.join(stage, 'package-lock.json'));

  // 2. The tools and prompts, listed by the server itself so the manifest cannot drift from the code.
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(stage, 'dist', 'src', 'cli.js'), 'serve'],
    env: { ...process.env, STORYLINE_DATA_DIR: path.join(work, 'data'), STORYLINE_LOG_LEVEL: 'error' },
  });
  const client = new Client({ name: 'storyline-bundle', version: pkg.version });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const { prompts } = await client.listPrompts();
  await client.close();
  rmSync(path.join(work, 'data'), { recursive: true, force: true });

  const firstSentence = (s = '') => s.split(/(?<=\.)\s/)[0] ?? s;
  const manifest = {
    manifest_version: '0.3',
    name: 'storyline',
    display_name: 'Storyline',
    version: pkg.version,
    description: pkg.description,
    long_description:
      'Indexes threat-intelligence stories (body, dated timeline, sources, entities) into a local store and serves cited ' +
      'passages over MCP. Works offline: the embedding model ships inside the bundle.',
    author: { name: 'Storyline contributors' },
    license: pkg.license,
    keywords: pkg.keywords,
    server: {
      type: 'node',
      entry_point: 'dist/src/cli.js',
      mcp_config: {
        command: 'node',
        args: ['${__dirname}/dist/src/cli.js', 'serve'],
        env: {
          STORYLINE_DATA_DIR: '${user_config.data_dir}',
          STORYLINE_EMBEDDINGS: '${user_config.embeddings}',
          STORYLINE_EMBEDDINGS_MODEL: '${user_config.embeddings_model}',
          OPENAI_BASE_URL: '${user_config.openai_base_url}',
          OPENAI_API_KEY: '${user_config.openai_api_key}',
        },
      },
    },
    tools: tools.map((t) => ({ name: t.name, description: firstSentence(t.description) })),
    prompts: prompts.map((p) => ({
      name: p.name,
      description: firstSentence(p.description),
      arguments: (p.arguments ?? []).map((a) => a.name),
      // The client fetches the real text from the server; this is what it shows before install.
      text: p.description ?? p.name,
    })),
    compatibility: { platforms: [process.platform], runtimes: { node: pkg.engines.node } },
    user_config: {
      data_dir: {
        type: 'directory',
        title: 'Data directory',
        description: 'Where Storyline keeps its database and vector index',
        default: '${HOME}/.storyline',
        required: false,
      },
      embeddings: {
        type: 'string',
        title: 'Embeddings provider',
        description: '"local" (offline model in the bundle) or "openai" (any OpenAI-compatible endpoint); changing it re-embeds everything',
        default: 'local',
        required: false,
      },
      embeddings_model: {
        type: 'string',
        title: 'Embeddings model',
        description: 'Model name for the openai provider',
        default: 'text-embedding-3-small',
        required: false,
      },
      openai_base_url: {
        type: 'string',
        title: 'OpenAI-compatible base URL',
        description: 'For the openai provider, e.g. http://localhost:11434/v1 for Ollama; empty means the OpenAI API',
        default: '',
        required: false,
      },
      openai_api_key: {
        type: 'string',
        title: 'API key',
        description: 'For the openai provider, where the endpoint needs one',
        default: '',
        sensitive: true,
        required: false,
      },
    },
  };
  writeFileSync(path.join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  // 3. Validate and pack with the official tool.
  const mcpb = path.join(root, 'node_modules', '@anthropic-ai', 'mcpb', 'dist', 'cli', 'cli.js');
  run(process.execPath, [mcpb, 'validate', path.join(stage, 'manifest.json')], root);
  run(process.execPath, [mcpb, 'pack', stage, out], root);
  process.stderr.write(`bundle: wrote ${out}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
