import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { hostHeaderValidation } from '@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from '../../config.js';
import { createServer } from '../server.js';
import type { ServerDeps } from '../tool.js';
import { ADMIN_SCOPE, authInfoFor, callerOf, canWrite, createTokenVerifier, parseTokens, READ_SCOPE, WRITE_SCOPE } from './auth.js';

/** Options for the Streamable HTTP server, from `config.http` plus the port. */
export interface HttpServerOptions {
  port: number;
  http: Config['http'];
  /** Leave out the action tools for every caller. */
  readOnly?: boolean;
  /** Serve without authentication; refused unless bound to loopback. */
  insecureNoAuth?: boolean;
  log: PinoLogger;
}

/** A running HTTP server. */
export interface RunningHttpServer {
  url: string;
  /** Stops accepting, finishes in-flight requests, closes sessions. */
  close(): Promise<void>;
  sessions(): number;
  /** Requests being served, other than sessions' long-lived GET streams: what shutdown waits for. */
  inFlight(): number;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  close(): Promise<void>;
  /** The caller's owner key; only that caller may use the session. */
  owner: string;
  lastSeen: number;
  /** Requests in progress, other than the long-lived GET stream; only a session at 0 is idle. */
  busy: number;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];

const rpcError = (res: Response, status: number, code: number, message: string) =>
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });

/**
 * Serves MCP over Streamable HTTP on /mcp (POST, GET for the SSE stream, DELETE to end a
 * session), with /healthz and /readyz. Host and Origin are checked on every request, bearer
 * tokens (or OAuth JWTs) are required, limits apply per token, and read-only callers do not
 * even see the action tools.
 */
