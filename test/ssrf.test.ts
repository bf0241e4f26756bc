import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResolvedHost, checkWebhookUrl, guardedLookup, isAllowedAddress } from '../src/actions/ssrf.js';
import { connectClient, hashEmbedder, openTestApp, textOf } from './helpers.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const strict = { allowLoopbackHttp: false };

describe('SSRF guards', () => {
  it.each([
    'https://127.0.0.1/hook',
    'https://127.1.2.3/',
    'https://10.0.0.1/',
    'https://10.255.255.255/',
    'https://172.16.0.1/',
    'https://172.31.255.254/',
    'https://192.168.1.1/',
    'https://169.254.169.254/latest/meta-data/',
    'https://0.0.0.0/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:a9fe:a9fe]/',
    'https://[fe80::1]/',
    'https://[fd00::1]/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0177.0.0.1/',
    'https://0x7f.1/',
    'https://167772161/',
    'https://localhost/',
    'http://127.0.0.1/',
    'http://example.com/hook',
    'ftp://example.com/',
    'file:///etc/passwd',
    'https://user:pass@example.com/',
    'not a url',
  ])('refuses %s at creation', (url) => {
    expect(() => checkWebhookUrl(url, strict)).toThrow();
  });

  it('allows public https URLs, and http to loopback only when configured', () => {
    expect(checkWebhookUrl('https://hooks.example.com/x', strict).href).toBe('https://hooks.example.com/x');
    expect(checkWebhookUrl('https://93.184.216.34/x', strict).hostname).toBe('93.184.216.34');
    expect(checkWebhookUrl('http://127.0.0.1:9/x', { allowLoopbackHttp: true }).port).toBe('9');
    expect(() => checkWebhookUrl('http://10.0.0.1/x', { allowLoopbackHttp: true })).toThrow(/https/);
  });

  it('classifies addresses, IPv4-mapped IPv6 as the IPv4 it carries', () => {
    expect(isAllowedAddress('8.8.8.8', strict)).toBe(true);
    expect(isAllowedAddress('2606:4700::1111', strict)).toBe(true);
    for (const a of ['127.0.0.1', '10.1.1.1', '172.20.0.1', '192.168.0.1', '169.254.169.254', '0.0.0.0', '::1', '::ffff:10.0.0.1', '100.64.0.1', 'fc00::1', '224.0.0.1']) {
      expect(isAllowedAddress(a, strict), a).toBe(false);
    }
  });

  it('refuses a host name that resolves to a private address', async () => {
    const resolve = (host: string): Promise<LookupAddress[]> =>
      Promise.resolve(host === 'internal.example' ? [{ address: '93.184.216.34', family: 4 }, { address: '10.1.2.3', family: 4 }] : [{ address: '93.184.216.34', family: 4 }]);
    await expect(checkResolvedHost('internal.example', { ...strict, resolve })).rejects.toThrow(/resolves to 10\.1\.2\.3, a private address/);
    await expect(checkResolvedHost('public.example', { ...strict, resolve })).resolves.toBeUndefined();
  });

  it('re-checks at connect time: a name rebound to a private address is never connected to', async () => {
    const resolve = () => Promise.resolve([{ address: '192.168.7.7', family: 4 }] as LookupAddress[]);
    const lookup = guardedLookup({ ...strict, resolve });
    const err = await new Promise<Error | null>((r) => lookup('rebind.example', {}, (e) => r(e)));
    expect(err?.message).toMatch(/refused to connect to rebind\.example: it resolves to 192\.168\.7\.7/);
  });
});

describe('SSRF through the tools: nothing refused is ever contacted', () => {
  let app: Awaited<ReturnType<typeof openTestApp>>;
  let receiver: Receiver;
  beforeAll(async () => {
    app = await openTestApp({ embedder: hashEmbedder() });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    app.cleanup();
  });

  it('refuses loopback receivers unless configured, and a rebinding name at delivery time', async () => {
    const client = await connectClient(app);
    const port = new URL(receiver.url).port;
    for (const url of [receiver.url, `https://127.0.0.1:${port}/hook`, `https://[::1]:${port}/`, `https://2130706433:${port}/`, `https://localhost:${port}/`]) {
      const r = await client.callTool({ name: 'create_subscription', arguments: { name: 'x', entities: ['CISA'], webhook_url: url } });
      expect(r.isError, url).toBe(true);
      expect(textOf(r)).toMatch(/https|loopback|never contacted/);
    }
    expect(app.subscriptions.store.list()).toEqual([]);

    // A subscription made while the name looked public, whose name now points at loopback.
    const sub = app.subscriptions.store.create({
      owner: 'local', name: 'rebound', query: null, query_vector: null, threshold: 0.5, entities: ['CISA'], follow_story_id: null,
      target: { type: 'webhook', url: `https://rebind.example:${port}/hook` }, idempotency_key: null, request_hash: null,
    });
    const worker = (await import('../src/actions/delivery.js')).createDeliveryWorker(
      app.subscriptions.store,
      { allowLoopbackHttp: false, resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]), timeoutMs: 500, maxAttempts: 2, backoffBaseMs: 10, backoffMaxMs: 10, maxResponseBytes: 1000, concurrency: 1, outboxDir: app.dir },
      app.log,
    );
    const id = app.subscriptions.store.enqueue(sub.subscription.id, 'story.created', null, {});
    const r = await worker.deliverNow(id);
    expect(r?.error).toMatch(/refused to connect to rebind\.example/);
    expect(receiver.received).toHaveLength(0);
    await client.close();
  });
});
