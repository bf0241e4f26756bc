import pg from 'pg';

export { startPostgres, type ThrowawayPostgres as TestPostgres } from '../../tools/pg-cluster.js';

/** A connection of its own to `url`, for a test that inspects the database a spawned process uses. */
export async function connectTo(url: string): Promise<{ query<T>(sql: string, params?: unknown[]): Promise<T[]>; end(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The test may stop the server under this connection; that is no error of the test.
  client.on('error', () => undefined);
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    end: () => client.end(),
  };
}
