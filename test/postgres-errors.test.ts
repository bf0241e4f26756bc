import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError } from '../src/store/errors.js';
import { pgliteClient } from '../src/store/postgres/client.js';
import { MIGRATIONS } from '../src/store/postgres/schema.js';
import { PgStore } from '../src/store/postgres/store.js';
import { hashEmbedder } from './helpers.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import pg from 'pg';

// Opening the PostgreSQL engine: every way the database can be wrong is a DatabaseError that
// says what to do (no stack, no password), and replicas starting together migrate once.

const embedder = hashEmbedder(16).info;

/** The DatabaseError opening `url` fails with. */
async function openError(url: string): Promise<DatabaseError> {
  const err = await PgStore.open(url, { embedder, pool: { connectTimeoutMs: 5_000 } }).then(
    async (s) => {
      await s.close();
      throw new Error('opened');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseError);
  const e = err as DatabaseError;
  expect(e.kind).toBe('configuration');
  expect(e.message).not.toMatch(/\n\s+at /);
  return e;
}

describe('PostgreSQL engine: opening', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(() => server?.stop());

  it('says the credentials were refused, without printing the password', async () => {
    const url = server.url.replace(encodeURIComponent(server.password), 'wrong-secret');
    const e = await openError(url);
    expect(e.message).toMatch(/refused the credentials.*fix the user and password in STORYLINE_DATABASE_URL/);
    expect(e.message).not.toContain('wrong-secret');
    expect(e.message).toContain('***');
  });

  it('says when nothing answers at the address', async () => {
    const url = `postgres://postgres:x@127.0.0.1:${server.port === 65535 ? 1 : server.port + 1}/postgres`;
    expect((await openError(url)).message).toMatch(/cannot reach PostgreSQL at .*127\.0\.0\.1.*check that the server runs/);
  });

  it('says when the database does not exist, and when the URL is not a PostgreSQL one', async () => {
    expect((await openError(server.urlFor('no_such_db'))).message).toMatch(/database "no_such_db" does not exist.*createdb/);
    expect((await openError('mysql://localhost/x')).message).toMatch(/must start with postgres:\/\//);
  });

  it('says to install pgvector when the server lacks it', async () => {
    // PGlite started without its vector extension is a PostgreSQL without pgvector.
    const db = await PGlite.create();
    try {
      const err = await PgStore.openOn({ ...pgliteClient(db), close: () => Promise.resolve() }, { embedder, where: 'PGlite' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DatabaseError);
      expect((err as Error).message).toMatch(/pgvector extension is not installed on PostgreSQL at PGlite.*install pgvector 0\.7 or newer/);
      // Nothing was left behind: the migration ran in one transaction.
      expect((await db.query("SELECT to_regclass('stories') AS t")).rows).toEqual([{ t: null }]);
    } finally {
      await db.close();
    }
  });

  it('applies migrations once when several processes start together on an empty database', async () => {
    const url = await server.createDatabase('racing');
    const stores = await Promise.all(Array.from({ length: 4 }, () => PgStore.open(url, { embedder, pool: { max: 2 } })));
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const rows = (await client.query<{ version: number }>('SELECT version FROM storyline_migrations ORDER BY version')).rows;
        expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      } finally {
        await client.end();
      }
      expect(await stores[0]!.counts()).toEqual({ stories: 0, passages: 0 });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
