/**
 * Callback URLs and what the target policy must answer, for the specs of both places that apply
 * it (subscription-api on save, the dispatcher on connect). `dns` is the resolver they use.
 */
export const CALLBACK_TARGET_DNS: Readonly<Record<string, readonly string[]>> = {
  'public.example': ['93.184.215.14'],
  'public6.example': ['2606:4700:4700::1111'],
  'rebind.example': ['93.184.215.14', '10.0.0.1'],
  'metadata.example': ['169.254.169.254'],
  'loop6.example': ['::1'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'cgnat.example': ['100.64.1.1'],
  'ula.example': ['fd00::1'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
  'api.localhost': ['127.0.0.1'],
};

export const resolveFromTable = async (host: string): Promise<string[]> => {
  const found = CALLBACK_TARGET_DNS[host.replace(/\.+$/, '').toLowerCase()];
  if (!found) throw Object.assign(new Error(`${host} not found`), { code: 'ENOTFOUND' });
  return [...found];
};

/** `refused`: by the strict policy; `loopbackAllowed`: with 127.0.0.0/8 and ::1 allow-listed. */
export interface CallbackTargetCase {
  url: string;
  what: string;
  refused: boolean;
  loopbackAllowed: boolean;
  /** Not an RFC 3986 URI: the API's schema (format uri) refuses it before the policy runs. */
  notRfc3986?: boolean;
}

const refusedUnlessLoopback = (url: string, what: string): CallbackTargetCase => ({
  url,
  what,
  refused: true,
  loopbackAllowed: true,
});
const refused = (url: string, what: string): CallbackTargetCase => ({
  url,
  what,
  refused: true,
  loopbackAllowed: false,
});
const accepted = (url: string, what: string): CallbackTargetCase => ({
  url,
  what,
  refused: false,
  loopbackAllowed: true,
});

export const CALLBACK_TARGET_CASES: readonly CallbackTargetCase[] = [
  accepted('https://93.184.215.14/hook', 'public IPv4'),
  accepted('https://public.example/hook', 'public name'),
  accepted('https://public.example./hook', 'public name with a trailing dot'),
  accepted('http://[2606:4700:4700::1111]:8080/x', 'public IPv6'),
  accepted('https://public6.example/', 'name with a public IPv6 address'),
  {
    ...accepted('http://93.184.215.14\\@127.0.0.1/', 'backslash: the host is 93.184.215.14'),
    notRfc3986: true,
  },
  refusedUnlessLoopback('http://127.0.0.1/', 'loopback'),
  refusedUnlessLoopback('http://127.255.255.254/', 'loopback /8'),
  refusedUnlessLoopback('http://2130706433/', 'decimal IPv4 (127.0.0.1)'),
  refusedUnlessLoopback('http://0x7f000001/', 'hex IPv4'),
  refusedUnlessLoopback('http://0177.0.0.1/', 'octal IPv4'),
  refusedUnlessLoopback('http://0x7f.1/', 'mixed hex short IPv4'),
  refusedUnlessLoopback('http://127.1/', 'short IPv4'),
  refusedUnlessLoopback('http://127.0.0.1./', 'IPv4 with a trailing dot'),
  refusedUnlessLoopback('http://[::1]/', 'IPv6 loopback'),
  refusedUnlessLoopback('http://[::ffff:127.0.0.1]/', 'IPv4-mapped IPv6 loopback'),
  refusedUnlessLoopback('http://[::ffff:7f00:1]/', 'IPv4-mapped IPv6 loopback, hex'),
  refusedUnlessLoopback('http://localhost/', 'localhost'),
  refusedUnlessLoopback('http://localhost./', 'localhost with a trailing dot'),
  refusedUnlessLoopback('http://LOCALHOST../', 'localhost, capitals and two dots'),
  refusedUnlessLoopback('http://api.localhost/', 'a .localhost name'),
  refusedUnlessLoopback('http://loop6.example/', 'name resolving to ::1'),
  refusedUnlessLoopback('http://mapped.example/', 'name resolving to ::ffff:127.0.0.1'),
  refusedUnlessLoopback('http://127.0.0.1.nip.io/', 'wildcard DNS to loopback'),
  refused('http://93.184.215.14@127.0.0.1/', 'userinfo trick (credentials)'),
  refused('http://0/', '0 (0.0.0.0)'),
  refused('http://0.0.0.0/', 'unspecified IPv4'),
  refused('http://[::]/', 'unspecified IPv6'),
  refused('http://169.254.169.254/latest/meta-data/', 'cloud metadata'),
  refused('http://[::ffff:169.254.169.254]/', 'metadata, IPv4-mapped'),
  refused('http://2852039166/', 'metadata, decimal'),
  refused('http://metadata.example/', 'name resolving to the metadata address'),
  refused('http://169.254.1.1/', 'link-local IPv4'),
  refused('http://[fe80::1]/', 'link-local IPv6'),
  refused('http://100.64.0.1/', 'CGNAT'),
  refused('http://100.127.255.255/', 'CGNAT upper end'),
  refused('http://cgnat.example/', 'name resolving to CGNAT'),
  refused('http://[fc00::1]/', 'unique-local fc00::/7'),
  refused('http://[fd12:3456::1]/', 'unique-local fd'),
  refused('http://ula.example/', 'name resolving to unique-local'),
  refused('http://10.0.0.1/', 'private 10/8'),
  refused('http://172.16.0.1/', 'private 172.16/12'),
  refused('http://192.168.1.1/', 'private 192.168/16'),
  refused('http://224.0.0.1/', 'multicast IPv4'),
  refused('http://[ff02::1]/', 'multicast IPv6'),
  refused('http://255.255.255.255/', 'broadcast'),
  refused('http://[64:ff9b::a9fe:a9fe]/', 'NAT64 of the metadata address'),
  refused('http://[2002:a9fe:a9fe::]/', '6to4 of the metadata address'),
  refused('http://rebind.example/', 'a name with one private address among public ones'),
  refused('ftp://93.184.215.14/', 'ftp scheme'),
  refused('file:///etc/passwd', 'file scheme'),
  refused('gopher://93.184.215.14/', 'gopher scheme'),
  refused('javascript:alert(1)', 'javascript scheme'),
  refused('https://user:pass@93.184.215.14/', 'credentials'),
  refused('http://[fe80::1%25eth0]/', 'zone id (not a valid URL)'),
  refused('//93.184.215.14/', 'relative URL'),
];
