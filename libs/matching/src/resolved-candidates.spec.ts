import { Subscription } from '@herald/contracts';
import { Filters, matchCandidates } from './candidate-list';
import { EVENTS } from './testing/event-fixtures';
import { ResolvedCandidates } from './resolved-candidates';

/** A candidate with no filters, so `matchCandidates` returns every subscription of a list. */
function candidate(id: string): Filters {
  return {
    subscription: { id } as Subscription,
    entityType: null,
    entityId: null,
    actions: 0,
    triggers: null,
    condition: null,
  };
}

function candidates(...ids: string[]): Filters[] {
  return ids.map(candidate);
}

/** The ids of the list in `start..end`. */
function idsIn(resolved: ResolvedCandidates, start: number, end: number): string[] {
  return matchCandidates(resolved.candidates, start, end, EVENTS.orderCreated).map((s) => s.id);
}

/** The ids of (audience, type)'s list, or null when it is not held. */
function listOf(resolved: ResolvedCandidates, audience: number, type: string): string[] | null {
  const slot = resolved.find(audience, resolved.typeNumber(type));
  return slot < 0 ? null : idsIn(resolved, resolved.start(slot), resolved.end(slot));
}

function store(resolved: ResolvedCandidates, audience: number, type: string, ids: string[]): void {
  resolved.store(audience, resolved.typeNumber(type), candidates(...ids));
}

