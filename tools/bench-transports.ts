/**
 * search_passages through the MCP client over three transports, side by side in one run:
 * in-memory, stdio (a spawned `storyline serve`) and Streamable HTTP (a spawned
 * `storyline serve --http`), plus HTTP under load from concurrent clients.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ensureCorpus, openApp } from '../src/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { createServer } from '../src/mcp/server.js';
import { percentile } from './stats.js';

const CLI = path.join(PACKAGE_ROOT, 'dist/src/cli.js');
const QUERIES = ['Who signed the executive order?', 'binding operational directive', 'covered frontier model', 'Who reported the directive?', 'attorney general enforcement'];

export interface TransportRow {
  transport: string;
  calls: number;
  clients: number;
  p50: number;
  p95: number;
  perSec: number;
}


async function drive(label: string, clients: Client[], callsPerClient: number): Promise<TransportRow> {
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c, ci) => {
      for (let i = 0; i < callsPerClient; i++) {
        const q0 = performance.now();
        const r = await c.callTool({ name: 'search_passages', arguments: { query: QUERIES[(i + ci) % QUERIES.length]!, limit: 5 } });
        latencies.push(performance.now() - q0);
        if (r.isError) throw new Error(`${label}: search failed`);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { transport: label, calls: latencies.length, clients: clients.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), perSec: latencies.length / secs };
}

/** Runs the comparison on the bundled corpus in a fresh data directory. */
export async function benchTransports(calls: number): Promise<TransportRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-bench-transports-'));
  const env = { ...(process.env as Record<string, string>), STORYLINE_DATA_DIR: dir, STORYLINE_LOG_LEVEL: 'error', STORYLINE_HTTP_TOKENS: 'bench:bench-token-0123456789abcdef', STORYLINE_HTTP_RATE_LIMIT: '1000000' };
  const app = await openApp(loadConfig({ env }), { log: createLogger('warn') });
  const rows: TransportRow[] = [];
  try {
    await ensureCorpus(app);
    const [a, b] = InMemoryTransport.createLinkedPair();
    await createServer(app).connect(b);
    const mem = new Client({ name: 'bench', version: '1' });
    await mem.connect(a);
    rows.push(await drive('in-memory', [mem], calls));
    await mem.close();

    const stdio = new Client({ name: 'bench', version: '1' });
    await stdio.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve'], env, stderr: 'ignore' }));
    rows.push(await drive('stdio', [stdio], calls));
    await stdio.close();

    const child = spawn(process.execPath, [CLI, 'serve', '--http', '0'], { env: { ...env, STORYLINE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let log = '';
        child.stderr.on('data', (d: Buffer) => {
          log += d.toString();
          const m = /"url":"(http:\/\/[^"]+)"/.exec(log);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(`serve --http exited: ${log}`)));
      });
      const connectHttp = async () => {
        const c = new Client({ name: 'bench', version: '1' });
        await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: 'Bearer bench-token-0123456789abcdef' } } }));
        return c;
      };
      const one = await connectHttp();
      rows.push(await drive('Streamable HTTP', [one], calls));
      await one.close();
      const many = await Promise.all(Array.from({ length: 20 }, connectHttp));
      rows.push(await drive('Streamable HTTP, 20 clients', many, 100));
      await Promise.all(many.map((c) => c.close()));
    } finally {
      child.kill('SIGTERM');
    }
    return rows;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
