import { PackageURL } from 'packageurl-js';
import { z } from 'zod';
import { parseCpe } from './cpe.js';

/** One item of a user's inventory, as a reader or a caller gives it. */
export const assetInputSchema = z.strictObject({
  id: z.string().trim().min(1).max(200).optional().describe('Your own id for the asset (keeps it stable across re-imports)'),
  name: z.string({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be text') }).trim().min(1, 'is required').max(500).describe('Product or component name'),
  version: z.string().trim().min(1).max(200).optional().describe('Installed version, as written on the device or package'),
  vendor: z.string().trim().min(1).max(300).optional().describe('Vendor or supplier'),
  purl: z.string().trim().min(1).max(1_000).optional().describe('Package URL, e.g. pkg:npm/lodash@4.17.20'),
  cpe: z.string().trim().min(1).max(1_000).optional().describe('CPE 2.3 name, e.g. cpe:2.3:o:siemens:simatic_s7-1500_firmware:2.9.2:*:*:*:*:*:*:*'),
  owner: z.string().trim().min(1).max(200).optional().describe('Who owns it'),
  location: z.string().trim().min(1).max(300).optional().describe('Where it runs'),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).optional().describe('Free tags'),
});
export type AssetInput = z.infer<typeof assetInputSchema>;

/** An asset as stored: the input, the source it came from, and its stable key within that source. */
export interface Asset extends AssetInput {
  /** The source's key for it: its id, else its purl, else vendor + name + version. */
  key: string;
  source: string;
}

/** Lower case, punctuation to spaces, corporate suffixes dropped: how names are compared. */
export function normalizeProductName(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[®™©]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Corporate suffixes and words vendors add or drop ("Siemens AG", "Rockwell Automation, Inc.").
const VENDOR_SUFFIX = /\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|ag|sa|se|s a|plc|bv|b v|nv|oy|ab|as|kk|k k|spa|srl|pty|group|holdings?|international|technologies|technology)\b/g;
// Vendors known under more than one name in advisories and inventories.
const VENDOR_ALIASES: Record<string, string> = {
  'rockwell automation': 'rockwell',
  'rockwell automation allen bradley': 'rockwell',
  'allen bradley': 'rockwell',
  'schneider': 'schneider electric',
  'hitachi energy': 'hitachi energy',
  'abb power grids': 'hitachi energy',
  'mitsubishi': 'mitsubishi electric',
  'ge': 'general electric',
  'ge digital': 'general electric',
  'ge vernova': 'general electric',
  'phoenix': 'phoenix contact',
  'johnson controls': 'johnson controls',
  'jci': 'johnson controls',
  'delta': 'delta electronics',
};

/** A vendor name reduced to what identifies the vendor. */
export function normalizeVendor(s: string): string {
  const n = normalizeProductName(s).replace(VENDOR_SUFFIX, ' ').replace(/\s+/g, ' ').trim();
  return VENDOR_ALIASES[n] ?? n;
}

/** type/namespace/name of a purl, lower-cased where the purl spec says names are case-insensitive. */
export function purlKey(purl: string): { key: string; version: string | null } | null {
  try {
    const p = PackageURL.fromString(purl);
    const ns = p.namespace ? `${p.namespace}/` : '';
    return { key: `${p.type}/${ns}${p.name}`.toLowerCase(), version: p.version ?? null };
  } catch {
    return null;
  }
}

/**
 * Validates identifiers and fills vendor and version from them where the item leaves them out
 * (a purl's version, a CPE's vendor and version). Returns the item or a message.
 */
export function completeAsset(a: AssetInput): AssetInput | string {
  const out = { ...a };
  if (a.purl) {
    const p = purlKey(a.purl);
    if (!p) return `purl "${a.purl.slice(0, 200)}" is not a valid package URL`;
    if (!out.version && p.version) out.version = p.version;
  }
  if (a.cpe) {
    const c = parseCpe(a.cpe);
    if (!c) return `cpe "${a.cpe.slice(0, 200)}" is not a CPE 2.3 name`;
    if (!out.version && c.version) out.version = c.version;
    if (!out.vendor) out.vendor = c.vendor;
  }
  return out;
}

/** An asset's key within its source: its id, else its purl, else vendor + name + version. */
export function assetKey(a: AssetInput): string {
  if (a.id) return `id:${a.id}`;
  if (a.purl) return `purl:${a.purl}`;
  return `nv:${normalizeVendor(a.vendor ?? '')}|${normalizeProductName(a.name)}|${a.version ?? ''}`;
}
