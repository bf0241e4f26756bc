import { z } from 'zod';
import { productStatuses, type Cvss, type Entity, type Product, type Source, type Story, type TimelineEvent, type Vulnerability } from './schema.js';

// The parts of a CSAF 2.0 document (OASIS) that become a story; the rest is ignored.
const note = z.object({ category: z.string(), text: z.string(), title: z.string().optional() });
const reference = z.object({ url: z.string(), summary: z.string().optional(), category: z.string().optional() });
const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'must be an ISO 8601 date-time');

const helper = z.object({ cpe: z.string().optional(), purl: z.string().optional() });
const fullProduct = z.object({ name: z.string(), product_id: z.string(), product_identification_helper: helper.optional() });
type FullProduct = z.infer<typeof fullProduct>;

interface Branch {
  category?: string;
  name?: string;
  product?: FullProduct;
  branches?: Branch[];
}
const branch: z.ZodType<Branch> = z.lazy(() =>
  z.object({ category: z.string().optional(), name: z.string().optional(), product: fullProduct.optional(), branches: z.array(branch).optional() }),
);
const cvssScore = z.object({ baseScore: z.number(), baseSeverity: z.string(), vectorString: z.string(), version: z.string() });

/** The CSAF 2.0 fields Storyline reads. */
export const csafSchema = z.object({
  document: z.object({
    csaf_version: z.literal('2.0'),
    title: z.string().min(1),
    notes: z.array(note).default([]),
    references: z.array(reference).default([]),
    acknowledgments: z.array(z.object({ organization: z.string().optional(), names: z.array(z.string()).optional(), summary: z.string().optional() })).default([]),
    tracking: z.object({
      id: z.string().min(1),
      initial_release_date: isoDateTime,
      current_release_date: isoDateTime,
      revision_history: z
        .array(z.object({ date: isoDateTime, number: z.string(), summary: z.string() }))
        .default([]),
    }),
  }),
  product_tree: z.object({ branches: z.array(branch).default([]), full_product_names: z.array(fullProduct).default([]) }).optional(),
  vulnerabilities: z
    .array(
      z.object({
        cve: z.string().optional(),
        title: z.string().optional(),
        cwe: z.object({ id: z.string(), name: z.string() }).optional(),
        notes: z.array(note).default([]),
        references: z.array(reference).default([]),
        scores: z.array(z.object({ cvss_v3: cvssScore.optional(), cvss_v4: cvssScore.optional(), products: z.array(z.string()).default([]) })).default([]),
        product_status: z.record(z.string(), z.array(z.string())).default({}),
        remediations: z
          .array(z.object({ category: z.string(), details: z.string(), url: z.string().optional(), product_ids: z.array(z.string()).default([]), date: z.string().optional() }))
          .default([]),
      }),
    )
    .default([]),
});

export type CsafDocument = z.infer<typeof csafSchema>;

/** Whether parsed JSON looks like a CSAF document (the adapter then validates it). */
export const isCsaf = (data: unknown) =>
  !!data && typeof data === 'object' && typeof (data as { document?: { csaf_version?: unknown } }).document?.csaf_version === 'string';

const day = (iso: string) => iso.slice(0, 10);
// UTF-8 read as Latin-1 by the advisory's writer ("GeutebrÃ¼ck" for "Geutebrück", 18 of CISA's files):
// each such run of characters decodes back to the one it was.
const MOJIBAKE = /[\u00C2-\u00DF][\u0080-\u00BF]|[\u00E0-\u00EF][\u0080-\u00BF]{2}|[\u00F0-\u00F4][\u0080-\u00BF]{3}/gu;
const unmangled = (s: string) =>
  s.replace(MOJIBAKE, (run) => {
    const text = Buffer.from(run, 'latin1').toString('utf8');
    return text.includes('\uFFFD') ? run : text;
  });
const clean = (s: string) => unmangled(s).replace(/\s+/g, ' ').trim();
// Boilerplate every CISA advisory carries; it would drown the advisory's own words in search.
const BOILERPLATE = /^(CISA Disclaimer|Legal Notice|Recommended Practices|General Security Recommendations?|Additional (mitigation|guidance).*|Countries\/areas deployed|Company headquarters location|Critical infrastructure sectors)$/i;

/** CSAF product trees in the wild nest fewer than 10 levels; deeper ones are refused. */
export const MAX_BRANCH_DEPTH = 32;

/**
 * Whether parsed JSON has product_tree.branches nested deeper than MAX_BRANCH_DEPTH. Checked
 * iteratively before validation, because the recursive schema (and any recursive walk) would
 * overflow the stack on a hostile document.
 */
