import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { Passage } from '../story/passage.js';
import type { AssetRepo, AssetRow, VexRow } from '../store/assets.js';
import type { Store } from '../store/store.js';
import type { StoryChange, WriteTx } from '../store/types.js';
import { advisoryRows, fullNameKey, type AdvisoryProduct } from './advisories.js';
import { assetInputSchema, assetKey, completeAsset, purlKey, type Asset, type AssetInput } from './assets.js';
import { cpeKey, parseCpe } from './cpe.js';
import { assetKeys, confidenceRank, verdictsFor, versionFits, type Confidence, type CveVerdict, type Verdict } from './match.js';
import { InventoryError, MAX_INVENTORY_BYTES, readInventory, type VexStatement } from './readers.js';

/** One cited verdict: an asset, the advisory product it is, and what the advisory says for these CVEs. */
export interface ExposureMatch {
  asset_id: string;
  asset_name: string;
  asset_version: string | null;
  story_id: string;
  story_title: string;
  cves: string[];
  product_id: string;
  product_name: string;
  /** The advisory's version or range for the product, as written. */
  range: string | null;
  verdict: Verdict;
  confidence: Confidence;
  why: string;
  /** The passage naming the product and its status; null when the story has none. */
  citation_id: string | null;
  /** Highest CVSS base score the advisory gives these CVEs. */
  cvss: number | null;
  kev?: { cves: string[]; date_added: string; due_date: string };
  /** The user's own VEX statement that overrode the advisory's verdict. */
  vex?: { status: VexStatement['status']; justification?: string; source: string };
}

/** What an import did. */
export interface ImportResult {
  sources: { source: string; format: string; assets: number; vex_statements: number; replaced: number }[];
  assets: number;
}

/** An asset as listed. */
export type StoredAsset = Asset & { asset_id: string };

const assetId = (source: string, key: string) => `a_${createHash('sha256').update(`${source}\0${key}`).digest('hex').slice(0, 16)}`;
const MAX_CHECK_ASSETS = 100_000;

/** The reads a verdict needs: the Store's, or the write transaction's when a write hook asks. */
type ExposureReads = Pick<WriteTx, 'assetsByKeys' | 'vexFor' | 'storyHeads' | 'passagesOf' | 'kevFor'>;

/**
 * Exposure: the user's inventory against the product status of stored advisories. Imports
 * replace a source's assets atomically; checks give one cited, confidence-marked verdict per
 * asset, advisory product and verdict, KEV entries first, the user's VEX statements applied.
 */
export class ExposureService {
  private readonly assets: AssetRepo;
  private readonly reads: ExposureReads;

  constructor(private readonly stories: Store) {
    this.assets = stories.assets;
    this.reads = {
      assetsByKeys: (keys) => stories.assets.assetsByKeys(keys),
      vexFor: (cves) => stories.assets.vexFor(cves),
      storyHeads: (ids) => stories.storyHeads(ids),
      passagesOf: (id) => stories.passagesOf(id),
      kevFor: (cves) => stories.kevFor(cves),
    };
  }

  /** Keeps the advisory product index in step with story writes (a Store write hook, in its transaction). */
  async onStoriesWritten(changes: readonly StoryChange[], tx: WriteTx): Promise<void> {
    await tx.indexAdvisories(changes.map((c) => ({ story_id: c.story.id, rows: advisoryRows(c.story) })));
  }

  /** Indexes stored advisories written before this index existed (once per store). */
  async ensureIndexed(): Promise<void> {
    if (await this.assets.advisoryIndexCurrent()) return;
    const batch: { story_id: string; rows: ReturnType<typeof advisoryRows> }[] = [];
    for (const id of await this.stories.storyIds()) {
      const s = (await this.stories.getStory(id))?.story;
      if (s) batch.push({ story_id: id, rows: advisoryRows(s) });
    }
    await this.assets.indexAdvisories(batch);
    await this.assets.markAdvisoryIndexCurrent();
  }

