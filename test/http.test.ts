import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer as createHttp, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ADMIN_SCOPE, callerOf, createTokenVerifier, parseTokens } from '../src/mcp/http/auth.js';
import { startHttpServer, type RunningHttpServer } from '../src/mcp/http/server.js';
import type { Embedder } from '../src/embed/embedder.js';
import { callTool, csafWithCves, FIXTURES, hashEmbedder, openTestApp, sleep, tempDir, textOf, waitFor } from './helpers.js';

const ALICE = 'alice-secret-token-0123456789';
const READER = 'reader-secret-token-0123456789';
const TOKENS = `alice:${ALICE},reader:${READER}:ro`;
const silent = pino({ level: 'silent' });

type App = Awaited<ReturnType<typeof openTestApp>>;

async function start(app: App, http: Record<string, unknown> = {}, extra: { readOnly?: boolean } = {}): Promise<RunningHttpServer> {
  const cfg = loadConfig({ env: { STORYLINE_HTTP_TOKENS: TOKENS }, flags: Object.fromEntries(Object.entries(http).map(([k, v]) => [`http.${k}`, v])) });
  return startHttpServer(app, { port: 0, http: cfg.http, log: silent, ...extra });
}

async function connectHttp(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };

/** A raw HTTP request, for what the SDK client would never send. */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'POST', headers: { accept: 'application/json, text/event-stream', ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(url, { headers: { 'content-type': 'application/json', authorization: `Bearer ${ALICE}`, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('Streamable HTTP transport with authentication', () => {
  let app: App;
  let server: RunningHttpServer;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder() });
    await app.ingestPaths([path.join(FIXTURES, 'injected-story.json')]);
    server = await start(app);
  });
  afterAll(async () => {
    await server.close();
    app.cleanup();
  });

  it('lists tools and searches with a valid token', async () => {
    const client = await connectHttp(server.url, ALICE);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('create_subscription');
    const r = await client.callTool({ name: 'search_passages', arguments: { query: 'binding operational directive' } });
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toContain('<untrusted-passage');
    await client.close();
  });

  it('answers 401 with WWW-Authenticate without a token or with a wrong one', async () => {
    for (const headers of [{ authorization: '' }, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: `Basic ${ALICE}` }]) {
      const r = await post(server.url, INIT, headers);
      expect(r.status).toBe(401);
      expect(String(r.headers['www-authenticate'])).toMatch(/^Bearer error="invalid_token".*resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
      expect(r.body).not.toContain(ALICE);
    }
    const meta = await raw(server.url.replace('/mcp', '/.well-known/oauth-protected-resource/mcp'), { method: 'GET' });
    expect(JSON.parse(meta.body)).toMatchObject({ resource: server.url, scopes_supported: ['storyline:read', 'storyline:write', 'storyline:admin'] });
  });

  it('answers 403 to a foreign Origin and to a bad Host', async () => {
    expect((await post(server.url, INIT, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(server.url, INIT, { host: 'evil.example' })).status).toBe(403);
    expect((await raw(server.url.replace('/mcp', '/healthz'), { method: 'GET', headers: { host: 'attacker.example:80' } })).status).toBe(403);
  });

  it('hides and refuses the action tools for a read-only token', async () => {
    const client = await connectHttp(server.url, READER);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('search_passages');
    expect(names.filter((n) => n.includes('subscription'))).toEqual([]);
    const r = await client.callTool({ name: 'create_subscription', arguments: { name: 'x', query: 'y', outbox: 'z' } });
    expect(r.isError).toBe(true);
    expect(await app.subscriptions.store.list()).toEqual([]);
    await client.close();
  });

  it('flags a story with injected instructions and returns it only as quoted data', async () => {
    const client = await connectHttp(server.url, ALICE);
    const r = await client.callTool({ name: 'search_passages', arguments: { query: 'phishing invoices finance staff', story_id: 'test-injection', kinds: ['body'] } });
    const results = (r.structuredContent as { results: { text: string; flags?: string[] }[] }).results;
    const injected = results.find((p) => p.text.includes('Ignore all previous instructions'))!;
    expect(injected.flags).toEqual(['instruction-like']);
    expect(textOf(r)).toMatch(/<untrusted-passage citation_id="[^"]+">\n[^<]*Ignore all previous instructions[^<]*\n<\/untrusted-passage>\nFLAGGED: this passage reads like instructions/);
    const clean = await callTool(client, 'search_passages', { query: 'binding operational directive', limit: 3 });
    expect(clean.structured.results.every((p) => !p.flags)).toBe(true);
    await client.close();
  });

  it('answers hostile requests with the right status and keeps serving', async () => {
    expect((await post(server.url, '{"jsonrpc": "2.0", "id": 1, "method": ')).status).toBe(400);
    expect((JSON.parse((await post(server.url, '{bad json')).body) as { error: { code: number } }).error.code).toBe(-32700);
    expect((await post(server.url, { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { x: 'y'.repeat(300_000) } })).status).toBe(413);
    expect((await raw(server.url, { headers: { 'content-type': 'text/plain', authorization: `Bearer ${ALICE}` }, body: JSON.stringify(INIT) })).status).toBe(415);
    expect((await post(server.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': 'no-such-session' })).status).toBe(404);
    expect((await post(server.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' })).status).toBe(400);
    expect((await post(server.url, [1, 2, 3])).status).toBe(400);
    expect((await raw(server.url, { method: 'PUT', headers: { authorization: `Bearer ${ALICE}` } })).status).toBeGreaterThanOrEqual(400);
    // A session opened by one token is not usable with another.
    const init = await post(server.url, INIT);
    const sid = String(init.headers['mcp-session-id']);
    expect((await post(server.url, { jsonrpc: '2.0', id: 3, method: 'tools/list' }, { 'mcp-session-id': sid, authorization: `Bearer ${READER}` })).status).toBe(404);
    const ok = await connectHttp(server.url, ALICE);
    expect((await ok.listTools()).tools.length).toBeGreaterThan(0);
    await ok.close();
    expect((await raw(server.url.replace('/mcp', '/readyz'), { method: 'GET' })).status).toBe(200);
  });
});

describe('HTTP logs', () => {
  it('log one structured line per request with a request id, never the token or the query text', async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const cfg = loadConfig({ env: { STORYLINE_HTTP_TOKENS: TOKENS } });
    const server = await startHttpServer(app, { port: 0, http: cfg.http, log });
    const client = await connectHttp(server.url, ALICE);
    await client.callTool({ name: 'search_passages', arguments: { query: 'zebra-unique-query-words' } });
    await client.close();
    await post(server.url, INIT, { authorization: 'Bearer not-a-real-token-1234567890' });
    await server.close();
    app.cleanup();
    const all = lines.join('');
    const requests = lines.map((l) => JSON.parse(l) as { msg: string; reqId?: string; client?: string; status?: number }).filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.every((r) => typeof r.reqId === 'string')).toBe(true);
    expect(requests.some((r) => r.client === 'token:alice')).toBe(true);
    expect(requests.some((r) => r.status === 401)).toBe(true);
    for (const secret of [ALICE, 'not-a-real-token-1234567890', 'zebra-unique-query-words']) expect(all).not.toContain(secret);
  });

  it('log the caller as anonymous without authentication (loopback-only testing)', async () => {
    const app = await openTestApp({ embedder: hashEmbedder() });
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    const server = await startHttpServer(app, { port: 0, http: loadConfig({ env: {} }).http, log, insecureNoAuth: true });
    const init = await raw(server.url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(INIT) });
    expect(init.status).toBe(200);
    await server.close();
    app.cleanup();
    const requests = lines.map((l) => JSON.parse(l) as { msg: string; owner?: string }).filter((l) => l.msg === 'request');
    expect(requests.map((r) => r.owner)).toEqual(['anonymous']);
  });
});

describe('HTTP limits', () => {
  let app: App;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder() });
  });
  afterAll(() => app.cleanup());

  it('rate-limits per token with 429 and Retry-After', async () => {
    const server = await start(app, { rateLimitPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(server.url, INIT)).status);
    const limited = await post(server.url, INIT);
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another token has its own budget.
    expect((await post(server.url, INIT, { authorization: `Bearer ${READER}` })).status).toBe(200);
    await server.close();
  });

  it('caps concurrent sessions and survives thousands of session attempts', async () => {
    const server = await start(app, { maxSessions: 20, rateLimitPerMinute: 100_000 });
    const results = await Promise.all(Array.from({ length: 1000 }, () => post(server.url, INIT).then((r) => r.status)));
    expect(results.filter((s) => s === 200).length).toBe(20);
    // One token bursting meets its own cap (which defaults to the global one when that is below 20).
    expect(results.filter((s) => s === 429).length).toBe(980);
    expect(server.sessions()).toBe(20);
    await server.close();
  });

  it('caps sessions per caller, and at the global cap expires the busiest caller\'s oldest idle session', async () => {
    const server = await start(app, { maxSessions: 4, maxSessionsPerCaller: 3 });
    const asReader = { authorization: `Bearer ${READER}` };
    const list = (sid: string, headers: Record<string, string> = {}) => post(server.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': sid, ...headers });
    const readerSids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await post(server.url, INIT, asReader);
      expect(r.status).toBe(200);
      readerSids.push(String(r.headers['mcp-session-id']));
    }
    // The reader is at its own cap: refused, with a reason and a time to come back.
    const over = await post(server.url, INIT, asReader);
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.body).toContain('this caller already holds 3 open sessions (http.maxSessionsPerCaller)');
    // Another token still opens sessions: the fourth fills the server...
    expect((await post(server.url, INIT)).status).toBe(200);
    expect(server.sessions()).toBe(4);
    // ...and the fifth expires the reader's oldest idle session instead of answering 503.
    const fifth = await post(server.url, INIT);
    expect(fifth.status).toBe(200);
    expect(server.sessions()).toBe(4);
    const gone = await list(readerSids[0]!, asReader);
    expect(gone.status).toBe(404);
    expect(gone.body).toContain('Session not found');
    expect((await list(readerSids[1]!, asReader)).status).toBe(200);
    expect((await list(String(fifth.headers['mcp-session-id']))).status).toBe(200);
    await server.close();
  });

  it('validates the per-caller session cap against the global one', () => {
    expect(loadConfig({ env: {} }).http).toMatchObject({ maxSessions: 100, maxSessionsPerCaller: 20 });
    expect(loadConfig({ env: { STORYLINE_HTTP_MAX_SESSIONS: '8' } }).http.maxSessionsPerCaller).toBe(8);
    expect(loadConfig({ env: { STORYLINE_HTTP_MAX_SESSIONS_PER_CALLER: '5' } }).http.maxSessionsPerCaller).toBe(5);
    expect(() => loadConfig({ env: { STORYLINE_HTTP_MAX_SESSIONS: '10', STORYLINE_HTTP_MAX_SESSIONS_PER_CALLER: '11' } })).toThrow(
      /invalid configuration key "http\.maxSessionsPerCaller" \(from environment variable STORYLINE_HTTP_MAX_SESSIONS_PER_CALLER\): must not be above http\.maxSessions/,
    );
  });

  it('expires idle sessions', async () => {
    const server = await start(app, { sessionIdleMs: 300 });
    const init = await post(server.url, INIT);
    const sid = String(init.headers['mcp-session-id']);
    expect(server.sessions()).toBe(1);
    await waitFor(() => server.sessions() === 0, 5_000);
    expect(server.sessions()).toBe(0);
    expect((await post(server.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': sid })).status).toBe(404);
    await server.close();
  });

  it('drops a slow client that never finishes its request, while serving others', async () => {
    const server = await start(app, { requestTimeoutMs: 1000 });
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    const closed = new Promise<number>((resolve) => {
      const t0 = Date.now();
      socket.on('close', () => resolve(Date.now() - t0));
      socket.on('error', () => undefined);
      // Reading is what lets the socket see the server hang up.
      socket.resume();
    });
    socket.write('POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
    const client = await connectHttp(server.url, ALICE);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
    expect(await closed).toBeLessThan(15_000);
    await server.close();
  });

  it('serves stateless requests (for replicas) and read-only servers', async () => {
    const server = await start(app, { stateless: true }, { readOnly: true });
    const client = await connectHttp(server.url, ALICE);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('search_passages');
    expect(names).not.toContain('create_subscription');
    expect((await client.callTool({ name: 'get_timeline', arguments: { story_id: '327dc94408c08ac5' } })).isError).toBeFalsy();
    await client.close();
    expect((await raw(server.url, { method: 'GET', headers: { authorization: `Bearer ${ALICE}` } })).status).toBe(405);
    await server.close();
  });

  it('finishes in-flight requests on graceful shutdown, with or without a GET stream open', async () => {
    // Query embeddings wait for the test, so the calls are provably inside the server while
    // shutdown starts, however slow the machine is, and end in the order the test chooses.
    const held = new Map<string, () => void>();
    const gates = new Map<string, Promise<void>>();
    for (const q of ['sdk client call held at shutdown', 'plain client call held at shutdown']) gates.set(q, new Promise((r) => held.set(q, r)));
    const base = hashEmbedder();
    const embedder: Embedder = {
      ...base,
      embedQuery: async (text) => {
        await gates.get(text);
        return base.embedQuery(text);
      },
    };
    const gated = await openTestApp({ embedder, ingest: false });
    await gated.ingestPaths([path.join(FIXTURES, 'injected-story.json')]);
    const server = await start(gated);
    // The SDK client opens a GET stream once initialized; a plain client may never open one.
    const client = await connectHttp(server.url, ALICE);
    const viaSdk = client.callTool({ name: 'search_passages', arguments: { query: 'sdk client call held at shutdown' } });
    const sid = String((await post(server.url, INIT)).headers['mcp-session-id']);
    const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'search_passages', arguments: { query: 'plain client call held at shutdown' } } };
    const viaPlain = post(server.url, call, { 'mcp-session-id': sid });
    await waitFor(() => server.inFlight() === 2);

    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await expect(raw(server.url.replace(/\/mcp$/, '/healthz'), { method: 'GET' })).rejects.toThrow();
    expect(closed).toBe(false);

    held.get('sdk client call held at shutdown')!();
    const sdk = await viaSdk;
    expect(sdk.isError).toBeFalsy();
    expect(textOf(sdk)).toContain('<untrusted-passage');
    // The plain client's session has no GET stream: shutdown still waits for its call.
    expect(server.inFlight()).toBe(1);
    await sleep(100); // room for a shutdown that ignores the held call to cut it (it polls every 20 ms)
    expect(closed).toBe(false);
    held.get('plain client call held at shutdown')!();
    const plain = await viaPlain;
    expect(plain.status).toBe(200);
    expect(plain.body).toContain('untrusted-passage');
    expect(plain.body).not.toContain('"isError":true');
    await closing;
    expect(server.sessions()).toBe(0);
    await client.close().catch(() => undefined);
    gated.cleanup();
  });

  it('holds 20 concurrent clients making 2,000 calls with no errors', async () => {
    const server = await start(app, { rateLimitPerMinute: 100_000 });
    const clients = await Promise.all(Array.from({ length: 20 }, () => connectHttp(server.url, ALICE)));
    let errors = 0;
    await Promise.all(
      clients.map(async (c, i) => {
        for (let j = 0; j < 100; j++) {
          const r = await c.callTool({ name: 'search_passages', arguments: { query: j % 2 ? 'directive' : `order ${i}`, limit: 5 } });
          if (r.isError) errors++;
        }
      }),
    );
    expect(errors).toBe(0);
    await Promise.all(clients.map((c) => c.close()));
    await server.close();
  });
});

describe('Caller identity', () => {
  it('parses :admin tokens, which get the admin scope, and records the owner key', async () => {
    const hash = 'ab'.repeat(32);
    const tokens = parseTokens(`boss:boss-secret-token-0123456789:admin,viewer:sha256:${hash}:ro,ops:sha256:${hash.replace(/^ab/, 'cd')}:admin,alice:${ALICE}`);
    expect(tokens.map((t) => [t.name, t.readOnly, t.admin])).toEqual([['boss', false, true], ['viewer', true, false], ['ops', false, true], ['alice', false, false]]);
    expect(() => parseTokens('x:admin')).toThrow(/:ro or :admin/);
    expect(() => parseTokens('x:short:admin')).toThrow(/16 characters or more/);
    const verifier = createTokenVerifier(tokens);
    const boss = await verifier.verifyAccessToken('boss-secret-token-0123456789');
    expect(boss.scopes).toEqual(['storyline:read', 'storyline:write', ADMIN_SCOPE]);
    expect(callerOf(boss)).toEqual({ owner: 'token:boss', admin: true });
    expect(callerOf(await verifier.verifyAccessToken(ALICE))).toEqual({ owner: 'token:alice', admin: false });
  });
});

describe('OAuth 2.1 resource server (JWT access tokens checked against the issuer JWKS)', () => {
  let app: App;
  let jwksServer: Server;
  let jwksUrl: string;
  let sign: (claims: Record<string, unknown>, opts?: { issuer?: string; audience?: string; exp?: string | number }) => Promise<string>;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder() });
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwksServer = createHttp((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    sign = (claims, o = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(o.issuer ?? 'https://issuer.example')
        .setAudience(o.audience ?? 'http://127.0.0.1:0/mcp')
        .setIssuedAt()
        .setExpirationTime(o.exp ?? '5m')
        .sign(privateKey);
  });
  afterAll(() => {
    jwksServer.close();
    app.cleanup();
  });

  it('accepts tokens for this server only, and publishes protected-resource metadata', async () => {
    const cfg = loadConfig({ env: { STORYLINE_OAUTH_ISSUER: 'https://issuer.example', STORYLINE_OAUTH_JWKS_URL: jwksUrl, STORYLINE_HTTP_PUBLIC_URL: 'http://127.0.0.1:0/mcp' } });
    const server = await startHttpServer(app, { port: 0, http: cfg.http, log: silent });
    const good = await sign({ sub: 'analyst', scope: 'storyline:read storyline:write' });
    const client = await connectHttp(server.url, good);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('create_subscription');
    await client.close();
    const readOnly = await connectHttp(server.url, await sign({ sub: 'viewer', scope: 'storyline:read' }));
    expect((await readOnly.listTools()).tools.map((t) => t.name)).not.toContain('create_subscription');
    await readOnly.close();
    for (const bad of [
      await sign({ sub: 'x', scope: 'storyline:read' }, { audience: 'https://other-server.example/mcp' }),
      await sign({ sub: 'x', scope: 'storyline:read' }, { issuer: 'https://evil-issuer.example' }),
      await sign({ sub: 'x', scope: 'storyline:read' }, { exp: Math.floor(Date.now() / 1000) - 60 }),
      `${good.slice(0, -4)}AAAA`,
    ]) {
      expect((await post(server.url, INIT, { authorization: `Bearer ${bad}` })).status).toBe(401);
    }
    const meta = JSON.parse((await raw(server.url.replace('/mcp', '/.well-known/oauth-protected-resource/mcp'), { method: 'GET' })).body) as Record<string, unknown>;
    expect(meta).toMatchObject({ resource: 'http://127.0.0.1:0/mcp', authorization_servers: ['https://issuer.example'] });
    await server.close();
  });

  it('binds sessions to the subject, not the OAuth client, refuses a token without sub, and knows admins', async () => {
    const cfg = loadConfig({ env: { STORYLINE_OAUTH_ISSUER: 'https://issuer.example', STORYLINE_OAUTH_JWKS_URL: jwksUrl, STORYLINE_HTTP_PUBLIC_URL: 'http://127.0.0.1:0/mcp' } });
    const server = await startHttpServer(app, { port: 0, http: cfg.http, log: silent });
    const ann = await sign({ sub: 'ann', client_id: 'shared-desktop-app', azp: 'shared-desktop-app', scope: 'storyline:read storyline:write' });
    const bob = await sign({ sub: 'bob', client_id: 'shared-desktop-app', azp: 'shared-desktop-app', scope: 'storyline:read storyline:write' });
    const init = await post(server.url, INIT, { authorization: `Bearer ${ann}` });
    expect(init.status).toBe(200);
    const sid = String(init.headers['mcp-session-id']);
    const list = (token: string) => post(server.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': sid, authorization: `Bearer ${token}` });
    const stolen = await list(bob);
    expect(stolen.status).toBe(404);
    expect(stolen.body).toContain('Session not found');
    expect((await list(ann)).status).toBe(200);

    const noSub = await post(server.url, INIT, { authorization: `Bearer ${await sign({ client_id: 'shared-desktop-app', scope: 'storyline:read' })}` });
    expect(noSub.status).toBe(401);
    expect(String(noSub.headers['www-authenticate'])).toContain('access token rejected: it has no sub claim');

    const verifier = createTokenVerifier([], { issuer: 'https://issuer.example', jwksUrl, audience: 'http://127.0.0.1:0/mcp' });
    expect(callerOf(await verifier.verifyAccessToken(ann))).toEqual({ owner: 'oauth:ann', admin: false });
    const root = await sign({ sub: 'root', client_id: 'shared-desktop-app', scope: ADMIN_SCOPE });
    const rootAuth = await verifier.verifyAccessToken(root);
    expect(callerOf(rootAuth)).toEqual({ owner: 'oauth:root', admin: true });
    expect(rootAuth.scopes).toEqual(expect.arrayContaining(['storyline:read', 'storyline:write', ADMIN_SCOPE]));
    const rootClient = await connectHttp(server.url, root);
    expect((await rootClient.listTools()).tools.map((t) => t.name)).toContain('create_subscription');
    await rootClient.close();
    await server.close();
  });
});

describe('HTTP during a long ingest', () => {
  it('answers /healthz while ingest_stories works through a 20,000-CVE advisory, and stores it', async () => {
    const roots = tempDir();
    writeFileSync(path.join(roots.dir, 'big.json'), JSON.stringify(csafWithCves(20_000)));
    const app = await openTestApp({ embedder: hashEmbedder(), env: { STORYLINE_INGEST_ROOTS: roots.dir } });
    const server = await start(app);
    try {
      const client = await connectHttp(server.url, ALICE);
      let done = false;
      const ingest = client.callTool({ name: 'ingest_stories', arguments: { paths: ['big.json'] } }).finally(() => (done = true));
      const latencies: number[] = [];
      while (!done) {
        const t = performance.now();
        const health = await raw(server.url.replace('/mcp', '/healthz'), { method: 'GET' });
        expect(health.status).toBe(200);
        latencies.push(performance.now() - t);
      }
      const r = await ingest;
      expect(r.structuredContent).toMatchObject({ added: ['BIG-20000'], failed: [] });
      expect((await app.store.storyHash('BIG-20000'))).not.toBeNull();
      // Probed more than once while the ingest ran, and never kept waiting: the event loop stayed free.
      expect(latencies.length).toBeGreaterThan(1);
      expect(Math.max(...latencies)).toBeLessThan(2_000);
      await client.close();
    } finally {
      await server.close();
      app.cleanup();
      roots.cleanup();
    }
  });
});
