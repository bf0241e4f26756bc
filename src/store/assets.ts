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

/** The product rows of one story, replacing what it had. */
export interface AdvisoryIndexEntry {
  story_id: string;
  rows: readonly AdvisoryProductRow[];
}

/** Keys to look assets or advisory products up by (any one matching is enough). */
export interface ProductKeys {
  names: readonly string[];
  purls: readonly string[];
  cpes: readonly string[];
}

/** A page of assets. */
export interface AssetQuery {
  source?: string;
  /** Substring of the name, vendor or asset id (case-insensitive). */
  text?: string;
  offset: number;
  limit: number;
}

/**
 * Persistence for exposure, as every engine stores it: the user's assets and VEX statements,
 * by import source, and the product status of stored advisories (written with each story, in
 * its write transaction, through the write hook's WriteTx), found by name, purl or CPE key.
 */
export interface AssetRepo {
  /**
   * Replaces everything the given sources held with these assets and statements, in one
   * transaction: a re-import of a source replaces its assets, and a failed import changes nothing.
   */
  replaceSources(sources: readonly string[], assets: readonly AssetRow[], vex: readonly VexRow[]): Promise<{ removed: number }>;
  /** Removes assets by id, or every asset (and VEX statement) of a source; resolves to how many assets went. */
  remove(opts: { asset_ids?: readonly string[]; source?: string }): Promise<number>;
  /** A page of assets (JSON data), ordered by source and name, and the total. */
  list(q: AssetQuery): Promise<{ total: number; assets: string[] }>;
  count(): Promise<number>;
  /** Assets by id, or by the caller's own id (the `id` field) when no asset_id matches. */
  get(idOrOwnId: string): Promise<string[]>;
  /** Assets that share a name, purl or CPE key with any of the given keys. */
  assetsByKeys(keys: ProductKeys): Promise<string[]>;
  /** Every asset (JSON data), a page at a time, for the report. */
  allAssets(pageSize?: number): AsyncIterable<string[]>;
  /** VEX statements about these CVEs. */
  vexFor(cves: readonly string[]): Promise<VexRow[]>;
  /** Replaces the product rows of these stories (stored stories indexed after the fact). */
  indexAdvisories(stories: readonly AdvisoryIndexEntry[]): Promise<void>;
  /** Whether the advisory product index was built by this version (else the caller re-indexes stored stories). */
  advisoryIndexCurrent(): Promise<boolean>;
  markAdvisoryIndexCurrent(): Promise<void>;
  /** Product rows of one story. */
  advisoryProducts(storyId: string): Promise<{ story_id: string; data: string }[]>;
  /** Product rows (of any story) that share a name, purl or CPE key with the given keys. */
  advisoryProductsByKeys(keys: ProductKeys): Promise<{ story_id: string; data: string }[]>;
}
