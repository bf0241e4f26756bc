import { z } from 'zod';
import { UserError } from '../../errors.js';
import { assetInputSchema } from '../../exposure/assets.js';
import { confidences, verdicts } from '../../exposure/match.js';
import type { ExposureMatch } from '../../exposure/service.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { resolveInRoots } from '../roots.js';
import { cursorInput, sinceInput, storyIdInput, USER_ARGS_ONLY } from '../schemas.js';
import { defineTool } from '../tool.js';

const matchOutput = z.object({
  asset_id: z.string(),
  asset_name: z.string(),
  asset_version: z.string().nullable(),
  story_id: z.string(),
  story_title: z.string(),
  cves: z.array(z.string()),
  product_id: z.string().describe("The advisory's product id"),
  product_name: z.string().describe('The product as the advisory names it, with its version or range'),
  range: z.string().nullable().describe("The advisory's version or range, as written"),
  verdict: z.enum(verdicts),
  confidence: z.enum(confidences).describe('exact: purl or CPE and the version decided; high: vendor + product and the version decided; low: name only, or the version could not be decided'),
  why: z.string(),
  citation_id: z.string().nullable().describe('The passage naming the product and its status; cite it'),
  cvss: z.number().nullable(),
  kev: z.object({ cves: z.array(z.string()), date_added: z.string(), due_date: z.string() }).optional().describe("In CISA's Known Exploited Vulnerabilities catalog"),
  vex: z.object({ status: z.string(), justification: z.string().optional(), source: z.string() }).optional().describe("The user's own VEX statement that overrode the advisory"),
});

const describeMatch = (m: ExposureMatch) =>
  `- ${m.kev ? '[KEV] ' : ''}${m.asset_name}${m.asset_version ? ` ${m.asset_version}` : ''} (${m.asset_id}): ${m.verdict.toUpperCase()} (${m.confidence}) by ${m.story_id} for ${m.cves.join(', ')}` +
  `${m.cvss !== null ? `, CVSS ${m.cvss}` : ''}${m.kev ? `, KEV due ${m.kev.due_date}` : ''}. ${m.why}${m.citation_id ? ` [${m.citation_id}]` : ''}`;

const assetOutput = assetInputSchema.extend({ asset_id: z.string(), source: z.string(), key: z.string() });

export const checkExposure = defineTool({
  name: 'check_exposure',
  title: 'Am I affected?',
  description:
    "Checks the user's imported assets (SBOMs, CSV inventories) against the product status of stored advisories: " +
    'which assets a story or CVE affects, or which stories affect one asset. Each match has a verdict ' +
    '(affected, not_affected, fixed, unknown), a confidence (exact, high, low), why, and a citation_id of the passage naming the product. ' +
    "KEV entries come first; the user's VEX statements override the advisory and say so.",
  input: {
    story_id: storyIdInput.optional().describe('Only this advisory'),
    cve: z.string().trim().regex(/^CVE-\d{4}-\d{4,}$/i, 'must be a CVE id such as CVE-2021-44228').optional().describe('Only this CVE'),
    asset_id: z.string().trim().min(1).max(200).optional().describe('Only this asset (asset_id from list_assets, or your own id)'),
    verdict: z.enum(verdicts).optional().describe('Only matches with this verdict'),
    limit: z.number().int().min(1).max(500).default(100).describe('Most matches returned (default 100)'),
  },
  output: { matches: z.array(matchOutput), total: z.number().int() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { exposure }) {
    const all = (await exposure.check(args)).filter((m) => !args.verdict || m.verdict === args.verdict);
    const matches = all.slice(0, args.limit);
    const text = all.length
      ? `${all.length} match(es)${all.length > matches.length ? `, showing ${matches.length}` : ''}:\n${matches.map(describeMatch).join('\n')}`
      : (await exposure.hasAssets())
        ? 'No imported asset matches a product of these advisories.'
        : 'No assets are imported yet: import an SBOM or CSV inventory first (import_assets, or `storyline assets import FILE`).';
    return { structured: { matches, total: all.length }, text };
  },
});

export const exposureReport = defineTool({
  name: 'exposure_report',
  title: 'Exposure report',
  description:
    'Ranks the imported assets that stored advisories affect by risk: KEV first, then CVSS, then date; each with the matches that affect it (cited).',
  input: {
    since: sinceInput.optional().describe('Only advisories published or updated on or after this day (YYYY-MM-DD)'),
    kev_only: z.boolean().default(false).describe('Only CVEs in the KEV catalog'),
    min_confidence: z.enum(confidences).default('high').describe('Lowest confidence counted (default high)'),
    limit: z.number().int().min(1).max(200).default(50).describe('Most assets returned (default 50)'),
  },
  output: {
    assets: z.array(
      z.object({
        asset: assetOutput,
        risk: z.object({ kev: z.boolean(), cvss: z.number().nullable(), latest: z.string().nullable() }),
        matches: z.array(matchOutput),
      }),
    ),
    total: z.number().int(),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { exposure }) {
    const all = await exposure.report({ ...(args.since ? { since: args.since } : {}), kev_only: args.kev_only, min_confidence: args.min_confidence });
    const assets = all.slice(0, args.limit);
    const text = assets.length
      ? `${all.length} affected asset(s), riskiest first:\n${assets.map((a, i) => `${i + 1}. ${a.asset.name}${a.asset.version ? ` ${a.asset.version}` : ''} (${a.asset.asset_id})${a.risk.kev ? ' [KEV]' : ''}${a.risk.cvss !== null ? ` CVSS ${a.risk.cvss}` : ''}\n${a.matches.map((m) => `   ${describeMatch(m)}`).join('\n')}`).join('\n')}`
      : 'No imported asset is affected at this confidence.';
    return { structured: { assets, total: all.length }, text };
  },
});

