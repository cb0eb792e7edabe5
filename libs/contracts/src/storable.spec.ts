import fc from 'fast-check';
import { findUnstorable, unstorableText, withStorableCharacters } from './storable';

/** The oracle, independent of the regex: storable = no NUL and survives a UTF-8 round trip. */
const storable = (text: string) =>
  !text.includes('\u0000') && Buffer.from(text, 'utf8').toString('utf8') === text;

/** Any UTF-16 code units, weighted towards the hostile ones. */
const codeUnit = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
  { weight: 1, arbitrary: fc.constantFrom(0x0000, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d, 0xde00) },
);
const hostileString = fc
  .array(codeUnit, { maxLength: 40 })
  .map((units) => String.fromCharCode(...units));

/** Any Unicode scalar value (every code point but the surrogates), NUL excluded. */
const scalar = fc
  .integer({ min: 1, max: 0x10ffff })
  .filter((cp) => cp < 0xd800 || cp > 0xdfff)
  .map((cp) => String.fromCodePoint(cp));
const validString = fc.array(scalar, { maxLength: 40 }).map((chars) => chars.join(''));

const NUM_RUNS = 2_000;

describe('findUnstorable', () => {
  it('names the field of a NUL, a lone surrogate or a bad key at any depth', () => {
    expect(findUnstorable({ data: { s: 'a\u0000b' } })).toEqual({
      path: 'data.s',
      problem: 'contains a NUL character (U+0000)',
    });
    expect(findUnstorable({ data: { items: [1, { name: '\ud800' }] } })?.path).toBe(
      'data.items.1.name',
    );
    expect(findUnstorable({ data: { ['a\u0000']: 1 } })).toEqual({
      path: 'data.a\\u0000',
      problem: 'has a key that contains a NUL character (U+0000)',
    });
    expect(findUnstorable({ id: 'x\udc00' })?.problem).toMatch(/lone UTF-16 surrogate \(U\+DC00\)/);
    expect(findUnstorable({ data: { 'odd key': ['ok', '\u0000'] } })?.path).toBe('data.odd key.1');
    expect(findUnstorable('\u0000', 64, 'data')?.path).toBe('data');
    expect(findUnstorable('\u0000')?.path).toBe('$');
  });

  it('accepts paired surrogates, U+FFFE/U+FFFF and escaped-looking text', () => {
    expect(findUnstorable({ s: '\ud83d\ude00', t: '\ufffe\uffff', u: '\\u0000' })).toBeNull();
  });

  it('refuses nesting deeper than the limit without recursing (100,000 levels)', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorable({ data: deep }, 64)).toEqual({
      path: `data${'.0'.repeat(63)}`,
      problem: 'is nested more than 64 levels deep',
    });
    let exactly: unknown = 1;
    for (let i = 0; i < 63; i++) exactly = { a: exactly };
    expect(findUnstorable({ data: exactly }, 64)).toBeNull();
    expect(findUnstorable({ data: { a: exactly } }, 64)?.problem).toMatch(/nested more than 64/);
  });

  it('agrees with the UTF-8 round trip on any code units (no NUL or lone surrogate passes)', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        expect(unstorableText(text) === null).toBe(storable(text));
        expect(findUnstorable({ data: { [text]: text } }) === null).toBe(storable(text));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('passes every valid Unicode string, as a value and as a key', () => {
    fc.assert(
      fc.property(validString, (text) => {
        expect(findUnstorable({ data: { [text]: [text, { text }] } })).toBeNull();
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('finds a hostile string planted anywhere in a JSON document and names its path', () => {
    const bad = hostileString.filter((text) => !storable(text));
    const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
    const steps = fc.array(fc.oneof(key, fc.nat({ max: 3 })), { maxLength: 12 });
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' }),
        steps,
        bad,
        (around, path, text) => {
          // Build the document from the leaf up, each step an object key or an array index.
          let value: unknown = text;
          for (const step of [...path].reverse()) {
            value =
              typeof step === 'number'
                ? [...Array<unknown>(step).fill(null), value]
                : { [step]: value, '-other': around };
          }
          const expected = path.map(String).join('.');
          expect(findUnstorable(value)).toEqual(
            expect.objectContaining({ path: expected === '' ? '$' : expected }),
          );
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('passes any JSON document made of valid strings', () => {
    const doc = fc.jsonValue({ maxDepth: 6, stringUnit: 'grapheme' });
    fc.assert(
      fc.property(doc, (value) => {
        expect(findUnstorable(value)).toBeNull();
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('withStorableCharacters', () => {
  it('replaces NUL and lone surrogates with U+FFFD and keeps pairs', () => {
    expect(withStorableCharacters('a\u0000b\ud800c\udc00d \ud83d\ude00')).toBe(
      'a\ufffdb\ufffdc\ufffdd \ud83d\ude00',
    );
  });

  it('always gives storable text of the same length, unchanged when it was storable', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const clean = withStorableCharacters(text);
        expect(storable(clean)).toBe(true);
        expect(clean).toHaveLength(text.length);
        if (storable(text)) expect(clean).toBe(text);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
