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

export type DeferReason = 'circuit_open' | 'probe_in_flight' | 'concurrency' | 'rate_limit';

export type GateDecision =
  | { kind: 'deliver'; probe: boolean }
  | { kind: 'defer'; waitMs: number; reason: DeferReason }
  | { kind: 'hold'; reason: string };

interface Gate {
  circuit: CircuitState;
  bucket: TokenBucket | undefined;
  inFlight: number;
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
      gate = { circuit: closedCircuit(), bucket: undefined, inFlight: 0 };
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
    if (gate.inFlight >= Math.max(1, subscription.maxConcurrency)) {
      return { kind: 'defer', waitMs: 1_000, reason: 'concurrency' };
    }
    const rate = subscription.rateLimitPerSecond;
    if (rate !== null && rate > 0) {
      gate.bucket ??= fullBucket(rate, t);
      const wait = takeToken(gate.bucket, rate, t);
      if (wait > 0) return { kind: 'defer', waitMs: wait, reason: 'rate_limit' };
    }
    const admission = admit(gate.circuit, subscription.state === 'paused', t);
    if (admission.kind === 'defer') return admission;
    gate.inFlight++;
    return { kind: 'deliver', probe: admission.kind === 'probe' };
  }

  /** Records an attempt's outcome; returns the circuit transition it causes. */
  finish(subscription: Subscription, success: boolean, now: Date): CircuitTransition {
    const gate = this.gate(subscription.id);
    gate.inFlight = Math.max(0, gate.inFlight - 1);
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