  /**
   * Imports inventory files (CycloneDX, SPDX, CSV, CPE/purl lists, OpenVEX). Each file is a
   * source named by `source` (one file only) or its file name; re-importing a source replaces
   * its assets. Every file is read and checked first: any problem in any file imports nothing.
   */
  async importFiles(files: readonly string[], opts: { source?: string } = {}): Promise<ImportResult> {
    if (files.length === 0) throw new UserError('no files given');
    if (opts.source && files.length > 1) throw new UserError('a source name goes with one file');
    const problems: string[] = [];
    const parts: { source: string; format: string; assets: AssetInput[]; vex: VexStatement[] }[] = [];
    for (const f of files) {
      const name = path.basename(f);
      try {
        const st = await stat(f).catch(() => null);
        if (!st || !st.isFile()) throw new InventoryError(name, ['does not exist or is not a file']);
        if (st.size > MAX_INVENTORY_BYTES) throw new InventoryError(name, [`is larger than ${MAX_INVENTORY_BYTES / 1024 / 1024} MB`]);
        const inv = readInventory(f, await readFile(f, 'utf8'));
        parts.push({ source: opts.source ?? name, format: inv.format, assets: inv.assets, vex: inv.vex });
      } catch (err) {
        if (!(err instanceof InventoryError)) throw err;
        problems.push(err.message);
      }
    }
    if (problems.length) throw new UserError(`nothing imported; fix these and try again:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    return this.write(parts);
  }

  /** Imports items given inline as one source; any bad item imports nothing. */
  async importItems(source: string, items: readonly unknown[], format = 'inline'): Promise<ImportResult> {
    const problems: string[] = [];
    const assets: AssetInput[] = [];
    items.forEach((raw, i) => {
      const p = assetInputSchema.safeParse(raw);
      if (!p.success) return void problems.push(`items[${i}]: ${p.error.issues[0]?.path.join('.') ?? ''} ${p.error.issues[0]?.message ?? 'invalid'}`.replace(/\s+/g, ' '));
      const done = completeAsset(p.data);
      if (typeof done === 'string') problems.push(`items[${i}]: ${done}`);
      else assets.push(done);
    });
    if (problems.length) throw new UserError(`nothing imported; fix these and try again:\n${problems.slice(0, 50).map((p) => `- ${p}`).join('\n')}`);
    return this.write([{ source, format, assets, vex: [] }]);
  }

  private async write(parts: readonly { source: string; format: string; assets: AssetInput[]; vex: VexStatement[] }[]): Promise<ImportResult> {
    const rows: AssetRow[] = [];
    const vexRows: VexRow[] = [];
    const result: ImportResult = { sources: [], assets: 0 };
    for (const part of parts) {
      const keys = new Set<string>();
      for (const a of part.assets) {
        const key = assetKey(a);
        keys.add(key);
        const k = assetKeys(a);
        const asset_id = assetId(part.source, key);
        rows.push({ asset_id, source: part.source, key, ...k, data: JSON.stringify({ asset_id, source: part.source, key, ...a }) });
      }
      for (const v of part.vex) {
        const cpe = v.product.cpe ? parseCpe(v.product.cpe) : null;
        vexRows.push({
          source: part.source,
          cve: v.cve,
          purl_key: v.product.purl ? (purlKey(v.product.purl)?.key ?? null) : null,
          cpe_key: cpe ? cpeKey(cpe) : null,
          asset_key: v.product.asset_key ?? null,
          data: JSON.stringify(v),
        });
      }
      result.sources.push({ source: part.source, format: part.format, assets: keys.size, vex_statements: part.vex.length, replaced: 0 });
      result.assets += keys.size;
    }
    // One transaction for every source: all of it is imported, or none.
    const sources = parts.map((p) => p.source);
    const { removed } = await this.assets.replaceSources(sources, rows, vexRows);
    if (result.sources.length === 1) result.sources[0]!.replaced = removed;
    return result;
  }

  /** A page of assets. */
  async list(q: { source?: string; text?: string; offset: number; limit: number }): Promise<{ total: number; assets: StoredAsset[] }> {
    const r = await this.assets.list(q);
    return { total: r.total, assets: r.assets.map((d) => JSON.parse(d) as StoredAsset) };
  }

  /** Removes assets by id or a whole source; returns how many went. */
  async remove(opts: { asset_ids?: readonly string[]; source?: string }): Promise<number> {
    if (!opts.asset_ids?.length && !opts.source) throw new UserError('give asset ids or a source to remove');
    return this.assets.remove(opts);
  }

  /**
   * Verdicts for stored assets against stored advisories, narrowed by story, CVE and/or asset
   * (at least one). Sorted: KEV first, then affected, confidence, CVSS and date.
   */
  async check(q: { story_id?: string; cve?: string; asset_id?: string }): Promise<ExposureMatch[]> {
    if (!q.story_id && !q.cve && !q.asset_id) throw new UserError('give a story_id, a cve or an asset_id');
    await this.ensureIndexed();
    const cve = q.cve?.toUpperCase();
    let assets: StoredAsset[] | null = null;
    if (q.asset_id) {
      assets = (await this.assets.get(q.asset_id)).map((d) => JSON.parse(d) as StoredAsset);
      if (assets.length === 0) throw new UserError(`no asset "${q.asset_id}"; list_assets shows the ids`);
    }
    let products: AdvisoryProduct[];
    if (q.story_id || cve) {
      const storyIds = q.story_id ? [q.story_id] : await this.stories.storiesNamingCve(cve!);
      if (q.story_id && !(await this.stories.storyHash(q.story_id))) throw new UserError(`no story "${q.story_id}"; list_stories shows the ids`);
      products = [];
      for (const id of storyIds) products.push(...(await this.assets.advisoryProducts(id)).map((r) => JSON.parse(r.data) as AdvisoryProduct));
    } else {
      products = await this.productsFor(assets ?? []);
    }
    if (cve) products = products.filter((p) => p.statuses.some((s) => s.cve === cve));
    assets ??= await this.assetsFor(products, this.reads);
    const verdicts = verdictsFor(assets, products).filter((v) => !cve || v.cve === cve);
    return this.present(verdicts, this.reads);
  }

  /** Assets ranked by risk: those an advisory affects, KEV first, then CVSS, then date; each with its matches. */
  async report(q: { since?: string; kev_only?: boolean; min_confidence?: Confidence }): Promise<{ asset: StoredAsset; risk: { kev: boolean; cvss: number | null; latest: string | null }; matches: ExposureMatch[] }[]> {
    await this.ensureIndexed();
    const min = confidenceRank(q.min_confidence ?? 'high');
    const byAsset = new Map<string, { asset: StoredAsset; matches: ExposureMatch[] }>();
    for await (const page of this.assets.allAssets()) {
      const assets = page.map((d) => JSON.parse(d) as StoredAsset);
      let products = await this.productsFor(assets);
      if (q.since) products = products.filter((p) => (p.published ?? '') >= q.since!);
      const matches = (await this.present(verdictsFor(assets, products), this.reads)).filter(
        (m) => m.verdict === 'affected' && confidenceRank(m.confidence) >= min && (!q.kev_only || m.kev),
      );
      const byId = new Map(assets.map((a) => [a.asset_id, a]));
      for (const m of matches) {
        const entry = byAsset.get(m.asset_id) ?? { asset: byId.get(m.asset_id)!, matches: [] };
        entry.matches.push(m);
        byAsset.set(m.asset_id, entry);
      }
    }
    const heads = await this.stories.storyHeads([...byAsset.values()].flatMap((e) => e.matches.map((m) => m.story_id)));
    const ranked = [...byAsset.values()].map((e) => ({
      ...e,
      risk: {
        kev: e.matches.some((m) => m.kev),
        cvss: Math.max(-1, ...e.matches.map((m) => m.cvss ?? -1)) >= 0 ? Math.max(...e.matches.map((m) => m.cvss ?? -1)) : null,
        latest: e.matches.map((m) => heads.get(m.story_id)?.updated ?? heads.get(m.story_id)?.published ?? null).filter((d): d is string => !!d).sort().pop() ?? null,
      },
    }));
    return ranked.sort(
      (a, b) => Number(b.risk.kev) - Number(a.risk.kev) || (b.risk.cvss ?? -1) - (a.risk.cvss ?? -1) || (b.risk.latest ?? '').localeCompare(a.risk.latest ?? '') || a.asset.name.localeCompare(b.asset.name),
    );
  }

  /**
   * Verdicts for the advisory products of one story (as written now) against stored assets,
   * for subscriptions: read through the write transaction that is recording the story.
   */
  async matchStory(change: StoryChange, tx: WriteTx): Promise<ExposureMatch[]> {
    const products = advisoryRows(change.story).map((r) => JSON.parse(r.data) as AdvisoryProduct);
    if (products.length === 0) return [];
    return this.present(verdictsFor(await this.assetsFor(products, tx), products), tx);
  }

  /** Whether any asset is stored. */
  async hasAssets(): Promise<boolean> {
    return (await this.assets.count()) > 0;
  }

  private async assetsFor(products: readonly AdvisoryProduct[], reads: ExposureReads): Promise<StoredAsset[]> {
    const keys = products.map((p) => assetKeys(p));
    const found = await reads.assetsByKeys({
      names: [...new Set([...keys.map((k) => k.name_norm), ...products.map(fullNameKey)])],
      purls: [...new Set(keys.flatMap((k) => k.purl_key ?? []))],
      cpes: [...new Set(keys.flatMap((k) => k.cpe_key ?? []))],
    });
    if (found.length > MAX_CHECK_ASSETS) throw new UserError(`more than ${MAX_CHECK_ASSETS} assets match; narrow the check with an asset_id`);
    return found.map((d) => JSON.parse(d) as StoredAsset);
  }

  private async productsFor(assets: readonly Asset[]): Promise<AdvisoryProduct[]> {
    const keys = assets.map((a) => assetKeys(a));
    const rows = await this.assets.advisoryProductsByKeys({
      names: [...new Set(keys.map((k) => k.name_norm))],
      purls: [...new Set(keys.flatMap((k) => k.purl_key ?? []))],
      cpes: [...new Set(keys.flatMap((k) => k.cpe_key ?? []))],
    });
    return rows.map((r) => JSON.parse(r.data) as AdvisoryProduct);
  }

  /** Applies VEX, groups CVEs per asset, story, product and verdict, adds citations and KEV, and sorts. */
  private async present(verdicts: readonly CveVerdict[], reads: ExposureReads): Promise<ExposureMatch[]> {
    const vex = (await reads.vexFor([...new Set(verdicts.map((v) => v.cve))])).map((r) => ({ row: r, stmt: JSON.parse(r.data) as VexStatement }));
    const groups = new Map<string, ExposureMatch>();
    const passages = new Map<string, Passage[]>();
    const heads = await reads.storyHeads(verdicts.map((v) => v.story_id));
    for (const v of verdicts) {
      const a = v.asset as StoredAsset;
      const k = assetKeys(a);
      const own = vex.find(({ row, stmt }) => {
        if (row.cve !== v.cve) return false;
        if (row.purl_key) return row.purl_key === k.purl_key && versionFits(a.version, stmt.product.purl ? (purlKey(stmt.product.purl)?.version ?? null) : null);
        if (row.cpe_key) return row.cpe_key === k.cpe_key && versionFits(a.version, stmt.product.cpe ? (parseCpe(stmt.product.cpe)?.version ?? null) : null);
        return row.asset_key === a.key && row.source === a.source;
      });
      const verdict: Verdict = own ? (own.stmt.status === 'under_investigation' ? 'unknown' : own.stmt.status) : v.verdict;
      const why = own ? `your VEX statement (${own.row.source}) says ${own.stmt.status.replace(/_/g, ' ')}${own.stmt.justification ? ` (${own.stmt.justification})` : ''}; the advisory alone: ${v.verdict} — ${v.why}` : v.why;
      const key = [a.asset_id, v.story_id, v.product.product_id, verdict, v.confidence, own ? 'vex' : ''].join('\0');
      const g = groups.get(key);
      if (g) {
        g.cves.push(v.cve);
        if (v.cvss !== null && (g.cvss === null || v.cvss > g.cvss)) g.cvss = v.cvss;
        continue;
      }
      if (!passages.has(v.story_id)) passages.set(v.story_id, await reads.passagesOf(v.story_id));
      groups.set(key, {
        asset_id: a.asset_id,
        asset_name: a.name,
        asset_version: a.version ?? null,
        story_id: v.story_id,
        story_title: heads.get(v.story_id)?.title ?? v.story_id,
        cves: [v.cve],
        product_id: v.product.product_id,
        product_name: v.product.label,
        range: v.product.range ?? v.product.version ?? null,
        verdict,
        confidence: v.confidence,
        why,
        citation_id: citationFor(passages.get(v.story_id)!, v.cve, v.product),
        cvss: v.cvss,
        ...(own ? { vex: { status: own.stmt.status, ...(own.stmt.justification ? { justification: own.stmt.justification } : {}), source: own.row.source } } : {}),
      });
    }
    const out = [...groups.values()];
    for (const m of out) {
      m.cves.sort();
      const kev = await reads.kevFor(m.cves);
      if (kev.length) {
        m.kev = {
          cves: kev.map((e) => e.cveID),
          date_added: kev.map((e) => e.dateAdded).sort()[0]!,
          due_date: kev.map((e) => e.dueDate).sort()[0]!,
        };
      }
    }
    const vr: Record<Verdict, number> = { affected: 0, unknown: 1, fixed: 2, not_affected: 3 };
    return out.sort(
      (a, b) =>
        Number(!!b.kev) - Number(!!a.kev) ||
        vr[a.verdict] - vr[b.verdict] ||
        confidenceRank(b.confidence) - confidenceRank(a.confidence) ||
        (b.cvss ?? -1) - (a.cvss ?? -1) ||
        a.asset_name.localeCompare(b.asset_name) ||
        a.story_id.localeCompare(b.story_id),
    );
  }
}

/**
 * The passage that names the product and its status for the CVE (the vulnerability fact line),
 * else any passage naming the product, else the CVE's fact line.
 */
function citationFor(passages: readonly Passage[], cve: string, product: AdvisoryProduct): string | null {
  // The CVE's fact line, and its continuation lines for products past the first 40.
  const facts = passages.filter((p) => p.kind === 'vulnerability' && (p.text.startsWith(`${cve}:`) || p.text.startsWith(`${cve},`)));
  return (
    facts.find((p) => p.text.includes(product.label)) ??
    passages.find((p) => p.text.includes(product.label)) ??
    facts[0] ??
    null
  )?.citation_id ?? null;
}
