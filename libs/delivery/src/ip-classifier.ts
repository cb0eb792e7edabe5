import { isIP } from 'net';

/**
 * Whether an address must not be reached from Herald (SSRF): private, loopback, link-local,
 * unspecified, carrier-grade NAT, benchmark, multicast and reserved ranges, IPv4 and IPv6,
 * including IPv4 inside IPv6 (mapped, compatible, NAT64, 6to4).
 */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return isForbiddenIPv4(parseIPv4(bare));
  if (version === 6) return isForbiddenIPv6(parseIPv6(bare));
  return true; // not an IP address: refuse rather than guess
}

function parseIPv4(text: string): number[] {
  return text.split('.').map(Number);
}

const IPV4_BLOCKS: [number[], number][] = [
  [[0, 0, 0, 0], 8], // "this" network
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // carrier-grade NAT
  [[127, 0, 0, 0], 8], // loopback
  [[169, 254, 0, 0], 16], // link-local (cloud metadata)
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2, 0], 24], // documentation
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24], // documentation
  [[203, 0, 113, 0], 24], // documentation
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved and broadcast
];

function toInt(octets: number[]): number {
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

function isForbiddenIPv4(octets: number[]): boolean {
  const value = toInt(octets);
  return IPV4_BLOCKS.some(([base, bits]) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (value & mask) >>> 0 === (toInt(base) & mask) >>> 0;
  });
}

/** Eight 16-bit groups. */
function parseIPv6(text: string): number[] {
  let head = text;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const o = parseIPv4(dotted[1]);
    tail.push((o[0] << 8) | o[1], (o[2] << 8) | o[3]);
    head = text.slice(0, -dotted[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const parse = (part: string | undefined) =>
    part
      ? part
          .split(':')
          .filter((g) => g.length > 0)
          .map((g) => parseInt(g, 16))
      : [];
  const l = parse(left);
  const r = [...parse(right), ...tail];
  if (right === undefined) return [...l, ...tail];
  return [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r];
}

function embeddedIPv4(groups: number[], from: number): number[] {
  return [groups[from] >> 8, groups[from] & 0xff, groups[from + 1] >> 8, groups[from + 1] & 0xff];
}

function isForbiddenIPv6(g: number[]): boolean {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return true; // ::
  if (zeroUpTo(7) && g[7] === 1) return true; // ::1
  if (zeroUpTo(5) && g[5] === 0xffff) return isForbiddenIPv4(embeddedIPv4(g, 6)); // ::ffff:a.b.c.d
  if (zeroUpTo(6)) return isForbiddenIPv4(embeddedIPv4(g, 6)); // ::a.b.c.d (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return isForbiddenIPv4(embeddedIPv4(g, 6)); // NAT64
  if (g[0] === 0x2002) return isForbiddenIPv4(embeddedIPv4(g, 1)); // 6to4
  if ((g[0] & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return true; // site-local (deprecated) fec0::/10
  if ((g[0] & 0xff00) === 0xff00) return true; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return true; // discard 100::/64
  return false;
}