export const listAssets = defineTool({
  name: 'list_assets',
  title: 'List assets',
  description: "Lists the user's imported assets (name, version, vendor, purl, CPE, source), optionally by source or text. Paginated: pass next_cursor back as cursor.",
  input: {
    source: z.string().trim().min(1).max(300).optional().describe('Only assets of this source (the imported file name, or the name given)'),
    query: z.string().trim().min(1).max(300).optional().describe('Only assets whose fields contain this text'),
    cursor: cursorInput,
    limit: z.number().int().min(1).max(500).default(50).describe('Assets per page, 1-500 (default 50)'),
  },
  output: { assets: z.array(assetOutput), total: z.number().int(), next_cursor: z.string().nullable() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { exposure }) {
    const offset = args.cursor ? decodeCursor(args.cursor) : 0;
    const { total, assets } = await exposure.list({ ...(args.source ? { source: args.source } : {}), ...(args.query ? { text: args.query } : {}), offset, limit: args.limit });
    const next = offset + assets.length < total ? encodeCursor(offset + assets.length) : null;
    const text =
      `${total} asset(s); showing ${assets.length ? `${offset + 1}-${offset + assets.length}` : 'none'}.\n` +
      assets.map((a) => `- ${a.asset_id}: ${a.vendor ? `${a.vendor} ` : ''}${a.name}${a.version ? ` ${a.version}` : ''} (${a.source})`).join('\n') +
      (next ? `\nMore: call list_assets again with cursor "${next}".` : '');
    return { structured: { assets, total, next_cursor: next }, text };
  },
});

const importOutput = {
  sources: z.array(z.object({ source: z.string(), format: z.string(), assets: z.number().int(), vex_statements: z.number().int(), replaced: z.number().int() })),
  assets: z.number().int(),
};

export const importAssets = defineTool({
  name: 'import_assets',
  title: 'Import assets',
  description:
    'Imports the user\'s inventory: files on the server inside its ingest roots (CycloneDX 1.4-1.6 or SPDX 2.3 JSON, CSV with name and version columns, ' +
    'a list of CPE names or purls, OpenVEX), or items given inline as one named source. Re-importing a source replaces its assets; ' +
    `any bad row or file imports nothing and is reported. ${USER_ARGS_ONLY}`,
  input: {
    paths: z.array(z.string().trim().min(1).max(4096)).max(20).optional().describe('Inventory files on the server, inside its ingest roots'),
    items: z.array(z.record(z.string(), z.unknown())).max(1_000).optional().describe('Assets given inline: {name, version, vendor?, purl?, cpe?, id?, owner?, location?, tags?}'),
    source: z.string().trim().min(1).max(300).optional().describe('A name for the source (required with items; replaces what it held before)'),
  },
  output: importOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handler(args, { exposure, config }) {
    if (!args.paths?.length === !args.items?.length) throw new UserError('give either paths or items');
    let r;
    if (args.items) {
      if (!args.source) throw new UserError('items need a source name');
      r = await exposure.importItems(args.source, args.items);
    } else {
      const files = await resolveInRoots(args.paths!, config.ingestRoots);
      r = await exposure.importFiles(files, args.source ? { source: args.source } : {});
    }
    const text = `Imported ${r.assets} asset(s): ${r.sources.map((s) => `${s.source} (${s.format}, ${s.assets} assets${s.vex_statements ? `, ${s.vex_statements} VEX statements` : ''}${s.replaced ? `, replacing ${s.replaced}` : ''})`).join('; ')}.`;
    return { structured: r, text };
  },
});

export const removeAssets = defineTool({
  name: 'remove_assets',
  title: 'Remove assets',
  description: `Removes imported assets by asset_id, or every asset and VEX statement of a source. This cannot be undone. ${USER_ARGS_ONLY}`,
  input: {
    asset_ids: z.array(z.string().trim().min(1).max(200)).max(1_000).optional().describe('Asset ids from list_assets'),
    source: z.string().trim().min(1).max(300).optional().describe('Remove everything this source imported'),
  },
  output: { removed: z.number().int() },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handler(args, { exposure }) {
    const removed = await exposure.remove({ ...(args.asset_ids ? { asset_ids: args.asset_ids } : {}), ...(args.source ? { source: args.source } : {}) });
    return { structured: { removed }, text: `Removed ${removed} asset(s).` };
  },
});
