import { LookupAddress } from 'dns';
import { isIP } from 'net';
import fc from 'fast-check';
import { callbackUrlRefusal, targetPolicy } from '@herald/delivery';
import { CALLBACK_TARGET_CASES, CALLBACK_TARGET_DNS, propertyRunSettings } from '@herald/testing';
import { DnsLookup, HttpSender } from './http-sender';

/**
 * subscription-api refuses a callback URL when it is saved with `callbackUrlRefusal`; the
 * dispatcher refuses it before connecting (`refusalOf`: the URL itself) and while connecting
 * (`connectLookup`: every DNS answer). For any URL and any DNS answers, under each policy, the
 * two must agree: a URL the dispatcher would refuse is refused when it is saved, and the other
 * way round. Seeded: HERALD_PROPERTY_SEED reproduces a failure.
 */
const { seed: SEED, runs: RUNS } = propertyRunSettings();

const POLICIES = {
  strict: { allowPrivateTargets: false },
  loopbackAllowList: { allowPrivateTargets: false, allowedNetworks: ['127.0.0.0/8', '::1/128'] },
  privateNetworkAllowList: {
    allowPrivateTargets: false,
    allowedNetworks: ['10.0.0.0/8', 'fd00::/8'],
  },
  allowPrivate: { allowPrivateTargets: true },
} as const;

type Dns = Record<string, readonly string[]>;

const resolverOf = (dns: Dns) => async (host: string) => {
  const found = dns[host.replace(/\.+$/, '').toLowerCase()];
  if (!found) throw Object.assign(new Error(`${host} not found`), { code: 'ENOTFOUND' });
  return [...found];
};

