import {
  MAX_DURABLE_FAILURES,
  admit,
  closedCircuit,
  durableCircuit,
  recordOutcome,
  restoredCircuit,
  sameDurableCircuit,
} from './circuit-breaker';

const policy = {
  failureThreshold: 3,
  windowMs: 60_000,
  pauseMs: 3_600_000,
  disableAfterMs: 86_400_000,
};

describe('circuit breaker', () => {
  it('pauses after more than the threshold of failures inside the window', () => {
    const s = closedCircuit();
    for (let i = 0; i < 3; i++)
      expect(recordOutcome(s, policy, false, 1_000 * i, false).kind).toBe('none');
    const t = recordOutcome(s, policy, false, 3_000, false);
    expect(t).toEqual({
      kind: 'pause',
      until: new Date(3_000 + 3_600_000),
      reason: '4 failures within 60s',
    });
    expect(admit(s, false, 4_000)).toEqual({
      kind: 'defer',
      waitMs: 3_600_000 - 1_000,
      reason: 'circuit_open',
    });
  });

  it('forgets failures that left the window', () => {
    const s = closedCircuit();
    for (let i = 0; i < 3; i++) recordOutcome(s, policy, false, i, false);
    expect(recordOutcome(s, policy, false, 70_000, false).kind).toBe('none');
  });

  it('lets one probe through after the pause; others wait for it', () => {
    const s = closedCircuit();
    for (let i = 0; i < 4; i++) recordOutcome(s, policy, false, i, false);
    const after = 3 + 3_600_000;
    expect(admit(s, false, after)).toEqual({ kind: 'probe' });
    expect(admit(s, false, after)).toMatchObject({ kind: 'defer', reason: 'probe_in_flight' });
  });

  it('re-pauses when the probe fails and recovers when it succeeds', () => {
    const s = closedCircuit();
    for (let i = 0; i < 4; i++) recordOutcome(s, policy, false, i, false);
    const after = 3 + 3_600_000;
    admit(s, false, after);
    expect(recordOutcome(s, policy, false, after, false)).toMatchObject({
      kind: 'pause',
      reason: 'probe delivery failed',
    });
    const later = after + 3_600_000;
    expect(admit(s, false, later).kind).toBe('probe');
    expect(recordOutcome(s, policy, true, later, false)).toEqual({ kind: 'recover' });
    expect(admit(s, false, later).kind).toBe('deliver');
  });

  it('probes a subscription published as paused whose pause is over', () => {
    const s = closedCircuit();
    expect(admit(s, true, 0).kind).toBe('probe');
    expect(recordOutcome(s, policy, true, 1, true)).toEqual({ kind: 'recover' });
  });

  it('disables after failing continuously for disableAfterMs', () => {
    const s = closedCircuit();
    recordOutcome(s, policy, false, 0, false);
    expect(recordOutcome(s, policy, false, 86_400_000, false)).toEqual({
      kind: 'disable',
      reason: 'failing since 1970-01-01T00:00:00.000Z',
    });
  });

  it('a success resets the continuous-failure clock', () => {
    const s = closedCircuit();
    recordOutcome(s, policy, false, 0, false);
    recordOutcome(s, policy, true, 1, false);
    expect(recordOutcome(s, policy, false, 86_400_000, false).kind).toBe('none');
  });
});

describe('the durable circuit', () => {
  it('restores what it stored, without a probe in flight, and goes on from there', () => {
    const s = closedCircuit();
    for (let i = 0; i < 3; i++) recordOutcome(s, policy, false, 1_000 * i, false);
    s.probeInFlight = true;
    const restored = restoredCircuit(durableCircuit(s));
    expect(restored).toEqual({ ...s, probeInFlight: false });
    expect(recordOutcome(restored, policy, false, 3_000, false).kind).toBe('pause');
    expect(restoredCircuit(undefined)).toEqual(closedCircuit());
  });

  it('keeps the newest failure times only, and compares by value', () => {
    const s = closedCircuit();
    s.failures = Array.from({ length: MAX_DURABLE_FAILURES + 5 }, (_, i) => i);
    const stored = durableCircuit(s);
    expect(stored.failures).toHaveLength(MAX_DURABLE_FAILURES);
    expect(stored.failures[0]).toBe(5);
    expect(sameDurableCircuit(stored, durableCircuit(s))).toBe(true);
    expect(sameDurableCircuit(stored, { ...stored, failures: stored.failures.slice(1) })).toBe(
      false,
    );
    expect(sameDurableCircuit(stored, { ...stored, halfOpen: true })).toBe(false);
  });
});
