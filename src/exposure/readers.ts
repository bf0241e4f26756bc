import path from 'node:path';
import { z } from 'zod';
import { StorylineError } from '../errors.js';
import { assetInputSchema, assetKey, completeAsset, purlKey, type AssetInput } from './assets.js';
import { parseCpe } from './cpe.js';
import { parseCsv } from './csv.js';

/** A VEX statement: what the user's own analysis says about a product and a vulnerability. */
export interface VexStatement {
  cve: string;
  status: 'not_affected' | 'fixed' | 'affected' | 'under_investigation';
  /** How the statement names the product: a purl, a CPE, or the key of an asset in the same import. */
  product: { purl?: string; cpe?: string; asset_key?: string };
  justification?: string;
}

/** What one inventory file holds. */
export interface Inventory {
  format: 'cyclonedx' | 'spdx' | 'csv' | 'list' | 'openvex';
  assets: AssetInput[];
  vex: VexStatement[];
}

/** A file that cannot be imported, with every problem found (row by row), so it can be fixed in one go. */
export class InventoryError extends StorylineError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 20);
    super('input', `${file}: ${shown.join('; ')}${problems.length > shown.length ? `; and ${problems.length - shown.length} more problems` : ''}`);
  }
}

/** Inventory files are at most this large (a 100,000-component CycloneDX SBOM is about 30 MB). */
export const MAX_INVENTORY_BYTES = 256 * 1024 * 1024;
/** The most assets one import takes. */
export const MAX_ASSETS = 500_000;

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const CVE = /^CVE-\d{4}-\d{4,}$/i;

/** Collects problems while items are read; at the end, either all items or an InventoryError. */
class Collector {
  readonly assets: AssetInput[] = [];
  readonly problems: string[] = [];
  add(where: string, raw: Record<string, unknown>): void {
    if (this.assets.length >= MAX_ASSETS) {
      if (this.problems.length === 0 || !this.problems[this.problems.length - 1]!.startsWith('more than')) this.problems.push(`more than ${MAX_ASSETS} assets`);
      return;
    }
    const clean = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
    const parsed = assetInputSchema.safeParse(clean);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      this.problems.push(`${where}: ${i.path.length ? `${i.path.join('.')} ` : ''}${i.message}`);
      return;
    }
    const done = completeAsset(parsed.data);
    if (typeof done === 'string') this.problems.push(`${where}: ${done}`);
    else this.assets.push(done);
  }
}

// CycloneDX 1.4-1.6: components[] (nested in components[].components[]), vulnerabilities[].analysis.
const cdxComponent = z.looseObject({
  'bom-ref': z.string().optional(),
  type: z.string().optional(),
  name: z.unknown().optional(),
  version: z.unknown().optional(),
  group: z.unknown().optional(),
  purl: z.unknown().optional(),
  cpe: z.unknown().optional(),
  supplier: z.looseObject({ name: z.unknown() }).optional().catch(undefined),
  manufacturer: z.looseObject({ name: z.unknown() }).optional().catch(undefined),
  publisher: z.unknown().optional(),
  author: z.unknown().optional(),
  components: z.array(z.unknown()).optional(),
});
const cdxVulnerability = z.looseObject({
  id: z.string(),
  analysis: z.looseObject({ state: z.string().optional(), justification: z.string().optional(), detail: z.string().optional() }).optional(),
  affects: z.array(z.looseObject({ ref: z.string() })).default([]),
});
const CDX_STATE: Record<string, VexStatement['status'] | undefined> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

