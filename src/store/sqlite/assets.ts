import type Database from 'better-sqlite3';
import type { AdvisoryIndexEntry, AssetQuery, AssetRepo, AssetRow, ProductKeys, VexRow } from '../assets.js';
import type { Gated } from './gate.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS assets (
  asset_id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  key TEXT NOT NULL,
  name_norm TEXT NOT NULL,
  vendor_norm TEXT NOT NULL,
  purl_key TEXT,
  cpe_key TEXT,
  data TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS assets_source ON assets(source);
CREATE INDEX IF NOT EXISTS assets_name ON assets(name_norm);
CREATE INDEX IF NOT EXISTS assets_purl ON assets(purl_key);
CREATE INDEX IF NOT EXISTS assets_cpe ON assets(cpe_key);
CREATE TABLE IF NOT EXISTS vex_statements (
  source TEXT NOT NULL,
  cve TEXT NOT NULL,
  purl_key TEXT,
  cpe_key TEXT,
  asset_key TEXT,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS vex_cve ON vex_statements(cve);
CREATE TABLE IF NOT EXISTS advisory_products (
  story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  product_id TEXT NOT NULL,
  name_norm TEXT NOT NULL,
  full_norm TEXT NOT NULL,
  purl_key TEXT,
  cpe_key TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY (story_id, product_id)
);
CREATE INDEX IF NOT EXISTS advisory_products_name ON advisory_products(name_norm);
CREATE INDEX IF NOT EXISTS advisory_products_full ON advisory_products(full_norm);
CREATE INDEX IF NOT EXISTS advisory_products_purl ON advisory_products(purl_key);
CREATE INDEX IF NOT EXISTS advisory_products_cpe ON advisory_products(cpe_key);
`;

/** Bump when the advisory product rows change shape: stored advisories are then indexed again. */
const ADVISORY_INDEX_VERSION = '1';

/**
 * Exposure's tables in the store's SQLite database. Every AssetRepo method is synchronous
 * underneath and passes through the connection's gate; the `...Now` methods are for the story
 * write transaction (the write hook's WriteTx), which already holds it.
 */
export class SqliteAssets implements AssetRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly run: Gated,
  ) {
    db.exec(SCHEMA);
  }

  replaceSources(sources: readonly string[], assets: readonly AssetRow[], vex: readonly VexRow[]): Promise<{ removed: number }> {
    return this.run(() => {
      const delAssets = this.db.prepare('DELETE FROM assets WHERE source = ?');
      const delVex = this.db.prepare('DELETE FROM vex_statements WHERE source = ?');
      const ins = this.db.prepare(
        `INSERT INTO assets (asset_id, source, key, name_norm, vendor_norm, purl_key, cpe_key, data, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(asset_id) DO UPDATE SET data = excluded.data, imported_at = excluded.imported_at`,
      );
      const insVex = this.db.prepare('INSERT INTO vex_statements (source, cve, purl_key, cpe_key, asset_key, data) VALUES (?, ?, ?, ?, ?, ?)');
      const now = new Date().toISOString();
      let removed = 0;
      this.db.transaction(() => {
        for (const s of sources) {
          removed += delAssets.run(s).changes;
          delVex.run(s);
        }
        for (const a of assets) ins.run(a.asset_id, a.source, a.key, a.name_norm, a.vendor_norm, a.purl_key, a.cpe_key, a.data, now);
        for (const v of vex) insVex.run(v.source, v.cve, v.purl_key, v.cpe_key, v.asset_key, v.data);
      }).immediate();
      return { removed };
    });
  }

  remove(opts: { asset_ids?: readonly string[]; source?: string }): Promise<number> {
    return this.run(() => {
      let n = 0;
      this.db.transaction(() => {
        if (opts.asset_ids?.length) n += this.db.prepare('DELETE FROM assets WHERE asset_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(opts.asset_ids)).changes;
        if (opts.source) {
          n += this.db.prepare('DELETE FROM assets WHERE source = ?').run(opts.source).changes;
          this.db.prepare('DELETE FROM vex_statements WHERE source = ?').run(opts.source);
        }
      }).immediate();
      return n;
    });
  }

  list(q: AssetQuery): Promise<{ total: number; assets: string[] }> {
    return this.run(() => {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (q.source) {
        clauses.push('source = ?');
        params.push(q.source);
      }
      if (q.text) {
        clauses.push('(instr(lower(data), lower(?)) > 0)');
        params.push(q.text);
      }
      const where = clauses.length ? clauses.join(' AND ') : '1';
      const total = (this.db.prepare(`SELECT count(*) AS n FROM assets WHERE ${where}`).get(...params) as { n: number }).n;
      const rows = this.db.prepare(`SELECT data FROM assets WHERE ${where} ORDER BY source, name_norm, asset_id LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as { data: string }[];
      return { total, assets: rows.map((r) => r.data) };
    });
  }

  count(): Promise<number> {
    return this.run(() => (this.db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }).n);
  }

  get(idOrOwnId: string): Promise<string[]> {
    return this.run(() => {
      const byId = this.db.prepare('SELECT data FROM assets WHERE asset_id = ?').get(idOrOwnId) as { data: string } | undefined;
      if (byId) return [byId.data];
      return (this.db.prepare('SELECT data FROM assets WHERE key = ?').all(`id:${idOrOwnId}`) as { data: string }[]).map((r) => r.data);
    });
  }

  assetsByKeys(keys: ProductKeys): Promise<string[]> {
    return this.run(() => this.assetsByKeysNow(keys));
  }

  assetsByKeysNow(keys: ProductKeys): string[] {
    const rows = this.db
      .prepare(
        `SELECT data FROM assets WHERE name_norm IN (SELECT value FROM json_each(?))
           OR purl_key IN (SELECT value FROM json_each(?)) OR cpe_key IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(keys.names), JSON.stringify(keys.purls), JSON.stringify(keys.cpes)) as { data: string }[];
    return rows.map((r) => r.data);
  }

  async *allAssets(pageSize = 5_000): AsyncIterable<string[]> {
    const stmt = this.db.prepare('SELECT data, rowid FROM assets WHERE rowid > ? ORDER BY rowid LIMIT ?');
    let after = 0;
    for (;;) {
      const rows = await this.run(() => stmt.all(after, pageSize) as { data: string; rowid: number }[]);
      if (rows.length === 0) return;
      yield rows.map((r) => r.data);
      after = rows[rows.length - 1]!.rowid;
    }
  }

  vexFor(cves: readonly string[]): Promise<VexRow[]> {
    return this.run(() => this.vexForNow(cves));
  }

  vexForNow(cves: readonly string[]): VexRow[] {
    if (cves.length === 0) return [];
    return this.db.prepare('SELECT source, cve, purl_key, cpe_key, asset_key, data FROM vex_statements WHERE cve IN (SELECT value FROM json_each(?))').all(JSON.stringify(cves)) as VexRow[];
  }

  indexAdvisories(stories: readonly AdvisoryIndexEntry[]): Promise<void> {
    return this.run(() => this.db.transaction(() => this.indexAdvisoriesNow(stories)).immediate());
  }

  /** Replaces the product rows of these stories; inside the caller's transaction. */
  indexAdvisoriesNow(stories: readonly AdvisoryIndexEntry[]): void {
    const del = this.db.prepare('DELETE FROM advisory_products WHERE story_id = ?');
    const ins = this.db.prepare('INSERT OR REPLACE INTO advisory_products (story_id, product_id, name_norm, full_norm, purl_key, cpe_key, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const s of stories) {
      del.run(s.story_id);
      for (const r of s.rows) ins.run(s.story_id, r.product_id, r.name_norm, r.full_norm, r.purl_key, r.cpe_key, r.data);
    }
  }

  advisoryIndexCurrent(): Promise<boolean> {
    return this.run(() => {
      const row = this.db.prepare("SELECT value FROM meta WHERE key = 'advisory_index_version'").get() as { value: string } | undefined;
      return row?.value === ADVISORY_INDEX_VERSION;
    });
  }

  markAdvisoryIndexCurrent(): Promise<void> {
    return this.run(() => {
      this.db.prepare("INSERT INTO meta(key, value) VALUES ('advisory_index_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(ADVISORY_INDEX_VERSION);
    });
  }

  advisoryProducts(storyId: string): Promise<{ story_id: string; data: string }[]> {
    return this.run(() => this.db.prepare('SELECT story_id, data FROM advisory_products WHERE story_id = ?').all(storyId) as { story_id: string; data: string }[]);
  }

  advisoryProductsByKeys(keys: ProductKeys): Promise<{ story_id: string; data: string }[]> {
    return this.run(
      () =>
        this.db
          .prepare(
            `SELECT story_id, data FROM advisory_products WHERE name_norm IN (SELECT value FROM json_each(?))
               OR full_norm IN (SELECT value FROM json_each(?)) OR purl_key IN (SELECT value FROM json_each(?)) OR cpe_key IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(keys.names), JSON.stringify(keys.names), JSON.stringify(keys.purls), JSON.stringify(keys.cpes)) as { story_id: string; data: string }[],
    );
  }
}
