import { Inject, Injectable } from '@nestjs/common';
import { DeliveryJob, TOPICS } from '@herald/contracts';
import { DeadLetterStore, DeliveryLog, DeliveryStatus, EventStore } from '@herald/persistence';
import { MESSAGE_BUS, MessageBus } from '../infrastructure/message-bus';
import { conflict, notFound } from '../http/problem';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { firstAttemptJob } from '@herald/delivery';

/**
 * Re-enqueues deliveries: retry one, redrive dead letters (replays run as jobs: replays/).
 * Redrives go through the dead letters a page at a time: at most `HERALD_REPLAY_PAGE_SIZE` are
 * held in memory at once, and each page is sent before the next is read.
 */
@Injectable()
export class DeliveryCommands {
  private readonly pageSize: number;

  constructor(
    private readonly deliveries: DeliveryLog,
    private readonly events: EventStore,
    private readonly deadLetters: DeadLetterStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SubscriptionApiConfig) config: SubscriptionApiConfig,
  ) {
    this.pageSize = config.HERALD_REPLAY_PAGE_SIZE;
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
