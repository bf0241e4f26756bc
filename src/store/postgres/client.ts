import type pg from 'pg';

/** Something that runs one SQL statement with `$n` parameters and returns its rows. */
export interface SqlRunner {
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The seam between the PostgreSQL engine's SQL and a driver: one set of statements runs on a
 * `pg` pool (a real server) and on PGlite (PostgreSQL in WebAssembly, in-process).
 */
export interface SqlClient extends SqlRunner {
  /** Runs `fn` between BEGIN and COMMIT on one connection; ROLLBACK when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A `pg` pool as a SqlClient: each transaction holds one pooled connection. */
export function poolClient(pool: pg.Pool): SqlClient {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, params as unknown[])).rows as T[];
    },
    exec: async (sql: string) => void (await pool.query(sql)),
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      const conn = await pool.connect();
      let broken: Error | undefined;
      // A checked-out connection has no pool listener: a server that goes away between two
      // statements would otherwise crash the process with an unhandled 'error' event.
      const onError = (err: Error) => (broken = err);
      conn.on('error', onError);
      try {
        await conn.query('BEGIN');
        const result = await fn({
          query: async <R>(sql: string, params: readonly unknown[] = []) => (await conn.query(sql, params as unknown[])).rows as R[],
          exec: async (sql: string) => void (await conn.query(sql)),
        });
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        // A connection that cannot even roll back is dropped from the pool, not reused.
        await conn.query('ROLLBACK').catch((e: unknown) => (broken = e as Error));
        throw err;
      } finally {
        conn.removeListener('error', onError);
        conn.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** The part of a PGlite instance the engine uses (typed here so that src/ does not depend on PGlite). */
export interface PGliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(fn: (tx: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>; exec(sql: string): Promise<unknown> }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A PGlite instance as a SqlClient. PGlite is one connection; it queues statements itself. */
export function pgliteClient(db: PGliteLike): SqlClient {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<T>(sql, [...params])).rows;
    },
    exec: async (sql: string) => void (await db.exec(sql)),
    transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
      return db.transaction((tx) =>
        fn({
          query: async <R>(sql: string, params: readonly unknown[] = []) => (await tx.query<R>(sql, [...params])).rows,
          exec: async (sql: string) => void (await tx.exec(sql)),
        }),
      );
    },
    close: () => db.close(),
  };
}
