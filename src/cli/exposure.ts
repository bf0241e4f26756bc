import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ExposureMatch } from '../exposure/service.js';
import { isoDate } from '../story/schema.js';
import { parseIntIn, type WithApp } from './args.js';
import { out, printJson } from './output.js';
import { confidences } from '../exposure/match.js';

const describeMatch = (m: ExposureMatch) =>
  `${m.kev ? '[KEV] ' : ''}${m.verdict.toUpperCase()} (${m.confidence})  ${m.asset_name}${m.asset_version ? ` ${m.asset_version}` : ''} [${m.asset_id}]\n` +
  `    ${m.story_id} ${m.cves.join(', ')}${m.cvss !== null ? `, CVSS ${m.cvss}` : ''}${m.kev ? `, KEV due ${m.kev.due_date}` : ''}\n    ${m.why}${m.citation_id ? `\n    citation_id ${m.citation_id}` : ''}`;


const parseDay = (v: string) => {
  const r = isoDate.safeParse(v);
  if (!r.success) throw new InvalidArgumentError(r.error.issues[0]?.message ?? 'must be a date written YYYY-MM-DD');
  return r.data;
};

/** `storyline assets import|list|remove` and `storyline exposure`. */
export function registerExposureCommands(program: Command, withApp: WithApp): void {
  const assets = program.command('assets').description('your inventory: SBOMs (CycloneDX, SPDX), CSV, CPE/purl lists, OpenVEX');

  assets
    .command('import')
    .description('import inventory files; re-importing a file (a source) replaces its assets; any bad row imports nothing')
    .argument('<files...>', 'CycloneDX or SPDX JSON, CSV (name,version[,vendor,id,cpe,purl,owner,location,tags]), CPE/purl lists, OpenVEX')
    .option('--source <name>', 'the source name (default: the file name; one file only)')
    .option('--json', 'print JSON')
    .action((files: string[], opts: { source?: string; json?: boolean }) =>
      withApp(async (app) => {
        const started = performance.now();
        const r = await app.exposure.importFiles(files, opts.source ? { source: opts.source } : {});
        if (opts.json) return printJson(r);
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        out(r.sources.map((s) => `${s.source}: ${s.assets} assets (${s.format})${s.vex_statements ? `, ${s.vex_statements} VEX statements` : ''}${s.replaced ? `, replacing ${s.replaced}` : ''}`).join('\n') + `\nImported ${r.assets} assets in ${secs}s.`);
      }),
    );

  assets
    .command('list')
    .description('list imported assets')
    .option('--source <name>', 'only this source')
    .option('-q, --query <text>', 'only assets whose fields contain this text')
    .option('-n, --limit <n>', 'how many', parseIntIn(1, 100_000), 100)
    .option('--json', 'print JSON')
    .action((opts: { source?: string; query?: string; limit: number; json?: boolean }) =>
      withApp(async (app) => {
        const r = await app.exposure.list({ ...(opts.source ? { source: opts.source } : {}), ...(opts.query ? { text: opts.query } : {}), offset: 0, limit: opts.limit });
        if (opts.json) return printJson(r);
        if (!r.total) return out('No assets imported.');
        out(r.assets.map((a) => `${a.asset_id}  ${a.vendor ? `${a.vendor} ` : ''}${a.name}${a.version ? ` ${a.version}` : ''}  (${a.source})`).join('\n'));
        if (r.total > r.assets.length) out(`… ${r.total - r.assets.length} more (use --limit)`);
      }),
    );

  assets
    .command('remove')
    .description('remove assets by id, or a whole source')
    .argument('[asset-ids...]', 'asset ids from `storyline assets list`')
    .option('--source <name>', 'remove every asset and VEX statement of this source')
    .action((ids: string[], opts: { source?: string }) =>
      withApp(async (app) => {
        const n = await app.exposure.remove({ asset_ids: ids, ...(opts.source ? { source: opts.source } : {}) });
        out(`Removed ${n} asset(s).`);
      }),
    );

  program
    .command('exposure')
    .description('am I affected? imported assets against stored advisories: cited verdicts, KEV first; with no filter, the risk report')
    .option('--story <id>', 'only this advisory')
    .option('--cve <id>', 'only this CVE')
    .option('--asset <id>', 'only this asset')
    .addOption(new Option('--min-confidence <c>', 'report: lowest confidence counted').choices(confidences).default('high'))
    .option('--kev-only', 'report: only CVEs in the KEV catalog')
    .option('--since <YYYY-MM-DD>', 'report: only advisories published or updated on or after this day', parseDay)
    .option('--json', 'print JSON')
    .action((opts: { story?: string; cve?: string; asset?: string; minConfidence: 'exact' | 'high' | 'low'; kevOnly?: boolean; since?: string; json?: boolean }) =>
      withApp(async (app) => {
        if (opts.story || opts.cve || opts.asset) {
          const matches = await app.exposure.check({ ...(opts.story ? { story_id: opts.story } : {}), ...(opts.cve ? { cve: opts.cve } : {}), ...(opts.asset ? { asset_id: opts.asset } : {}) });
          if (opts.json) return printJson({ matches });
          return out(matches.length ? matches.map(describeMatch).join('\n') : (await app.exposure.hasAssets()) ? 'No imported asset matches.' : 'No assets imported: run `storyline assets import FILE` first.');
        }
        const report = await app.exposure.report({ min_confidence: opts.minConfidence, kev_only: !!opts.kevOnly, ...(opts.since ? { since: opts.since } : {}) });
        if (opts.json) return printJson({ assets: report });
        out(
          report.length
            ? report.map((e, i) => `${i + 1}. ${e.asset.name}${e.asset.version ? ` ${e.asset.version}` : ''} [${e.asset.asset_id}]${e.risk.kev ? ' KEV' : ''}${e.risk.cvss !== null ? ` CVSS ${e.risk.cvss}` : ''}\n${e.matches.map((m) => `   ${describeMatch(m).replace(/\n/g, '\n   ')}`).join('\n')}`).join('\n')
            : 'No imported asset is affected at this confidence.',
        );
      }),
    );
}
