import { DisablePolicy, failingSinceCause } from '@herald/contracts';

/** One subscription's recent health, as one dispatcher instance saw it. */
export interface CircuitState {
  /** Times (ms) of failures inside the policy window. */
  failures: number[];
  /** When the current unbroken run of failures began; null after a success. */
  failingSince: number | null;
  /** Paused until then (ms); null = closed. */
  openUntil: number | null;
  /** After a pause: the next delivery is a single probe. */
  halfOpen: boolean;
  probeInFlight: boolean;
}

export const closedCircuit = (): CircuitState => ({
  failures: [],
  failingSince: null,
  openUntil: null,
  halfOpen: false,
  probeInFlight: false,
});

export type Admission =
  | { kind: 'deliver' }
  | { kind: 'probe' }
  | { kind: 'defer'; waitMs: number; reason: 'circuit_open' | 'probe_in_flight' };

/**
 * Whether a job may be sent now. `pauseEnded` = the subscription's published state is `paused`
 * with its pause over (or this instance paused it): the next delivery is one probe, the others
 * wait for its outcome.
 */
export function admit(state: CircuitState, pauseEnded: boolean, now: number): Admission {
  if (state.openUntil !== null && now < state.openUntil) {
    return { kind: 'defer', waitMs: state.openUntil - now, reason: 'circuit_open' };
  }
  if (state.halfOpen || pauseEnded) {
    if (state.probeInFlight) return { kind: 'defer', waitMs: 1_000, reason: 'probe_in_flight' };
    state.probeInFlight = true;
    return { kind: 'probe' };
  }
  return { kind: 'deliver' };
}

export type CircuitTransition =
  | { kind: 'none' }
  | { kind: 'pause'; until: Date; reason: string }
  | { kind: 'disable'; reason: string }
  | { kind: 'recover' };

/**
 * Records an attempt's outcome. More than `failureThreshold` failures within `windowMs` (or a
 * failed probe) pauses for `pauseMs`; failing without a single success for `disableAfterMs`
 * disables; a success after a pause recovers.
 */
export function recordOutcome(
  state: CircuitState,
  policy: DisablePolicy,
  success: boolean,
  now: number,
  wasPaused: boolean,
): CircuitTransition {
  const wasProbing = state.halfOpen || state.probeInFlight;
  state.probeInFlight = false;
  if (success) {
    state.failures = [];
    state.failingSince = null;
    state.openUntil = null;
    state.halfOpen = false;
    return wasProbing || wasPaused ? { kind: 'recover' } : { kind: 'none' };
  }
  state.failingSince ??= now;
  state.failures = state.failures.filter((t) => t > now - policy.windowMs);
  state.failures.push(now);
  if (now - state.failingSince >= policy.disableAfterMs) {
    state.openUntil = null;
    state.halfOpen = false;
    return { kind: 'disable', reason: failingSinceCause(new Date(state.failingSince)) };
  }
  if (wasProbing || state.failures.length > policy.failureThreshold) {
    const reason = wasProbing
      ? 'probe delivery failed'
      : `${state.failures.length} failures within ${Math.round(policy.windowMs / 1000)}s`;
    state.failures = [];
    state.openUntil = now + policy.pauseMs;
    state.halfOpen = true;
    return { kind: 'pause', until: new Date(state.openUntil), reason };
  }
  return { kind: 'none' };
}

/**
 * The part of a circuit that outlives a process: what the next owner of the subscription's
 * partition (or this instance after a restart) loads. A probe in flight is not kept: after a
 * restart no probe is out.
 */
export interface DurableCircuit {
  failures: number[];
  failingSince: number | null;
  openUntil: number | null;
  halfOpen: boolean;
}

/**
 * Failure times kept per subscription (the newest). A threshold above it loses the older part
 * of the window over a restart: the pause comes later, never sooner.
 */
export const MAX_DURABLE_FAILURES = 1_000;

export function durableCircuit(state: CircuitState): DurableCircuit {
  return {
    failures: state.failures.slice(-MAX_DURABLE_FAILURES),
    failingSince: state.failingSince,
    openUntil: state.openUntil,
    halfOpen: state.halfOpen,
  };
}

/** A circuit as it was stored (none stored = closed). */
export function restoredCircuit(stored: DurableCircuit | undefined): CircuitState {
  if (!stored) return closedCircuit();
  return {
    failures: [...stored.failures],
    failingSince: stored.failingSince,
    openUntil: stored.openUntil,
    halfOpen: stored.halfOpen,
    probeInFlight: false,
  };
}

export function sameDurableCircuit(a: DurableCircuit, b: DurableCircuit): boolean {
  return (
    a.failingSince === b.failingSince &&
    a.openUntil === b.openUntil &&
    a.halfOpen === b.halfOpen &&
    a.failures.length === b.failures.length &&
    a.failures.every((t, i) => t === b.failures[i])
  );
}
