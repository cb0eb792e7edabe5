import { seededRandom } from '@herald/contracts/testing';
import { TenantNumbers } from './tenant-numbers';

describe('TenantNumbers', () => {
  it('answers each id with its number and 0 for ids it does not hold', () => {
    const numbers = new TenantNumbers();
    numbers.set('acme', 1);
    numbers.set('tenant_42', 2);
    expect(numbers.get('acme')).toBe(1);
    expect(numbers.get('tenant_42')).toBe(2);
    expect(numbers.get('tenant_4')).toBe(0);
    expect(numbers.get('acm')).toBe(0);
    expect(numbers.get('')).toBe(0);
    expect(numbers.size).toBe(2);
  });

  it('tells apart ids that differ only in length or in their last characters', () => {
    const numbers = new TenantNumbers();
    const ids = ['a', 'a\0', 'a\0\0', 'ab', 'abcd', 'abcde', 'x'.repeat(16), 'x'.repeat(17)];
    ids.forEach((id, i) => numbers.set(id, i + 1));
    ids.forEach((id, i) => expect(numbers.get(id)).toBe(i + 1));
    expect(numbers.get('x'.repeat(18))).toBe(0);
    expect(numbers.get('x'.repeat(15))).toBe(0);
  });

  it('keeps ids longer than the inline characters, compared in full', () => {
    const numbers = new TenantNumbers();
    const long = 'tenant-0123456789abcdef-0123456789abcdef-0123456789abcdef-012345';
    numbers.set(long, 7);
    expect(numbers.get(long)).toBe(7);
    expect(numbers.get(long.slice(0, -1) + '6')).toBe(0);
    expect(numbers.get(long.slice(0, 20))).toBe(0);
  });

  it('keeps ids with characters beyond Latin-1 apart from their Latin-1 look-alikes', () => {
    const numbers = new TenantNumbers();
    numbers.set('tenant-Ā', 3); // U+0100: its low byte is that of U+0000
    numbers.set('tenant-\0', 4);
    numbers.set('mandant-ü', 5);
    expect(numbers.get('tenant-Ā')).toBe(3);
    expect(numbers.get('tenant-\0')).toBe(4);
    expect(numbers.get('mandant-ü')).toBe(5);
    expect(numbers.delete('tenant-Ā')).toBe(true);
    expect(numbers.get('tenant-Ā')).toBe(0);
    expect(numbers.get('tenant-\0')).toBe(4);
  });

  it('replaces a number and forgets deleted ids', () => {
    const numbers = new TenantNumbers();
    numbers.set('acme', 1);
    numbers.set('acme', 9);
    expect(numbers.get('acme')).toBe(9);
    expect(numbers.size).toBe(1);
    expect(numbers.delete('acme')).toBe(true);
    expect(numbers.delete('acme')).toBe(false);
    expect(numbers.get('acme')).toBe(0);
    expect(numbers.size).toBe(0);
  });

  it('refuses numbers that could not be told from an empty slot or stored in an int32', () => {
    const numbers = new TenantNumbers();
    expect(() => numbers.set('acme', 0)).toThrow(RangeError);
    expect(() => numbers.set('acme', 2 ** 31)).toThrow(RangeError);
    expect(() => numbers.set('acme', 1.5)).toThrow(RangeError);
  });

  it('agrees with a Map through growth, shrinking and deletions in the middle of probe runs', () => {
    const random = seededRandom(5);
    const numbers = new TenantNumbers();
    const expected = new Map<string, number>();
    const idOf = (n: number): string =>
      n % 7 === 0 ? `long-tenant-identifier-${n}-${'z'.repeat(n % 40)}` : `t${n}`;
    const ids = Array.from({ length: 5_000 }, (_, n) => idOf(n));
    for (let step = 0; step < 60_000; step++) {
      // Grow to a few thousand ids, then shrink back towards none, twice.
      const phase = Math.floor(step / 15_000) % 2;
      const id = ids[Math.floor(random() * ids.length)];
      if (random() < (phase === 0 ? 0.7 : 0.2)) {
        const number = 1 + Math.floor(random() * 1_000_000);
        numbers.set(id, number);
        expected.set(id, number);
      } else {
        expect(numbers.delete(id)).toBe(expected.delete(id));
      }
      if (step % 1_000 === 0) {
        expect(numbers.size).toBe(expected.size);
        expect(ids.map((known) => numbers.get(known))).toEqual(
          ids.map((known) => expected.get(known) ?? 0),
        );
      }
    }
  });
});
