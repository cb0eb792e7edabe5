import { BlockList, isIP } from 'net';
import { isForbiddenAddress } from './ip-classifier';

/**
 * Where Herald may send webhooks: one policy, used by subscription-api when a callback URL is
 * saved and by the dispatcher when it connects, so a URL the dispatcher would refuse is refused
 * when it is saved. Private, loopback, link-local, metadata, CGNAT, unique-local, multicast and
 * reserved addresses (ip-classifier) are refused unless `allowPrivate` is set (development) or
 * the address is in one of the `allowedNetworks` (CIDR, e.g. a test's 127.0.0.0/8).
 */
export interface TargetPolicy {
  readonly allowPrivate: boolean;
  readonly allowedNetworks: BlockList;
}

/** Thrown for an allow-list entry that is not a CIDR (configuration is checked at start-up). */
export class InvalidNetworkError extends Error {}

export function targetPolicy(options: {
  allowPrivate: boolean;
  allowedNetworks?: readonly string[];
}): TargetPolicy {
  const allowedNetworks = new BlockList();
  for (const entry of options.allowedNetworks ?? []) {
    const [address, bits] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (
      family === 0 ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > (family === 6 ? 128 : 32) ||
      (bits !== undefined && !/^\d+$/.test(bits))
    ) {
      throw new InvalidNetworkError(`${entry} is not a network in CIDR notation (10.0.0.0/8)`);
    }
    allowedNetworks.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { allowPrivate: options.allowPrivate, allowedNetworks };
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d, ::ffff:7f00:1). */
function unmapped(address: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return address;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function isAllowedNetwork(address: string, policy: TargetPolicy): boolean {
  const bare = unmapped(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  const family = isIP(bare);
  if (family === 0) return false;
  return policy.allowedNetworks.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}

/** Why Herald may not connect to this IP address, or null when it may. */
export function addressRefusal(address: string, policy: TargetPolicy): string | null {
  if (policy.allowPrivate || !isForbiddenAddress(address) || isAllowedNetwork(address, policy)) {
    return null;
  }
  return `resolves to ${address}, a private, loopback, link-local or reserved address (set HERALD_PRIVATE_TARGET_ALLOWLIST or HERALD_ALLOW_PRIVATE_TARGETS to allow)`;
}

/** A callback URL's host as Herald connects to it. */
export interface CallbackHost {
  /** The hostname without IPv6 brackets (WHATWG-normalised: 0x7f.1 is 127.0.0.1). */
  host: string;
  /** Whether it is an IP address (no DNS lookup happens). */
  literal: boolean;
}

/** `localhost`, `x.localhost` (RFC 6761), with or without trailing dots. */
const LOCALHOST_NAME = /(^|\.)localhost\.*$/i;

/**
 * What can be decided from the URL alone: an absolute http(s) URL without credentials, whose
 * host is not a localhost name or a refused IP literal. Returns the refusal, or the host to
 * resolve (names) or connect to (literals).
 */
export function callbackUrlVerdict(
  raw: string,
  policy: TargetPolicy,
): { refusal: string } | { refusal: null; target: CallbackHost } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refusal: 'must be an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { refusal: 'must use http or https' };
  }
  if (url.username || url.password) return { refusal: 'must not contain credentials' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host.length === 0) return { refusal: 'must name a host' };
  const literal = isIP(host) !== 0;
  if (literal) {
    const refused = addressRefusal(host, policy);
    if (refused) return { refusal: refused };
  } else if (LOCALHOST_NAME.test(host) && addressRefusal('127.0.0.1', policy)) {
    return { refusal: `${host} is a loopback name (set HERALD_ALLOW_PRIVATE_TARGETS to allow)` };
  }
  return { refusal: null, target: { host, literal } };
}

export type HostResolver = (host: string) => Promise<string[]>;

/**
 * The whole check as the API runs it when a URL is saved: the URL, then (for a name) every
 * address it resolves to. The dispatcher runs the same two steps, the second at connect time.
 */
export async function callbackUrlRefusal(
  raw: string,
  policy: TargetPolicy,
  resolve: HostResolver,
): Promise<string | null> {
  const verdict = callbackUrlVerdict(raw, policy);
  if (verdict.refusal !== null) return verdict.refusal;
  const { host, literal } = verdict.target;
  if (literal || policy.allowPrivate) return null;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return `host ${host} does not resolve`;
  }
  if (addresses.length === 0) return `host ${host} does not resolve`;
  for (const address of addresses) {
    const refused = addressRefusal(address, policy);
    if (refused) return refused;
  }
  return null;
}