export function branchesTooDeep(data: unknown): boolean {
  const tree = (data as { product_tree?: { branches?: unknown } } | null)?.product_tree;
  const stack: { branches: unknown; depth: number }[] = [{ branches: tree?.branches, depth: 1 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    if (!Array.isArray(top.branches)) continue;
    if (top.depth > MAX_BRANCH_DEPTH && top.branches.length) return true;
    for (const b of top.branches as unknown[]) {
      if (b && typeof b === 'object') stack.push({ branches: (b as { branches?: unknown }).branches, depth: top.depth + 1 });
    }
  }
  return false;
}

// Iterative (pre-order, as the recursive version was), with the same depth cap, so no
// document can exhaust the stack here either.
function walk(branches: readonly Branch[], into: { vendors: Set<string>; products: Set<string> }): void {
  const stack = branches.map((b) => ({ b, depth: 1 })).reverse();
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { b, depth } = top;
    if (depth > MAX_BRANCH_DEPTH) throw new RangeError(`product_tree.branches nest deeper than ${MAX_BRANCH_DEPTH} levels`);
    const name = b.name?.trim();
    if (name && b.category === 'vendor') into.vendors.add(name);
    if (name && (b.category === 'product_name' || b.category === 'product_family')) into.products.add(name);
    for (let i = (b.branches?.length ?? 0) - 1; i >= 0; i--) stack.push({ b: b.branches![i]!, depth: depth + 1 });
  }
}

/**
 * Every product the tree defines, with its vendor, product name and version or range taken
 * from the branches above it. Walked with an explicit stack: a hostile tree can be deep.
 */
function productsOf(doc: CsafDocument): Product[] {
  const out: Product[] = [];
  const seen = new Set<string>();
  const emit = (p: FullProduct, at: { vendor?: string; name?: string; version?: string; range?: string }) => {
    if (seen.has(p.product_id)) return;
    seen.add(p.product_id);
    const h = p.product_identification_helper;
    out.push({
      id: clean(p.product_id) || p.product_id,
      ...(at.vendor ? { vendor: at.vendor } : {}),
      name: at.name ?? clean(p.name),
      ...(at.version ? { version: at.version } : {}),
      ...(at.range ? { range: at.range } : {}),
      full_name: clean(p.name),
      ...(h?.cpe ? { cpe: h.cpe.trim() } : {}),
      ...(h?.purl ? { purl: h.purl.trim() } : {}),
    });
  };
  const stack: { b: Branch; at: { vendor?: string; name?: string; version?: string; range?: string } }[] = (doc.product_tree?.branches ?? []).map((b) => ({ b, at: {} }));
  while (stack.length) {
    const { b, at } = stack.pop()!;
    const name = clean(b.name ?? '');
    const here = { ...at };
    if (name && b.category === 'vendor') here.vendor = name;
    if (name && b.category === 'product_family') here.name ??= name;
    if (name && b.category === 'product_name') here.name = name;
    if (name && b.category === 'product_version') here.version = name;
    if (name && b.category === 'product_version_range') here.range = name;
    if (b.product) emit(b.product, here);
    for (const child of [...(b.branches ?? [])].reverse()) stack.push({ b: child, at: here });
  }
  for (const p of doc.product_tree?.full_product_names ?? []) emit(p, {});
  return out;
}

const toCvss = (c: z.infer<typeof cvssScore>): Cvss => ({ version: c.version, base_score: c.baseScore, severity: c.baseSeverity.toUpperCase(), vector: c.vectorString });
const KNOWN_STATUS = new Set<string>(productStatuses);

/** The structured part of each vulnerability: scores, weakness, product status and remediations. */
function vulnerabilitiesOf(doc: CsafDocument): Vulnerability[] {
  return doc.vulnerabilities.map((v) => {
    const status: Vulnerability['product_status'] = {};
    for (const [k, ids] of Object.entries(v.product_status)) if (KNOWN_STATUS.has(k) && ids.length) status[k as keyof typeof status] = ids;
    const cvss = v.scores.flatMap((s) => [s.cvss_v4, s.cvss_v3].filter((c): c is NonNullable<typeof c> => !!c).map(toCvss));
    return {
      ...(v.cve ? { cve: v.cve.trim() } : {}),
      ...(v.title ? { title: clean(v.title) } : {}),
      ...(v.cwe ? { cwe: { id: v.cwe.id, name: clean(v.cwe.name) } } : {}),
      cvss: [...new Map(cvss.map((c) => [`${c.version}|${c.vector}`, c])).values()],
      product_status: status,
      remediations: v.remediations
        .filter((r) => clean(r.details))
        .map((r) => {
          const url = r.url ? parseUrl(r.url) : null;
          const date = r.date && /^\d{4}-\d{2}-\d{2}/.test(r.date) ? day(r.date) : undefined;
          return { category: r.category, details: unmangled(r.details).trim(), ...(url ? { url: url.href } : {}), product_ids: r.product_ids, ...(date ? { date } : {}) };
        }),
    };
  });
}

/** The URL as a browser reads it ("https:/host/x" becomes "https://host/x") and its host, or null. */
function parseUrl(url: string): { href: string; host: string } | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? { href: u.href, host: u.hostname.replace(/^www\./, '') } : null;
  } catch {
    return null;
  }
}

