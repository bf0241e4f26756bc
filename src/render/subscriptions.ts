import type { DeliveryView } from '../actions/schema.js';
import type { Delivery, Subscription } from '../actions/subscriptions.js';

/** A delivery as tools return it. */
export function deliveryView(d: Delivery): DeliveryView {
  return {
    id: d.id,
    event_type: d.event_type,
    story_id: d.story_id,
    status: d.status,
    attempts: d.attempts,
    last_status: d.last_status,
    last_error: d.last_error,
    next_attempt_at: d.status === 'pending' ? new Date(d.next_attempt_at).toISOString() : null,
    created_at: d.created_at,
    delivered_at: d.delivered_at,
  };
}

/** One line describing a subscription. */
export function describeSubscription(s: Subscription): string {
  const what = [
    s.query ? `query "${s.query}" (threshold ${s.threshold})` : '',
    s.entities.length ? `entities ${s.entities.join(', ')}` : '',
    s.follow_story_id ? `follows story ${s.follow_story_id}` : '',
    s.affects_assets ? `affects my assets (${s.affects_assets.min_confidence}+)` : '',
  ].filter(Boolean).join('; ');
  const where = s.target.type === 'webhook' ? `webhook ${s.target.url}` : `outbox "${s.target.name}"`;
  return `${s.id} "${s.name}" [${s.status}${s.disabled_reason ? `: ${s.disabled_reason}` : ''}]: ${what} -> ${where}`;
}

/** One line describing a delivery. */
export const describeDelivery = (d: Delivery) =>
  `${d.id} ${d.event_type}${d.story_id ? ` (${d.story_id})` : ''}: ${d.status}, ${d.attempts} attempt(s)` +
  `${d.last_status ? `, last HTTP ${d.last_status}` : ''}${d.last_error ? `, ${d.last_error}` : ''}`;
