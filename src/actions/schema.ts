import { z } from 'zod';
import { confidences } from '../exposure/match.js';

/** The one definition of the subscription and delivery shapes: types are inferred, tools' output schemas reuse them. */

export const subscriptionStatuses = ['active', 'paused', 'disabled'] as const;
export const subscriptionStatus = z.enum(subscriptionStatuses);
export type SubscriptionStatus = z.infer<typeof subscriptionStatus>;

export const deliveryStatuses = ['pending', 'delivering', 'delivered', 'dead'] as const;
export const deliveryStatus = z.enum(deliveryStatuses);
export type DeliveryStatus = z.infer<typeof deliveryStatus>;

/** How one delivery attempt ended: delivered, to retry later, dead (given up), or its subscription disabled by 410 Gone. */
export const attemptOutcome = z.enum(['delivered', 'retry', 'dead', 'disabled']);
export type AttemptOutcome = z.infer<typeof attemptOutcome>;

/** Where a subscription's events go. */
export const targetSchema = z.union([z.object({ type: z.literal('webhook'), url: z.string() }), z.object({ type: z.literal('outbox'), name: z.string() })]);
export type Target = z.infer<typeof targetSchema>;

/** A subscription as stored and as tools return it (the secret stays sealed, never shown). */
export const subscriptionSchema = z.object({
  id: z.string(),
  owner: z.string().describe('Who created it: "local" (stdio, CLI), "token:<name>" or "oauth:<subject>"; only they and admins see it'),
  name: z.string(),
  query: z.string().nullable(),
  /** Minimum cosine similarity between the query and a passage for a semantic match. */
  threshold: z.number(),
  entities: z.array(z.string()),
  follow_story_id: z.string().nullable(),
  affects_assets: z
    .object({ min_confidence: z.enum(confidences) })
    .nullable()
    .describe('Only advisories that affect an imported asset, at this confidence or better'),
  target: targetSchema,
  status: subscriptionStatus,
  disabled_reason: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** A delivery as tools and the CLI show it. */
export const deliveryViewSchema = z.object({
  id: z.string().describe('Also the webhook-id header, stable across retries'),
  event_type: z.string(),
  story_id: z.string().nullable(),
  status: deliveryStatus,
  attempts: z.number().int(),
  last_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;
