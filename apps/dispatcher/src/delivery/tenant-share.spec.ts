import { subscriptionFixture } from '../testing/delivery-fixtures';
import { SubscriptionGates, TENANT_BUSY_DEFER_MS, TENANT_MAX_QUEUE_MS } from './subscription-gates';

const at = (ms: number) => new Date(ms);

describe('SubscriptionGates: per-tenant share of the instance', () => {
  const noisySubs = Array.from({ length: 5 }, (_, i) =>
    subscriptionFixture(`n${i}`, 'x', { tenantId: 'noisy', maxConcurrency: 10 }),
  );
  const quiet = subscriptionFixture('q', 'x', { tenantId: 'quiet', maxConcurrency: 100 });

  afterEach(() => jest.useRealTimers());

  it('queues a tenant’s jobs past its cap for its own slots, across its subscriptions; others still deliver', async () => {
    const gates = new SubscriptionGates((tenant) => (tenant === 'noisy' ? 3 : 0));
    expect(gates.admit(noisySubs[0], at(0)).kind).toBe('deliver');
    expect(gates.admit(noisySubs[1], at(0)).kind).toBe('deliver');
    expect(gates.admit(noisySubs[2], at(0)).kind).toBe('deliver');
    const queued = gates.admit(noisySubs[3], at(0));
    expect(queued.kind).toBe('wait');
    expect(gates.queuedFor('noisy')).toBe(1);
    for (let i = 0; i < 20; i++) expect(gates.admit(quiet, at(0)).kind).toBe('deliver');
    expect(gates.heldBy('noisy')).toBe(3);

    gates.finish(noisySubs[0], 0, true, at(5));
    await (queued as { slot: Promise<void> }).slot;
    expect(gates.queuedFor('noisy')).toBe(0);
    expect(gates.admit(noisySubs[3], at(5)).kind).toBe('deliver');
    expect(gates.heldBy('noisy')).toBe(3);
  });

  it('hands freed slots to the line in order, one each', async () => {
    const gates = new SubscriptionGates(() => 1);
    expect(gates.admit(noisySubs[0], at(0)).kind).toBe('deliver');
    const woken: number[] = [];
    const line = [1, 2, 3].map((i) => {
      const d = gates.admit(noisySubs[i], at(0)) as { kind: string; slot: Promise<void> };
      expect(d.kind).toBe('wait');
      void d.slot.then(() => woken.push(i));
      return d;
    });
    gates.finish(noisySubs[0], 0, true, at(1));
    await line[0].slot;
    expect(woken).toEqual([1]);
    expect(gates.queuedFor('noisy')).toBe(2);
  });

  it('defers the line, and further jobs, once its head has waited TENANT_MAX_QUEUE_MS', async () => {
    jest.useFakeTimers({ now: 0 });
    const gates = new SubscriptionGates(() => 2);
    const hanging = [noisySubs[0], noisySubs[1]];
    for (const s of hanging) expect(gates.admit(s, at(0)).kind).toBe('deliver');
    const queued = gates.admit(noisySubs[2], at(0)) as { kind: string; slot: Promise<void> };
    expect(queued.kind).toBe('wait');
    jest.advanceTimersByTime(TENANT_MAX_QUEUE_MS - 1);
    expect(gates.queuedFor('noisy')).toBe(1);
    jest.advanceTimersByTime(1);
    await queued.slot;
    expect(gates.queuedFor('noisy')).toBe(0);
    const busy = { kind: 'defer', waitMs: TENANT_BUSY_DEFER_MS, reason: 'tenant_busy' };
    expect(gates.admit(noisySubs[2], at(TENANT_MAX_QUEUE_MS))).toEqual(busy);
    expect(gates.admit(noisySubs[3], at(TENANT_MAX_QUEUE_MS))).toEqual(busy);
    // A slot turning over again ends the stall: the next job past the cap waits in line again.
    gates.finish(hanging[0], 0, true, at(TENANT_MAX_QUEUE_MS + 1));
    expect(gates.admit(noisySubs[3], at(TENANT_MAX_QUEUE_MS + 1)).kind).toBe('deliver');
    expect(gates.admit(noisySubs[4], at(TENANT_MAX_QUEUE_MS + 1)).kind).toBe('wait');
  });

  it('counts jobs waiting at a subscription’s gate against the tenant until they stop waiting', async () => {
    const gates = new SubscriptionGates(() => 2);
    const one = subscriptionFixture('one', 'x', { tenantId: 't', maxConcurrency: 1 });
    const other = subscriptionFixture('other', 'x', { tenantId: 't', maxConcurrency: 1 });
    expect(gates.admit(one, at(0)).kind).toBe('deliver');
    const waiting = gates.admit(one, at(1));
    expect(waiting.kind).toBe('wait');
    expect(gates.heldBy('t')).toBe(2);
    const queued = gates.admit(other, at(1));
    expect(queued.kind).toBe('wait');
    expect(gates.queuedFor('t')).toBe(1);
    gates.finish(one, 0, true, at(2));
    await (waiting as { slot: Promise<void> }).slot;
    await (queued as { slot: Promise<void> }).slot;
    expect(gates.heldBy('t')).toBe(0);
    expect(gates.admit(one, at(2)).kind).toBe('deliver');
  });

  it('has no cap by default and forgets tenants with nothing held', () => {
    const gates = new SubscriptionGates();
    for (let i = 0; i < 100; i++) expect(gates.admit(quiet, at(0)).kind).toBe('deliver');
    for (let i = 0; i < 100; i++) gates.finish(quiet, 0, true, at(1));
    expect(gates.heldBy('quiet')).toBe(0);
    expect(gates.heldBy('noisy')).toBe(0);
  });
});
