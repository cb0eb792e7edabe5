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

export type DeferReason =
  'circuit_open' | 'probe_in_flight' | 'slow' | 'backlog' | 'rate_limit' | 'tenant_busy';

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
/** A job deferred because its tenant holds its share of this instance comes back after this. */
export const TENANT_BUSY_DEFER_MS = 1_000;

interface Gate {
  circuit: CircuitState;
  bucket: TokenBucket | undefined;
  inFlight: number;
  /** Start times of the requests in flight. */
  started: number[];
  waiters: (() => void)[];
}

/** A tenant's jobs holding a slot of this instance: in flight, or waiting at their gate. */
interface TenantShare {
  inFlight: number;
  waiting: number;
}

/**
 * Per-subscription admission on this instance: held while paused, disabled or inactive;
 * deferred while the circuit is open, a probe is out, `maxConcurrency` requests are in flight
 * or `rateLimitPerSecond` is used up; otherwise delivered. Above them, a per-tenant cap
 * (`maxInFlightDeliveries`): a tenant whose jobs already hold that many of the instance's
 * slots (in flight or waiting) has further jobs deferred, so one tenant's many slow or
 * rate-limited endpoints cannot take every slot and starve the other tenants.
 */
export class SubscriptionGates {
  private readonly gates = new Map<string, Gate>();
  private readonly tenants = new Map<string, TenantShare>();

  /** `tenantCap` gives a tenant's maxInFlightDeliveries (0 = no cap). */
  constructor(private readonly tenantCap: (tenantId: string) => number = () => 0) {}

  private share(tenantId: string): TenantShare {
    let share = this.tenants.get(tenantId);
    if (!share) {
      share = { inFlight: 0, waiting: 0 };
      this.tenants.set(tenantId, share);
    }
    return share;
  }

  private release(tenantId: string, change: (share: TenantShare) => void): void {
    const share = this.share(tenantId);
    change(share);
    if (share.inFlight <= 0 && share.waiting <= 0) this.tenants.delete(tenantId);
  }

  /** A wait that counts against the tenant's share until it ends. */
  private waitFor(tenantId: string, slot: Promise<void>): GateDecision {
    this.share(tenantId).waiting++;
    return {
      kind: 'wait',
      slot: slot.finally(() => this.release(tenantId, (share) => share.waiting--)),
    };
  }

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
    // Paused here, and the pause is on its way through the changelog: held like any event of a
    // paused subscription (released when the pause ends), not parked on a retry topic for it.
    if (this.pausedHere(subscription.id, now)) return { kind: 'hold', reason: 'paused' };
    const cap = this.tenantCap(subscription.tenantId);
    const share = this.tenants.get(subscription.tenantId);
    if (cap > 0 && share && share.inFlight + share.waiting >= cap) {
      return { kind: 'defer', waitMs: TENANT_BUSY_DEFER_MS, reason: 'tenant_busy' };
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
      return this.waitFor(
        subscription.tenantId,
        new Promise<void>((resolve) => gate.waiters.push(resolve)),
      );
    }
    const rate = subscription.rateLimitPerSecond;
    if (rate !== null && rate > 0) {
      gate.bucket ??= fullBucket(rate, t);
      const wait = takeToken(gate.bucket, rate, t);
      if (wait > 0) {
        if (wait > MAX_RATE_WAIT_MS || gate.waiters.length >= MAX_WAITING) {
          return { kind: 'defer', waitMs: wait, reason: 'rate_limit' };
        }
        return this.waitFor(
          subscription.tenantId,
          new Promise<void>((resolve) => setTimeout(resolve, wait)),
        );
      }
    }
    const admission = admit(gate.circuit, subscription.state === 'paused', t);
    if (admission.kind === 'defer') return admission;
    gate.inFlight++;
    gate.started.push(t);
    this.share(subscription.tenantId).inFlight++;
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
    if (gate.inFlight > 0) this.release(subscription.tenantId, (share) => share.inFlight--);
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

  /**
   * Forgets what this instance saw of a subscription's health (failure window, pause, failing
   * since): it was reactivated, so it starts again closed. Requests in flight keep their slots.
   */
  resetCircuit(subscriptionId: string): void {
    const gate = this.gates.get(subscriptionId);
    if (gate) gate.circuit = closedCircuit();
  }

  /** Has this instance's circuit paused the subscription, with the pause not over at `now`? */
  pausedHere(subscriptionId: string, now: Date): boolean {
    const openUntil = this.gates.get(subscriptionId)?.circuit.openUntil ?? null;
    return openUntil !== null && now.getTime() < openUntil;
  }

  /** A tenant's jobs holding slots here (in flight or waiting at a gate). */
  heldBy(tenantId: string): number {
    const share = this.tenants.get(tenantId);
    return share ? share.inFlight + share.waiting : 0;
  }

  get inFlight(): number {
    let n = 0;
    for (const g of this.gates.values()) n += g.inFlight;
    return n;
  }
}
