import type { Command } from 'commander';
import { exportStore, importStore } from '../store/transfer.js';
import type { WithApp } from './args.js';
import { out, printJson, progressReporter } from './output.js';

/** `storyline export` and `storyline import`: move a store (vectors included) to another engine or machine. */
export function registerTransferCommands(program: Command, withApp: WithApp): void {
  program
    .command('export')
    .description('write every story with its passages and their vectors, the KEV entries and the subscriptions to a JSON Lines file')
    .argument('<file>', 'the file to write (gzip when it ends in .gz; "-" for stdout)')
    .option('--json', 'print the counts as JSON (on stderr when the file is stdout)')
    .addHelpText('after', '\nSubscriptions keep their sealed signing secrets: the importing store needs the same secret key. Deliveries and assets stay. Move a store with:\n  storyline export store.jsonl.gz && STORYLINE_DATA_DIR=/new/place storyline import store.jsonl.gz')
    .action((file: string, opts: { json?: boolean }) =>
      withApp(async (app) => {
        const r = await exportStore(app.store, app.embedder.info, file, { onProgress: progressReporter('exporting stories') });
        const say = file === '-' ? (t: string) => process.stderr.write(`${t}\n`) : out;
        if (opts.json) return say(JSON.stringify(r, null, 2));
        say(`Exported ${r.stories} stories, ${r.passages} passages with their vectors, ${r.kev_entries} KEV entries and ${r.subscriptions} subscriptions to ${file === '-' ? 'stdout' : file}.`);
      }),
    );

  program
    .command('import')
    .description('read a file written by `storyline export` into this store, without re-embedding; a damaged file imports nothing')
    .argument('<file>', 'an export file (plain or gzip)')
    .option('--json', 'print the counts as JSON')
    .addHelpText('after', '\nThe store must use the embedder the export was made with, and the secret key (STORYLINE_SECRET_KEY or secret.key) if the file holds subscriptions. Stories already stored unchanged, and subscriptions already there, are skipped.')
    .action((file: string, opts: { json?: boolean }) =>
      withApp(async (app) => {
        const started = performance.now();
        const r = await importStore(app.store, app.embedder.info, file, {
          onProgress: progressReporter('importing stories'),
          opensSecret: (sealed) => app.subscriptions.store.opensSecret(sealed),
        });
        if (opts.json) return printJson(r);
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        out(`Imported ${r.stories - r.skipped} stories (${r.passages} passages), ${r.kev_entries} KEV entries and ${r.subscriptions} subscriptions in ${secs}s; ${r.skipped} stories already stored unchanged.`);
      }),
    );
}
