import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { StorylineError } from '../errors.js';

/** A webhook target that must not be connected to. */
export class UnsafeTargetError extends StorylineError {
  constructor(message: string) {
    super('input', message);
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

const IPV4_KINDS: Record<string, string> = {
  private: 'a private',
  loopback: 'a loopback',
  linkLocal: 'a link-local',
  carrierGradeNat: 'a carrier-grade NAT',
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  multicast: 'a multicast',
};
const IPV6_KINDS: Record<string, string> = {
  unspecified: 'an unspecified',
  loopback: 'a loopback',
  linkLocal: 'a link-local',
  multicast: 'a multicast',
  uniqueLocal: 'a unique-local',
  deprecatedSiteLocal: 'a site-local',
  discard: 'a discard-only',
  benchmarking: 'a benchmarking',
  deprecatedOrchid: 'an ORCHID',
  orchid2: 'an ORCHID',
  reserved: 'a reserved or documentation',
};

function ipv4Refusal(ip: ipaddr.IPv4, allowLoopback: boolean): string | null {
  const range = ip.range();
  if (range === 'unicast' || (allowLoopback && range === 'loopback')) return null;
  return `${IPV4_KINDS[range] ?? 'a reserved'} address`;
}

/**
 * The IPv4 addresses an IPv6 address carries, and the form that carries them; null for an
 * address with no embedded IPv4.
 */
function embeddedIPv4(ip: ipaddr.IPv6): { form: string; mapped: boolean; local?: boolean; addresses: ipaddr.IPv4[] } | null {
  const p = ip.parts;
  const b = ip.toByteArray();
  const at = (...i: number[]) => new ipaddr.IPv4(i.map((k) => b[k]!));
  const last32 = () => at(12, 13, 14, 15);
  const zero = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && p[5] === 0xffff) return { form: 'an IPv4-mapped IPv6', mapped: true, addresses: [last32()] };
  if (zero(0, 6)) return { form: 'an IPv4-compatible IPv6', mapped: false, addresses: [last32()] };
  if (zero(0, 4) && p[4] === 0xffff && p[5] === 0) return { form: 'an IPv4-translated IPv6', mapped: false, addresses: [last32()] };
  if (p[0] === 0x64 && p[1] === 0xff9b && zero(2, 6)) return { form: 'a NAT64 IPv6', mapped: false, addresses: [last32()] };
  // RFC 8215 local-use NAT64 is never globally reachable, and its operator picks where the
  // IPv4 address sits; it is refused whatever it carries (see addressRefusal).
  if (p[0] === 0x64 && p[1] === 0xff9b && p[2] === 1) return { form: 'a local-use NAT64 IPv6', mapped: false, local: true, addresses: [last32()] };
  if (p[0] === 0x2002) return { form: 'a 6to4 IPv6', mapped: false, addresses: [at(2, 3, 4, 5)] };
  if (p[0] === 0x2001 && p[1] === 0) {
    // Teredo: the client's address is the last 32 bits inverted; the server's is bits 32-63.
    return { form: 'a Teredo IPv6', mapped: false, addresses: [new ipaddr.IPv4(b.slice(12, 16).map((x) => x ^ 0xff)), at(4, 5, 6, 7)] };
  }
  return null;
}

/**
 * Why an address must not be connected to, as a phrase ("a loopback address", "an
 * IPv4-compatible IPv6 address carrying a private IPv4 address"), or null when it may be.
 * Only public unicast is allowed, plus loopback when the policy allows it. An IPv6 address
 * that embeds an IPv4 one (IPv4-mapped, -compatible, -translated, NAT64, 6to4, Teredo) is
 * judged by the IPv4 address it carries (local-use NAT64 64:ff9b:1::/48 is refused outright);
 * any other IPv6 address must be global unicast
 * (2000::/3) outside the ranges ipaddr.js names (documentation, ORCHID, benchmarking...).
 */
export function addressRefusal(address: string, policy: TargetPolicy): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return 'not an IP address';
  }
  if (ip.kind() === 'ipv4') return ipv4Refusal(ip as ipaddr.IPv4, policy.allowLoopbackHttp);
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'loopback') return policy.allowLoopbackHttp ? null : 'a loopback address';
  if (range === 'unspecified') return 'an unspecified address';
  const embedded = embeddedIPv4(v6);
  if (embedded) {
    // Loopback through a translator or tunnel is not this host's loopback: only the mapped
    // form (how a dual-stack socket spells IPv4) gets the policy's loopback exception.
    for (const v4 of embedded.addresses) {
      const why = ipv4Refusal(v4, policy.allowLoopbackHttp && embedded.mapped);
      if (why) return `${embedded.form} address carrying ${why.replace(/ address$/, ' IPv4 address')}`;
    }
    return embedded.local ? 'a local-use NAT64 address (64:ff9b:1::/48, never globally reachable)' : null;
  }
  if (range !== 'unicast' || (v6.parts[0]! & 0xe000) !== 0x2000) return `${IPV6_KINDS[range] ?? 'a non-global'} address`;
  return null;
}

/** Whether an address may be connected to (see {@link addressRefusal}). */
export function isAllowedAddress(address: string, policy: TargetPolicy): boolean {
  return addressRefusal(address, policy) === null;
}

// What a refusal says about resolved addresses: never the address, which is internal DNS data.
const RESOLVES_PRIVATE = 'the host resolves to a private or reserved address';

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
  // The user typed this address, so naming its kind (and echoing it) leaks nothing.
  const refusal = literal ? addressRefusal(host, policy) : null;
  if (refusal) throw new UnsafeTargetError(`webhook URL points at ${refusal} (${host}), which is never contacted`);
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
  if (addresses.length === 0) throw new UnsafeTargetError(`webhook host "${host}" does not resolve`);
  if (addresses.some((a) => !isAllowedAddress(a.address, policy))) {
    throw new UnsafeTargetError(`webhook host "${host}" is never contacted: ${RESOLVES_PRIVATE}`);
  }
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
        if (list.length === 0) return callback(new UnsafeTargetError(`refused to connect to ${hostname}: it does not resolve`), '', 4);
        if (list.some((a) => !isAllowedAddress(a.address, policy))) {
          return callback(new UnsafeTargetError(`refused to connect to ${hostname}: ${RESOLVES_PRIVATE}`), '', 4);
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
