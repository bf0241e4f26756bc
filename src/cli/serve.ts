import path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { pino } from 'pino';
import { ensureCorpus, openApp, type App } from '../app.js';
import type { Config } from '../config.js';
import { WARM_UP_QUESTIONS } from '../embed/warm-up.js';
import { UserError } from '../errors.js';
import { startHttpServer } from '../mcp/http/server.js';
import { createServer } from '../mcp/server.js';
import { VERSION } from '../version.js';

const cliPath = () => path.resolve(process.argv[1] ?? 'dist/src/cli.js');

/** A path relative to the working directory when it lies below it, else absolute. */
const shortPath = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
};

/** The MCP client configuration that starts this server, for the banner and README. */
export function clientConfigSnippet(dataDir: string): string {
  return JSON.stringify(
    { mcpServers: { storyline: { command: process.execPath, args: [cliPath(), 'serve'], env: { STORYLINE_DATA_DIR: dataDir } } } },
    null,
    2,
  );
}

/** Said on stderr when stdin closes before any MCP message arrived: serve waits for a client on stdin. */
export function noClientHint(dataDir: string): string {
  return (
    'storyline serve: input ended before any MCP message arrived, so there is nothing to serve. It speaks MCP over\n' +
    'stdin/stdout and is meant to be started by an MCP client. Add this to the client config (Claude Desktop, Cursor):\n' +
    `${clientConfigSnippet(dataDir)}\n` +
    'or serve over HTTP (storyline serve --http 8787), or ask from the terminal: storyline ask "your question"\n'
  );
}

/** True when `npm start` ran this process without --silent: npm printed its script banner on stdout first. */
export function underNoisyNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_lifecycle_event === 'start' && env.npm_config_loglevel !== 'silent';
}

/** Rounds of WARM_UP_QUESTIONS the retriever searches as a server starts (a few ms each). */
const SEARCH_WARM_UP_ROUNDS = 4;

/**
 * Readies, in the background once serving, what the first searches would otherwise wait for:
 * the query embedder, the vector index, and the search code V8 compiles on its first runs.
 */
function warmUp(app: App): void {
  app.embedder.prepare?.();
  app.store.ping().then(
    () =>
      app.retriever
        .warmUp?.(Array.from({ length: SEARCH_WARM_UP_ROUNDS }, () => WARM_UP_QUESTIONS).flat())
        .catch((err: unknown) => app.log.debug(`search warm-up stopped: ${(err as Error).message}`)), // the first search reports it
    (err: unknown) => app.log.warn(`vector index not loaded: ${(err as Error).message}`),
  );
}

/**
 * Shuts a server down once, on SIGINT, SIGTERM or a call of the returned function: stops
 * taking requests first (`stopServing`), then lets the delivery worker finish its attempts,
 * closes the store and exits.
 */
function shutdownOnce(app: App, stopServing: () => Promise<void>): () => Promise<void> {
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await stopServing();
    await app.subscriptions.stopDelivery();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  return shutdown;
}

/** `storyline serve`: indexes the corpus on first start, then serves MCP over stdio. */
export async function serveStdio(config: Config): Promise<void> {
  const app = await openApp(config);
  await ensureCorpus(app);
  const { stories, passages } = await app.store.counts();
  if (process.stdin.isTTY) {
    process.stderr.write(
      `Storyline ${VERSION}: ${stories} stor${stories === 1 ? 'y' : 'ies'}, ${passages} passages indexed in ${config.dataDir}\n` +
        'Serving MCP over stdio. This terminal is not an MCP client: connect one with this config (Claude Desktop, Cursor):\n' +
        `${clientConfigSnippet(config.dataDir)}\n` +
        `Ask from the terminal instead: node ${shortPath(cliPath())} ask "What did CISA say it would issue?"\n` +
        'Press Ctrl-C to stop.\n',
    );
  } else {
    app.log.debug(`serving ${stories} stories, ${passages} passages over stdio`);
    // npm writes "> storyline@x start" to stdout before the script runs; nothing here can take it back.
    if (underNoisyNpm()) app.log.warn('started by npm without --silent: npm printed its banner on stdout, which MCP clients cannot parse; use `npm start --silent` or `storyline serve`');
  }
  const server = createServer(app, { readOnly: config.readOnly });
  const transport = new StdioServerTransport();
  app.subscriptions.startDelivery(config.webhooks.pollMs);
  const shutdown = shutdownOnce(app, () => server.close().catch(() => undefined));
  let received = false;
  process.stdin.once('data', () => (received = true));
  process.stdin.on('end', () => {
    // Without a terminal and without a client (`npm start < /dev/null`, a pipe that closed) say what this is.
    if (!received) process.stderr.write(noClientHint(config.dataDir));
    void shutdown();
  });
  await server.connect(transport);
  warmUp(app);
}

/** Options of `storyline serve --http`. */
export interface ServeHttpOptions {
  port: number;
  insecureNoAuth: boolean;
}

/** `storyline serve --http PORT`: Streamable HTTP for a team, with the delivery worker. */
export async function serveHttp(config: Config, opts: ServeHttpOptions): Promise<void> {
  const log = pino({ name: 'storyline', level: config.logLevel === 'silent' ? 'silent' : config.logLevel }, pino.destination(2));
  const app = await openApp(config, {
    log: { debug: (m) => log.debug(m), info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  });
  await ensureCorpus(app);
  let running;
  try {
    running = await startHttpServer(app, { port: opts.port, http: config.http, readOnly: config.readOnly, insecureNoAuth: opts.insecureNoAuth, log });
  } catch (err) {
    await app.close();
    throw new UserError((err as Error).message);
  }
  app.subscriptions.startDelivery(config.webhooks.pollMs);
  warmUp(app);
  log.info({ url: running.url, ...(await app.store.counts()), stateless: config.http.stateless, readOnly: config.readOnly }, 'serving MCP over Streamable HTTP');
  if (process.stderr.isTTY) process.stderr.write(`Storyline ${VERSION} serving MCP at ${running.url} (Ctrl-C to stop)\n`);
  shutdownOnce(app, () => {
    log.info('shutting down: finishing in-flight requests');
    return running.close();
  });
}
