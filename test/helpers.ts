import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport, type StdioServerParameters } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { openApp, type App } from '../src/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { embedInBatches, type Embedder } from '../src/embed/embedder.js';
import { createLogger } from '../src/log.js';
import { createServer, type CreateServerOptions } from '../src/mcp/server.js';
import { checkExposure, exposureReport, importAssets, listAssets, removeAssets } from '../src/mcp/tools/exposure.js';
import { findStoriesByEntity } from '../src/mcp/tools/find-stories-by-entity.js';
import { getStory } from '../src/mcp/tools/get-story.js';
import { getTimeline } from '../src/mcp/tools/get-timeline.js';
import { ingestStories } from '../src/mcp/tools/ingest-stories.js';
import { listSources } from '../src/mcp/tools/list-sources.js';
import { listStories } from '../src/mcp/tools/list-stories.js';
import { searchPassages } from '../src/mcp/tools/search-passages.js';
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions, testSubscription, updateSubscription } from '../src/mcp/tools/subscriptions.js';
import { verifyQuote } from '../src/mcp/tools/verify-quote.js';
import type { z } from 'zod';

export const SEED_ID = '327dc94408c08ac5';
export const CLI = path.join(PACKAGE_ROOT, 'dist/src/cli.js');
export const FIXTURES = path.join(PACKAGE_ROOT, 'test/fixtures');

/** A fresh data directory, removed by the returned cleanup. */
export function tempDir(prefix = 'storyline-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A deterministic bag-of-words embedder for unit tests: fast, no model. Retrieval quality
 * is measured with the real local model, never with this.
 */
export function hashEmbedder(dimensions = 64, model = 'hash-test'): Embedder {
  const embed = (t: string) => {
    const v = new Array<number>(dimensions).fill(0);
    for (const w of t.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      const h = createHash('md5').update(w).digest();
      v[h.readUInt16LE(0) % dimensions]! += 1;
    }
    v[0]! += 0.01;
    return v;
  };
  return {
    info: { provider: 'test', model, dimensions },
    embedDocuments: (texts, onProgress) => embedInBatches(texts, 16, (b) => Promise.resolve(b.map(embed)), onProgress),
    async embedQuery(text) {
      const [v] = await embedInBatches([text], 1, (b) => Promise.resolve(b.map(embed)));
      return v!;
    },
  };
}

/** Opens an app on a fresh data directory with the bundled corpus ingested. */
export async function openTestApp(opts: { embedder?: Embedder; env?: Record<string, string>; ingest?: boolean } = {}): Promise<App & { dir: string; cleanup: () => void }> {
  const { dir, cleanup } = tempDir();
  const config = loadConfig({ env: { STORYLINE_DATA_DIR: dir, ...opts.env }, cwd: dir });
  const app = await openApp(config, { log: createLogger('silent'), ...(opts.embedder ? { embedder: opts.embedder } : {}) });
  if (opts.ingest !== false) await app.ingestPaths([config.corpusDir]);
  return Object.assign(app, {
    dir,
    cleanup: () => {
      void app.close();
      cleanup();
    },
  });
}

/** A real MCP client connected to a fresh server over the in-memory transport (acting for `opts.caller`, default the local admin). */
export async function connectClient(app: App, opts: CreateServerOptions = {}): Promise<Client> {
  const server = createServer(app, opts);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'storyline-test', version: '1.0.0' });
  await client.connect(clientSide);
  // Listing tools makes the client check every structured result against its output schema.
  await client.listTools();
  return client;
}

/** Every tool by name, for typing what callTool returns. */
const TOOLS = {
  search_passages: searchPassages,
  get_story: getStory,
  get_timeline: getTimeline,
  list_sources: listSources,
  list_stories: listStories,
  find_stories_by_entity: findStoriesByEntity,
  verify_quote: verifyQuote,
  check_exposure: checkExposure,
  exposure_report: exposureReport,
  list_assets: listAssets,
  create_subscription: createSubscription,
  list_subscriptions: listSubscriptions,
  get_subscription: getSubscription,
  update_subscription: updateSubscription,
  delete_subscription: deleteSubscription,
  test_subscription: testSubscription,
  ingest_stories: ingestStories,
  import_assets: importAssets,
  remove_assets: removeAssets,
};

