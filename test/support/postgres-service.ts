import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CLI, runNode, tempDir, type ProcessResult } from '../helpers.js';
import { startFakeOpenAI, type FakeOpenAI } from './openai-server.js';
import { connectTo, startPostgres, type TestPostgres } from './postgres.js';
import { startReceiver, type Receiver } from './receiver.js';
import { startReplica, stopReplica, type Replica } from './replica.js';

/** Options of {@link startPostgresService}. */
export interface PostgresServiceOptions<R extends string> {
  /** The database to create in the cluster; its name shows in the connection strings errors print. */
  database: string;
  /**
   * One `serve --http --stateless` process per name, started in order, each with a data directory of that name:
   * nothing but the database is shared. None by default.
   */
  replicas?: readonly R[];
  /** Settings over the shared ones (such as STORYLINE_WEBHOOK_POLL_MS), for the replicas and the CLI alike. */
  env?: Record<string, string>;
  /** How `stop` ends the replicas still running: SIGTERM by default, SIGKILL for no shutdown at all. */
  stopSignal?: NodeJS.Signals;
}

/** Storyline on a throwaway PostgreSQL, with every outside part real and local. */
export interface PostgresService<R extends string = never> {
  cluster: TestPostgres;
  /** The OpenAI-compatible endpoint every process embeds with (32 dimensions). */
  embeddings: FakeOpenAI;
  /** The webhook receiver, for subscriptions to deliver to. */
  receiver: Receiver;
  /** A temporary directory that `stop` removes. */
  dir: string;
  /** `dir/incoming`, created empty: the replicas' ingest root. */
  incoming: string;
  /** The connection string of the service's database. */
  databaseUrl: string;
  /** The environment every process of the service shares (no data directory). */
  env: Record<string, string>;
  /** The bearer token the replicas accept. */
  token: string;
  /** The spawned replicas, by name. */
  replicas: Record<R, Replica>;
  /** What `cli` runs with: `env` with a data directory `dir/cli` of its own, logging errors only. */
  cliEnv: Record<string, string>;
  /** Runs the built CLI as one more process of the service, with `extraEnv` over `cliEnv`. */
  cli: (args: string[], extraEnv?: Record<string, string>, input?: string) => Promise<ProcessResult>;
  /** An MCP client connected to `replica` over Streamable HTTP with the token; `stop` closes it. */
  connect(replica: Replica): Promise<Client>;
  /** A connection of its own to the database, for inspecting what the processes wrote. */
  connectDatabase(): ReturnType<typeof connectTo>;
  /** Closes the clients, stops the replicas, the servers and the cluster, and removes `dir`. */
  stop(): Promise<void>;
}

/**
 * Starts Storyline as a service on PostgreSQL for one test file: a throwaway cluster with one database, a fake
 * OpenAI-compatible embeddings endpoint, a webhook receiver and the named replicas spawned from dist/ (run
 * `npm run build` first). When any part fails to start, what did start is stopped before the error is thrown.
 */
export async function startPostgresService<const R extends string = never>(opts: PostgresServiceOptions<R>): Promise<PostgresService<R>> {
  const { dir, cleanup } = tempDir();
  const incoming = path.join(dir, 'incoming');
  const token = randomBytes(16).toString('hex');
  let cluster: TestPostgres | undefined;
  let embeddings: FakeOpenAI | undefined;
  let receiver: Receiver | undefined;
  const running: Replica[] = [];
  const clients: Client[] = [];
  const stop = async () => {
    for (const c of clients) await c.close().catch(() => undefined);
    for (const r of running) await stopReplica(r, opts.stopSignal);
    await receiver?.close();
    await embeddings?.close();
    await cluster?.stop();
    cleanup();
  };
  try {
    cluster = await startPostgres();
    embeddings = await startFakeOpenAI(32);
    receiver = await startReceiver();
    mkdirSync(incoming);
    const databaseUrl = await cluster.createDatabase(opts.database);
    const env: Record<string, string> = {
      STORYLINE_DATABASE_URL: databaseUrl,
      STORYLINE_SECRET_KEY: randomBytes(32).toString('base64'),
      STORYLINE_EMBEDDINGS: 'openai',
      OPENAI_BASE_URL: embeddings.url,
      OPENAI_API_KEY: 'test-key',
      STORYLINE_EMBEDDINGS_DIMENSIONS: '32',
      STORYLINE_HTTP_TOKENS: `ops:${token}`,
      STORYLINE_INGEST_ROOTS: incoming,
      STORYLINE_WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true',
      // startReplica reads the URL a replica serves on from its info log.
      STORYLINE_LOG_LEVEL: 'info',
      ...opts.env,
    };
    const replicas = {} as Record<R, Replica>;
    for (const name of opts.replicas ?? []) {
      replicas[name] = await startReplica({ ...env, STORYLINE_DATA_DIR: path.join(dir, name) });
      running.push(replicas[name]);
    }
    const cliEnv = { ...env, STORYLINE_DATA_DIR: path.join(dir, 'cli'), STORYLINE_LOG_LEVEL: 'error' };
    return {
      cluster,
      embeddings,
      receiver,
      dir,
      incoming,
      databaseUrl,
      env,
      token,
      replicas,
      cliEnv,
      cli: (args, extraEnv = {}, input = '') => runNode(CLI, args, { ...cliEnv, ...extraEnv }, input),
      async connect(replica) {
        const client = new Client({ name: 'storyline-test', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(replica.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
        clients.push(client);
        return client;
      },
      connectDatabase: () => connectTo(databaseUrl),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
