import fc from 'fast-check';

/**
 * Generators of what a hostile tenant sends: strings PostgreSQL cannot store, control and
 * direction characters, percent-encoding junk, huge values, numbers in every wrong shape,
 * deep nesting. Each class carries its name so a report can count cases per class.
 */
export const hostileStrings = {
  nul: fc
    .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
    .map(([a, b]) => `${a}\u0000${b}`),
  loneSurrogate: fc
    .tuple(fc.string({ maxLength: 6 }), fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'))
    .map(([a, s]) => `${a}${s}`),
  control: fc
    .array(
      fc.integer({ min: 1, max: 0x1f }).map((c) => String.fromCharCode(c)),
      { minLength: 1, maxLength: 6 },
    )
    .map((cs) => `x${cs.join('')}y`),
  crlf: fc.constantFrom('a\r\nSet-Cookie: x=1', '\r\n\r\n', 'v\nInjected: 1', 'v\r'),
  bidi: fc.constantFrom('\u202eevil\u202c', '\u200f\u200e', '\u2066x\u2069', '\ufeffbom', '\u200b'),
  percentJunk: fc.constantFrom(
    '%',
    '%zz',
    '%00',
    '%ED%A0%80',
    '%C0%AF',
    '%%32%65',
    '%E0%A4%A',
    '..%2F..%2F',
    '%u0041',
  ),
  huge: fc.integer({ min: 2_000, max: 40_000 }).map((n) => 'a'.repeat(n)),
  unicode: fc.string({ unit: 'grapheme', maxLength: 40 }),
  binary: fc.string({ unit: 'binary', maxLength: 40 }),
  empty: fc.constant(''),
  pathLike: fc.constantFrom('../../etc/passwd', '/', '.', '..', '*', '?', '#', '\\', '{id}', ' '),
  injection: fc.constantFrom(
    "' OR 1=1 --",
    '$where',
    '{"$gt":""}',
    '__proto__',
    'constructor',
    '<script>',
    '${jndi:x}',
  ),
};

export const hostileNumbers = {
  nanLike: fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    'undefined',
    'null',
    'true',
    '1e309',
    '0x10',
    '0b1',
    '1_000',
    ' 1',
    '1 ',
    '+1',
    '٣',
  ),
  negative: fc.integer({ min: -1_000_000_000, max: -1 }),
  huge: fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, 1e21, 1e308, 2 ** 63),
  float: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  zeroes: fc.constantFrom(0, -0),
};

export type HostileClass = keyof typeof hostileStrings | `number.${keyof typeof hostileNumbers}`;

/** A tagged hostile string. */
export const hostileString = fc.oneof(
  ...Object.entries(hostileStrings).map(([name, arb]) =>
    (arb as fc.Arbitrary<string>).map((value) => ({ kind: name as HostileClass, value })),
  ),
);

/** A tagged hostile number (a JSON number, or a string where a number belongs). */
export const hostileNumber = fc.oneof(
  ...Object.entries(hostileNumbers).map(([name, arb]) =>
    (arb as fc.Arbitrary<string | number>).map((value) => ({
      kind: `number.${name}` as HostileClass,
      value,
    })),
  ),
);

/** Any hostile JSON value: strings, numbers, wrong types, odd keys, nested structures. */
export const hostileValue: fc.Arbitrary<{ kind: string; value: unknown }> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json.random', value })),
  fc
    .dictionary(
      hostileString.map((s) => s.value),
      fc.string({ maxLength: 4 }),
      { maxKeys: 4 },
    )
    .map((value) => ({ kind: 'object.hostileKeys', value })),
  fc.integer({ min: 20, max: 60 }).map((depth) => ({ kind: 'nesting.deep', value: nest(depth) })),
  fc
    .integer({ min: 200, max: 3_000 })
    .map((n) => ({ kind: 'array.huge', value: Array.from({ length: n }, (_, i) => `v${i}`) })),
  fc.constantFrom(null, true, false, [], {}).map((value) => ({ kind: 'type.wrong', value })),
);

/** An object nested `depth` deep. */
export function nest(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** JSON text nested `depth` deep (JSON.stringify cannot write 10,000 levels). */
export const nestedJsonText = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A path segment as a client would put it on the wire (lone surrogates as raw bad escapes). */
export function pathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^A-Za-z0-9%_.~-]/g, (c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return '%ED%A0%80';
      }
    });
  }
}
