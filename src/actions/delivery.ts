import { appendFile, mkdir, open } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../log.js';
import { VERSION } from '../version.js';
import type { AttemptOutcome } from './schema.js';
import { checkWebhookUrl, guardedLookup, type TargetPolicy } from './ssrf.js';
import type { Delivery, Subscriptions } from './subscriptions.js';

/** Delivery settings; tests shorten the backoff. */
export interface DeliveryOptions extends TargetPolicy {
  /** Per-attempt timeout, connect to last byte. */
  timeoutMs: number;
  /**
   * Attempts before a delivery is dead-lettered; also how many claims may end unfinished (the
   * worker crashed or was killed mid-delivery) before it is dead-lettered as a crash loop.
   */
  maxAttempts: number;
  /** First retry delay; doubles per attempt, with jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Response bytes read at most; the rest is discarded. */
  maxResponseBytes: number;
  /** Deliveries in flight at once. */
  concurrency: number;
  /** Where outbox targets write: <outboxDir>/<name>.jsonl. */
  outboxDir: string;
}

/** The outcome of one attempt. */
export interface AttemptResult {
  id: string;
  outcome: AttemptOutcome;
  status: number | null;
  error: string | null;
}

interface Response {
  status: number;
  retryAfter: string | undefined;
}

/** Exponential backoff with full jitter in [0.5, 1.5) of the nominal delay, capped. */
export function backoffDelay(attempt: number, opts: Pick<DeliveryOptions, 'backoffBaseMs' | 'backoffMaxMs'>, random = Math.random): number {
  const nominal = Math.min(opts.backoffMaxMs, opts.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal * (0.5 + random()));
}

/** A Retry-After header (seconds or an HTTP date) as milliseconds from now, if usable. */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function post(url: URL, body: string, headers: Record<string, string>, opts: DeliveryOptions): Promise<Response> {
  const lookup = guardedLookup(opts);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        // A fresh agent per request: no pooled socket can outlive the address check.
        agent: false,
        timeout: opts.timeoutMs,
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > opts.maxResponseBytes) res.destroy();
        });
        const done = () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const deadline = setTimeout(() => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.on('close', () => clearTimeout(deadline));
    req.end(body);
  });
}

/**
 * Sends queued deliveries: Standard Webhooks headers and signature, a timeout, no redirects,
 * capped response bodies, exponential backoff with jitter (honouring Retry-After), 410
 * disabling the subscription, and a dead letter after the last attempt. Outbox targets get a
 * JSON line with the same headers instead of an HTTP request.
 */
