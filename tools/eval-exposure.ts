/**
 * Exposure quality on hand-judged fixtures: real CISA advisories (test/fixtures/exposure/advisories)
 * against a CSV inventory, an SPDX document, a CycloneDX SBOM and an OpenVEX file, with the verdict
 * for every asset written by hand (expected.json). Measures precision and recall of `affected` at
 * confidence high or exact, per (asset, advisory, CVE).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { openApp, type App } from '../src/app.js';
import { loadConfig, PACKAGE_ROOT } from '../src/config.js';
import type { Embedder } from '../src/embed/embedder.js';
import { createLogger } from '../src/log.js';
import type { ExposureMatch, StoredAsset } from '../src/exposure/service.js';

export const EXPOSURE_FIXTURES = path.join(PACKAGE_ROOT, 'test/fixtures/exposure');

const expectedSchema = z.object({
  inventories: z.array(z.string()),
  advisories: z.string(),
  kev: z.string(),
  expected: z.array(
    z.object({
      source: z.string(),
      asset: z.object({ id: z.string().optional(), name: z.string().optional(), version: z.string().optional() }),
      story_id: z.string().nullable(),
      cve: z.string().optional(),
      verdict: z.enum(['affected', 'not_affected', 'fixed', 'unknown']),
    }),
  ),
});

/** Ingests the fixture advisories and KEV excerpt, and imports the fixture inventories, into an app. */
export async function loadExposureFixtures(app: App): Promise<z.infer<typeof expectedSchema>> {
  const spec = expectedSchema.parse(JSON.parse(readFileSync(path.join(EXPOSURE_FIXTURES, 'expected.json'), 'utf8')));
  const dir = path.join(EXPOSURE_FIXTURES, spec.advisories);
  await app.ingestPaths([...readdirSync(dir).map((f) => path.join(dir, f)), path.join(EXPOSURE_FIXTURES, spec.kev)]);
  await app.exposure.importFiles(spec.inventories.map((f) => path.join(EXPOSURE_FIXTURES, f)));
  return spec;
}

/** Precision and recall of `affected` at confidence high or better, with the disagreements. */
export interface ExposureScores {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Every judged row whose verdict differs from the hand-written one, at any confidence. */
  disagreements: string[];
  /** Judged rows: (asset, advisory), or (asset, advisory, CVE) where a row names a CVE. */
  judged: number;
}

/** Scores check_exposure's verdicts against expected.json. Call loadExposureFixtures first. */
export async function scoreExposure(app: App, spec: z.infer<typeof expectedSchema>): Promise<ExposureScores> {
  const assets = (await app.exposure.list({ offset: 0, limit: 10_000 })).assets;
  const find = (e: (typeof spec.expected)[number]): StoredAsset => {
    const hit = assets.filter(
      (a) => a.source === e.source && (e.asset.id ? a.id === e.asset.id : a.name === e.asset.name && a.version === e.asset.version),
    );
    if (hit.length !== 1) throw new Error(`expected.json: ${JSON.stringify(e.asset)} in ${e.source} names ${hit.length} assets`);
    return hit[0]!;
  };
  const matches = new Map<string, ExposureMatch[]>();
  for (const a of assets) matches.set(a.asset_id, await app.exposure.check({ asset_id: a.asset_id }));
  const order = ['affected', 'unknown', 'fixed', 'not_affected'];
  const rank = { exact: 2, high: 1, low: 0 } as const;
  /** One verdict from several matches: the gravest, at its best confidence. */
  const combine = (ms: readonly ExposureMatch[]) => {
    const top = [...ms].sort((x, y) => order.indexOf(x.verdict) - order.indexOf(y.verdict) || rank[y.confidence] - rank[x.confidence])[0];
    return top ? { verdict: top.verdict, confidence: top.confidence } : null;
  };
  // The judged units: (asset, advisory), and (asset, advisory, CVE) where a row names a CVE.
  const rows = spec.expected.map((e) => ({ e, asset: find(e) }));
  const cveRows = new Set(rows.filter((r) => r.e.cve).map((r) => `${r.asset.asset_id}|${r.e.story_id}|${r.e.cve}`));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const disagreements: string[] = [];
  const judgedPairs = new Set<string>();
  for (const { e, asset } of rows) {
    judgedPairs.add(`${asset.asset_id}|${e.story_id ?? ''}`);
    const ms = (matches.get(asset.asset_id) ?? [])
      .filter((m) => (e.story_id ? m.story_id === e.story_id : true))
      .map((m) => ({ ...m, cves: m.cves.filter((c) => (e.cve ? c === e.cve : !cveRows.has(`${asset.asset_id}|${m.story_id}|${c}`))) }))
      .filter((m) => m.cves.length);
    const got = combine(ms);
    const label = `${e.source} ${e.asset.id ?? `${e.asset.name} ${e.asset.version}`} / ${e.story_id ?? 'any advisory'}${e.cve ? ` / ${e.cve}` : ''}`;
    const verdict = got?.verdict ?? 'not_affected';
    if (verdict !== e.verdict) disagreements.push(`${label}: expected ${e.verdict}, got ${got ? `${got.verdict} (${got.confidence})` : 'no match'}`);
    const confident = got?.verdict === 'affected' && got.confidence !== 'low';
    if (confident && e.verdict === 'affected') tp++;
    else if (confident) fp++;
    else if (e.verdict === 'affected') fn++;
  }
  // A confident `affected` for an advisory no row judges is a false positive too.
  for (const [assetId, ms] of matches) {
    for (const m of ms) {
      if (judgedPairs.has(`${assetId}|${m.story_id}`) || judgedPairs.has(`${assetId}|`)) continue;
      if (m.verdict === 'affected' && m.confidence !== 'low') {
        fp++;
        disagreements.push(`${m.asset_name} ${m.asset_version ?? ''} / ${m.story_id}: affected (${m.confidence}), not judged in expected.json`);
      }
    }
  }
  return {
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    disagreements,
    judged: rows.length,
  };
}

// Exposure reads no vectors: a constant embedder keeps the run to seconds instead of embedding
// every advisory passage with the model.
const constantEmbedder: Embedder = {
  info: { provider: 'eval-constant', model: 'none', dimensions: 8 },
  embedDocuments: (texts) => Promise.resolve(texts.map(() => [1, 0, 0, 0, 0, 0, 0, 0])),
  embedQuery: () => Promise.resolve([1, 0, 0, 0, 0, 0, 0, 0]),
};

/** `npm run eval -- exposure`: prints precision and recall of `affected` at confidence >= high. */
export async function evalExposure(print: (s: string) => void): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-eval-exposure-'));
  const app = await openApp(loadConfig({ env: { STORYLINE_DATA_DIR: dir } }), { embedder: constantEmbedder, log: createLogger('warn') });
  try {
    const spec = await loadExposureFixtures(app);
    const s = await scoreExposure(app, spec);
    print(`exposure fixtures: ${spec.expected.length} hand-judged rows, ${readdirSync(path.join(EXPOSURE_FIXTURES, spec.advisories)).length} CISA advisories`);
    print('| affected at confidence >= high | precision | recall | TP | FP | FN |\n|---|---|---|---|---|---|');
    print(`| check_exposure | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.truePositives} | ${s.falsePositives} | ${s.falseNegatives} |`);
    if (s.disagreements.length) print(`\nverdicts that differ from the hand-written ones (any confidence):\n  ${s.disagreements.join('\n  ')}`);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
