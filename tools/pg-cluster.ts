// A throwaway PostgreSQL cluster (initdb into a temp directory, pg_ctl start on a free port), shared by the tests
// (test/support/postgres.ts) and the engines bench, which cannot import test/ (dist/ builds src/ and tools/ only).
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * Where initdb and pg_ctl live: Debian's newest /usr/lib/postgresql/N/bin (not on PATH after
 * `apt-get install postgresql-15`), else whatever PATH finds.
 */
function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(path.join(root, d, 'bin', name))).sort((a, b) => Number(b) - Number(a)) : [];
  return majors[0] ? path.join(root, majors[0], 'bin', name) : name;
}

/** A throwaway PostgreSQL cluster, for one test file or one bench run. */
export interface ThrowawayPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  url: string;
  password: string;
  port: number;
  /** A connection string for another database of this cluster. */
  urlFor(database: string): string;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
  /** Stops the server (every connection drops) and keeps its data, for `restart`. */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port and socket. */
  restart(): Promise<void>;
}

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts PostgreSQL (the initdb, pg_ctl and postgres on PATH, 15 on CI, with pgvector
 * installed by ../shared/scripts/install-pgvector.sh) in a fresh temp directory, tuned for throwaway
 * data (fsync, synchronous_commit and full_page_writes off): password
 * authentication over TCP on a free port, its Unix socket inside the directory. PostgreSQL
 * refuses to run as root, so under root it runs as the `postgres` user. Throws when it cannot
 * start (a test fails, never skips; the bench says PostgreSQL is skipped).
 */
export async function startPostgres(): Promise<ThrowawayPostgres> {
  const root = mkdtempSync(path.join(tmpdir(), 'storyline-pg-'));
  const data = path.join(root, 'data');
  const socket = path.join(root, 'socket');
  mkdirSync(socket);
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  writeFileSync(path.join(root, 'pwfile'), `${password}\n`);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    for (const p of [root, socket, path.join(root, 'pwfile')]) chownSync(p, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', pgBin(cmd), ...args]) : run(pgBin(cmd), args));
  const port = await freePort();
  const stop = async () => {
    await as('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  };
  const start = () =>
    as('pg_ctl', [
      'start', '-w', '-t', '60', '-D', data, '-l', path.join(root, 'server.log'),
      '-o', `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    ]);
  try {
    await as('initdb', ['-D', data, '-U', 'postgres', '--pwfile', path.join(root, 'pwfile'), '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync']);
    await start();
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    await stop();
    throw new Error(`could not start a test PostgreSQL (initdb/pg_ctl on PATH, run as postgres when root): ${e.stderr ?? e.message}`);
  }
  const urlFor = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  return {
    url: urlFor('postgres'),
    password,
    port,
    urlFor,
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    stop,
    // Fast shutdown: sessions are terminated and the data is consistent, as when a managed
    // database restarts for maintenance.
    halt: async () => void (await as('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w'])),
    restart: async () => void (await start()),
  };
}