export async function startHttpServer(deps: ServerDeps, opts: HttpServerOptions): Promise<RunningHttpServer> {
  const cfg = opts.http;
  const log = opts.log;
  const tokens = cfg.tokens ? parseTokens(cfg.tokens) : [];
  const isLoopback = LOOPBACK.includes(cfg.host);
  if (tokens.length === 0 && !cfg.oauth) {
    if (!opts.insecureNoAuth) throw new Error('HTTP serving needs authentication: set STORYLINE_HTTP_TOKENS="name:token,..." (or http.oauth), or pass --insecure-no-auth on loopback');
    if (!isLoopback) throw new Error('--insecure-no-auth is only allowed when bound to loopback (127.0.0.1, localhost, ::1)');
  }
  const bracket = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

  // The listening socket comes first: with port 0 the URL (and so the OAuth audience and
  // metadata) is only known once it is bound.
  const app = express();
  const httpServer: HttpServer = createHttpServer(
    { requestTimeout: cfg.requestTimeoutMs, headersTimeout: Math.min(cfg.requestTimeoutMs, 10_000), connectionsCheckingInterval: Math.min(cfg.requestTimeoutMs, 5_000) },
    app,
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, cfg.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${bracket(address.address)}:${address.port}/mcp`;
  const publicUrl = new URL(cfg.publicUrl ?? url);
  const verifier = createTokenVerifier(tokens, cfg.oauth ? { ...cfg.oauth, audience: cfg.oauth.audience ?? publicUrl.href } : undefined);
  const metadataPath = `/.well-known/oauth-protected-resource${publicUrl.pathname}`;
  const allowedHosts = cfg.allowedHosts ?? [...new Set([bracket(cfg.host), publicUrl.hostname, ...(isLoopback ? ['127.0.0.1', 'localhost', '[::1]'] : [])])];

  app.disable('x-powered-by');
  const sessions = new Map<string, Session>();
  // Sessions held and being opened, per owner key: the per-caller cap counts both.
  const held = new Map<string, number>();
  const openingBy = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string, by: number) => {
    const n = (m.get(key) ?? 0) + by;
    if (n > 0) m.set(key, n);
    else m.delete(key);
  };
  const addSession = (id: string, s: Session) => {
    sessions.set(id, s);
    bump(held, s.owner, 1);
  };
  /** Forgets a session (idempotent); whoever calls it closes the transport if needed. */
  const forget = (id: string): Session | undefined => {
    const s = sessions.get(id);
    if (!s) return undefined;
    sessions.delete(id);
    bump(held, s.owner, -1);
    return s;
  };
  const expire = (id: string) => {
    const s = forget(id);
    if (!s) return;
    void s.transport.close();
    void s.close();
  };
  /**
   * At the global cap, frees a slot by expiring the least recently used idle session of the
   * caller holding the most sessions (the requester itself on a tie), so one caller can never
   * lock everyone else out. Returns false when that caller has no idle session.
   */
  const evictForNewcomer = (requester: string): boolean => {
    let busiest: string | undefined;
    for (const [owner, n] of held) {
      const best = busiest === undefined ? -1 : held.get(busiest)!;
      if (n > best || (n === best && owner === requester)) busiest = owner;
    }
    if (busiest === undefined) return false;
    let victim: [string, Session] | undefined;
    for (const entry of sessions) {
      const s = entry[1];
      if (s.owner === busiest && s.busy === 0 && (!victim || s.lastSeen < victim[1].lastSeen)) victim = entry;
    }
    if (!victim) return false;
    log.info({ owner: busiest, for: requester }, 'session cap reached: expired the least recently used idle session of the busiest caller');
    expire(victim[0]);
    return true;
  };
  let opening = 0;
  let inFlight = 0;
  // Open standalone GET streams, counted in inFlight too. They last as long as their session, so
  // shutdown ends them by closing sessions instead of waiting; a session may have none (not yet
  // opened, or a client that never opens one), so they are counted, never assumed one per session.
  let streams = 0;
  let closing = false;

  // Request id and one log line per request; never the token, never the query text at info.
  app.use((req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    const started = performance.now();
    inFlight++;
    res.on('close', () => {
      inFlight--;
      const owner = req.auth?.extra?.owner;
      log.info({ reqId: id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started), client: req.auth?.clientId, owner }, 'request');
    });
    next();
  });
  app.use(hostHeaderValidation(allowedHosts));
  app.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && !cfg.allowedOrigins.includes(origin)) return void rpcError(res, 403, -32000, `Origin ${origin} is not allowed`);
    next();
  });

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', (_req, res) => {
    if (closing) return void res.status(503).json({ status: 'shutting down' });
    deps.store
      .ping()
      .then(() => deps.store.counts())
      .then((counts) => res.json({ status: 'ready', ...counts, sessions: sessions.size }))
      .catch((err: unknown) => res.status(503).json({ status: 'not ready', error: (err as Error).message }));
  });
  app.get([metadataPath, '/.well-known/oauth-protected-resource'], (_req, res) => {
    res.json({
      resource: publicUrl.href,
      ...(cfg.oauth ? { authorization_servers: [cfg.oauth.issuer] } : {}),
      bearer_methods_supported: ['header'],
      scopes_supported: [READ_SCOPE, WRITE_SCOPE, ADMIN_SCOPE],
      resource_name: 'Storyline',
    });
  });

  const auth = opts.insecureNoAuth && tokens.length === 0 && !cfg.oauth
    ? (req: Request, _res: Response, next: NextFunction) => {
        // Loopback-only testing: the one local user, who owns everything.
        req.auth = authInfoFor('anonymous', 'anonymous', [READ_SCOPE, WRITE_SCOPE, ADMIN_SCOPE], 32503680000) satisfies AuthInfo;
        next();
      }
    : requireBearerAuth({ verifier, resourceMetadataUrl: new URL(metadataPath, publicUrl).href });
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: cfg.rateLimitPerMinute,
    keyGenerator: (req) => callerOf(req.auth).owner,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    validate: false,
    handler: (_req, res, _next, options) => {
      res.setHeader('Retry-After', String(Math.ceil(options.windowMs / 1000)));
      rpcError(res, 429, -32000, 'rate limit exceeded for this token; retry later');
    },
  });
  const json = express.json({ limit: cfg.maxBodyBytes, type: 'application/json' });
  const requireJson = (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && !req.is('application/json')) return void rpcError(res, 415, -32000, 'Unsupported Media Type: send Content-Type: application/json');
    next();
  };

  const readOnlyFor = (req: Request) => !!opts.readOnly || !canWrite(req.auth);

  const handleStateless = async (req: Request, res: Response) => {
    if (req.method !== 'POST') return void rpcError(res, 405, -32000, 'this server is stateless: only POST is supported');
    const server = createServer(deps, { readOnly: readOnlyFor(req), caller: callerOf(req.auth) });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  };

  const handleStateful = async (req: Request, res: Response) => {
    const caller = callerOf(req.auth);
    const sid = req.headers['mcp-session-id'];
    if (typeof sid === 'string') {
      const s = sessions.get(sid);
      // A session belongs to the caller that opened it: the token name, or the OAuth subject.
      if (!s || s.owner !== caller.owner) return void rpcError(res, 404, -32001, 'Session not found');
      s.lastSeen = Date.now();
      if (req.method !== 'GET') {
        s.busy++;
        res.on('close', () => s.busy--);
      } else {
        streams++;
        res.on('close', () => streams--);
      }
      return void (await s.transport.handleRequest(req, res, req.body));
    }
    if (req.method !== 'POST' || !isInitializeRequest(req.body)) {
      return void rpcError(res, 400, -32000, 'Bad Request: no valid session id; start with an initialize request');
    }
    // Sessions being opened count too, or a burst of initializes would overshoot the caps.
    const mine = (held.get(caller.owner) ?? 0) + (openingBy.get(caller.owner) ?? 0);
    if (mine >= cfg.maxSessionsPerCaller) {
      res.setHeader('Retry-After', '30');
      return void rpcError(res, 429, -32000, `this caller already holds ${cfg.maxSessionsPerCaller} open sessions (http.maxSessionsPerCaller); end one with DELETE /mcp or retry later`);
    }
    if (sessions.size + opening >= cfg.maxSessions && !evictForNewcomer(caller.owner)) {
      res.setHeader('Retry-After', '30');
      return void rpcError(res, 503, -32000, `too many open sessions (${cfg.maxSessions}); close one or retry later`);
    }
    let pending = true;
    const settle = () => {
      if (!pending) return;
      pending = false;
      opening--;
      bump(openingBy, caller.owner, -1);
    };
    opening++;
    bump(openingBy, caller.owner, 1);
    let session: Session | undefined;
    res.on('close', () => {
      settle();
      if (session) session.busy--;
    });
    const server = createServer(deps, { readOnly: readOnlyFor(req), caller });
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        // From here the session counts as held, not as being opened; it is busy until this
        // initialize request ends.
        session = { transport, owner: caller.owner, lastSeen: Date.now(), busy: 1, close: async () => void (await server.close()) };
        settle();
        addSession(id, session);
      },
      onsessionclosed: (id) => void forget(id),
    });
    transport.onclose = () => {
      if (transport.sessionId) forget(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  };

  app.all('/mcp', auth, limiter, requireJson, json, (req, res, next) => {
    (cfg.stateless ? handleStateless : handleStateful)(req, res).catch(next);
  });

  // Malformed JSON, oversize bodies and handler failures answer as JSON-RPC errors.
  app.use((err: Error & { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (err.type === 'entity.parse.failed') return void rpcError(res, 400, -32700, 'Parse error: the body is not valid JSON');
    if (err.type === 'entity.too.large') return void rpcError(res, 413, -32600, `request body larger than ${cfg.maxBodyBytes} bytes`);
    if (err.status && err.status >= 400 && err.status < 500) return void rpcError(res, err.status, -32600, err.message);
    log.error({ err: err.message }, 'request failed');
    rpcError(res, 500, -32603, 'internal error');
  });

  const sweeper = setInterval(() => {
    const cutoff = Date.now() - cfg.sessionIdleMs;
    for (const [id, s] of sessions) if (s.lastSeen < cutoff) expire(id);
  }, Math.min(60_000, cfg.sessionIdleMs)).unref();

  return {
    url,
    sessions: () => sessions.size,
    inFlight: () => inFlight - streams,
    async close() {
      closing = true;
      clearInterval(sweeper);
      const stopped = new Promise<void>((r) => httpServer.close(() => r()));
      httpServer.closeIdleConnections();
      // In-flight requests finish; open SSE streams end when their sessions close.
      const deadline = Date.now() + 10_000;
      while (inFlight > streams && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const s of sessions.values()) {
        await s.transport.close().catch(() => undefined);
        await s.close().catch(() => undefined);
      }
      sessions.clear();
      held.clear();
      httpServer.closeAllConnections();
      await stopped;
    },
  };
}
