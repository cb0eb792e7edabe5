import { Inject, Injectable } from '@nestjs/common';
import { DeliveryJob, Subscription, TOPICS } from '@herald/contracts';
import { SubscriptionIndex } from '@herald/matching';
import { DeadLetterStore, DeliveryLog, DeliveryStatus, EventStore } from '@herald/persistence';
import { MESSAGE_BUS, MessageBus } from '../infrastructure/message-bus';
import { conflict, notFound } from '../http/problem';
import { freshJob, newDeliveryId } from './delivery-job';

const REPLAY_LIMIT = 10_000;

/** Re-enqueues deliveries: retry one, replay a subscription's window, redrive dead letters. */
@Injectable()
export class DeliveryCommands {
  constructor(
    private readonly deliveries: DeliveryLog,
    private readonly events: EventStore,
    private readonly deadLetters: DeadLetterStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

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
      freshJob(event, { deliveryId, subscriptionId: delivery.subscriptionId, tenantId }, now),
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
    const targets = await this.deliveries.idsForReplay(tenantId, subscriptionId, {
      since: window.since,
      until: window.until,
      statuses: ['failed', 'dead', 'held'],
      limit: REPLAY_LIMIT,
    });
    const events = new Map(
      (await this.events.findByIds(tenantId, [...new Set(targets.map((t) => t.eventId))])).map(
        (e) => [e.id, e],
      ),
    );
    const jobs: DeliveryJob[] = [];
    for (const t of targets) {
      const event = events.get(t.eventId);
      if (event) jobs.push(freshJob(event, { deliveryId: t.id, subscriptionId, tenantId }, now));
    }
    await this.send(jobs);
    await this.deliveries.markPending(
      tenantId,
      jobs.map((j) => j.deliveryId),
    );
    return { enqueued: jobs.length, skipped: targets.length - jobs.length };
  }

  private async replayEvents(
    tenantId: string,
    subscription: Subscription,
    window: { since: Date; until: Date },
    now: Date,
  ): Promise<{ enqueued: number; skipped: number }> {
    const stored = await this.events.findReceivedBetween(tenantId, {
      ...window,
      limit: REPLAY_LIMIT,
    });
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
    const matching = stored.filter((event) => index.match(event).length > 0);
    const existing = await this.deliveries.idsForEvents(
      tenantId,
      subscription.id,
      matching.map((e) => e.id),
    );
    const target = { subscriptionId: subscription.id, tenantId };
    const jobs = matching.map((event) =>
      freshJob(event, { ...target, deliveryId: existing.get(event.id) ?? newDeliveryId() }, now),
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
    return { enqueued: jobs.length, skipped: stored.length - jobs.length };
  }

  async redrive(
    tenantId: string,
    selection: { deliveryIds?: string[]; subscriptionId?: string; limit?: number },
    now = new Date(),
  ): Promise<{ redriven: number; deliveryIds: string[] }> {
    const jobs = await this.deadLetters.redrive(
      tenantId,
      { ...selection, limit: selection.limit ?? 1000 },
      (dead) => this.send(dead.map((job) => freshJob(job.event, job, now))),
    );
    return { redriven: jobs.length, deliveryIds: jobs.map((j) => j.deliveryId) };
  }

  send(jobs: DeliveryJob[]): Promise<void> {
    return this.bus.send(
      TOPICS.deliveries,
      jobs.map((job) => ({ key: job.subscriptionId, value: job })),
    );
  }
}
