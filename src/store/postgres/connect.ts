import pg from 'pg';
import { DatabaseError } from '../errors.js';
import { poolClient, type SqlClient } from './client.js';
import { migrate } from './schema.js';

/** Options for the connection pool. */
export interface PoolOptions {
  /** Connections this process may hold (default 10). */
  max?: number;
  /** How long to wait for a connection before giving up, in ms (default 10,000). */
  connectTimeoutMs?: number;
}

/** A connection string with its password masked, fit for an error message or a log line. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured database URL (not a valid URL)';
  }
}

/**
 * Opens a pool on `url` and brings the schema up to date. Every way this can fail (a URL that
 * is not one, a server that does not answer, refused credentials, a missing database or
 * pgvector) becomes a DatabaseError that says what to change.
 */
export async function connectPostgres(url: string, opts: PoolOptions = {}): Promise<SqlClient> {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new DatabaseError(`the database URL must start with postgres:// or postgresql:// (got ${redactUrl(url)}); set STORYLINE_DATABASE_URL to a PostgreSQL connection string, or unset it to use the embedded SQLite store`);
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000 });
  // An idle connection the server drops must not crash the process: the next query reconnects.
  pool.on('error', () => undefined);
  const client = poolClient(pool);
  try {
    await migrate(client);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw databaseError(err, redactUrl(url));
  }
  return client;
}

/**
 * What went wrong talking to PostgreSQL, as a DatabaseError saying what to do (errors that
 * already are one pass through). `where` names the database, password masked (redactUrl).
 */
export function databaseError(err: unknown, where: string): Error {
  if (err instanceof DatabaseError) return err;
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  // The server went away under an open connection (shut down, restarted, the backend killed):
  // a transaction in flight was rolled back by the server, so trying again is safe.
  if (['57P01', '57P02', '08003', '08006', 'ECONNRESET', 'EPIPE'].includes(e.code ?? '') || /Connection terminated unexpectedly/i.test(msg)) {
    return new DatabaseError(`lost the connection to PostgreSQL at ${where} (${msg}); anything it was writing was rolled back: try again once the database answers`);
  }
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case '57P03': // starting up or shutting down
      return new DatabaseError(`cannot reach PostgreSQL at ${where} (${e.code}); check that the server runs and the host and port in STORYLINE_DATABASE_URL are right`);
    case '28P01':
    case '28000':
      return new DatabaseError(`PostgreSQL at ${where} refused the credentials (${msg}); fix the user and password in STORYLINE_DATABASE_URL`);
    case '3D000':
      return new DatabaseError(`${msg} at ${where}; create it (createdb) or name an existing database in STORYLINE_DATABASE_URL`);
    case '58P01':
    case '0A000':
      if (/vector/.test(msg)) {
        return new DatabaseError(
          `the pgvector extension is not installed on PostgreSQL at ${where} (${msg}); install pgvector 0.7 or newer on the server (https://github.com/pgvector/pgvector#installation; managed services have it built in), then start again`,
        );
      }
      break;
    case '42501':
      return new DatabaseError(`the database user may not ${/extension/i.test(msg) ? 'create the vector extension' : 'create Storyline\'s tables'} at ${where} (${msg}); run \`CREATE EXTENSION vector\` as an owner once, or grant the user the rights`);
  }
  if (/timeout/i.test(msg)) return new DatabaseError(`PostgreSQL at ${where} did not answer in time (${msg}); check that the server runs and is reachable`);
  return new DatabaseError(`PostgreSQL at ${where} failed: ${msg}`);
}