function readCycloneDx(doc: Record<string, unknown>): Inventory {
  const spec = typeof doc.specVersion === 'string' ? doc.specVersion : '';
  if (!/^1\.[456]$/.test(spec)) throw new Error(`CycloneDX specVersion "${spec.slice(0, 20)}" is not supported (1.4, 1.5 or 1.6)`);
  if (doc.components !== undefined && !Array.isArray(doc.components)) throw new Error('components must be an array');
  const c = new Collector();
  const keyByRef = new Map<string, number>();
  // Iterative: a hostile SBOM may nest components deeply.
  const stack: { item: unknown; where: string }[] = ((doc.components as unknown[] | undefined) ?? []).map((item, i) => ({ item, where: `components[${i}]` })).reverse();
  for (let top = stack.pop(); top; top = stack.pop()) {
    const parsed = cdxComponent.safeParse(top.item);
    if (!parsed.success) {
      c.problems.push(`${top.where}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'is not a component object'}`.replace(/\s+/g, ' '));
      continue;
    }
    const p = parsed.data;
    const before = c.assets.length;
    c.add(top.where, {
      name: str(p.name),
      version: str(p.version),
      // group names the publishing organisation or project (Maven groupId, npm scope): the vendor when nothing better says so.
      vendor: str(p.supplier?.name) ?? str(p.manufacturer?.name) ?? str(p.publisher) ?? str(p.author) ?? str(p.group)?.replace(/^@/, ''),
      purl: str(p.purl),
      cpe: str(p.cpe),
    });
    if (p['bom-ref'] && c.assets.length > before) keyByRef.set(p['bom-ref'], before);
    const children = p.components ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ item: children[i], where: `${top.where}.components[${i}]` });
  }
  const vex: VexStatement[] = [];
  const vulns = Array.isArray(doc.vulnerabilities) ? doc.vulnerabilities : [];
  vulns.forEach((raw, i) => {
    const v = cdxVulnerability.safeParse(raw);
    if (!v.success) return void c.problems.push(`vulnerabilities[${i}]: needs an id and affects[].ref`);
    const status = v.data.analysis?.state ? CDX_STATE[v.data.analysis.state] : undefined;
    if (!status || !CVE.test(v.data.id)) return;
    for (const a of v.data.affects) {
      const at = keyByRef.get(a.ref);
      const asset = at === undefined ? undefined : c.assets[at];
      if (!asset) {
        c.problems.push(`vulnerabilities[${i}].affects: ref "${a.ref.slice(0, 100)}" names no component`);
        continue;
      }
      vex.push({
        cve: v.data.id.toUpperCase(),
        status,
        product: asset.purl ? { purl: asset.purl } : asset.cpe ? { cpe: asset.cpe } : { asset_key: assetKey(asset) },
        ...(v.data.analysis?.justification ? { justification: v.data.analysis.justification } : {}),
      });
    }
  });
  if (c.problems.length) throw new Error(c.problems.join('\n'));
  return { format: 'cyclonedx', assets: c.assets, vex };
}

// SPDX 2.3 JSON: packages[] with externalRefs of type purl and cpe23Type.
const spdxPackage = z.looseObject({
  SPDXID: z.unknown().optional(),
  name: z.unknown().optional(),
  versionInfo: z.unknown().optional(),
  supplier: z.unknown().optional(),
  externalRefs: z.array(z.looseObject({ referenceType: z.unknown().optional(), referenceLocator: z.unknown() })).default([]),
});

function readSpdx(doc: Record<string, unknown>): Inventory {
  const version = typeof doc.spdxVersion === 'string' ? doc.spdxVersion : '';
  if (!/^SPDX-2\.[23]$/.test(version)) throw new Error(`spdxVersion "${version.slice(0, 20)}" is not supported (SPDX-2.3 or SPDX-2.2)`);
  if (doc.packages !== undefined && !Array.isArray(doc.packages)) throw new Error('packages must be an array');
  const c = new Collector();
  ((doc.packages as unknown[] | undefined) ?? []).forEach((raw, i) => {
    const p = spdxPackage.safeParse(raw);
    if (!p.success) return void c.problems.push(`packages[${i}]: is not a package object`);
    const ref = (type: string) => str(p.data.externalRefs.find((r) => r.referenceType === type)?.referenceLocator);
    // "Organization: Siemens AG" / "Person: ..." / "NOASSERTION"
    const supplier = str(p.data.supplier)?.replace(/^(Organization|Person):\s*/i, '');
    c.add(`packages[${i}]`, {
      id: str(p.data.SPDXID),
      name: str(p.data.name),
      version: str(p.data.versionInfo) === 'NOASSERTION' ? undefined : str(p.data.versionInfo),
      vendor: supplier === 'NOASSERTION' ? undefined : supplier,
      purl: ref('purl'),
      cpe: ref('cpe23Type') ?? ref('cpe22Type'),
    });
  });
  if (c.problems.length) throw new Error(c.problems.join('\n'));
  return { format: 'spdx', assets: c.assets, vex: [] };
}

// OpenVEX 0.2: statements[] of vulnerability, products and status.
const openVex = z.looseObject({
  statements: z.array(
    z.looseObject({
      vulnerability: z.union([z.string(), z.looseObject({ name: z.string() })]),
      products: z.array(z.union([z.string(), z.looseObject({ '@id': z.string().optional(), identifiers: z.looseObject({ purl: z.string().optional(), cpe23: z.string().optional(), cpe22: z.string().optional() }).optional() })])).min(1),
      status: z.enum(['not_affected', 'affected', 'fixed', 'under_investigation']),
      justification: z.string().optional(),
    }),
  ),
});

