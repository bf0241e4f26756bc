import { z } from 'zod';
import { describeDelivery, describeSubscription, deliveryView } from '../../render/subscriptions.js';
import { attemptOutcome, deliveryViewSchema, subscriptionSchema } from '../../actions/schema.js';
import { queryInput, storyIdInput, subscriptionIdInput, USER_ARGS_ONLY } from '../schemas.js';
import { defineTool } from '../tool.js';
import { confidences } from '../../exposure/match.js';

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const threshold = z.number().min(0).max(1).describe('Minimum semantic similarity (0-1) for a query match (default 0.45)');
const webhookUrl = z.string().trim().min(1).max(2048).describe('Where to POST signed events: https (http only to loopback when the server allows it)');
const outbox = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 letters, digits, "_" or "-"')
  .describe('Instead of a webhook: append events to <data dir>/outbox/<outbox>.jsonl');
const minConfidence = z.enum(confidences);

/** Where events will go, in words, for a confirmation question. */
function targetOf(args: { webhook_url?: string | undefined; outbox?: string | undefined }, subscriptions: { outboxPath(name: string): string }): string {
  if (args.webhook_url && args.outbox) return 'both a webhook and an outbox were given: the request will be refused';
  if (args.webhook_url) return `the webhook ${args.webhook_url.trim()}`;
  if (args.outbox) return `the outbox file ${subscriptions.outboxPath(args.outbox)} on the server`;
  return 'no target was given: the request will be refused';
}

/** True when two webhook URLs are the same once parsed (the stored one is normalized). */
function sameUrl(given: string | undefined, stored: string): boolean {
  if (given === undefined) return false;
  try {
    return new URL(given.trim()).href === stored;
  } catch {
    return false;
  }
}

export const createSubscription = defineTool({
  name: 'create_subscription',
  title: 'Subscribe to new matching stories',
  description:
    'Creates a subscription that sends a signed event (Standard Webhooks) when a new story matches, or when a followed story ' +
    'gets new timeline events. Match by a natural-language query (semantic or keyword), by entities (CVE, vendor, product, ' +
    'actor, agency), by following a story, and/or by affects_assets (a new or changed advisory affects one of the user\'s ' +
    'imported assets; the matches come in the event); every criterion given must hold. Deliver to an https webhook or a local ' +
    'outbox file. The subscription belongs to the caller: others cannot see or change it. Returns the signing secret ' +
    '(whsec_...) only on the call that creates it; store it. Pass an idempotency_key (unique per caller) so a retried ' +
    'call creates nothing twice: a repeat with the same arguments returns the subscription without its secret, and a ' +
    `repeat with different arguments is refused. ${USER_ARGS_ONLY}`,
  input: {
    name: name.describe('A name for the subscription, e.g. "SOC: ICS advisories"'),
    query: queryInput.max(500).optional().describe('What stories to match, in plain words'),
    threshold: threshold.optional(),
    entities: z.array(z.string().trim().min(1).max(200)).max(50).optional().describe('Match stories naming any of these entities'),
    follow_story_id: storyIdInput.optional().describe('Send story.updated when this story gets new timeline events'),
    affects_assets: z.boolean().optional().describe("Only advisories that affect one of the user's imported assets (story.created, and story.updated when a changed advisory does); the matches come in the event"),
    min_confidence: minConfidence.optional().describe('With affects_assets: the lowest match confidence that counts (default high)'),
    webhook_url: webhookUrl.optional(),
    outbox: outbox.optional(),
    idempotency_key: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('Any string unique to this request; a repeat with the same key and arguments returns the first result (without the secret)'),
  },
  output: {
    subscription: subscriptionSchema,
    secret: z.string().nullable().describe('The signing secret, only on the call that created the subscription; null on a replay (it was shown then)'),
    replayed: z.boolean().describe('True when an earlier call with the same idempotency_key created it'),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, { subscriptions }, { caller, confirm }) {
    const matches = [
      args.query ? `stories matching "${args.query}" (similarity at least ${args.threshold ?? 'the default 0.45'})` : '',
      args.entities?.length ? `stories naming ${args.entities.join(', ')}` : '',
      args.follow_story_id ? `new timeline events of story ${args.follow_story_id}` : '',
      args.affects_assets ? `new or changed advisories that affect your imported assets (confidence ${args.min_confidence ?? 'high'} or better)` : '',
    ].filter(Boolean);
    await confirm({
      action: `Create the subscription "${args.name}", which sends a signed event for every new match.`,
      details: [`Matches: ${matches.join('; ') || '(nothing given: the request will be refused)'}`, `Events go to: ${targetOf(args, subscriptions)}`],
    });
    const r = await subscriptions.create(args, caller);
    return {
      structured: r,
      text:
        r.secret === null
          ? `Already created by an earlier call with this idempotency_key: ${describeSubscription(r.subscription)}\n` +
            'Its signing secret was shown to that call and is not shown again.'
          : `Created: ${describeSubscription(r.subscription)}\nSigning secret (shown once, store it to verify signatures): ${r.secret}`,
    };
  },
});

