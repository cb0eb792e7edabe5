import { isDeliverable } from '@herald/contracts';
import {
  CircuitState,
  CircuitTransition,
  DurableCircuit,
  TokenBucket,
  admit,
  closedCircuit,
  durableCircuit,
  fullBucket,
  recordOutcome,
  restoredCircuit,
  sameDurableCircuit,
  takeToken,
} from '@herald/delivery';
import { DispatchedSubscription } from './dispatched-subscription';

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
/**
 * A tenant at its cap has further jobs wait in line for one of its own slots while its slots
 * turn over; once the head of its line has waited this long, its waiting jobs (and further
 * ones, until a slot is handed on again) are deferred.
 */
export const TENANT_MAX_QUEUE_MS = 500;

/** Where circuits are kept between processes and owners (`SubscriptionHealthStore`). */
export interface CircuitStore {
  load(keys: { tenantId: string; subscriptionId: string }[]): Promise<Map<string, DurableCircuit>>;
}

interface Gate {
  circuit: CircuitState;
  /** The circuit is the stored one (or was moved here since it was loaded). */
  loaded: boolean;
  loading?: Promise<void>;
  /** The circuit as last handed over for writing (or as loaded): unchanged = nothing to write. */
  written: DurableCircuit | undefined;
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
  /** Jobs in line for one of the tenant's slots (not counted against its cap), oldest first. */
  queue: { since: number; wake: () => void }[];
  /** The head of the line waited TENANT_MAX_QUEUE_MS: defer until a slot is handed on. */
  stalled: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * Per-subscription admission on this instance: held while paused, disabled or inactive;
 * deferred while the circuit is open, a probe is out, `maxConcurrency` requests are in flight
 * or `rateLimitPerSecond` is used up; otherwise delivered. Above them, a per-tenant cap
 * (`maxInFlightDeliveries`): a tenant whose jobs already hold that many of the instance's
 * slots (in flight or waiting) has further jobs wait in line for its own slots while they turn
 * over (a healthy tenant alone on the instance keeps its order and skips the retry ladder's
 * round trip), and deferred once its line stalls (TENANT_MAX_QUEUE_MS), so one tenant's many
 * slow or rate-limited endpoints cannot take every slot and starve the other tenants.
 */
export class SubscriptionGates {
  private readonly gates = new Map<string, Gate>();
  private readonly tenants = new Map<string, TenantShare>();
  private batch: { keys: Map<string, string>; done: Promise<void> } | undefined;
  private generation = 0;

  /**
   * `tenantCap` gives a tenant's maxInFlightDeliveries (0 = no cap). With a `store`, each
   * subscription's circuit is loaded from it before its first job here (and again after a
   * rebalance), and `changedCircuit` names the circuits to write back; without one, circuits
   * live in this instance's memory only. `clock` times the tenants' lines.
   */
  constructor(
    private readonly tenantCap: (tenantId: string) => number = () => 0,
    private readonly store?: CircuitStore,
    private readonly clock: () => number = Date.now,
  ) {}

  private share(tenantId: string): TenantShare {
    let share = this.tenants.get(tenantId);
    if (!share) {
      share = { inFlight: 0, waiting: 0, queue: [], stalled: false };
      this.tenants.set(tenantId, share);
    }
    return share;
  }

  /** A slot of the tenant freed (or a wait ended): hands it to the head of the tenant's line. */
  private release(tenantId: string, change: (share: TenantShare) => void): void {
    const share = this.share(tenantId);
    change(share);
    if (share.inFlight + share.waiting < this.tenantCap(tenantId)) {
      share.stalled = false;
      const next = share.queue.shift();
      if (next) {
        next.wake();
        this.armStallTimer(share);
      }
    }
    if (share.inFlight <= 0 && share.waiting <= 0 && share.queue.length === 0) {
      clearTimeout(share.timer);
      this.tenants.delete(tenantId);
    }
  }

  /** Joins the tenant's line; resolves when a slot of the tenant frees or the line stalls. */
  private queueFor(share: TenantShare): GateDecision {
    const since = this.clock();
    const slot = new Promise<void>((wake) => share.queue.push({ since, wake }));
    if (share.queue.length === 1) this.armStallTimer(share);
    return { kind: 'wait', slot };
  }

