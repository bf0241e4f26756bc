import { InvalidArgumentError, Option, type Command } from 'commander';
import { LOCAL_CALLER } from '../actions/caller.js';
import { deliveryStatuses, type DeliveryStatus } from '../actions/schema.js';
import { UserError } from '../errors.js';
import { describeDelivery, describeSubscription, deliveryView } from '../render/subscriptions.js';
import type { WithApp } from './args.js';
import { out, printJson } from './output.js';
import { confidences } from '../exposure/match.js';

const parseThreshold = (v: string) => {
  const n = Number(v);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('must be a number from 0 to 1');
  return n;
};

/**
 * `storyline subscriptions ...`, `storyline deliveries ...` and `storyline deliver`. The CLI
 * acts for the local user (LOCAL_CALLER, an admin): it sees every subscription, and those it
 * creates are owned by "local".
 */
export function registerActionCommands(program: Command, withApp: WithApp): void {
  const subs = program.command('subscriptions').description('manage subscriptions that deliver new matching stories by signed webhook');

  subs
    .command('list')
    .description('list subscriptions')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      withApp(async (app) => {
        const list = await app.subscriptions.list(LOCAL_CALLER);
        if (opts.json) return printJson(list);
        out(list.length ? list.map(describeSubscription).join('\n') : 'No subscriptions yet.');
      }),
    );

  subs
    .command('create')
    .description('create a subscription; prints its signing secret once')
    .requiredOption('--name <name>', 'a name for it')
    .option('--query <words>', 'match stories about this')
    .option('--threshold <0-1>', 'minimum semantic similarity for the query (default 0.45)', parseThreshold)
    .option('--entity <name...>', 'match stories naming any of these entities')
    .option('--follow <story-id>', 'send story.updated when this story gets new timeline events')
    .option('--affects-assets', 'only advisories that affect an imported asset (see storyline assets)')
    .addOption(new Option('--min-confidence <c>', 'with --affects-assets: lowest match confidence (default high)').choices(confidences))
    .option('--webhook <url>', 'https URL to POST signed events to')
    .option('--outbox <name>', 'append events to <data dir>/outbox/<name>.jsonl instead')
    .option('--idempotency-key <key>', 'a repeat with the same key and arguments returns the first result, without the secret')
    .option('--json', 'print JSON')
    .action((opts: { name: string; query?: string; threshold?: number; entity?: string[]; follow?: string; affectsAssets?: boolean; minConfidence?: 'exact' | 'high' | 'low'; webhook?: string; outbox?: string; idempotencyKey?: string; json?: boolean }) =>
      withApp(async (app) => {
        const r = await app.subscriptions.create({
          name: opts.name,
          ...(opts.query ? { query: opts.query } : {}),
          ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
          ...(opts.entity ? { entities: opts.entity } : {}),
          ...(opts.follow ? { follow_story_id: opts.follow } : {}),
          ...(opts.affectsAssets ? { affects_assets: true } : {}),
          ...(opts.minConfidence ? { min_confidence: opts.minConfidence } : {}),
          ...(opts.webhook ? { webhook_url: opts.webhook } : {}),
          ...(opts.outbox ? { outbox: opts.outbox } : {}),
          ...(opts.idempotencyKey ? { idempotency_key: opts.idempotencyKey } : {}),
        }, LOCAL_CALLER);
        if (opts.json) return printJson(r);
        out(
          r.secret === null
            ? `Already created (same idempotency key): ${describeSubscription(r.subscription)}\nIts signing secret was shown when it was created and is not shown again.`
            : `Created: ${describeSubscription(r.subscription)}\nSigning secret (shown once): ${r.secret}`,
        );
      }),
    );

  subs
    .command('update')
    .description('pause or resume a subscription, or change its name, threshold, target or affects-assets setting')
    .argument('<id>', 'subscription id')
    .option('--name <name>', 'a new name')
    .addOption(new Option('--pause', 'stop deliveries (they wait)').conflicts('resume'))
    .option('--resume', 'resume deliveries')
    .option('--threshold <0-1>', 'minimum semantic similarity for the query', parseThreshold)
    .option('--affects-assets', 'only advisories that affect an imported asset')
    .option('--no-affects-assets', 'drop the affects-assets criterion')
    .addOption(new Option('--min-confidence <c>', 'with affects-assets: lowest match confidence').choices(confidences))
    .option('--webhook <url>', 'send events to this https URL from now on')
    .option('--outbox <name>', 'append events to <data dir>/outbox/<name>.jsonl from now on')
    .option('--json', 'print JSON')
    .action((id: string, opts: { name?: string; pause?: boolean; resume?: boolean; threshold?: number; affectsAssets?: boolean; minConfidence?: 'exact' | 'high' | 'low'; webhook?: string; outbox?: string; json?: boolean }) =>
      withApp(async (app) => {
        const patch = {
          ...(opts.pause ? { status: 'paused' as const } : opts.resume ? { status: 'active' as const } : {}),
          ...(opts.name ? { name: opts.name } : {}),
          ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
          ...(opts.affectsAssets !== undefined ? { affects_assets: opts.affectsAssets } : {}),
          ...(opts.minConfidence ? { min_confidence: opts.minConfidence } : {}),
          ...(opts.webhook ? { webhook_url: opts.webhook } : {}),
          ...(opts.outbox ? { outbox: opts.outbox } : {}),
        };
        if (Object.keys(patch).length === 0) throw new UserError('say what to change (see storyline subscriptions update --help)');
        const s = await app.subscriptions.update(id, patch, LOCAL_CALLER);
        if (opts.json) return printJson(s);
        out(`Updated: ${describeSubscription(s)}`);
      }),
    );

  subs
    .command('delete')
    .description('delete a subscription and its deliveries')
    .argument('<id>', 'subscription id')
    .action((id: string) =>
      withApp(async (app) => {
        await app.subscriptions.delete(id, LOCAL_CALLER);
        out(`Deleted subscription ${id}.`);
      }),
    );

  subs
    .command('test')
    .description('send a signed test event now')
    .argument('<id>', 'subscription id')
    .option('--json', 'print JSON')
    .action((id: string, opts: { json?: boolean }) =>
      withApp(async (app) => {
        const r = await app.subscriptions.test(id, LOCAL_CALLER);
        if (opts.json) return printJson(r);
        out(r.result.outcome === 'delivered' ? `Test event ${r.delivery_id} delivered.` : `Test event ${r.delivery_id} not delivered: ${r.result.error ?? r.result.outcome}`);
        if (r.result.outcome !== 'delivered') process.exitCode = 1;
      }),
    );

  const deliveries = program
    .command('deliveries')
    .description('list deliveries (newest first), or retry one')
    .option('--subscription <id>', 'only this subscription')
    .addOption(new Option('--status <status>', 'only this status').choices(deliveryStatuses))
    .option('-n, --limit <n>', 'how many', (v) => Number(v), 50)
    .option('--json', 'print JSON')
    .action((opts: { subscription?: string; status?: DeliveryStatus; limit: number; json?: boolean }) =>
      withApp(async (app) => {
        if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > 10_000) throw new InvalidArgumentError('--limit must be a whole number from 1 to 10000');
        const list = await app.subscriptions.deliveries(LOCAL_CALLER, {
          ...(opts.subscription ? { subscription_id: opts.subscription } : {}),
          ...(opts.status ? { status: opts.status } : {}),
          limit: opts.limit,
        });
        if (opts.json) return printJson(list.map(deliveryView));
        out(list.length ? list.map(describeDelivery).join('\n') : 'No deliveries.');
      }),
    );

  deliveries
    .command('retry')
    .description('put a dead delivery back in line and attempt it now')
    .argument('<id>', 'delivery id (msg_...)')
    .action((id: string) =>
      withApp(async (app) => {
        const r = await app.subscriptions.retryDelivery(id);
        out(r?.outcome === 'delivered' ? `Delivery ${id} delivered.` : `Delivery ${id}: ${r?.outcome ?? 'queued'}${r?.error ? ` (${r.error})` : ''}.`);
      }),
    );

  program
    .command('deliver')
    .description('send due deliveries, for cron-style use; with --watch keep polling until stopped')
    .option('--watch', 'keep running and poll for due deliveries')
    .option('--json', 'print a JSON summary')
    .action((opts: { watch?: boolean; json?: boolean }) =>
      withApp(async (app) => {
        if (opts.watch) {
          app.subscriptions.startDelivery(app.config.webhooks.pollMs);
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await app.subscriptions.stopDelivery();
          return;
        }
        const summary = await app.subscriptions.deliverDue();
        if (opts.json) return printJson(summary);
        out(`Delivered ${summary.delivered}; ${summary.retry} to retry later; ${summary.dead} dead; ${summary.disabled} disabled by 410; ${summary.still_pending} pending.`);
      }),
    );
}