const lookupOf =
  (dns: Dns): DnsLookup =>
  (hostname, _options, callback) => {
    resolverOf(dns)(hostname).then(
      (addresses) =>
        callback(
          null,
          addresses.map((address): LookupAddress => ({ address, family: isIP(address) })),
        ),
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };

/** Whether the dispatcher refuses the URL: before connecting, or in its connect-time lookup. */
async function dispatcherRefuses(sender: HttpSender, url: string, allowPrivate: boolean) {
  if (sender.refusalOf(url) !== null) return true;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  // Literals are connected to without a lookup; with private targets allowed, nothing is looked
  // up through the guard either.
  if (isIP(host) || allowPrivate) return false;
  return new Promise<boolean | 'unresolved'>((resolve) => {
    sender.connectLookup(host, { all: true }, (error) => {
      if (!error) return resolve(false);
      resolve((error as { code?: string }).code === 'HERALD_SSRF' ? true : 'unresolved');
    });
  });
}

// Addresses: the edges of every refused range, public ones, and anything at all.
const interestingV4 = [
  0, 0x0a000000, 0x64400000, 0x647fffff, 0x64800000, 0x7f000001, 0xa9fea9fe, 0xac100000, 0xac1fffff,
  0xac200000, 0xc0a80101, 0xc6120000, 0xe0000001, 0xffffffff, 0x5db8d70e, 0x08080808,
];
const ipv4Int = fc.oneof(
  fc.constantFrom(...interestingV4),
  fc
    .tuple(fc.constantFrom(...interestingV4), fc.integer({ min: -2, max: 2 }))
    .map(([v, d]) => (v + d) >>> 0),
  fc.integer({ min: 0, max: 0xffffffff }),
);
const octets = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const ipv4Forms = (v: number) => [
  octets(v).join('.'),
  String(v),
  `0x${v.toString(16)}`,
  octets(v)
    .map((o) => `0${o.toString(8)}`)
    .join('.'),
  octets(v)
    .map((o) => `0x${o.toString(16)}`)
    .join('.'),
  `${v >>> 24}.${v & 0xffffff}`,
  `${octets(v).join('.')}.`,
];
const hex4 = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const ipv6 = fc.oneof(
  fc.constantFrom(
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd00::1',
    'fec0::1',
    'ff02::1',
    '2001:db8::1',
    '100::1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
  ),
  ipv4Int.map((v) => `::ffff:${octets(v).join('.')}`),
  ipv4Int.map((v) => `::ffff:${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`),
  ipv4Int.map((v) => `64:ff9b::${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`),
  ipv4Int.map((v) => `2002:${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}::1`),
  ipv4Int.map((v) => `::${octets(v).join('.')}`),
  fc.array(hex4, { minLength: 8, maxLength: 8 }).map((g) => g.join(':')),
);
const address = fc.oneof(
  ipv4Int.map((v) => octets(v).join('.')),
  ipv6,
);

const host = fc.oneof(
  fc.tuple(ipv4Int, fc.nat()).map(([v, i]) => {
    const forms = ipv4Forms(v);
    return { host: forms[i % forms.length], dns: {} as Dns };
  }),
  ipv6.map((a) => ({ host: `[${a}]`, dns: {} as Dns })),
  fc
    .tuple(fc.array(address, { minLength: 1, maxLength: 3 }), fc.nat({ max: 2 }), fc.boolean())
    .map(([addresses, dots, upper]) => {
      const name = upper ? 'Target.EXAMPLE' : 'target.example';
      return { host: `${name}${'.'.repeat(dots)}`, dns: { 'target.example': addresses } as Dns };
    }),
  fc
    .constantFrom(...Object.keys(CALLBACK_TARGET_DNS), 'x.localhost', 'localhost..')
    .map((name) => ({
      host: name,
      dns: CALLBACK_TARGET_DNS as Dns,
    })),
);

const callbackUrl = fc
  .tuple(
    fc.constantFrom('http', 'https', 'HTTPS', 'ftp', 'ws'),
    fc.constantFrom('', '', '', 'u:p@', 'user@', ':@', '93.184.215.14@'),
    host,
    fc.constantFrom('', ':80', ':8443', ':0'),
    fc.constantFrom('/', '/hook?x=1', '#@127.0.0.1', '/..%2f'),
  )
  .map(([scheme, userinfo, h, port, path]) => ({
    url: `${scheme}://${userinfo}${h.host}${port}${path}`,
    dns: h.dns,
  }));

describe('the API and the dispatcher apply one target policy', () => {
  const senders: HttpSender[] = [];
  afterAll(() => Promise.all(senders.map((s) => s.close())));

  function pathsFor(name: keyof typeof POLICIES, dns: Dns) {
    const options = POLICIES[name];
    const sender = new HttpSender({ ...options, lookup: lookupOf(dns) });
    senders.push(sender);
    const policy = targetPolicy({
      allowPrivate: options.allowPrivateTargets,
      allowedNetworks: 'allowedNetworks' in options ? options.allowedNetworks : [],
    });
    return {
      api: async (url: string) => (await callbackUrlRefusal(url, policy, resolverOf(dns))) !== null,
      dispatcher: (url: string) => dispatcherRefuses(sender, url, options.allowPrivateTargets),
    };
  }

  it.each(Object.keys(POLICIES) as (keyof typeof POLICIES)[])(
    'they agree on the table of hostile URLs (%s)',
    async (name) => {
      const paths = pathsFor(name, CALLBACK_TARGET_DNS as Dns);
      for (const c of CALLBACK_TARGET_CASES) {
        const dispatcher = await paths.dispatcher(c.url);
        expect({ url: c.url, api: await paths.api(c.url) }).toEqual({
          url: c.url,
          api: dispatcher,
        });
      }
    },
  );

  it('they agree on generated URLs, address forms and DNS answers, under every policy', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        callbackUrl,
        fc.constantFrom(...(Object.keys(POLICIES) as (keyof typeof POLICIES)[])),
        async ({ url, dns }, name) => {
          const paths = pathsFor(name, dns);
          const api = await paths.api(url);
          const dispatcher = await paths.dispatcher(url);
          void senders.pop()?.close();
          cases++;
          // A name that does not resolve is refused on save; the dispatcher sees a DNS error.
          if (dispatcher === 'unresolved') return api === true;
          return api === dispatcher;
        },
      ),
      { seed: SEED, numRuns: RUNS * 3 },
    );
    expect(cases).toBe(RUNS * 3);
  });
});
