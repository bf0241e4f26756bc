import type { AdvisoryIndexEntry, AssetQuery, AssetRepo, AssetRow, ProductKeys, VexRow } from '../assets.js';
import type { SqlRunner } from './client.js';
import { Params, textArray } from './sql.js';

/** Exposure's tables (migration 3). */
export const ASSETS_SQL = `
CREATE TABLE assets (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  asset_id text COLLATE "C" PRIMARY KEY,
  source text COLLATE "C" NOT NULL,
  key text NOT NULL,
  name_norm text COLLATE "C" NOT NULL,
  vendor_norm text NOT NULL,
  purl_key text,
  cpe_key text,
  data text NOT NULL,
  imported_at text NOT NULL
);
CREATE INDEX assets_source ON assets (source);
CREATE INDEX assets_key ON assets (key);
CREATE INDEX assets_name ON assets (name_norm);
CREATE INDEX assets_purl ON assets (purl_key);
CREATE INDEX assets_cpe ON assets (cpe_key);
CREATE INDEX assets_seq ON assets (seq);
CREATE TABLE vex_statements (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL,
  cve text NOT NULL,
  purl_key text,
  cpe_key text,
  asset_key text,
  data text NOT NULL
);
CREATE INDEX vex_cve ON vex_statements (cve);
CREATE INDEX vex_source ON vex_statements (source);
CREATE TABLE advisory_products (
  story_id text COLLATE "C" NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  product_id text NOT NULL,
  name_norm text NOT NULL,
  full_norm text NOT NULL,
  purl_key text,
  cpe_key text,
  data text NOT NULL,
  PRIMARY KEY (story_id, product_id)
);
CREATE INDEX advisory_products_name ON advisory_products (name_norm);
CREATE INDEX advisory_products_full ON advisory_products (full_norm);
CREATE INDEX advisory_products_purl ON advisory_products (purl_key);
CREATE INDEX advisory_products_cpe ON advisory_products (cpe_key);
`;

/** Bump when the advisory product rows change shape: stored advisories are then indexed again (as SQLite's). */
const ADVISORY_INDEX_VERSION = '1';
/** Rows per multi-row INSERT. */
const BATCH = 2_000;

/** Assets sharing a name, purl or CPE key with any of `keys`. */
export async function assetsByKeys(run: SqlRunner, keys: ProductKeys): Promise<string[]> {
  const rows = await run.query<{ data: string }>(
    'SELECT data FROM assets WHERE name_norm = ANY($1::text[]) OR purl_key = ANY($2::text[]) OR cpe_key = ANY($3::text[]) ORDER BY seq',
    [textArray(keys.names), textArray(keys.purls), textArray(keys.cpes)],
  );
  return rows.map((r) => r.data);
}

/** VEX statements about these CVEs. */
export async function vexFor(run: SqlRunner, cves: readonly string[]): Promise<VexRow[]> {
  if (cves.length === 0) return [];
  return run.query<VexRow>('SELECT source, cve, purl_key, cpe_key, asset_key, data FROM vex_statements WHERE cve = ANY($1::text[]) ORDER BY seq', [textArray(cves)]);
}

