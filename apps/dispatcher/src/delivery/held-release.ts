import { DeliveryJob, HeraldEvent, isDeliverable } from '@herald/contracts';
import { firstAttemptJob, heldReleaseAllowance } from '@herald/delivery';
import { HeldDeliveryStore } from '@herald/persistence';
import { DispatchedSubscription } from './dispatched-subscription';

/** The most held deliveries one release takes from one subscription. */
const RELEASE_PAGE_MAX = 500;
/**
 * A deliverable subscription with nothing left to release is forgotten after this long: the
 * matcher may still hold a few of its events until the reactivation reaches it.
 */
const FORGET_AFTER_MS = 15_000;
/** How often every subscription with held rows is looked up again (a backstop for the above). */
const SWEEP_MS = 60_000;

export interface HeldReleaseDeps {
  subscription(id: string): DispatchedSubscription | undefined;
  /** Paused by this instance, the pause not published yet: nothing is released. */
  pausedHere(subscriptionId: string, now: Date): boolean;
  store: Pick<HeldDeliveryStore, 'release' | 'stillPending' | 'subscriptionsWithHeld'>;
  findEvents(tenantId: string, ids: readonly string[]): Promise<HeraldEvent[]>;
  /** Puts released jobs on herald.deliveries (keyed by subscription: one partition, in order). */
  send(jobs: DeliveryJob[]): Promise<void>;
  onReleased(count: number): void;
  onDiscarded(count: number): void;
  onError(error: Error): void;
  now(): Date;
}

interface Candidate {
  tenantId: string;
  /** Released by this instance and not known to be attempted yet. */
  outstanding: string[];
  /** Since when it has been deliverable with nothing to release (ms); null: it was not. */
  emptySince: number | null;
}

/**
 * Releases the deliveries held while a subscription was paused, disabled or inactive, once it can
 * deliver again (reactivated, or its pause deadline passed): oldest first, a page per tick, paced
 * by `heldReleaseAllowance` (its rate limit and twice its concurrency outstanding). It runs on
 * its own timer, beside the consumer of herald.deliveries, which it never waits for or blocks.
 * Candidates are the subscriptions seen undeliverable on the changelog or holding a delivery
 * here, and at start-up those with held rows; several instances share the work through the
 * store's row locks (each row is released by one of them).
 */
export class HeldRelease {
  private readonly candidates = new Map<string, Candidate>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastSweep = 0;

  constructor(
    private readonly deps: HeldReleaseDeps,
    private readonly tickMs: number,
  ) {}

  /** Every changelog update: an undeliverable subscription may be holding deliveries. */
  watch(subscription: DispatchedSubscription): void {
    if (subscription.state !== 'active' || !isDeliverable(subscription, this.deps.now()))
      this.note(subscription.tenantId, subscription.id);
  }

  /** A delivery was held here. */
  noteHeld(job: DeliveryJob): void {
    this.note(job.tenantId, job.subscriptionId);
  }

  get pendingSubscriptions(): number {
    return this.candidates.size;
  }

  async start(): Promise<void> {
    await this.sweep();
    this.schedule();
  }

  /** Notes every subscription with held rows, wherever they were held (matcher or dispatcher). */
  private async sweep(): Promise<void> {
    this.lastSweep = this.deps.now().getTime();
    for (const { tenantId, subscriptionId } of await this.deps.store.subscriptionsWithHeld())
      this.note(tenantId, subscriptionId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over the candidates (the timer's; exposed for specs). */
  async tick(): Promise<void> {
    if (this.deps.now().getTime() - this.lastSweep >= SWEEP_MS) {
      try {
        await this.sweep();
      } catch (error) {
        this.deps.onError(error as Error);
      }
    }
    for (const [subscriptionId, candidate] of [...this.candidates]) {
      if (this.stopped) return;
      try {
        await this.releaseFor(subscriptionId, candidate);
      } catch (error) {
        this.deps.onError(error as Error);
      }
    }
  }

  private note(tenantId: string, subscriptionId: string): void {
    if (!this.candidates.has(subscriptionId))
      this.candidates.set(subscriptionId, { tenantId, outstanding: [], emptySince: null });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.tickMs);
    this.timer.unref();
  }

  private async releaseFor(subscriptionId: string, candidate: Candidate): Promise<void> {
    const subscription = this.deps.subscription(subscriptionId);
    if (!subscription) {
      this.candidates.delete(subscriptionId);
      return;
    }
    const now = this.deps.now();
    if (!isDeliverable(subscription, now) || this.deps.pausedHere(subscriptionId, now)) {
      candidate.emptySince = null;
      return;
    }
    const { tenantId } = candidate;
    candidate.outstanding = await this.deps.store.stillPending(tenantId, candidate.outstanding);
    const allowance = heldReleaseAllowance({
      rateLimitPerSecond: subscription.rateLimitPerSecond,
      maxConcurrency: subscription.maxConcurrency,
      outstanding: candidate.outstanding.length,
      tickMs: this.tickMs,
      pageMax: RELEASE_PAGE_MAX,
    });
    if (allowance === 0) return;
    const { released, discarded } = await this.deps.store.release(
      tenantId,
      subscriptionId,
      allowance,
      async (rows) => {
        const events = new Map(
          (await this.deps.findEvents(tenantId, [...new Set(rows.map((r) => r.eventId))])).map(
            (e) => [e.id, e],
          ),
        );
        const jobs: DeliveryJob[] = [];
        for (const row of rows) {
          const event = events.get(row.eventId);
          if (event)
            jobs.push(
              firstAttemptJob(event, { deliveryId: row.id, subscriptionId, tenantId }, now),
            );
        }
        await this.deps.send(jobs);
        return jobs.map((j) => j.deliveryId);
      },
    );
    if (released.length > 0) this.deps.onReleased(released.length);
    if (discarded > 0) this.deps.onDiscarded(discarded);
    candidate.outstanding.push(...released);
    // Nothing left to release for a while: forget it until it holds again.
    if (released.length + discarded < allowance && candidate.outstanding.length === 0) {
      candidate.emptySince ??= now.getTime();
      if (now.getTime() - candidate.emptySince >= FORGET_AFTER_MS)
        this.candidates.delete(subscriptionId);
    } else {
      candidate.emptySince = null;
    }
  }
}
