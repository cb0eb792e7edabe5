import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { randomBytes } from 'crypto';
import { Counter, Gauge, Registry } from 'prom-client';
import { ReplayJob, ReplayJobStore, SubscriptionStore } from '@herald/persistence';
import { PollingLoop } from '../infrastructure/polling-loop';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { ReplayPages } from './replay-pages';

/** How long a job waits after a transient failure (Kafka or PostgreSQL away) before a retry. */
const RETRY_AFTER_ERROR_MS = 5_000;

/**
 * Runs queued replay jobs in this instance, `HERALD_REPLAY_RUNNERS` at a time: claims one with a
 * lease, sends its window a page at a time, records the cursor and progress after each page (so
 * a cancel stops it before the next page and a restart resumes after the last one), and finishes
 * it. A failure to send postpones the job; a deleted or unreplayable subscription fails it.
 */
@Injectable()
export class ReplayRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReplayRunner');
  /** This instance's prefix of lease tokens: its claims are told apart from other instances'. */
  private readonly instance = `runner_${randomBytes(8).toString('hex')}`;
  private claims = 0;
  /** Runs in progress, by lease token (one job can be run twice here, see `fill`). */
  private readonly running = new Map<string, Promise<void>>();
  private readonly loop: PollingLoop;
  private stopped = false;
  private readonly finished: Counter<'state'>;
  private readonly enqueued: Counter;
  private readonly active: Gauge;

  constructor(
    private readonly jobs: ReplayJobStore,
    private readonly subscriptions: SubscriptionStore,
    private readonly pages: ReplayPages,
    @Inject(SubscriptionApiConfig) private readonly config: SubscriptionApiConfig,
    registry: Registry,
  ) {
    this.finished = new Counter({
      name: 'herald_replay_jobs_finished_total',
      help: 'Replay jobs this instance finished, by final state',
      labelNames: ['state'],
      registers: [registry],
    });
    this.enqueued = new Counter({
      name: 'herald_replay_deliveries_enqueued_total',
      help: 'Deliveries replay jobs sent again',
      registers: [registry],
    });
    this.active = new Gauge({
      name: 'herald_replay_jobs_running',
      help: 'Replay jobs this instance is running now',
      registers: [registry],
      collect: () => this.active.set(this.running.size),
    });
    // `fill` reports its own failures, so the loop never backs off.
    this.loop = new PollingLoop(() => this.fill(), {
      intervalMs: config.HERALD_REPLAY_POLL_MS,
      onError: () => undefined,
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.HERALD_REPLAY_RUNNERS > 0) this.loop.start();
  }

  /** A job was queued: look for it now rather than at the next poll (ignored with no runners). */
  kick(): void {
    this.loop.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Claims jobs until every runner is busy or none is waiting. */
  private async fill(): Promise<void> {
    try {
      while (!this.stopped && this.running.size < this.config.HERALD_REPLAY_RUNNERS) {
        // A token per claim, not per instance: when a run here outlives its lease, this instance
        // may claim the job again, and the first run must then stop as if another instance had.
        const token = `${this.instance}_${(this.claims += 1)}`;
        const job = await this.jobs.claim(token, this.config.HERALD_REPLAY_LEASE_MS);
        if (!job) break;
        const run = this.run(job, token).finally(() => {
          this.running.delete(token);
          this.loop.kick();
        });
        this.running.set(token, run);
      }
    } catch (error) {
      this.logger.warn(`could not claim a replay job: ${(error as Error).message}`);
    }
  }

  private async run(job: ReplayJob, token: string): Promise<void> {
    const lease = this.config.HERALD_REPLAY_LEASE_MS;
    let cursor = job.cursor;
    try {
      for (;;) {
        if (this.stopped) {
          await this.jobs.release(job.id, token);
          return;
        }
        const subscription = await this.subscriptions.findById(job.tenantId, job.subscriptionId);
        if (!subscription) {
          await this.end(job, token, { state: 'failed', error: 'the subscription was deleted' });
          return;
        }
        const page = await this.pages.next(
          job.tenantId,
          subscription,
          { selection: job.selection, since: job.since, until: job.until, cursor },
          this.config.HERALD_REPLAY_PAGE_SIZE,
        );
        this.enqueued.inc(page.enqueued);
        // False: cancelled, or taken over by another instance after the lease ran out.
        if (!(await this.jobs.recordPage(job.id, token, page, lease))) return;
        if (page.cursor === null) {
          await this.end(job, token, { state: 'succeeded' });
          return;
        }
        cursor = page.cursor;
      }
    } catch (error) {
      const status = (error as { getStatus?: () => number }).getStatus?.();
      const message = (error as Error).message;
      if (status === 409) {
        await this.end(job, token, { state: 'failed', error: message });
        return;
      }
      this.logger.warn(`replay job ${job.id} postponed: ${message}`);
      await this.jobs.postpone(job.id, token, message, RETRY_AFTER_ERROR_MS).catch(() => undefined);
    }
  }

  private async end(
    job: ReplayJob,
    token: string,
    outcome: { state: 'succeeded' } | { state: 'failed'; error: string },
  ): Promise<void> {
    if (await this.jobs.finish(job.id, token, outcome)) this.finished.inc({ state: outcome.state });
  }
}