function readOpenVex(doc: unknown): Inventory {
  const parsed = openVex.safeParse(doc);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${i.path.join('.') || 'document'}: ${i.message}`);
  }
  const vex: VexStatement[] = [];
  const problems: string[] = [];
  parsed.data.statements.forEach((s, i) => {
    const cve = typeof s.vulnerability === 'string' ? s.vulnerability : s.vulnerability.name;
    if (!CVE.test(cve)) return void problems.push(`statements[${i}].vulnerability: "${cve.slice(0, 60)}" is not a CVE id`);
    s.products.forEach((p, j) => {
      const ids = typeof p === 'string' ? [p] : [p['@id'], p.identifiers?.purl, p.identifiers?.cpe23, p.identifiers?.cpe22].filter((x): x is string => !!x);
      const purl = ids.find((x) => x.startsWith('pkg:') && purlKey(x));
      const cpe = ids.find((x) => parseCpe(x));
      if (!purl && !cpe) return void problems.push(`statements[${i}].products[${j}]: needs a purl or CPE to name the product`);
      vex.push({ cve: cve.toUpperCase(), status: s.status, product: purl ? { purl } : { cpe: cpe! }, ...(s.justification ? { justification: s.justification } : {}) });
    });
  });
  if (problems.length) throw new Error(problems.join('\n'));
  return { format: 'openvex', assets: [], vex };
}

const CSV_COLUMNS = ['name', 'version', 'vendor', 'id', 'cpe', 'purl', 'owner', 'location', 'tags'] as const;

function readCsv(text: string): Inventory {
  const parsed = parseCsv(text);
  if ('error' in parsed) throw new Error(parsed.error);
  const [head, ...rows] = parsed.rows;
  if (!head) throw new Error('the file is empty');
  const header = head.fields.map((h) => h.trim().toLowerCase());
  const missing = ['name', 'version'].filter((h) => !header.includes(h));
  if (missing.length) throw new Error(`the header must name the columns name and version (missing: ${missing.join(', ')}); optional: vendor, id, cpe, purl, owner, location, tags`);
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw new Error(`unknown column(s) ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')}; known: ${CSV_COLUMNS.join(', ')}`);
  const c = new Collector();
  for (const row of rows) {
    if (row.fields.length > header.length) {
      c.problems.push(`line ${row.line}: ${row.fields.length} fields, but the header has ${header.length}`);
      continue;
    }
    const rec: Record<string, unknown> = {};
    header.forEach((h, i) => (rec[h] = str(row.fields[i])));
    if (typeof rec.tags === 'string') rec.tags = rec.tags.split(/[;|,]/).map((t) => t.trim()).filter(Boolean);
    c.add(`line ${row.line}`, rec);
  }
  if (c.problems.length) throw new Error(c.problems.join('\n'));
  return { format: 'csv', assets: c.assets, vex: [] };
}

function readList(text: string): Inventory {
  const c = new Collector();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith('pkg:')) {
      const p = purlKey(line);
      if (!p) return void c.problems.push(`line ${i + 1}: not a valid package URL`);
      return c.add(`line ${i + 1}`, { name: p.key.split('/').pop(), purl: line });
    }
    const cpe = parseCpe(line);
    if (!cpe) return void c.problems.push(`line ${i + 1}: neither a CPE 2.3 name nor a purl`);
    c.add(`line ${i + 1}`, { name: cpe.product.replace(/_/g, ' '), cpe: line });
  });
  if (c.problems.length) throw new Error(c.problems.join('\n'));
  if (c.assets.length === 0) throw new Error('no CPE names or purls found');
  return { format: 'list', assets: c.assets, vex: [] };
}

/**
 * Reads an inventory from a file's text: CycloneDX 1.4-1.6 or SPDX 2.3 JSON, OpenVEX JSON,
 * CSV with a header (name and version required), or a plain list of CPE names or purls, one a
 * line. Every problem is collected; any problem fails the whole file (nothing half-imported).
 */
export function readInventory(file: string, text: string): Inventory {
  const name = path.basename(file);
  try {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{')) {
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (err) {
        throw new Error(`is not valid JSON (${(err as Error).message.slice(0, 200)})`);
      }
      const o = doc as Record<string, unknown>;
      if (o.bomFormat === 'CycloneDX') return readCycloneDx(o);
      if (typeof o.spdxVersion === 'string') return readSpdx(o);
      if (typeof o['@context'] === 'string' && o['@context'].includes('openvex')) return readOpenVex(o);
      throw new Error('is JSON but neither a CycloneDX SBOM (bomFormat), an SPDX document (spdxVersion) nor OpenVEX (@context)');
    }
    const first = trimmed.split(/\r?\n/, 1)[0] ?? '';
    if (/^(pkg:|cpe:)/i.test(first) || first.startsWith('#')) return readList(text);
    return readCsv(text);
  } catch (err) {
    throw new InventoryError(name, (err as Error).message.split('\n'));
  }
}