export function createDeliveryWorker(subs: Subscriptions, opts: DeliveryOptions, log: Logger) {
  // A claim outlives one attempt; after a crash, the lease running out frees the delivery again.
  const leaseMs = opts.timeoutMs * 2 + 1_000;

  async function attempt(d: Delivery): Promise<AttemptResult> {
    const sub = await subs.get(d.subscription_id);
    if (!sub) return { id: d.id, outcome: 'dead', status: null, error: 'subscription deleted' };
    // Claims before this one that never finished: each was a worker that died mid-delivery.
    // They cost no attempt, but a delivery that keeps killing its worker must stop somewhere.
    const unfinished = d.claims - 1 - d.attempts;
    if (unfinished >= opts.maxAttempts) {
      const error = `dead after ${unfinished} unfinished deliveries: the worker stopped (crashed or was killed) mid-delivery each time; \`storyline deliveries retry ${d.id}\` sends it again`;
      await subs.markAbandoned(d, error);
      log.warn(`delivery ${d.id}: ${error}`);
      return { id: d.id, outcome: 'dead', status: null, error };
    }
    // Rows counted under the old rule (a claim was an attempt), or a lowered limit: no attempt left.
    if (d.attempts >= opts.maxAttempts) {
      const error = `dead: ${d.attempts} attempts already made, the limit is ${opts.maxAttempts}`;
      await subs.markAbandoned(d, error);
      return { id: d.id, outcome: 'dead', status: null, error };
    }
    // This attempt's number: only finished attempts count, so it never passes the limit.
    const n = d.attempts + 1;
    const timestamp = new Date();
    const signature = new Webhook(await subs.secretOf(sub.id)).sign(d.id, timestamp, d.payload);
    const headers = {
      'content-type': 'application/json',
      'user-agent': `Storyline/${VERSION}`,
      'webhook-id': d.id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signature,
    };
    let status: number | null = null;
    let error: string;
    let retryAfter: number | null = null;
    try {
      if (sub.target.type === 'outbox') {
        await mkdir(opts.outboxDir, { recursive: true });
        const file = path.join(opts.outboxDir, `${sub.target.name}.jsonl`);
        await appendFile(file, `${JSON.stringify({ headers, payload: JSON.parse(d.payload) as unknown })}\n`);
        const fh = await open(file, 'r');
        await fh.sync().finally(() => fh.close());
        await subs.markDelivered(d, 0);
        return { id: d.id, outcome: 'delivered', status: null, error: null };
      }
      // Re-checked on every attempt: policy or DNS may have changed since creation.
      const url = checkWebhookUrl(sub.target.url, opts);
      const res = await post(url, d.payload, headers, opts);
      status = res.status;
      if (status >= 200 && status < 300) {
        await subs.markDelivered(d, status);
        return { id: d.id, outcome: 'delivered', status, error: null };
      }
      if (status === 410) {
        await subs.markFailed(d, { status, error: 'receiver answered 410 Gone; subscription disabled', retryAt: null });
        await subs.update(sub.id, { status: 'disabled', disabled_reason: 'receiver answered 410 Gone' });
        log.warn(`subscription ${sub.id} disabled: its receiver answered 410 Gone`);
        return { id: d.id, outcome: 'disabled', status, error: '410 Gone' };
      }
      error = status >= 300 && status < 400 ? `receiver answered ${status} (redirects are not followed)` : `receiver answered ${status}`;
      retryAfter = retryAfterMs(res.retryAfter);
    } catch (err) {
      error = (err as Error).message;
    }
    if (n >= opts.maxAttempts) {
      await subs.markFailed(d, { status, error: `${error}; dead after ${n} attempts`, retryAt: null });
      log.warn(`delivery ${d.id} dead after ${n} attempts: ${error}`);
      return { id: d.id, outcome: 'dead', status, error };
    }
    // A receiver's Retry-After wins over our schedule (bounded to a day); otherwise back off.
    const delay = retryAfter !== null ? Math.min(retryAfter, 86_400_000) : backoffDelay(n, opts);
    await subs.markFailed(d, { status, error, retryAt: Date.now() + delay });
    log.debug(`delivery ${d.id} attempt ${n} failed (${error}); retry in ${delay} ms`);
    return { id: d.id, outcome: 'retry', status, error };
  }

  /** Runs promises with at most `opts.concurrency` in flight. */
  async function runAll(batch: Delivery[]): Promise<AttemptResult[]> {
    const results: AttemptResult[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(opts.concurrency, batch.length) }, async () => {
        while (next < batch.length) results.push(await attempt(batch[next++]!));
      }),
    );
    return results;
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();

  return {
    /** One pass: claims due deliveries and attempts each once. */
    async runOnce(): Promise<AttemptResult[]> {
      const batch = await subs.claim(opts.concurrency * 4, leaseMs);
      return batch.length ? runAll(batch) : [];
    },
    /** Attempts one delivery now (test events, manual retry). */
    async deliverNow(id: string): Promise<AttemptResult | null> {
      const d = await subs.claimOne(id, leaseMs);
      return d ? attempt(d) : null;
    },
    /** Polls every `pollMs` until stopped. */
    start(pollMs: number): void {
      if (timer) return;
      const tick = () => {
        running = this.runOnce()
          .catch((err: unknown) => log.error(`delivery worker: ${(err as Error).message}`))
          .finally(() => {
            if (timer) timer = setTimeout(tick, pollMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    /** Stops polling and waits for attempts in flight. */
    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
