import { Injectable } from '@nestjs/common';
import { DeliveryJob, HeraldEvent, Subscription } from '@herald/contracts';
import { firstAttemptJob, newDeliveryId } from '@herald/delivery';
import { SubscriptionIndex } from '@herald/matching';
import { DeliveryLog, EventStore, ReplayJobCursor, ReplaySelection } from '@herald/persistence';
import { DeliveryCommands } from '../deliveries/delivery-commands.service';
import { conflict } from '../http/problem';

/** The part of a replay job a page needs: what to send, the window, where the last page ended. */
export interface ReplayWindow {
  selection: ReplaySelection;
  since: Date;
  until: Date;
  cursor: ReplayJobCursor | null;
}

/** One page's work: rows looked at, deliveries sent, and where the next page starts (null: done). */
export interface ReplayPage {
  scanned: number;
  enqueued: number;
  cursor: ReplayJobCursor | null;
}

/**
 * The subscription's own matcher, as the matcher service builds it. Refused (409) for a
 * subscription stored before its patterns were checked for the linear-time engine: it is never
 * evaluated, so it cannot be replayed until it is updated.
 */
export function replayIndexOf(subscription: Subscription): SubscriptionIndex {
  const index = new SubscriptionIndex();
  try {
    index.upsert(subscription);
  } catch (error) {
    throw conflict(
      `subscription ${subscription.id} cannot be replayed: ${(error as Error).message}; update it first`,
      'condition',
    );
  }
  return index;
}

/**
 * Replays a window a page at a time (keyset pagination, at most `pageSize` rows in memory).
 * `failed`: the subscription's failed, dead and held deliveries created in [since, until) go
 * again under their delivery ids. `all`: every stored event received in the window that matches
 * the subscription now is sent, reusing the delivery id it already had for this subscription, or
 * a new one.
 */
@Injectable()
export class ReplayPages {
  constructor(
    private readonly deliveries: DeliveryLog,
    private readonly events: EventStore,
    private readonly commands: DeliveryCommands,
  ) {}

  next(
    tenantId: string,
    subscription: Subscription,
    window: ReplayWindow,
    pageSize: number,
    now: Date = new Date(),
  ): Promise<ReplayPage> {
    return window.selection === 'all'
      ? this.nextOfEvents(tenantId, subscription, window, pageSize, now)
      : this.nextOfFailed(tenantId, subscription.id, window, pageSize, now);
  }

  private async nextOfFailed(
    tenantId: string,
    subscriptionId: string,
    window: ReplayWindow,
    pageSize: number,
    now: Date,
  ): Promise<ReplayPage> {
    const after = window.cursor?.kind === 'deliveries' ? window.cursor : undefined;
    const targets = await this.deliveries.idsForReplay(tenantId, subscriptionId, {
      since: window.since,
      until: window.until,
      statuses: ['failed', 'dead', 'held'],
      limit: pageSize,
      after,
    });
    if (targets.length === 0) return { scanned: 0, enqueued: 0, cursor: null };
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
    await this.commands.send(jobs);
    await this.deliveries.markPending(
      tenantId,
      jobs.map((j) => j.deliveryId),
    );
    const last = targets[targets.length - 1].cursor;
    return {
      scanned: targets.length,
      enqueued: jobs.length,
      cursor: targets.length < pageSize ? null : { kind: 'deliveries', ...last },
    };
  }

  private async nextOfEvents(
    tenantId: string,
    subscription: Subscription,
    window: ReplayWindow,
    pageSize: number,
    now: Date,
  ): Promise<ReplayPage> {
    const index = replayIndexOf(subscription);
    const after = window.cursor?.kind === 'events' ? window.cursor : undefined;
    const page = await this.events.pageReceivedBetween(tenantId, {
      since: window.since,
      until: window.until,
      limit: pageSize,
      after,
    });
    const enqueued = await this.sendMatching(tenantId, subscription, index, page.events, now);
    return {
      scanned: page.events.length,
      enqueued,
      cursor: page.next ? { kind: 'events', ...page.next } : null,
    };
  }

  /** Sends the stored events of one page that the subscription matches; returns how many. */
  private async sendMatching(
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
    await this.commands.send(jobs);
    return jobs.length;
  }
}
