import type { ProductStatus } from '../story/schema.js';
import type { AdvisoryProduct } from './advisories.js';
import { fullNameKey, nameKey } from './advisories.js';
import { normalizeVendor, purlKey, type Asset } from './assets.js';
import { cpeKey, parseCpe } from './cpe.js';
import { aboveRange, compareVersions, inRange, isRangeFailure, parseRange, parseVersion, type VersionRange } from './versions.js';

export const verdicts = ['affected', 'not_affected', 'fixed', 'unknown'] as const;
export type Verdict = (typeof verdicts)[number];
export const confidences = ['exact', 'high', 'low'] as const;
export type Confidence = (typeof confidences)[number];
/** Ranks confidences: exact 2, high 1, low 0. */
export const confidenceRank = (c: Confidence) => 2 - confidences.indexOf(c);

/** How an asset was recognised as an advisory's product, strongest first. */
export type Evidence = 'purl' | 'cpe' | 'vendor+product' | 'name';
const EVIDENCE_RANK: Record<Evidence, number> = { purl: 3, cpe: 2, 'vendor+product': 1, name: 0 };

/** The keys an asset is looked up by. */
export interface AssetKeys {
  name_norm: string;
  vendor_norm: string;
  purl_key: string | null;
  cpe_key: string | null;
}

/** An asset's lookup keys (name without its vendor prefix, normalized vendor, purl and CPE keys). */
export function assetKeys(a: Pick<Asset, 'name' | 'vendor' | 'purl' | 'cpe'>): AssetKeys {
  const cpe = a.cpe ? parseCpe(a.cpe) : null;
  return {
    name_norm: nameKey(a.name, a.vendor),
    vendor_norm: a.vendor ? normalizeVendor(a.vendor) : '',
    purl_key: a.purl ? (purlKey(a.purl)?.key ?? null) : null,
    cpe_key: cpe ? cpeKey(cpe) : null,
  };
}

/**
 * Whether two normalized vendor names name one vendor: equal, or every word of the shorter is in
 * the longer ("johnson controls" and "exacq johnson controls", as advisories name subsidiaries).
 */
export function sameVendor(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const words = new Set(long.split(' '));
  const need = short.split(' ').filter(Boolean);
  return need.length > 0 && need.every((w) => words.has(w));
}

/** Whether, and how, an asset is the advisory's product; null when it is another product. */
export function identify(asset: Asset, product: AdvisoryProduct): Evidence | null {
  const a = assetKeys(asset);
  const p = assetKeys(product);
  if (a.purl_key && p.purl_key) return a.purl_key === p.purl_key ? 'purl' : null;
  // Two CPEs that disagree on vendor:product name two products, whatever the names say.
  if (a.cpe_key && p.cpe_key) return a.cpe_key === p.cpe_key ? 'cpe' : null;
  if (!a.name_norm) return null;
  // An asset without a vendor may carry it in its name ("Digi One IA").
  if (a.name_norm !== p.name_norm) return !a.vendor_norm && a.name_norm === fullNameKey(product) ? 'name' : null;
  if (a.vendor_norm && p.vendor_norm) return sameVendor(a.vendor_norm, p.vendor_norm) ? 'vendor+product' : null;
  return 'name';
}

/** What one advisory product's status says about an asset for one CVE; null when it says nothing. */
interface Claim {
  verdict: Verdict;
  decided: boolean;
  evidence: Evidence;
  product: AdvisoryProduct;
  status: ProductStatus;
  why: string;
}

const AFFECTED = new Set<ProductStatus>(['known_affected', 'first_affected', 'last_affected']);
const FIXED = new Set<ProductStatus>(['fixed', 'first_fixed']);

/** The product's versions as a range: its range, or its exact version (first_fixed: that version and later). */
function productRange(p: AdvisoryProduct, status: ProductStatus): VersionRange | string | null {
  if (p.range) {
    const r = parseRange(p.range);
    return isRangeFailure(r) ? `the advisory's range "${p.range}" cannot be read (${r.reason})` : r;
  }
  if (p.version) {
    const r = parseRange(`${status === 'first_fixed' ? '>=' : ''}${p.version}`);
    return isRangeFailure(r) ? `the advisory's version "${p.version}" cannot be read` : r;
  }
  return null;
}