/** A tool's name. */
export type ToolName = keyof typeof TOOLS;
/** The structured content a tool's outputSchema promises. */
export type StructuredOf<N extends ToolName> = z.infer<z.ZodObject<(typeof TOOLS)[N]['output']>>;

/**
 * Calls a tool that must succeed and returns its structured content, typed by the tool's
 * outputSchema (the client checks the result against that schema), and its text. An isError
 * result fails the test with its message.
 */
export async function callTool<N extends ToolName>(
  client: Client,
  name: N,
  args: Record<string, unknown> = {},
): Promise<{ structured: StructuredOf<N>; text: string; result: CallToolResult }> {
  const result = (await client.callTool({ name: TOOLS[name].name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return { structured: result.structuredContent as StructuredOf<N>, text: textOf(result), result };
}

/** A client connected over stdio to a spawned server, with what it wrote to stderr and every stray stdout line. */
export interface StdioConnection {
  client: Client;
  stderr: () => string;
  /** The SDK client only reports (and skips) a stdout line that is not JSON-RPC; a clean server leaves this empty. */
  protocolErrors: Error[];
}

/** Spawns `params` as an MCP server and connects a client to it over stdio. */
export async function connectStdio(params: StdioServerParameters, name = 'test'): Promise<StdioConnection> {
  const transport = new StdioClientTransport({ ...params, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name, version: '1.0.0' });
  const protocolErrors: Error[] = [];
  client.onerror = (e) => protocolErrors.push(e);
  await client.connect(transport);
  return { client, stderr: () => stderr, protocolErrors };
}

/**
 * Waits until `cond` holds, checking every `everyMs`. After `timeoutMs` it returns anyway:
 * the test's own assertions then say what never happened.
 */
export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond()) && Date.now() < deadline) await sleep(everyMs);
}

/** Waits a fixed time: only where a test checks that nothing more arrives in a window. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The text of a tool result's first content item. */
export function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((c) => c.text ?? '').join('\n');
}

/** What a finished process printed. */
export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Node script to completion without blocking this process's event loop (test servers keep answering). */
export function runNode(script: string, args: string[], env: Record<string, string | undefined>, input = ''): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Runs a command to completion with stdin already at its end (like `cmd < /dev/null`). */
export function runProcess(command: string, args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the built CLI. */
export const runCli = (args: string[], env: Record<string, string | undefined>, input?: string) => runNode(CLI, args, env, input);

/** A minimal CSAF 2.0 advisory naming `count` CVEs, one per vulnerability (as the attack run's files did). */
export function csafWithCves(count: number, id = `BIG-${count}`): Record<string, unknown> {
  return {
    document: { csaf_version: '2.0', title: `Advisory with ${count} vulnerabilities`, tracking: { id, initial_release_date: '2099-01-01T00:00:00Z', current_release_date: '2099-01-02T00:00:00Z' } },
    vulnerabilities: Array.from({ length: count }, (_, i) => ({ cve: `CVE-2099-${String(i).padStart(5, '0')}` })),
  };
}

/** The text of a CSAF advisory whose product_tree.branches nest `depth` levels (built as text: JSON.stringify recurses too). */
export function deepCsafText(depth: number): string {
  const open = '{"category":"product_family","name":"Family","branches":['.repeat(depth - 1);
  const tree = `${open}{"category":"vendor","name":"Deep Vendor"}${']}'.repeat(depth - 1)}`;
  return `{"document":{"csaf_version":"2.0","title":"Deep tree","tracking":{"id":"DEEP-${depth}","initial_release_date":"2099-01-01","current_release_date":"2099-01-01"}},"product_tree":{"branches":[${tree}]}}`;
}
