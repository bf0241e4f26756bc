import type { AdvisoryProductRow } from '../store/assets.js';
import { productLabel } from '../story/facts.js';
import type { ProductStatus, Story } from '../story/schema.js';
import { normalizeProductName, normalizeVendor, purlKey } from './assets.js';
import { cpeKey, parseCpe } from './cpe.js';

/** One product of an advisory, as matching reads it: identity, version or range, and status per CVE. */
export interface AdvisoryProduct {
  story_id: string;
  product_id: string;
  vendor?: string;
  name: string;
  version?: string;
  range?: string;
  cpe?: string;
  purl?: string;
  /** How the advisory's facts name it (productLabel), to find the passage citing it. */
  label: string;
  statuses: { cve: string; status: ProductStatus; cvss: number | null }[];
  published: string | null;
}

/**
 * A product name as compared: normalized, with parenthesized notes dropped ("(6GK7443-1EX30-0XE0)",
 * "(incl. SIPLUS variants)") and the vendor's name dropped from its front ("Siemens SIMATIC S7" ->
 * "simatic s7").
 */
export function nameKey(name: string, vendor: string | undefined): string {
  const n = normalizeProductName(name.replace(/\([^()]*\)/g, ' '));
  if (!vendor) return n;
  const v = normalizeProductName(vendor);
  const short = normalizeVendor(vendor);
  for (const prefix of [v, short]) if (prefix && n.startsWith(`${prefix} `)) return n.slice(prefix.length + 1);
  return n;
}

/** The name with the vendor in front ("digi one ia"), as an inventory without a vendor column may name it. */
export const fullNameKey = (p: { name: string; vendor?: string | undefined }) => {
  const name = nameKey(p.name, p.vendor);
  return p.vendor ? `${normalizeVendor(p.vendor)} ${name}` : name;
};

/**
 * The advisory products of a story that some vulnerability gives a status, with their keys:
 * what exposure stores at ingest, so queries never re-read the advisory.
 */
export function advisoryProducts(story: Story): AdvisoryProduct[] {
  const products = story.products ?? [];
  if (products.length === 0) return [];
  const statuses = new Map<string, AdvisoryProduct['statuses']>();
  for (const v of story.vulnerabilities ?? []) {
    if (!v.cve) continue;
    const cvss = v.cvss.length ? Math.max(...v.cvss.map((c) => c.base_score)) : null;
    for (const [status, ids] of Object.entries(v.product_status) as [ProductStatus, string[]][]) {
      for (const id of ids) {
        const list = statuses.get(id) ?? [];
        list.push({ cve: v.cve.toUpperCase(), status, cvss });
        statuses.set(id, list);
      }
    }
  }
  return products.flatMap((p) => {
    const s = statuses.get(p.id);
    if (!s) return [];
    return [
      {
        story_id: story.id,
        product_id: p.id,
        ...(p.vendor ? { vendor: p.vendor } : {}),
        name: p.name,
        ...(p.version ? { version: p.version } : {}),
        ...(p.range ? { range: p.range } : {}),
        ...(p.cpe ? { cpe: p.cpe } : {}),
        ...(p.purl ? { purl: p.purl } : {}),
        label: productLabel(p),
        statuses: s,
        published: story.updated ?? story.published ?? null,
      },
    ];
  });
}

/** The rows the store keeps for a story's advisory products. */
export function advisoryRows(story: Story): AdvisoryProductRow[] {
  return advisoryProducts(story).map((p) => {
    const cpe = p.cpe ? parseCpe(p.cpe) : null;
    const name = nameKey(p.name, p.vendor);
    return {
      product_id: p.product_id,
      name_norm: name,
      full_norm: fullNameKey(p),
      purl_key: p.purl ? (purlKey(p.purl)?.key ?? null) : null,
      cpe_key: cpe ? cpeKey(cpe) : null,
      data: JSON.stringify(p),
    };
  });
}
