import fc from 'fast-check';
import { TenantCacheLimits, TenantLru } from './tenant-lru';

const limits: TenantCacheLimits = {
  perTenantEntries: 3,
  perTenantWeight: 100,
  totalEntries: 5,
  totalWeight: 250,
};

describe('TenantLru', () => {
  it('evicts a tenant’s own least recently used entry when its shelf is full', () => {
    const cache = new TenantLru<string>(limits);
    cache.set('acme', 'a', 'A', 1);
    cache.set('acme', 'b', 'B', 1);
    cache.set('acme', 'c', 'C', 1);
    expect(cache.get('acme', 'a')).toBe('A'); // a is now the most recently used
    cache.set('acme', 'd', 'D', 1);
    expect(cache.get('acme', 'b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((k) => cache.get('acme', k))).toEqual(['A', 'C', 'D']);
  });

  it('never lets one tenant push out another tenant’s entries through its own shelf', () => {
    const cache = new TenantLru<number>(limits);
    cache.set('globex', 'x', 1, 10);
    for (let i = 0; i < 1_000; i++) cache.set('acme', `k${i}`, i, 10);
    expect(cache.get('globex', 'x')).toBe(1);
    expect(cache.usageOf('acme')).toEqual({ entries: 3, weight: 30 });
  });

  it('keeps the shelves together under the global entry and weight caps', () => {
    const cache = new TenantLru<number>(limits);
    for (let t = 0; t < 10; t++) cache.set(`tenant-${t}`, 'k', t, 60);
    expect(cache.size).toBe(4); // 4 × 60 = 240 <= 250
    expect(cache.weight).toBe(240);
    expect(cache.get('tenant-0', 'k')).toBeUndefined();
    expect(cache.get('tenant-9', 'k')).toBe(9);
  });

  it('keeps nothing heavier than a tenant’s share', () => {
    const cache = new TenantLru<string>(limits);
    expect(cache.set('acme', 'huge', 'x', 101)).toBe(false);
    expect(cache.get('acme', 'huge')).toBeUndefined();
    expect(cache.weight).toBe(0);
  });

  it('does not confuse tenant ids and keys that concatenate alike', () => {
    const cache = new TenantLru<string>(limits);
    cache.set('ab', 'c', 'first', 1);
    cache.set('a', 'bc', 'second', 1);
    expect(cache.get('ab', 'c')).toBe('first');
    expect(cache.get('a', 'bc')).toBe('second');
  });

  it('holds every bound after any sequence of sets, gets and deletes', () => {
    const op = fc.record({
      kind: fc.constantFrom('set', 'get', 'delete'),
      tenant: fc.constantFrom('a', 'b', 'c', 'd'),
      key: fc.constantFrom('1', '2', '3', '4', '5'),
      weight: fc.integer({ min: 0, max: 120 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const cache = new TenantLru<number>(limits);
        for (const o of ops) {
          if (o.kind === 'set') cache.set(o.tenant, o.key, o.weight, o.weight);
          else if (o.kind === 'get') cache.get(o.tenant, o.key);
          else cache.delete(o.tenant, o.key);
        }
        let entries = 0;
        let weight = 0;
        for (const tenant of ['a', 'b', 'c', 'd']) {
          const usage = cache.usageOf(tenant);
          expect(usage.entries).toBeLessThanOrEqual(limits.perTenantEntries);
          expect(usage.weight).toBeLessThanOrEqual(limits.perTenantWeight);
          entries += usage.entries;
          weight += usage.weight;
        }
        expect(cache.size).toBe(entries);
        expect(cache.weight).toBe(weight);
        expect(entries).toBeLessThanOrEqual(limits.totalEntries);
        expect(weight).toBeLessThanOrEqual(limits.totalWeight);
      }),
    );
  });
});
