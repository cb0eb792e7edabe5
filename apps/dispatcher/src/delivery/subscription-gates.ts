import { Subscription, isDeliverable } from '@herald/contracts';
import {
  CircuitState,
  CircuitTransition,
  TokenBucket,
  admit,
  closedCircuit,
  fullBucket,
  recordOutcome,
  takeToken,
} from '@herald/delivery';

export type DeferReason = 'circuit_open' | 'probe_in_flight' | 'slow' | 'backlog' | 'rate_limit';

export type GateDecision =
  | { kind: 'deliver'; probe: boolean; startedAt: number }
  | { kind: 'defer'; waitMs: number; reason: DeferReason }
  | { kind: 'hold'; reason: string }
  /** At its limit but healthy: ask again once `slot` resolves. */
  | { kind: 'wait'; slot: Promise<void> };

/** A subscription whose oldest request has been out this long counts as slow. */
export const SLOW_AFTER_MS = 2_000;
/** Jobs of one subscription waiting on this instance before further ones are deferred. */
export const MAX_WAITING = 250;
/** Rate-limit waits up to this long are waited out; longer ones are deferred. */
const MAX_RATE_WAIT_MS = 1_000;

interface Gate {
  circuit: CircuitState;
  bucket: TokenBucket | undefined;
  inFlight: number;
  /** Start times of the requests in flight. */
  started: number[];
  waiters: (() => void)[];
}

/**
 * Per-subscription admission on this instance: held while paused, disabled or inactive;
 * deferred while the circuit is open, a probe is out, `maxConcurrency` requests are in flight
 * or `rateLimitPerSecond` is used up; otherwise delivered.
 */
export class SubscriptionGates {
  private readonly gates = new Map<string, Gate>();

  private gate(id: string): Gate {
    let gate = this.gates.get(id);
    if (!gate) {
      gate = { circuit: closedCircuit(), bucket: undefined, inFlight: 0, started: [], waiters: [] };
      this.gates.set(id, gate);
    }
    return gate;
  }

  admit(subscription: Subscription, now: Date): GateDecision {
    if (!isDeliverable(subscription, now)) {
      return {
        kind: 'hold',
        reason: !subscription.active ? 'inactive' : subscription.state,
      };
    }
    const gate = this.gate(subscription.id);
    const t = now.getTime();
    if (gate.circuit.openUntil !== null && t < gate.circuit.openUntil) {
      return { kind: 'defer', waitMs: gate.circuit.openUntil - t, reason: 'circuit_open' };
    }
    if (gate.inFlight >= Math.max(1, subscription.maxConcurrency)) {
      // Healthy but busy: wait for a slot. Slow (or too far behind): back to the ladder, so
      // this subscription's jobs never fill the partition's window.
      if (t - Math.min(...gate.started) >= SLOW_AFTER_MS) {
        return { kind: 'defer', waitMs: 1_000, reason: 'slow' };
      }
      if (gate.waiters.length >= MAX_WAITING) {
        return { kind: 'defer', waitMs: 1_000, reason: 'backlog' };
      }
      return { kind: 'wait', slot: new Promise<void>((resolve) => gate.waiters.push(resolve)) };
    }
    const rate = subscription.rateLimitPerSecond;
    if (rate !== null && rate > 0) {
      gate.bucket ??= fullBucket(rate, t);
      const wait = takeToken(gate.bucket, rate, t);
      if (wait > 0) {
        if (wait > MAX_RATE_WAIT_MS || gate.waiters.length >= MAX_WAITING) {
          return { kind: 'defer', waitMs: wait, reason: 'rate_limit' };
        }
        return { kind: 'wait', slot: new Promise<void>((resolve) => setTimeout(resolve, wait)) };
      }
    }
    const admission = admit(gate.circuit, subscription.state === 'paused', t);
    if (admission.kind === 'defer') return admission;
    gate.inFlight++;
    gate.started.push(t);
    return { kind: 'deliver', probe: admission.kind === 'probe', startedAt: t };
  }

  /** Records an attempt's outcome; returns the circuit transition it causes. */
  finish(
    subscription: Subscription,
    startedAt: number,
    success: boolean,
    now: Date,
  ): CircuitTransition {
    const gate = this.gate(subscription.id);
    gate.inFlight = Math.max(0, gate.inFlight - 1);
    const index = gate.started.indexOf(startedAt);
    if (index >= 0) gate.started.splice(index, 1);
    gate.waiters.shift()?.();
    return recordOutcome(
      gate.circuit,
      subscription.disablePolicy,
      success,
      now.getTime(),
      subscription.state === 'paused',
    );
  }

  get inFlight(): number {
    let n = 0;
    for (const g of this.gates.values()) n += g.inFlight;
    return n;
  }
}