/** The claim one advisory product's status for one CVE makes about an asset. */
export function claim(asset: Asset, product: AdvisoryProduct, status: ProductStatus, evidence: Evidence): Claim | null {
  const which = product.range ?? product.version ?? 'all versions';
  const id = `${evidence === 'name' ? 'name' : evidence} matches "${product.label}"`;
  const label = status.replace(/_/g, ' ');
  const base = { evidence, product, status };
  const affected = AFFECTED.has(status);
  const fixed = FIXED.has(status);
  if (!affected && !fixed && status !== 'known_not_affected' && status !== 'under_investigation') return null;
  const range = productRange(product, status);
  const version = asset.version ? parseVersion(asset.version) : null;
  const undecided = (reason: string): Claim | null =>
    affected || status === 'under_investigation' ? { ...base, verdict: 'unknown', decided: false, why: `${id}, ${label}; ${reason}` } : null;
  if (status === 'under_investigation') return undecided('the vendor is still investigating');
  if (range === null) {
    // The advisory names the product without any version: the status is for the product as a whole.
    return { ...base, verdict: affected ? 'affected' : fixed ? 'fixed' : 'not_affected', decided: false, why: `${id}, ${label}; the advisory gives no version for it` };
  }
  if (typeof range === 'string') return undecided(range);
  if (!asset.version) return undecided('the asset has no version');
  if (!version) return undecided(`the asset's version "${asset.version}" cannot be read`);
  const inside = inRange(version, range);
  if (affected) {
    if (inside) return { ...base, verdict: 'affected', decided: true, why: `${id}; version ${asset.version} is within ${which} (${label})` };
    if (aboveRange(version, range)) return { ...base, verdict: 'fixed', decided: true, why: `${id}; version ${asset.version} is at or above the fixed version (affected: ${which})` };
    // Only exact versions listed, or a range with a lower bound the asset is below.
    const exact = !product.range;
    return { ...base, verdict: 'not_affected', decided: !exact, why: `${id}; version ${asset.version} is outside the affected ${exact ? 'version' : 'range'} ${which}` };
  }
  if (!inside) return null;
  return fixed
    ? { ...base, verdict: 'fixed', decided: true, why: `${id}; version ${asset.version} is a fixed version (${which}, ${label})` }
    : { ...base, verdict: 'not_affected', decided: true, why: `${id}; version ${asset.version} is known not affected (${which})` };
}

const VERDICT_RANK: Record<Verdict, number> = { affected: 3, unknown: 2, fixed: 1, not_affected: 0 };

/** The stronger of two claims about one asset and CVE: decided first, then stronger evidence, then the graver verdict. */
function better(a: Claim, b: Claim): Claim {
  if (a.decided !== b.decided) return a.decided ? a : b;
  if (EVIDENCE_RANK[a.evidence] !== EVIDENCE_RANK[b.evidence]) return EVIDENCE_RANK[a.evidence] > EVIDENCE_RANK[b.evidence] ? a : b;
  return VERDICT_RANK[a.verdict] >= VERDICT_RANK[b.verdict] ? a : b;
}

/** exact: purl or CPE with the version decided; high: vendor + product with the version decided; low otherwise. */
export function confidenceOf(c: Pick<Claim, 'decided' | 'evidence'>): Confidence {
  if (!c.decided) return 'low';
  if (c.evidence === 'purl' || c.evidence === 'cpe') return 'exact';
  return c.evidence === 'vendor+product' ? 'high' : 'low';
}

/** One asset's verdict for one CVE of one advisory. */
export interface CveVerdict {
  asset: Asset;
  story_id: string;
  cve: string;
  cvss: number | null;
  verdict: Verdict;
  confidence: Confidence;
  product: AdvisoryProduct;
  why: string;
}

/**
 * The verdict for each (asset, story, CVE) from the advisory products that name the asset:
 * the strongest claim wins (decided over undecided, purl > CPE > vendor + product > name).
 */
export function verdictsFor(assets: readonly Asset[], products: readonly AdvisoryProduct[]): CveVerdict[] {
  const best = new Map<string, { claim: Claim; asset: Asset; cve: string; cvss: number | null }>();
  for (const asset of assets) {
    for (const p of products) {
      const evidence = identify(asset, p);
      if (!evidence) continue;
      for (const s of p.statuses) {
        const c = claim(asset, p, s.status, evidence);
        if (!c) continue;
        const key = `${asset.source}\0${asset.key}\0${p.story_id}\0${s.cve}`;
        const prev = best.get(key);
        best.set(key, { claim: prev ? better(prev.claim, c) : c, asset, cve: s.cve, cvss: s.cvss });
      }
    }
  }
  return [...best.values()].map(({ claim: c, asset, cve, cvss }) => ({
    asset,
    story_id: c.product.story_id,
    cve,
    cvss,
    verdict: c.verdict,
    confidence: confidenceOf(c),
    product: c.product,
    why: c.why,
  }));
}

/** Whether a version-bearing identifier (a purl's or CPE's version, when given) fits the asset's version. */
export function versionFits(assetVersion: string | undefined, stated: string | null): boolean {
  if (!stated) return true;
  if (!assetVersion) return false;
  const a = parseVersion(assetVersion);
  const b = parseVersion(stated);
  return a && b ? compareVersions(a, b) === 0 : assetVersion === stated;
}