/** Replaces the product rows of these stories, on the caller's transaction. */
export async function indexAdvisories(run: SqlRunner, stories: readonly AdvisoryIndexEntry[]): Promise<void> {
  if (stories.length === 0) return;
  await run.query('DELETE FROM advisory_products WHERE story_id = ANY($1::text[])', [textArray(stories.map((s) => s.story_id))]);
  // The last row for a (story, product) wins, as SQLite's INSERT OR REPLACE.
  const rows = [...new Map(stories.flatMap((s) => s.rows.map((r) => [`${s.story_id}\u0000${r.product_id}`, { story_id: s.story_id, ...r }] as const))).values()];
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    await run.query(
      `INSERT INTO advisory_products (story_id, product_id, name_norm, full_norm, purl_key, cpe_key, data)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        textArray(b.map((r) => r.story_id)), textArray(b.map((r) => r.product_id)), textArray(b.map((r) => r.name_norm)), textArray(b.map((r) => r.full_norm)),
        textArray(b.map((r) => r.purl_key)), textArray(b.map((r) => r.cpe_key)), textArray(b.map((r) => r.data)),
      ],
    );
  }
}

/** Exposure's tables on PostgreSQL: the same rows and lookups as SQLite's (src/store/sqlite/assets.ts). */
export class PgAssets implements AssetRepo {
  constructor(
    private readonly run: SqlRunner,
    private readonly transaction: <T>(fn: (tx: SqlRunner) => Promise<T>) => Promise<T>,
  ) {}

  replaceSources(sources: readonly string[], assets: readonly AssetRow[], vex: readonly VexRow[]): Promise<{ removed: number }> {
    return this.transaction(async (tx) => {
      const [gone] = await tx.query<{ n: number }>('WITH d AS (DELETE FROM assets WHERE source = ANY($1::text[]) RETURNING 1) SELECT count(*)::int AS n FROM d', [textArray(sources)]);
      await tx.query('DELETE FROM vex_statements WHERE source = ANY($1::text[])', [textArray(sources)]);
      const now = new Date().toISOString();
      // One row per asset id per statement (ON CONFLICT cannot touch a row twice): the last wins, as SQLite's upsert.
      const unique = [...new Map(assets.map((a) => [a.asset_id, a])).values()];
      for (let i = 0; i < unique.length; i += BATCH) {
        const b = unique.slice(i, i + BATCH);
        await tx.query(
          `INSERT INTO assets (asset_id, source, key, name_norm, vendor_norm, purl_key, cpe_key, data, imported_at)
           SELECT *, $9 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           ON CONFLICT (asset_id) DO UPDATE SET data = excluded.data, imported_at = excluded.imported_at`,
          [
            textArray(b.map((a) => a.asset_id)), textArray(b.map((a) => a.source)), textArray(b.map((a) => a.key)), textArray(b.map((a) => a.name_norm)),
            textArray(b.map((a) => a.vendor_norm)), textArray(b.map((a) => a.purl_key)), textArray(b.map((a) => a.cpe_key)), textArray(b.map((a) => a.data)), now,
          ],
        );
      }
      for (let i = 0; i < vex.length; i += BATCH) {
        const b = vex.slice(i, i + BATCH);
        await tx.query('INSERT INTO vex_statements (source, cve, purl_key, cpe_key, asset_key, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])', [
          textArray(b.map((v) => v.source)), textArray(b.map((v) => v.cve)), textArray(b.map((v) => v.purl_key)), textArray(b.map((v) => v.cpe_key)),
          textArray(b.map((v) => v.asset_key)), textArray(b.map((v) => v.data)),
        ]);
      }
      return { removed: gone?.n ?? 0 };
    });
  }

  remove(opts: { asset_ids?: readonly string[]; source?: string }): Promise<number> {
    return this.transaction(async (tx) => {
      let n = 0;
      if (opts.asset_ids?.length) {
        n += (await tx.query('DELETE FROM assets WHERE asset_id = ANY($1::text[]) RETURNING 1', [textArray(opts.asset_ids)])).length;
      }
      if (opts.source) {
        n += (await tx.query('DELETE FROM assets WHERE source = $1 RETURNING 1', [opts.source])).length;
        await tx.query('DELETE FROM vex_statements WHERE source = $1', [opts.source]);
      }
      return n;
    });
  }

  async list(q: AssetQuery): Promise<{ total: number; assets: string[] }> {
    const p = new Params();
    const clauses: string[] = [];
    if (q.source) clauses.push(`source = ${p.add(q.source)}`);
    if (q.text) clauses.push(`strpos(lower(data), lower(${p.add(q.text)})) > 0`);
    const where = clauses.length ? clauses.join(' AND ') : 'TRUE';
    const [count] = await this.run.query<{ n: number }>(`SELECT count(*)::int AS n FROM assets WHERE ${where}`, p.values);
    const rows = await this.run.query<{ data: string }>(`SELECT data FROM assets WHERE ${where} ORDER BY source, name_norm, asset_id LIMIT ${p.add(q.limit)} OFFSET ${p.add(q.offset)}`, p.values);
    return { total: count?.n ?? 0, assets: rows.map((r) => r.data) };
  }

  async count(): Promise<number> {
    const [row] = await this.run.query<{ n: number }>('SELECT count(*)::int AS n FROM assets');
    return row?.n ?? 0;
  }

  async get(idOrOwnId: string): Promise<string[]> {
    const [byId] = await this.run.query<{ data: string }>('SELECT data FROM assets WHERE asset_id = $1', [idOrOwnId]);
    if (byId) return [byId.data];
    return (await this.run.query<{ data: string }>('SELECT data FROM assets WHERE key = $1 ORDER BY seq', [`id:${idOrOwnId}`])).map((r) => r.data);
  }

  assetsByKeys(keys: ProductKeys): Promise<string[]> {
    return assetsByKeys(this.run, keys);
  }

  async *allAssets(pageSize = 5_000): AsyncIterable<string[]> {
    let after = 0;
    for (;;) {
      const rows = await this.run.query<{ data: string; seq: string }>('SELECT data, seq::text AS seq FROM assets WHERE seq > $1 ORDER BY seq LIMIT $2', [after, pageSize]);
      if (rows.length === 0) return;
      yield rows.map((r) => r.data);
      after = Number(rows[rows.length - 1]!.seq);
    }
  }

  vexFor(cves: readonly string[]): Promise<VexRow[]> {
    return vexFor(this.run, cves);
  }

  indexAdvisories(stories: readonly AdvisoryIndexEntry[]): Promise<void> {
    return this.transaction((tx) => indexAdvisories(tx, stories));
  }

  async advisoryIndexCurrent(): Promise<boolean> {
    const [row] = await this.run.query<{ value: string }>("SELECT value FROM meta WHERE key = 'advisory_index_version'");
    return row?.value === ADVISORY_INDEX_VERSION;
  }

  async markAdvisoryIndexCurrent(): Promise<void> {
    await this.run.query("INSERT INTO meta (key, value) VALUES ('advisory_index_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [ADVISORY_INDEX_VERSION]);
  }

  advisoryProducts(storyId: string): Promise<{ story_id: string; data: string }[]> {
    return this.run.query('SELECT story_id, data FROM advisory_products WHERE story_id = $1 ORDER BY product_id', [storyId]);
  }

  advisoryProductsByKeys(keys: ProductKeys): Promise<{ story_id: string; data: string }[]> {
    return this.run.query(
      `SELECT story_id, data FROM advisory_products WHERE name_norm = ANY($1::text[]) OR full_norm = ANY($1::text[]) OR purl_key = ANY($2::text[]) OR cpe_key = ANY($3::text[])
       ORDER BY story_id, product_id`,
      [textArray(keys.names), textArray(keys.purls), textArray(keys.cpes)],
    );
  }
}
