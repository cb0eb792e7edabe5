import { randomUUID } from 'crypto';
import { Logger } from '@nestjs/common';
import { DeliveryJob, Subscription, isDeliverable } from '@herald/contracts';
import { canaryJob } from '@herald/delivery';

export interface CanaryDeps {
  /** Claims subscriptions whose canary is due and moves them one interval ahead (SKIP LOCKED). */
  claimDue(now: Date, limit: number): Promise<Subscription[]>;
  publish(jobs: DeliveryJob[]): Promise<void>;
  onSent(count: number): void;
  now(): Date;
}

const CLAIM_LIMIT = 200;

/**
 * Sends a `herald.canary` test event (code 000) to every subscription with the canary enabled,
 * once per interval across all instances: the due rows are claimed with FOR UPDATE SKIP LOCKED,
 * so two schedulers never claim the same subscription for the same interval.
 */
export class CanarySender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly logger = new Logger('canary');

  constructor(
    private readonly deps: CanaryDeps,
    private readonly pollMs: number,
  ) {}

  /** One pass: claims and enqueues every due canary. Returns how many were sent. */
  async runOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.deps.now();
      const due = await this.deps.claimDue(now, CLAIM_LIMIT);
      const jobs = due
        .filter((s) => s.canary.enabled && isDeliverable(s, now))
        .map((s) => canaryJob(s, randomUUID(), now));
      await this.deps.publish(jobs);
      this.deps.onSent(jobs.length);
      sent += jobs.length;
      if (due.length < CLAIM_LIMIT) return sent;
    }
  }

  start(): void {
    const tick = () => {
      this.running = this.runOnce()
        .then(
          () => undefined,
          (error: Error) => this.logger.error(`canary pass failed: ${error.message}`),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
