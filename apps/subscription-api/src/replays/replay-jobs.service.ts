import { Inject, Injectable } from '@nestjs/common';
import {
  REPLAY_JOB_STATES,
  ReplayJob,
  ReplayJobStore,
  ReplaySelection,
  SubscriptionStore,
  TooManyReplayJobsError,
} from '@herald/persistence';
import { ProblemException, conflict, invalidField, notFound, problemOf } from '../http/problem';
import { optionalEnum, pageLimit } from '../http/query-params';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { replayIndexOf } from './replay-pages';
import { ReplayRunner } from './replay-runner';

export interface ReplayRequest {
  since: string;
  until?: string;
  status?: ReplaySelection;
}

/** A replay job as the API answers it. */
export interface ReplayJobView {
  id: string;
  subscriptionId: string;
  status: ReplaySelection;
  since: string;
  until: string;
  state: ReplayJob['state'];
  progress: { scanned: number; enqueued: number; skipped: number };
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function replayJobView(job: ReplayJob): ReplayJobView {
  return {
    id: job.id,
    subscriptionId: job.subscriptionId,
    status: job.selection,
    since: job.since.toISOString(),
    until: job.until.toISOString(),
    state: job.state,
    progress: { scanned: job.scanned, enqueued: job.enqueued, skipped: job.scanned - job.enqueued },
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Replay jobs: queued by the API, run by the ReplayRunner of some instance, visible to the
 * tenant (only its own; a limited portal session only those of its subscriptions).
 */
@Injectable()
export class ReplayJobsService {
  constructor(
    private readonly jobs: ReplayJobStore,
    private readonly subscriptions: SubscriptionStore,
    private readonly runner: ReplayRunner,
    @Inject(SubscriptionApiConfig) private readonly config: SubscriptionApiConfig,
  ) {}

  /**
   * Queues a replay of [since, until) of one subscription. `until` defaults to now and is never
   * later than now: the window is fixed when the job is created, so the job ends.
   */
  async start(
    tenantId: string,
    subscriptionId: string,
    request: ReplayRequest,
    limit: readonly string[] | undefined,
    now: Date = new Date(),
  ): Promise<ReplayJobView> {
    if (limit && !limit.includes(subscriptionId))
      throw notFound(`subscription ${subscriptionId}`, 'subscriptionId');
    const subscription = await this.subscriptions.findById(tenantId, subscriptionId);
    if (!subscription) throw notFound(`subscription ${subscriptionId}`, 'subscriptionId');
    const since = new Date(request.since);
    const until = request.until ? new Date(request.until) : now;
    if (since >= now) throw invalidField('since', 'must be in the past');
    if (until <= since) throw invalidField('until', 'must be after since');
    const end = until > now ? now : until;
    const selection = request.status ?? 'failed';
    if (selection === 'all') replayIndexOf(subscription);
    try {
      const job = await this.jobs.create(
        { tenantId, subscriptionId, selection, since, until: end },
        this.config.HERALD_REPLAY_MAX_LIVE_JOBS,
        now,
      );
      this.runner.kick();
      return replayJobView(job);
    } catch (error) {
      if (error instanceof TooManyReplayJobsError) {
        throw new ProblemException({
          ...problemOf(429, error.message, [
            { field: 'limits.replayJobs', message: `${error.limit} queued or running` },
          ]),
          limit: { name: 'replayJobs', value: error.limit },
        });
      }
      throw error;
    }
  }

  async get(
    tenantId: string,
    id: string,
    limit: readonly string[] | undefined,
  ): Promise<ReplayJobView> {
    const job = await this.jobs.get(tenantId, id);
    if (!job || (limit && !limit.includes(job.subscriptionId))) throw notFound(`replay job ${id}`);
    return replayJobView(job);
  }

  async list(
    tenantId: string,
    limit: readonly string[] | undefined,
    query: Record<string, string | undefined>,
  ): Promise<{ items: ReplayJobView[]; nextCursor: string | null }> {
    const page = await this.jobs.list(tenantId, {
      subscriptionId: query.subscriptionId,
      subscriptionIds: limit,
      state: optionalEnum('state', query.state, REPLAY_JOB_STATES),
      cursor: query.cursor,
      limit: pageLimit(query.limit),
    });
    return { items: page.items.map(replayJobView), nextCursor: page.nextCursor };
  }

  /** Cancels a live job; 409 when it already ended (cancelled, succeeded or failed). */
  async cancel(
    tenantId: string,
    id: string,
    limit: readonly string[] | undefined,
  ): Promise<ReplayJobView> {
    const current = await this.get(tenantId, id, limit);
    const cancelled = await this.jobs.cancel(tenantId, id);
    if (!cancelled) throw conflict(`replay job ${id} has already ended (${current.state})`, 'id');
    return replayJobView(cancelled);
  }
}
