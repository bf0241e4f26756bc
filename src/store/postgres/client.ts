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
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (a plain identifier), until the returned
   * function is called. A listener whose connection drops reconnects and then calls `onNotify`
   * once, since notifications sent meanwhile are lost.
   */
  listen(channel: string, onNotify: () => void): () => void;
  /**
   * One connection held until `release` (outside any transaction), for what lives as long as
   * a session does: a session-level advisory lock, which the server drops if the process dies.
   */
  session(): Promise<SqlRunner & { release(): void }>;
  close(): Promise<void>;
}

/** Reconnect delays of a dropped listener: 0.5 s doubling to 30 s. */
const LISTEN_RETRY_MS = { first: 500, max: 30_000 };

/**
 * LISTEN on one connection of `pool` held for as long as it listens (notifications arrive on
 * the connection that listens, so it cannot go back to the pool), reconnecting with backoff
 * when the server drops it.
 */
function poolListener(pool: pg.Pool, channel: string, onNotify: () => void): () => Promise<void> {
  let stopped = false;
  let conn: pg.PoolClient | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = LISTEN_RETRY_MS.first;
  const onNotification = (m: pg.Notification) => m.channel === channel && onNotify();
  // Takes the held connection back from this listener (once), so no later event reaches it.
  const detach = (): pg.PoolClient | null => {
    const c = conn;
    conn = null;
    c?.removeListener('notification', onNotification);
    c?.removeListener('error', drop);
    return c;
  };
  function drop(err: Error): void {
    const c = detach();
    if (c) {
      // The pool ends a connection released with an error; what it still says is noise.
      c.on('error', () => undefined);
      c.release(err);
    }
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect(true);
    }, delay);
    delay = Math.min(delay * 2, LISTEN_RETRY_MS.max);
  }
  const connect = async (reconnected: boolean) => {
    let c: pg.PoolClient;
    try {
      c = await pool.connect();
    } catch (err) {
      return drop(err as Error);
    }
    if (stopped) return c.release();
    conn = c;
    c.on('error', drop);
    c.on('notification', onNotification);
    try {
      await c.query(`LISTEN ${channel}`);
    } catch (err) {
      if (conn === c) drop(err as Error);
      return;
    }
    delay = LISTEN_RETRY_MS.first;
    if (reconnected) onNotify();
  };
  void connect(false);
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = detach();
    if (!c) return;
    await c.query(`UNLISTEN ${channel}`).then(
      () => c.release(),
      (err: unknown) => c.release(err as Error),
    );
  };
}

/** A `pg` pool as a SqlClient: each transaction holds one pooled connection. */
export function poolClient(pool: pg.Pool): SqlClient {
  const listeners = new Set<() => Promise<void>>();
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
    async session() {
      const conn = await pool.connect();
      let broken: Error | undefined;
      const onError = (err: Error) => (broken = err);
      conn.on('error', onError);
      return {
        query: async <R>(sql: string, params: readonly unknown[] = []) => (await conn.query(sql, params as unknown[])).rows as R[],
        exec: async (sql: string) => void (await conn.query(sql)),
        release() {
          conn.removeListener('error', onError);
          // Ending the connection ends its session, and with it anything the session held.
          conn.release(broken ?? true);
        },
      };
    },
    listen(channel: string, onNotify: () => void) {
      const stop = poolListener(pool, channel, onNotify);
      const entry = () => stop().then(() => void listeners.delete(entry));
      listeners.add(entry);
      return () => void entry();
    },
    async close() {
      // A listening connection is checked out: give it back, or pool.end() would wait for it.
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

/** The part of a PGlite instance the engine uses (typed here so that src/ does not depend on PGlite). */
export interface PGliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(fn: (tx: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>; exec(sql: string): Promise<unknown> }) => Promise<T>): Promise<T>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
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
    // One connection: the session is the database's only one, and lives as long as it.
    session: () =>
      Promise.resolve({
        query: async <T>(sql: string, params: readonly unknown[] = []) => (await db.query<T>(sql, [...params])).rows,
        exec: async (sql: string) => void (await db.exec(sql)),
        release: () => undefined,
      }),
    listen(channel: string, onNotify: () => void) {
      // One connection in-process: LISTEN there, and no connection can drop.
      const unlisten = db.listen(channel, () => onNotify());
      return () => void unlisten.then((stop) => stop()).catch(() => undefined);
    },
    close: () => db.close(),
  };
}
