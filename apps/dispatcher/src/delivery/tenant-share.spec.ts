import { subscriptionFixture } from '../testing/fixtures';
import { SubscriptionGates, TENANT_BUSY_DEFER_MS } from './subscription-gates';

const at = (ms: number) => new Date(ms);

describe('SubscriptionGates: per-tenant share of the instance', () => {
  const noisySubs = Array.from({ length: 5 }, (_, i) =>
    subscriptionFixture(`n${i}`, 'x', { tenantId: 'noisy', maxConcurrency: 10 }),
  );
  const quiet = subscriptionFixture('q', 'x', { tenantId: 'quiet', maxConcurrency: 100 });

  it('defers a tenant’s jobs once it holds its cap, across its subscriptions; others still deliver', () => {
    const gates = new SubscriptionGates((tenant) => (tenant === 'noisy' ? 3 : 0));
    expect(gates.admit(noisySubs[0], at(0)).kind).toBe('deliver');
    expect(gates.admit(noisySubs[1], at(0)).kind).toBe('deliver');
    expect(gates.admit(noisySubs[2], at(0)).kind).toBe('deliver');
    expect(gates.admit(noisySubs[3], at(0))).toEqual({
      kind: 'defer',
      waitMs: TENANT_BUSY_DEFER_MS,
      reason: 'tenant_busy',
    });
    for (let i = 0; i < 20; i++) expect(gates.admit(quiet, at(0)).kind).toBe('deliver');
    expect(gates.heldBy('noisy')).toBe(3);

    gates.finish(noisySubs[0], 0, true, at(5));
    expect(gates.heldBy('noisy')).toBe(2);
    expect(gates.admit(noisySubs[4], at(5)).kind).toBe('deliver');
  });

  it('counts jobs waiting at a subscription’s gate against the tenant until they stop waiting', async () => {
    const gates = new SubscriptionGates(() => 2);
    const one = subscriptionFixture('one', 'x', { tenantId: 't', maxConcurrency: 1 });
    const other = subscriptionFixture('other', 'x', { tenantId: 't', maxConcurrency: 1 });
    expect(gates.admit(one, at(0)).kind).toBe('deliver');
    const waiting = gates.admit(one, at(1));
    expect(waiting.kind).toBe('wait');
    expect(gates.heldBy('t')).toBe(2);
    expect(gates.admit(other, at(1))).toMatchObject({ kind: 'defer', reason: 'tenant_busy' });
    gates.finish(one, 0, true, at(2));
    await (waiting as { slot: Promise<void> }).slot;
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
