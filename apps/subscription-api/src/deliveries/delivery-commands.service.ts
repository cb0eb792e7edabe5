import { Inject, Injectable } from '@nestjs/common';
import { DeliveryJob, HeraldEvent, Subscription, TOPICS } from '@herald/contracts';
import { SubscriptionIndex } from '@herald/matching';
import {
  DeadLetterStore,
  DeliveryLog,
  DeliveryStatus,
  EventCursor,
  EventStore,
  ReplayCursor,
} from '@herald/persistence';
import { MESSAGE_BUS, MessageBus } from '../infrastructure/message-bus';
import { conflict, notFound } from '../http/problem';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { firstAttemptJob, newDeliveryId } from '@herald/delivery';

/**
 * Re-enqueues deliveries: retry one, replay a subscription's window, redrive dead letters.
 * Replays and redrives go through their rows a page at a time (keyset pagination): at most
 * `HERALD_REPLAY_PAGE_SIZE` stored events or dead letters are held in memory at once, however
 * many the window holds, and each page is sent before the next is read.
 */
@Injectable()
export class DeliveryCommands {
  private readonly pageSize: number;
  private readonly maxEvents: number;

  constructor(
    private readonly deliveries: DeliveryLog,
    private readonly events: EventStore,
    private readonly deadLetters: DeadLetterStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SubscriptionApiConfig) config: SubscriptionApiConfig,
  ) {
    this.pageSize = config.HERALD_REPLAY_PAGE_SIZE;
    this.maxEvents = config.HERALD_REPLAY_MAX_EVENTS;
  }

  async retry(
    tenantId: string,
    deliveryId: string,
    now = new Date(),
  ): Promise<{ deliveryId: string; status: DeliveryStatus }> {
    const delivery = await this.deliveries.findById(tenantId, deliveryId);
    if (!delivery) throw notFound(`delivery ${deliveryId}`);
    if (delivery.status === 'pending')
      throw conflict(`delivery ${deliveryId} is already pending`, 'id');
    const [event] = await this.events.findByIds(tenantId, [delivery.eventId]);
    if (!event)
      throw conflict(
        `the event of delivery ${deliveryId} is past retention and can no longer be sent`,
      );
    await this.send([
      firstAttemptJob(
        event,
        { deliveryId, subscriptionId: delivery.subscriptionId, tenantId },
        now,
      ),
    ]);
    await this.deliveries.markPending(tenantId, [deliveryId]);
    return { deliveryId, status: 'pending' };
  }

  /**
   * Replays a window. `failed`: the subscription's failed, dead and held deliveries created in
   * [since, until) go again under their delivery ids. `all`: every stored event received in the
   * window that matches the subscription now (the matcher's own filters) is sent, reusing the
   * delivery id it already had for this subscription, or a new one.
   */
  async replay(
    tenantId: string,
    subscription: Subscription,
    window: { since: Date; until: Date; status: 'failed' | 'all' },
    now = new Date(),
  ): Promise<{ enqueued: number; skipped: number }> {
    return window.status === 'all'
      ? this.replayEvents(tenantId, subscription, window, now)
      : this.replayFailed(tenantId, subscription.id, window, now);
  }

  private async replayFailed(
    tenantId: string,
    subscriptionId: string,
    window: { since: Date; until: Date },
    now: Date,
  ): Promise<{ enqueued: number; skipped: number }> {
    let enqueued = 0;
    let seen = 0;
    let after: ReplayCursor | undefined;
    while (seen < this.maxEvents) {
      const limit = Math.min(this.pageSize, this.maxEvents - seen);
      const targets = await this.deliveries.idsForReplay(tenantId, subscriptionId, {
        ...window,
        statuses: ['failed', 'dead', 'held'],
        limit,
        after,
      });
      if (targets.length === 0) break;
      seen += targets.length;
      after = targets[targets.length - 1].cursor;
      const events = new Map(
        (await this.events.findByIds(tenantId, [...new Set(targets.map((t) => t.eventId))])).map(
          (e) => [e.id, e],
        ),
      );
      const jobs: DeliveryJob[] = [];
      for (const t of targets) {
        const event = events.get(t.eventId);
        if (event)
          jobs.push(firstAttemptJob(event, { deliveryId: t.id, subscriptionId, tenantId }, now));
      }
      await this.send(jobs);
      await this.deliveries.markPending(
        tenantId,
        jobs.map((j) => j.deliveryId),
      );
      enqueued += jobs.length;
      if (targets.length < limit) break;
    }
    return { enqueued, skipped: seen - enqueued };
  }

  private async replayEvents(
    tenantId: string,
    subscription: Subscription,
    window: { since: Date; until: Date },
    now: Date,
  ): Promise<{ enqueued: number; skipped: number }> {
    const index = new SubscriptionIndex();
    try {
      index.upsert(subscription);
    } catch (error) {
      // Stored before patterns were checked for the linear-time engine: never evaluated.
      throw conflict(
        `subscription ${subscription.id} cannot be replayed: ${(error as Error).message}; update it first`,
        'condition',
      );
    }
    let enqueued = 0;
    let seen = 0;
    let after: EventCursor | undefined;
    while (seen < this.maxEvents) {
      const page = await this.events.pageReceivedBetween(tenantId, {
        ...window,
        limit: Math.min(this.pageSize, this.maxEvents - seen),
        after,
      });
      seen += page.events.length;
      enqueued += await this.replayPage(tenantId, subscription, index, page.events, now);
      if (!page.next) break;
      after = page.next;
    }
    return { enqueued, skipped: seen - enqueued };
  }

  /** Sends one page of stored events that the subscription matches; returns how many. */
  private async replayPage(
    tenantId: string,
    subscription: Subscription,
    index: SubscriptionIndex,
    stored: readonly HeraldEvent[],
    now: Date,
  ): Promise<number> {
    const matching = stored.filter((event) => index.match(event).length > 0);
    if (matching.length === 0) return 0;
    const existing = await this.deliveries.idsForEvents(
      tenantId,
      subscription.id,
      matching.map((e) => e.id),
    );
    const target = { subscriptionId: subscription.id, tenantId };
    const jobs = matching.map((event) =>
      firstAttemptJob(
        event,
        { ...target, deliveryId: existing.get(event.id) ?? newDeliveryId() },
        now,
      ),
    );
    await this.deliveries.recordPendingMany(
      jobs
        .filter((j) => !existing.has(j.event.id))
        .map((j) => ({
          deliveryId: j.deliveryId,
          tenantId,
          subscriptionId: subscription.id,
          eventId: j.event.id,
          eventType: j.event.type,
          createdAt: now.toISOString(),
        })),
    );
    await this.deliveries.markPending(tenantId, [...existing.values()]);
    await this.send(jobs);
    return jobs.length;
  }

  /**
   * Redrives up to `limit` dead letters, a page per transaction: each page is locked, sent and
   * stamped redriven before the next is read (a failed send leaves that page as it was; the
   * pages before it stay redriven).
   */
  async redrive(
    tenantId: string,
    selection: {
      deliveryIds?: string[];
      subscriptionId?: string;
      subscriptionIds?: readonly string[];
      limit?: number;
    },
    now = new Date(),
  ): Promise<{ redriven: number; deliveryIds: string[] }> {
    const limit = selection.limit ?? 1000;
    const deliveryIds: string[] = [];
    while (deliveryIds.length < limit) {
      const pageLimit = Math.min(this.pageSize, limit - deliveryIds.length);
      const jobs = await this.deadLetters.redrive(
        tenantId,
        { ...selection, limit: pageLimit },
        (dead) => this.send(dead.map((job) => firstAttemptJob(job.event, job, now))),
      );
      deliveryIds.push(...jobs.map((j) => j.deliveryId));
      if (jobs.length < pageLimit) break;
    }
    return { redriven: deliveryIds.length, deliveryIds };
  }

  send(jobs: DeliveryJob[]): Promise<void> {
    return this.bus.send(
      TOPICS.deliveries,
      jobs.map((job) => ({ key: job.subscriptionId, value: job })),
    );
  }
}
