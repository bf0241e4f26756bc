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
    'https://255.255.255.255/',
    'https://224.0.0.1/',
    'https://100.64.0.1/',
    'https://192.0.2.1/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:a9fe:a9fe]/',
    'https://[fe80::1]/',
    'https://[fd00::1]/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0177.0.0.1/',
    'https://0x7f.1/',
    'https://0x7f.0x0.0x0.0x1/',
    'https://0xa9fea9fe/',
    'https://2852039166/',
    'https://0251.0376.0251.0376/',
    'https://167772161/',
    // IPv6 spellings that embed an IPv4 address, judged by the address they carry.
    'https://[::7f00:1]/',
    'https://[::127.0.0.1]/',
    'https://[::a9fe:a9fe]/',
    'https://[::a00:1]/',
    'https://[::ffff:7f00:1]/',
    'https://[::ffff:0:7f00:1]/',
    'https://[::ffff:0:a9fe:a9fe]/',
    'https://[64:ff9b::7f00:1]/',
    'https://[64:ff9b::a9fe:a9fe]/',
    'https://[64:ff9b:1::a9fe:a9fe]/',
    'https://[64:ff9b:1:7f00:0:100::]/',
    'https://[2002:7f00:1::]/',
    'https://[2002:a9fe:a9fe::1]/',
    'https://[2002:c0a8:101::]/',
    'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
    'https://[2001:0:4136:e378:8000:63bf:5601:5601]/',
    // Other non-global IPv6.
    'https://[::]/',
    'https://[2001:db8::1]/',
    'https://[3fff::1]/',
    'https://[2001:10::1]/',
    'https://[2001:20::1]/',
    'https://[fec0::1]/',
    'https://[fc00::1]/',
    'https://[ff02::1]/',
    'https://[ff0e::1]/',
    'https://[100::1]/',
    'https://[4000::1]/',
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

  it('classifies addresses, IPv6 that embeds IPv4 as the IPv4 it carries', () => {
    // Public IPv4 (93.184.216.34) inside each embedding form stays allowed.
    for (const a of ['8.8.8.8', '2606:4700::1111', '::ffff:5db8:d822', '::5db8:d822', '64:ff9b::5db8:d822', '2002:5db8:d822::1', '2001:0:4136:e378:8000:63bf:a247:27dd']) {
      expect(isAllowedAddress(a, strict), a).toBe(true);
    }
    for (const a of ['127.0.0.1', '10.1.1.1', '172.20.0.1', '192.168.0.1', '169.254.169.254', '0.0.0.0', '::1', '::ffff:10.0.0.1', '100.64.0.1', 'fc00::1', '224.0.0.1', '::7f00:1', '::a9fe:a9fe', '64:ff9b::a00:1', '2002:a9fe:a9fe::', 'fe80::1%eth0', 'not-an-ip']) {
      expect(isAllowedAddress(a, strict), a).toBe(false);
    }
    // Loopback allowed by policy is this host's loopback only, not one behind a tunnel or translator.
    const dev = { allowLoopbackHttp: true };
    expect(isAllowedAddress('::ffff:127.0.0.1', dev)).toBe(true);
    expect(isAllowedAddress('::7f00:1', dev)).toBe(false);
    expect(isAllowedAddress('64:ff9b::7f00:1', dev)).toBe(false);
  });

  it('names the kind of a literal address the user typed', () => {
    expect(() => checkWebhookUrl('https://[::a9fe:a9fe]/', strict)).toThrow(/IPv4-compatible IPv6 address carrying a link-local IPv4 address/);
    expect(() => checkWebhookUrl('https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', strict)).toThrow(/Teredo IPv6 address carrying a loopback IPv4 address/);
    expect(() => checkWebhookUrl('https://[2001:db8::1]/', strict)).toThrow(/reserved or documentation address/);
    expect(() => checkWebhookUrl('https://[64:ff9b:1::a9fe:a9fe]/', strict)).toThrow(/local-use NAT64 IPv6 address carrying a link-local IPv4 address/);
    expect(() => checkWebhookUrl('https://[64:ff9b:1::5db8:d822]/', strict)).toThrow(/local-use NAT64 address/);
  });

  it('refuses a host name that resolves to a private address, without saying which address', async () => {
    const answers: Record<string, LookupAddress[]> = {
      'internal.example': [{ address: '93.184.216.34', family: 4 }, { address: '10.1.2.3', family: 4 }],
      'compat.example': [{ address: '::7f00:1', family: 6 }],
      'metadata.example': [{ address: '64:ff9b::a9fe:a9fe', family: 6 }],
      'public.example': [{ address: '93.184.216.34', family: 4 }, { address: '2002:5db8:d822::1', family: 6 }],
    };
    const resolve = (host: string): Promise<LookupAddress[]> => Promise.resolve(answers[host] ?? []);
    for (const [host, list] of Object.entries(answers).slice(0, 3)) {
      const err = await checkResolvedHost(host, { ...strict, resolve }).then(() => null, (e: Error) => e);
      expect(err?.message, host).toBe(`webhook host "${host}" is never contacted: the host resolves to a private or reserved address`);
      for (const a of list) expect(err?.message).not.toContain(a.address);
    }
    await expect(checkResolvedHost('public.example', { ...strict, resolve })).resolves.toBeUndefined();
  });

  it('re-checks at connect time: a name rebound to a private address is never connected to', async () => {
    for (const address of ['192.168.7.7', '::a9fe:a9fe', '2002:7f00:1::']) {
      const resolve = () => Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }] as LookupAddress[]);
      const lookup = guardedLookup({ ...strict, resolve });
      const err = await new Promise<Error | null>((r) => lookup('rebind.example', {}, (e) => r(e)));
      expect(err?.message, address).toBe('refused to connect to rebind.example: the host resolves to a private or reserved address');
    }
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
    expect(await app.subscriptions.store.list()).toEqual([]);

    // A subscription made while the name looked public, whose name now points at loopback.
    const sub = await app.subscriptions.store.create({
      owner: 'local', name: 'rebound', query: null, query_vector: null, threshold: 0.5, entities: ['CISA'], follow_story_id: null,
      target: { type: 'webhook', url: `https://rebind.example:${port}/hook` }, idempotency_key: null, request_hash: null,
    });
    const worker = (await import('../src/actions/delivery.js')).createDeliveryWorker(
      app.subscriptions.store,
      { allowLoopbackHttp: false, resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]), timeoutMs: 500, maxAttempts: 2, backoffBaseMs: 10, backoffMaxMs: 10, maxResponseBytes: 1000, concurrency: 1, outboxDir: app.dir },
      app.log,
    );
    const id = await app.subscriptions.store.enqueue(sub.subscription.id, 'story.created', null, {});
    const r = await worker.deliverNow(id);
    expect(r?.error).toMatch(/refused to connect to rebind\.example/);
    expect(receiver.received).toHaveLength(0);
    await client.close();
  });
});