  /** Wakes the whole line, to be deferred, once its head has waited TENANT_MAX_QUEUE_MS. */
  private armStallTimer(share: TenantShare): void {
    clearTimeout(share.timer);
    share.timer = undefined;
    const head = share.queue[0];
    if (!head) return;
    share.timer = setTimeout(
      () => {
        share.timer = undefined;
        if (share.queue.length === 0) return;
        share.stalled = true;
        for (const waiter of share.queue.splice(0)) waiter.wake();
      },
      Math.max(0, head.since + TENANT_MAX_QUEUE_MS - this.clock()),
    );
    share.timer.unref();
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
      gate = {
        circuit: closedCircuit(),
        loaded: this.store === undefined,
        written: undefined,
        bucket: undefined,
        inFlight: 0,
        started: [],
        waiters: [],
      };
      this.gates.set(id, gate);
    }
    return gate;
  }

  /**
   * Loads the subscription's stored circuit unless this instance has it already: the failure
   * window, the pause and the failing-since time of the previous owner (or of this instance
   * before a restart). The subscriptions first seen in one turn of the event loop are loaded
   * with one query. Rejects when the store does (the job is retried like any transient fault).
   */
  loadCircuit(subscription: DispatchedSubscription): Promise<void> {
    const gate = this.gate(subscription.id);
    if (gate.loaded) return Promise.resolve();
    gate.loading ??= this.loadInBatch(subscription).finally(() => (gate.loading = undefined));
    return gate.loading;
  }

  private loadInBatch(subscription: DispatchedSubscription): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    if (!this.batch) {
      const keys = new Map<string, string>();
      const generation = this.generation;
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.batch = undefined;
        const stored = await store.load(
          [...keys].map(([subscriptionId, tenantId]) => ({ tenantId, subscriptionId })),
        );
        // A rebalance while loading: what was read may be older than the next owner's writes.
        if (generation !== this.generation) return;
        for (const id of keys.keys()) {
          const gate = this.gates.get(id);
          if (!gate || gate.loaded) continue;
          const probing = gate.circuit.probeInFlight && gate.inFlight > 0;
          gate.circuit = restoredCircuit(stored.get(id));
          gate.circuit.probeInFlight = probing;
          gate.written = durableCircuit(gate.circuit);
          gate.loaded = true;
        }
      });
      this.batch = { keys, done };
    }
    this.batch.keys.set(subscription.id, subscription.tenantId);
    return this.batch.done;
  }

  /**
   * The group rebalanced: a partition may have moved away and back, and its subscriptions'
   * circuits moved on elsewhere meanwhile. Each is loaded again before its next job here.
   */
  forgetLoaded(): void {
    if (!this.store) return;
    this.generation++;
    for (const gate of this.gates.values()) gate.loaded = false;
  }

  /**
   * After `finish`: if the subscription's circuit changed since it was last handed over, a reader
   * of its current state for the outcome batch to write (read when the batch is written, so
   * batches written out of order still leave the newest state). Undefined when nothing changed
   * (a success on a closed circuit: the hot path writes nothing more) or without a store.
   */
  changedCircuit(subscriptionId: string): (() => DurableCircuit) | undefined {
    const gate = this.gates.get(subscriptionId);
    if (!this.store || !gate) return undefined;
    const current = durableCircuit(gate.circuit);
    if (gate.written && sameDurableCircuit(gate.written, current)) return undefined;
    gate.written = current;
    return () => durableCircuit(gate.circuit);
  }

  admit(subscription: DispatchedSubscription, now: Date): GateDecision {
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
      if (share.stalled) {
        return { kind: 'defer', waitMs: TENANT_BUSY_DEFER_MS, reason: 'tenant_busy' };
      }
      return this.queueFor(share);
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
    subscription: DispatchedSubscription,
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
    if (!gate) return;
    gate.circuit = closedCircuit();
    // Written again with the next outcome, over anything written before the reset arrived.
    gate.written = undefined;
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

  /** A tenant's jobs in line for one of its slots (past its cap). */
  queuedFor(tenantId: string): number {
    return this.tenants.get(tenantId)?.queue.length ?? 0;
  }

  get inFlight(): number {
    let n = 0;
    for (const g of this.gates.values()) n += g.inFlight;
    return n;
  }
}
