import { productStatuses, type PassageKind, type Product, type ProductStatus, type Story } from './schema.js';

/**
 * A statement derived from a story's structured data (entities, stated reference count,
 * scores and product status), rendered as a fact line rather than prose. Facts are served
 * with the story (`facts[i]`), so a passage cut from one cites text a client can fetch.
 */
export interface StoryFact {
  kind: PassageKind;
  text: string;
}

const ENTITY_LABELS: Record<string, string> = {
  cve: 'CVEs',
  cwe: 'Weaknesses',
  vendor: 'Vendors',
  product: 'Products',
  sector: 'Sectors',
  headquarters: 'Headquarters',
  agency: 'Agencies',
  office: 'Offices',
  person: 'People',
  organization: 'Organizations',
};

/** How a status line names each product status ("Known affected: ..."); the answer reads lines by these labels. */
export const STATUS_LABELS: Record<ProductStatus, string> = {
  known_affected: 'Known affected',
  first_affected: 'First affected',
  last_affected: 'Last affected',
  under_investigation: 'Under investigation',
  fixed: 'Fixed',
  first_fixed: 'First fixed',
  recommended: 'Recommended',
  known_not_affected: 'Known not affected',
};

/** Most product names listed in one status line; the rest are counted, not dropped silently. */
const MAX_LISTED = 40;
/** Longest fact line; longer entity lists continue in another fact. */
const MAX_FACT_CHARS = 1_000;

const label = (type: string) => ENTITY_LABELS[type.toLowerCase()] ?? `${type.charAt(0).toUpperCase()}${type.slice(1)}`;

// Words a full product name says of its versions, which the label's version or range already gives.
const VERSION_WORDING = new Set(['all', 'and', 'or', 'the', 'of', 'to', 'up', 'than', 'prior', 'earlier', 'later', 'before', 'after', 'older', 'newer', 'lower', 'higher', 'above', 'below', 'previous', 'including', 'inclusive', 'through', 'from', 'version', 'versions', 'release', 'releases', 'firmware', 'software', 'affected', 'are', 'is', 'only']);
const wordsIn = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * A product as an analyst names it: vendor, product and version or range, and the advisory's full
 * name for it beside them when that names more ("MELSEC iQ-F Series <= 1.060" is the "FX5U(C) CPU
 * module" only in its full name), so the model a question names is in the passages that list it.
 */
export function productLabel(p: Product): string {
  const name = p.vendor && !p.name.toLowerCase().startsWith(p.vendor.toLowerCase()) ? `${p.vendor} ${p.name}` : p.name;
  const which = p.version ?? p.range;
  const label = which ? `${name} ${which}` : name;
  const said = new Set(wordsIn(label));
  const more = p.full_name ? wordsIn(p.full_name).some((w) => !said.has(w) && !VERSION_WORDING.has(w) && !/^v?\d+$/u.test(w)) : false;
  return more ? `${label} (${p.full_name})` : label;
}

/** "a; b; c and 12 more" */
function listSome(items: readonly string[]): string {
  const unique = [...new Set(items)];
  const shown = unique.slice(0, MAX_LISTED).join('; ');
  return unique.length > MAX_LISTED ? `${shown}; and ${unique.length - MAX_LISTED} more` : shown;
}

// Entities that describe another type's, said in its line: "Vendors: Innokas Yhtymä Oy. Headquarters: Finland".
const DESCRIBES: Record<string, string> = { headquarters: 'vendor' };

/** Entity lines by type ("Vendors: Siemens; ABB"), continued in further lines when long. */
function entityFacts(story: Story): StoryFact[] {
  const byType = new Map<string, string[]>();
  for (const e of story.entities) {
    const name = e.aliases?.length ? `${e.name} (also ${e.aliases.join(', ')})` : e.name;
    const list = byType.get(e.type.toLowerCase()) ?? [];
    list.push(name);
    byType.set(e.type.toLowerCase(), list);
  }
  const out: StoryFact[] = [];
  for (const [type, names] of byType) {
    const of = DESCRIBES[type];
    if (of && byType.has(of)) continue;
    const described = Object.entries(DESCRIBES).flatMap(([t, o]) => (o === type && byType.has(t) ? [`. ${label(t)}: ${byType.get(t)!.join('; ')}`] : [])).join('');
    let line = `${label(type)}: `;
    let first = true;
    for (const n of names) {
      if (!first && line.length + n.length + 2 > MAX_FACT_CHARS) {
        out.push({ kind: 'entity', text: line });
        line = `${label(type)} (continued): `;
        first = true;
      }
      line += first ? n : `; ${n}`;
      first = false;
    }
    out.push({ kind: 'entity', text: `${line}${described}` });
  }
  return out;
}

/**
 * The facts of a story, in a stable order: entity lines, the stated reference count, and one
 * line per vulnerability with its scores, weakness and per-product status.
 */
export function storyFacts(story: Story): StoryFact[] {
  const facts = entityFacts(story);
  if (story.references_tracked != null) {
    facts.push({ kind: 'source', text: `References tracked: ${story.references_tracked} (the story lists ${story.sources.length} sources)` });
  }
  const products = new Map((story.products ?? []).map((p) => [p.id, p]));
  for (const v of story.vulnerabilities ?? []) {
    const name = v.cve ?? v.title;
    if (!name) continue;
    const parts: string[] = [];
    for (const c of v.cvss) parts.push(`CVSS v${c.version} base score ${c.base_score.toFixed(1)} (${c.severity}), vector ${c.vector}`);
    if (v.cwe) parts.push(`weakness ${v.cwe.name} (${v.cwe.id})`);
    if (v.title && v.title !== name) parts.push(v.title);
    for (const status of productStatuses) {
      const ids = v.product_status[status];
      if (ids?.length) parts.push(`${STATUS_LABELS[status]}: ${listSome(ids.map((id) => (products.get(id) ? productLabel(products.get(id)!) : id)))}`);
    }
    if (parts.length) facts.push({ kind: 'vulnerability', text: `${name}: ${parts.join('. ')}.` });
    // Products past the listed ones still get a line naming them with their status, so an
    // exposure verdict about any of them cites a passage that names the product.
    for (const status of productStatuses) {
      const names = [...new Set((v.product_status[status] ?? []).map((id) => (products.get(id) ? productLabel(products.get(id)!) : id)))].slice(MAX_LISTED);
      let line = '';
      for (const n of names) {
        const head = `${name}, ${STATUS_LABELS[status].toLowerCase()} (continued): `;
        if (line && line.length + n.length + 2 > MAX_FACT_CHARS) {
          facts.push({ kind: 'vulnerability', text: `${line}.` });
          line = '';
        }
        line = line ? `${line}; ${n}` : `${head}${n}`;
      }
      if (line) facts.push({ kind: 'vulnerability', text: `${line}.` });
    }
  }
  return facts;
}

/** Words an analyst uses for a remediation category. */
export const REMEDIATION_LABELS: Record<string, string> = {
  vendor_fix: 'Fix (vendor fix)',
  mitigation: 'Mitigation',
  workaround: 'Workaround',
  no_fix_planned: 'No fix planned',
  none_available: 'No fix available',
};