export const listSubscriptions = defineTool({
  name: 'list_subscriptions',
  title: 'List subscriptions',
  description:
    'Lists your subscriptions (every one for an admin) with what each matches, where it delivers and whether it is active, paused or disabled.',
  input: {},
  output: { subscriptions: z.array(subscriptionSchema) },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(_args, { subscriptions }, { caller }) {
    const list = await subscriptions.list(caller);
    // An admin sees everyone's: say whose each one is.
    const line = (s: (typeof list)[number]) => (caller.admin ? `${describeSubscription(s)} (owner ${s.owner})` : describeSubscription(s));
    return { structured: { subscriptions: list }, text: list.length ? list.map(line).join('\n') : 'No subscriptions yet.' };
  },
});

export const getSubscription = defineTool({
  name: 'get_subscription',
  title: 'Get a subscription and its deliveries',
  description: 'One subscription with its most recent deliveries and their status (pending, delivered, dead), attempts and last error.',
  input: {
    subscription_id: subscriptionIdInput,
    deliveries: z.number().int().min(1).max(100).default(10).describe('How many recent deliveries to include (default 10)'),
  },
  output: { subscription: subscriptionSchema, deliveries: z.array(deliveryViewSchema) },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { subscriptions }, { caller }) {
    const r = await subscriptions.get(args.subscription_id, caller, args.deliveries);
    return {
      structured: { subscription: r.subscription, deliveries: r.deliveries.map(deliveryView) },
      text: `${describeSubscription(r.subscription)}\nRecent deliveries:\n${r.deliveries.map(describeDelivery).join('\n') || '(none)'}`,
    };
  },
});

export const updateSubscription = defineTool({
  name: 'update_subscription',
  title: 'Update a subscription',
  description: `Pauses or resumes a subscription, or changes its threshold, name, delivery target, or whether (and at what confidence) it matches only advisories that affect the user's imported assets. ${USER_ARGS_ONLY}`,
  input: {
    subscription_id: subscriptionIdInput,
    status: z.enum(['active', 'paused']).optional().describe('"paused" stops deliveries (they wait); "active" resumes'),
    threshold: threshold.optional(),
    name: name.optional().describe('A new name'),
    webhook_url: webhookUrl.optional(),
    outbox: outbox.optional(),
    affects_assets: z.boolean().optional().describe("true: match only advisories that affect one of the user's imported assets; false: drop that criterion (refused if it is the only one)"),
    min_confidence: minConfidence.optional().describe('With affects_assets (given now or already set): the lowest match confidence that counts'),
  },
  output: { subscription: subscriptionSchema },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { subscriptions }, { caller, confirm }) {
    const { subscription_id, ...patch } = args;
    if (patch.webhook_url !== undefined || patch.outbox !== undefined) {
      const current = (await subscriptions.get(subscription_id, caller, 1)).subscription;
      const t = current.target;
      const unchanged = t.type === 'webhook' ? !patch.outbox && sameUrl(patch.webhook_url, t.url) : !patch.webhook_url && patch.outbox === t.name;
      // Only a new target is worth a question: pausing or renaming sends nothing anywhere new.
      if (!unchanged) {
        await confirm({
          action: `Change where the subscription "${current.name}" (${current.id}) sends its events.`,
          details: [`Now: ${targetOf(t.type === 'webhook' ? { webhook_url: t.url } : { outbox: t.name }, subscriptions)}`, `From now on: ${targetOf(patch, subscriptions)}`],
        });
      }
    }
    const s = await subscriptions.update(subscription_id, patch, caller);
    return { structured: { subscription: s }, text: `Updated: ${describeSubscription(s)}` };
  },
});

export const deleteSubscription = defineTool({
  name: 'delete_subscription',
  title: 'Delete a subscription',
  description: `Deletes a subscription and its queued and past deliveries. This cannot be undone. ${USER_ARGS_ONLY}`,
  input: { subscription_id: subscriptionIdInput },
  output: { deleted: z.string() },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handler(args, { subscriptions }, { caller, confirm }) {
    const { subscription: s, deliveries } = await subscriptions.get(args.subscription_id, caller, 100);
    await confirm({
      action: `Delete the subscription "${s.name}" (${s.id}) with its queued and past deliveries. This cannot be undone.`,
      details: [
        `It sends events to: ${targetOf(s.target.type === 'webhook' ? { webhook_url: s.target.url } : { outbox: s.target.name }, subscriptions)}`,
        `Deliveries recorded: ${deliveries.length === 100 ? '100 or more' : deliveries.length}; no more events will be sent`,
      ],
    });
    await subscriptions.delete(args.subscription_id, caller);
    return { structured: { deleted: args.subscription_id }, text: `Deleted subscription ${args.subscription_id}.` };
  },
});

export const testSubscription = defineTool({
  name: 'test_subscription',
  title: 'Send a test event',
  description: 'Sends a signed subscription.test event to the subscription\'s target now and reports whether it was delivered.',
  input: { subscription_id: subscriptionIdInput },
  output: {
    delivery_id: z.string(),
    outcome: attemptOutcome,
    status: z.number().int().nullable(),
    error: z.string().nullable(),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, { subscriptions }, { caller }) {
    const { delivery_id, result } = await subscriptions.test(args.subscription_id, caller);
    const text =
      result.outcome === 'delivered'
        ? `Test event ${delivery_id} delivered${result.status ? ` (HTTP ${result.status})` : ''}.`
        : `Test event ${delivery_id} not delivered: ${result.error ?? result.outcome}${result.outcome === 'retry' ? '; it will be retried' : ''}.`;
    return { structured: { delivery_id, outcome: result.outcome, status: result.status, error: result.error }, text };
  },
});
