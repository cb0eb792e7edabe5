import { subscriptionFixture } from '../testing/delivery-fixtures';
import { MAX_WAITING, SLOW_AFTER_MS, SubscriptionGates } from './subscription-gates';

const at = (ms: number) => new Date(ms);

describe('SubscriptionGates', () => {
  it('holds jobs of paused, disabled and inactive subscriptions', () => {
    const gates = new SubscriptionGates();
    const until = new Date(10_000).toISOString();
    expect(
      gates.admit(subscriptionFixture('a', 'x', { state: 'paused', pausedUntil: until }), at(0)),
    ).toEqual({ kind: 'hold', reason: 'paused' });
    expect(gates.admit(subscriptionFixture('b', 'x', { state: 'disabled' }), at(0))).toEqual({
      kind: 'hold',
      reason: 'disabled',
    });
    expect(gates.admit(subscriptionFixture('c', 'x', { active: false }), at(0))).toEqual({
      kind: 'hold',
      reason: 'inactive',
    });
  });

  it('lets a busy healthy subscription wait for a slot, and defers a slow one', async () => {
    const gates = new SubscriptionGates();
    const sub = subscriptionFixture('s', 'x', { maxConcurrency: 1 });
    const first = gates.admit(sub, at(0));
    expect(first.kind).toBe('deliver');
    const second = gates.admit(sub, at(10));
    expect(second.kind).toBe('wait');
    gates.finish(sub, 0, true, at(20));
    await (second as { slot: Promise<void> }).slot;
    expect(gates.admit(sub, at(20)).kind).toBe('deliver');
    expect(gates.admit(sub, at(20 + SLOW_AFTER_MS))).toEqual({
      kind: 'defer',
      waitMs: 1_000,
      reason: 'slow',
    });
  });

  it('defers once too many jobs of one subscription are waiting', () => {
    const gates = new SubscriptionGates();
    const sub = subscriptionFixture('s', 'x', { maxConcurrency: 1 });
    gates.admit(sub, at(0));
    for (let i = 0; i < MAX_WAITING; i++) expect(gates.admit(sub, at(1)).kind).toBe('wait');
    expect(gates.admit(sub, at(1))).toMatchObject({ kind: 'defer', reason: 'backlog' });
  });

  it('defers to the ladder when the rate limit needs a long wait', () => {
    const gates = new SubscriptionGates();
    const sub = subscriptionFixture('s', 'x', { rateLimitPerSecond: 0.2, maxConcurrency: 10 });
    expect(gates.admit(sub, at(0)).kind).toBe('deliver');
    expect(gates.admit(sub, at(0))).toEqual({ kind: 'defer', waitMs: 5_000, reason: 'rate_limit' });
  });

  it('holds while the circuit is open after too many failures, then sends one probe', () => {
    const gates = new SubscriptionGates();
    const sub = subscriptionFixture('s', 'x', {
      disablePolicy: {
        failureThreshold: 1,
        windowMs: 60_000,
        pauseMs: 60_000,
        disableAfterMs: 86_400_000,
      },
    });
    for (let i = 0; i < 2; i++) {
      const d = gates.admit(sub, at(i));
      gates.finish(sub, (d as { startedAt: number }).startedAt, false, at(i));
    }
    expect(gates.admit(sub, at(10))).toEqual({ kind: 'hold', reason: 'paused' });
    expect(gates.pausedHere(sub.id, at(10))).toBe(true);
    expect(gates.pausedHere(sub.id, at(61_001))).toBe(false);
    expect(gates.admit(sub, at(61_001))).toMatchObject({ kind: 'deliver', probe: true });
  });
});