/**
 * An acknowledgment as CISA's advisories word it ("Daniel dos Santos and Jos Wetzels of
 * Forescout Technologies reported this vulnerability to CISA."), so "who reported the flaw" is
 * answered in words, with the names; empty when it names no one.
 */
function credit(a: CsafDocument['document']['acknowledgments'][number]): string {
  const names = (a.names ?? []).map(clean).filter(Boolean);
  const people = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  const org = clean(a.organization ?? '');
  const who = people && org ? `${people} of ${org}` : people || org;
  if (!who) return '';
  const what = clean(a.summary ?? '').replace(/\.$/u, '');
  // "reporting this vulnerability to CISA" is said as CISA's advisories say it: "X reported ...".
  const reported = /^reporting\s+(.+)$/iu.exec(what);
  if (reported) return `${who} reported ${reported[1]}.`;
  return `${who} ${names.length > 1 ? 'are' : 'is'} credited${what ? ` with ${what}` : ''}.`;
}

/**
 * A story from a CSAF advisory: title, summary, vulnerability notes and acknowledgments as body, release dates,
 * revision history as timeline, references as sources (publisher from the URL host), and CVEs,
 * CWEs, vendors, products, sectors and acknowledged organizations and people as entities.
 */
export function csafToStory(doc: CsafDocument): Story {
  const d = doc.document;
  const summaries = d.notes.filter((n) => n.category === 'summary' || (n.category === 'description' && !BOILERPLATE.test(n.title ?? '')));
  const vulnText = doc.vulnerabilities.map((v) => {
    const head = [v.cve, v.cwe ? `${v.cwe.name} (${v.cwe.id})` : v.title].filter(Boolean).join(': ');
    const notes = v.notes.filter((n) => n.category === 'summary' || n.category === 'description' || n.category === 'details').map((n) => clean(n.text));
    return `${head ? `${head}. ` : ''}${notes.join(' ')}`.trim();
  });
  const body = [...summaries.map((n) => clean(n.text)), ...vulnText, ...d.acknowledgments.map(credit)].filter(Boolean).join('\n\n') || d.title;

  const timeline: TimelineEvent[] = d.tracking.revision_history
    .map((r) => ({ date: day(r.date), title: `Revision ${r.number}`, text: clean(r.summary) || `Revision ${r.number} released` }))
    .sort((a, b) => a.date.localeCompare(b.date));

  const sources: Source[] = [];
  const seen = new Set<string>();
  for (const r of [...d.references, ...doc.vulnerabilities.flatMap((v) => v.references)]) {
    const u = parseUrl(r.url);
    if (!u || seen.has(u.href)) continue;
    seen.add(u.href);
    sources.push({ publisher: u.host, title: clean(r.summary ?? '') || u.host, url: u.href });
  }

  const entities: Entity[] = [];
  // Keyed de-dup: a linear scan per entity made advisories with thousands of CVEs quadratic.
  const named = new Set<string>();
  const add = (type: string, name: string, aliases?: string[]) => {
    const n = clean(name);
    const key = `${type}\0${n.toLowerCase()}`;
    if (n && !named.has(key)) {
      named.add(key);
      entities.push({ type, name: n, ...(aliases?.length ? { aliases } : {}) });
    }
  };
  for (const v of doc.vulnerabilities) {
    if (v.cve) add('cve', v.cve);
    if (v.cwe) add('cwe', v.cwe.id, [v.cwe.name]);
  }
  const tree = { vendors: new Set<string>(), products: new Set<string>() };
  walk(doc.product_tree?.branches ?? [], tree);
  for (const vendor of tree.vendors) add('vendor', vendor);
  for (const product of tree.products) add('product', product);
  const sectors = d.notes.find((n) => /critical infrastructure sectors/i.test(n.title ?? ''));
  for (const s of sectors?.text.split(/[,;]/) ?? []) add('sector', s);
  // Where the vendor is based ("a Finnish maker", "the German vendor"): CISA notes it in all but a few advisories.
  const headquarters = d.notes.find((n) => /company headquarters location/i.test(n.title ?? ''));
  if (headquarters) add('headquarters', headquarters.text.slice(0, 300));
  for (const a of d.acknowledgments) {
    if (a.organization) add('organization', a.organization);
    for (const n of a.names ?? []) add('person', n);
  }

  return {
    id: d.tracking.id.replace(/[^A-Za-z0-9._-]/g, '-'),
    title: clean(d.title),
    body,
    published: day(d.tracking.initial_release_date),
    updated: day(d.tracking.current_release_date),
    timeline,
    sources: sources.slice(0, 10_000),
    entities: entities.slice(0, 10_000),
    products: productsOf(doc).slice(0, 20_000),
    vulnerabilities: vulnerabilitiesOf(doc).slice(0, 20_000),
  };
}
