import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A webhook target that must not be connected to. */
export class UnsafeTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeTargetError';
  }
}

/** Resolves a host name to every address it has. */
export type Resolver = (hostname: string) => Promise<dns.LookupAddress[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** What may be contacted. */
export interface TargetPolicy {
  /** Allow http:// and addresses on loopback (local receivers in development and tests). */
  allowLoopbackHttp: boolean;
  /** Name resolution; the system resolver unless a test injects one. */
  resolve?: Resolver;
}

/**
 * Whether an address may be connected to: only public unicast addresses, plus loopback when
 * the policy allows it. IPv4-mapped IPv6 is judged as the IPv4 address it carries.
 */
export function isAllowedAddress(address: string, policy: TargetPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'unicast') return true;
  return policy.allowLoopbackHttp && range === 'loopback';
}

/**
 * Checks a webhook URL's form: https, or http to a loopback host when the policy allows it;
 * no credentials in the URL. Literal IP hosts (decimal, hex and IPv6 forms included, as the
 * URL parser normalises them) are checked here; names are checked when resolved.
 */
export function checkWebhookUrl(raw: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeTargetError(`"${raw.slice(0, 200)}" is not a valid URL`);
  }
  if (url.username || url.password) throw new UnsafeTargetError('webhook URLs must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = ipaddr.isValid(host) ? ipaddr.process(host) : null;
  const loopback = literal ? literal.range() === 'loopback' : host === 'localhost';
  if (url.protocol === 'http:') {
    if (!(policy.allowLoopbackHttp && loopback)) {
      throw new UnsafeTargetError('webhook URLs must use https (http is allowed only to loopback, and only when webhooks.allowLoopbackHttp is set)');
    }
  } else if (url.protocol !== 'https:') {
    throw new UnsafeTargetError(`webhook URLs must use https, not ${url.protocol.replace(':', '')}`);
  }
  if (literal && !isAllowedAddress(host, policy)) {
    throw new UnsafeTargetError(`webhook URL points at a ${literal.range()} address (${host}), which is never contacted`);
  }
  if (!literal && host === 'localhost' && !policy.allowLoopbackHttp) {
    throw new UnsafeTargetError('webhook URL points at localhost, which is never contacted');
  }
  return url;
}

/** Resolves a host name and refuses it when any address it resolves to is not allowed. */
export async function checkResolvedHost(hostname: string, policy: TargetPolicy): Promise<void> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) return;
  let addresses: { address: string }[];
  try {
    addresses = await (policy.resolve ?? systemResolver)(host);
  } catch {
    throw new UnsafeTargetError(`webhook host "${host}" does not resolve`);
  }
  const bad = addresses.find((a) => !isAllowedAddress(a.address, policy));
  if (bad) throw new UnsafeTargetError(`webhook host "${host}" resolves to ${bad.address}, a ${ipaddr.process(bad.address).range()} address, which is never contacted`);
}

/**
 * A `lookup` for http(s) requests that re-checks every resolved address at connect time,
 * so a name that re-resolves to a private address (DNS rebinding) is never connected to.
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
  const resolve = policy.resolve ?? systemResolver;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (list) => {
        const bad = list.find((a) => !isAllowedAddress(a.address, policy));
        if (bad || list.length === 0) {
          const e = new UnsafeTargetError(`refused to connect to ${hostname}: it resolves to ${bad?.address ?? 'nothing'}`);
          return callback(e, '', 4);
        }
        const usable = options.family ? list.filter((a) => a.family === options.family) : list;
        if (options.all) return callback(null, usable);
        const first = usable[0] ?? list[0]!;
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 4),
    );
  };
}
