import { compileTenantRegex } from '@herald/bounded-regex';

/**
 * The regex rows of `bench:matcher`: nanoseconds per `test` for typical condition patterns on
 * typical values, with V8's RegExp (how conditions ran before issue 18) and with the tenant
 * regex Herald runs now (native where proven linear, else RE2), plus hostile cases.
 */
const CASES: { source: string; flags: string; inputs: string[]; nativeRuns: boolean }[] = [
  {
    source: '^price',
    flags: 'i',
    inputs: ['Price drop on item', 'stock update', 'priced'],
    nativeRuns: true,
  },
  {
    source: '@example\\.com$',
    flags: '',
    inputs: ['jane.doe@example.com', 'x@other.org'],
    nativeRuns: true,
  },
  { source: 'SKU-\\d{4}', flags: '', inputs: ['item SKU-1234', 'SKU-12'], nativeRuns: true },
  { source: '^orders/\\d+$', flags: '', inputs: ['orders/12345', 'products/9'], nativeRuns: true },
  { source: '\\d+x', flags: '', inputs: ['123x', 'abc'], nativeRuns: true },
  { source: '.*-eu$', flags: '', inputs: ['warehouse-eu', 'warehouse-us-east'], nativeRuns: true },
  // 29 × a then ! took V8 55 s in the issue; 22 × a keeps the "before" column finite.
  { source: '(a+)+$', flags: '', inputs: [`${'a'.repeat(22)}!`], nativeRuns: true },
  { source: '(a+)+$', flags: '', inputs: [`${'a'.repeat(100_000)}!`], nativeRuns: false },
];

function nsPerTest(test: (s: string) => boolean, inputs: string[], minMs: number): number {
  let runs = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs * 1e6 || runs < 3) {
    for (const input of inputs) if (test(input)) sink++;
    runs += inputs.length;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  if (sink < 0) throw new Error('unreachable');
  return elapsed / runs;
}

export function regexRows(): Record<string, string>[] {
  return CASES.map(({ source, flags, inputs, nativeRuns }) => {
    const tenant = compileTenantRegex(source, flags);
    const native = new RegExp(source, flags);
    const longest = Math.max(...inputs.map((i) => i.length));
    return {
      pattern: `/${source}/${flags}`,
      'input chars': longest.toLocaleString('en-US'),
      engine: tenant.engine,
      'V8 RegExp ns/test (before)': nativeRuns
        ? Math.round(nsPerTest((s) => native.test(s), inputs, 200)).toLocaleString('en-US')
        : 'does not end',
      'tenant regex ns/test (now)': Math.round(
        nsPerTest((s) => tenant.test(s), inputs, 200),
      ).toLocaleString('en-US'),
    };
  });
}
