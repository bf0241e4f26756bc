import type Database from 'better-sqlite3';

/** An asset row as the exposure module hands it over: identity keys precomputed, the rest as JSON. */
export interface AssetRow {
  asset_id: string;
  source: string;
  key: string;
  name_norm: string;
  vendor_norm: string;
  purl_key: string | null;
  cpe_key: string | null;
  /** The asset as JSON (exposure's Asset). */
  data: string;
}

/** A VEX statement row: the CVE, and how the product is named. */
export interface VexRow {
  source: string;
  cve: string;
  purl_key: string | null;
  cpe_key: string | null;
  asset_key: string | null;
  /** The statement as JSON (exposure's VexStatement). */
  data: string;
}

/** One product of a stored advisory, with the keys it is found by and its status per CVE as JSON. */
export interface AdvisoryProductRow {
  product_id: string;
  name_norm: string;
  /** The name with the vendor in front, for assets that give no vendor ("digi one ia"). */
  full_norm: string;
  purl_key: string | null;
  cpe_key: string | null;
  data: string;
}

/** A page of assets. */
export interface AssetQuery {
  source?: string;
  /** Substring of the name, vendor or asset id (case-insensitive). */
  text?: string;
  offset: number;
  limit: number;
}

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
 * Persistence for exposure: the user's assets and VEX statements, by import source, and the
 * product status of stored advisories, written at ingest and found by name, purl or CPE key.
 * The only SQL exposure needs, behind a narrow interface.
 */
export class AssetDb {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /**
   * Replaces everything the given sources held with these assets and statements, in one
   * transaction: a re-import of a source replaces its assets, and a failed import changes nothing.
   */
  replaceSources(sources: readonly string[], assets: readonly AssetRow[], vex: readonly VexRow[]): { removed: number } {
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
    })();
    return { removed };
  }

  /** Removes assets by id, or every asset (and VEX statement) of a source. */
  remove(opts: { asset_ids?: readonly string[]; source?: string }): number {
    let n = 0;
    this.db.transaction(() => {
      if (opts.asset_ids?.length) n += this.db.prepare('DELETE FROM assets WHERE asset_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(opts.asset_ids)).changes;
      if (opts.source) {
        n += this.db.prepare('DELETE FROM assets WHERE source = ?').run(opts.source).changes;
        this.db.prepare('DELETE FROM vex_statements WHERE source = ?').run(opts.source);
      }
    })();
    return n;
  }

  /** A page of assets (JSON data), ordered by source and name, and the total. */
  list(q: AssetQuery): { total: number; assets: string[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (q.source) {
      clauses.push('source = ?');
      params.push(q.source);
    }
    if (q.text) {
      clauses.push("(instr(lower(data), lower(?)) > 0)");
      params.push(q.text);
    }
    const where = clauses.length ? clauses.join(' AND ') : '1';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM assets WHERE ${where}`).get(...params) as { n: number }).n;
    const rows = this.db.prepare(`SELECT data FROM assets WHERE ${where} ORDER BY source, name_norm, asset_id LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as { data: string }[];
    return { total, assets: rows.map((r) => r.data) };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }).n;
  }

  /** Assets by id, or by the caller's own id (the `id` field) when no asset_id matches. */
  get(idOrOwnId: string): string[] {
    const byId = this.db.prepare('SELECT data FROM assets WHERE asset_id = ?').get(idOrOwnId) as { data: string } | undefined;
    if (byId) return [byId.data];
    return (this.db.prepare("SELECT data FROM assets WHERE key = ?").all(`id:${idOrOwnId}`) as { data: string }[]).map((r) => r.data);
  }

  /** Assets that share a name, purl or CPE key with any of the given keys. */
  assetsByKeys(keys: { names: readonly string[]; purls: readonly string[]; cpes: readonly string[] }): string[] {
    const rows = this.db
      .prepare(
        `SELECT data FROM assets WHERE name_norm IN (SELECT value FROM json_each(?))
           OR purl_key IN (SELECT value FROM json_each(?)) OR cpe_key IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(keys.names), JSON.stringify(keys.purls), JSON.stringify(keys.cpes)) as { data: string }[];
    return rows.map((r) => r.data);
  }

  /** Every asset, in pages, for the report. */
  *allAssets(pageSize = 5_000): Generator<string[]> {
    const stmt = this.db.prepare('SELECT data, rowid FROM assets WHERE rowid > ? ORDER BY rowid LIMIT ?');
    let after = 0;
    for (;;) {
      const rows = stmt.all(after, pageSize) as { data: string; rowid: number }[];
      if (rows.length === 0) return;
      yield rows.map((r) => r.data);
      after = rows[rows.length - 1]!.rowid;
    }
  }

  /** VEX statements about these CVEs. */
  vexFor(cves: readonly string[]): VexRow[] {
    if (cves.length === 0) return [];
    return this.db.prepare('SELECT source, cve, purl_key, cpe_key, asset_key, data FROM vex_statements WHERE cve IN (SELECT value FROM json_each(?))').all(JSON.stringify(cves)) as VexRow[];
  }

  /** Replaces the product rows of these stories (called inside the store's write transaction). */
  indexAdvisories(stories: readonly { story_id: string; rows: readonly AdvisoryProductRow[] }[]): void {
    const del = this.db.prepare('DELETE FROM advisory_products WHERE story_id = ?');
    const ins = this.db.prepare('INSERT OR REPLACE INTO advisory_products (story_id, product_id, name_norm, full_norm, purl_key, cpe_key, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const s of stories) {
        del.run(s.story_id);
        for (const r of s.rows) ins.run(s.story_id, r.product_id, r.name_norm, r.full_norm, r.purl_key, r.cpe_key, r.data);
      }
    })();
  }

  /** Whether the advisory product index was built by this version (else the caller re-indexes stored stories). */
  advisoryIndexCurrent(): boolean {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'advisory_index_version'").get() as { value: string } | undefined;
    return row?.value === ADVISORY_INDEX_VERSION;
  }

  markAdvisoryIndexCurrent(): void {
    this.db.prepare("INSERT INTO meta(key, value) VALUES ('advisory_index_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(ADVISORY_INDEX_VERSION);
  }

  /** Product rows of one story. */
  advisoryProducts(storyId: string): { story_id: string; data: string }[] {
    return this.db.prepare('SELECT story_id, data FROM advisory_products WHERE story_id = ?').all(storyId) as { story_id: string; data: string }[];
  }

  /** Product rows (of any story) that share a name, purl or CPE key with the given keys. */
  advisoryProductsByKeys(keys: { names: readonly string[]; purls: readonly string[]; cpes: readonly string[] }): { story_id: string; data: string }[] {
    return this.db
      .prepare(
        `SELECT story_id, data FROM advisory_products WHERE name_norm IN (SELECT value FROM json_each(?))
           OR full_norm IN (SELECT value FROM json_each(?)) OR purl_key IN (SELECT value FROM json_each(?)) OR cpe_key IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(keys.names), JSON.stringify(keys.names), JSON.stringify(keys.purls), JSON.stringify(keys.cpes)) as { story_id: string; data: string }[];
  }
}