describe('ResolvedCandidates', () => {
  describe('finds each stored list by audience and type', () => {
    const resolved = new ResolvedCandidates();
    const acme = resolved.newNumber();
    const globex = resolved.newNumber();
    store(resolved, acme, 'order.created', ['a1', 'a2']);
    store(resolved, acme, 'order.updated', ['a3']);
    store(resolved, globex, 'order.created', ['g1']);
    store(resolved, globex, 'invoice.paid', []);

    it.each<[string, () => number, string, string[] | null]>([
      ['acme, order.created', () => acme, 'order.created', ['a1', 'a2']],
      ['acme, order.updated', () => acme, 'order.updated', ['a3']],
      ['globex, order.created', () => globex, 'order.created', ['g1']],
      ['an empty list is held too', () => globex, 'invoice.paid', []],
      ['a type stored for another audience only', () => globex, 'order.updated', null],
      ['a type never seen', () => acme, 'product.deleted', null],
      ['a number with no lists', () => resolved.newNumber(), 'order.created', null],
    ])('%s', (_description, audience, type, expected) => {
      expect(listOf(resolved, audience(), type)).toEqual(expected);
    });
  });

  it('numbers each event type once', () => {
    const resolved = new ResolvedCandidates();
    const first = resolved.typeNumber(['order', 'created'].join('.'));
    expect(resolved.typeNumber('order.updated')).not.toBe(first);
    expect(resolved.typeNumber(['order', 'created'].join('.'))).toBe(first);
  });

  it('grows past half full without moving any list: ranges held across stores stay right', () => {
    const resolved = new ResolvedCandidates();
    const audiences = Array.from({ length: 50 }, () => resolved.newNumber());
    const first = resolved.find(audiences[0], resolved.typeNumber('t0'));
    expect(first).toBe(-1);
    store(resolved, audiences[0], 't0', ['held']);
    const slot = resolved.find(audiences[0], resolved.typeNumber('t0'));
    const [start, end] = [resolved.start(slot), resolved.end(slot)];
    const initialCapacity = resolved.capacity;

    audiences.forEach((audience, a) => {
      for (let t = 0; t < 40; t++) {
        if (a + t === 0) continue;
        store(resolved, audience, `t${t}`, [`${a}:${t}`]);
        expect(resolved.capacity).toBeGreaterThanOrEqual(2 * resolved.size); // at most half full
      }
    });

    expect(resolved.size).toBe(2_000);
    expect(resolved.capacity).toBeGreaterThanOrEqual(4_000);
    expect(resolved.capacity).toBeGreaterThan(initialCapacity);
    expect(idsIn(resolved, start, end)).toEqual(['held']);
    audiences.forEach((audience, a) => {
      for (let t = 1; t < 40; t++)
        expect(listOf(resolved, audience, `t${t}`)).toEqual([`${a}:${t}`]);
    });
  });

  it('forgets a retired number: its successor starts with no lists', () => {
    const resolved = new ResolvedCandidates();
    const before = resolved.newNumber();
    store(resolved, before, 'order.created', ['old']);
    resolved.retire(before);
    const after = resolved.newNumber();

    expect(listOf(resolved, after, 'order.created')).toBeNull();
    store(resolved, after, 'order.created', ['new']);
    expect(listOf(resolved, after, 'order.created')).toEqual(['new']);
    expect(resolved.size).toBe(1);
  });

  it('reuses retired numbers only once no slot names them', () => {
    const resolved = new ResolvedCandidates();
    const unused = resolved.newNumber();
    resolved.retire(unused);
    expect(resolved.newNumber()).toBe(unused); // it had no lists

    const used = resolved.newNumber();
    store(resolved, used, 'order.created', ['old']);
    resolved.retire(used);
    const numbers = Array.from({ length: 100 }, () => resolved.newNumber());
    expect(numbers).not.toContain(used);

    // Filling the table rebuilds it without the retired number's slot; then it comes back empty.
    numbers.forEach((n) => store(resolved, n, 'order.created', [`${n}`]));
    const reused = resolved.newNumber();
    expect(reused).toBe(used);
    expect(listOf(resolved, reused, 'order.created')).toBeNull();
    numbers.forEach((n) => expect(listOf(resolved, n, 'order.created')).toEqual([`${n}`]));
  });

  it('compacts the pool once garbage outweighs the live lists, keeping every answer', () => {
    const resolved = new ResolvedCandidates();
    const audiences = Array.from({ length: 1_000 }, () => resolved.newNumber());
    audiences.forEach((n) => store(resolved, n, 'order.created', [`${n}`, `${n}b`]));
    const full = resolved.poolLength;
    resolved.tidy();
    expect(resolved.poolLength).toBe(full); // no garbage yet

    const kept = audiences.filter((_, i) => i % 10 === 0);
    audiences.filter((_, i) => i % 10 !== 0).forEach((n) => resolved.retire(n));
    resolved.tidy();

    expect(resolved.poolLength).toBe(full / 10);
    expect(resolved.size).toBe(kept.length);
    kept.forEach((n) => expect(listOf(resolved, n, 'order.created')).toEqual([`${n}`, `${n}b`]));
  });

  it('leaves a little garbage in place rather than copying the pool for it', () => {
    const resolved = new ResolvedCandidates();
    const [kept, retired] = [resolved.newNumber(), resolved.newNumber()];
    store(resolved, kept, 'order.created', ['k']);
    store(resolved, retired, 'order.created', ['r1', 'r2', 'r3']);
    resolved.retire(retired);
    const length = resolved.poolLength;
    resolved.tidy();
    expect(resolved.poolLength).toBe(length);
    expect(listOf(resolved, kept, 'order.created')).toEqual(['k']);
  });

  it.each<[string, (resolved: ResolvedCandidates, audience: number, i: number) => void]>([
    ['distinct junk event types', (r, audience, i) => store(r, audience, `junk.${i}`, ['s'])],
    [
      'lists for ever more audiences',
      (r, _audience, i) => store(r, r.newNumber(), 'order.created', [`${i}`]),
    ],
    [
      'long lists',
      (r, audience, i) => store(r, audience, `type.${i % 50}.${i}`, Array(20).fill('s')),
    ],
  ])('stays within its limits under %s, then answers afresh', (_description, feed) => {
    const limits = { types: 100, lists: 200, poolEntries: 6 * 1_000 };
    const resolved = new ResolvedCandidates(limits);
    const audience = resolved.newNumber();
    for (let i = 0; i < 5_000; i++) {
      resolved.tidy(); // as match and matchMany do before each call
      feed(resolved, audience, i);
      expect(resolved.size).toBeLessThanOrEqual(limits.lists + 1);
      expect(resolved.poolLength).toBeLessThanOrEqual(limits.poolEntries + 20 * 6);
      expect(resolved.capacity).toBeLessThanOrEqual(4 * 256);
    }
    resolved.tidy();
    expect(resolved.typeNumber('never.seen')).toBeLessThanOrEqual(limits.types + 1);
    expect(listOf(resolved, audience, 'order.created')).toBeNull();
    store(resolved, audience, 'order.created', ['a']);
    expect(listOf(resolved, audience, 'order.created')).toEqual(['a']);
  });
});
