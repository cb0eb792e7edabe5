import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import {
  DeliveryEntity,
  HeldDeliveryStore,
  HeldSummary,
  Page,
  SubscriptionStore,
} from '@herald/persistence';
import { notFound } from '../http/problem';

/** Held deliveries the tenant discarded through the API. No tenant or subscription ids as labels. */
export class HeldDeliveryMetrics {
  readonly discarded: Counter<'reason'>;

  constructor(registry: Registry) {
    this.discarded = new Counter({
      name: 'herald_held_deliveries_discarded_total',
      help: 'Held deliveries never sent: discarded by the tenant (tenant) or their event past retention (retention)',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.discarded.inc({ reason: 'tenant' }, 0);
  }
}

/**
 * What a paused, disabled or inactive subscription holds: counted and listed oldest first (the
 * order the dispatcher releases them in once the subscription can deliver again), or discarded
 * so that they are never sent.
 */
@Injectable()
export class HeldDeliveries {
  constructor(
    private readonly subscriptions: SubscriptionStore,
    private readonly held: HeldDeliveryStore,
    private readonly metrics: HeldDeliveryMetrics,
  ) {}

  async list(
    tenantId: string,
    subscriptionId: string,
    query: { limit: number; cursor?: string },
  ): Promise<HeldSummary & Page<DeliveryEntity>> {
    await this.mustExist(tenantId, subscriptionId);
    const [summary, page] = await Promise.all([
      this.held.summary(tenantId, subscriptionId),
      this.held.page(tenantId, subscriptionId, query),
    ]);
    return { ...summary, ...page };
  }

  async discard(tenantId: string, subscriptionId: string): Promise<{ discarded: number }> {
    await this.mustExist(tenantId, subscriptionId);
    const discarded = await this.held.discard(tenantId, subscriptionId);
    this.metrics.discarded.inc({ reason: 'tenant' }, discarded);
    return { discarded };
  }

  private async mustExist(tenantId: string, subscriptionId: string): Promise<void> {
    if (!(await this.subscriptions.findById(tenantId, subscriptionId)))
      throw notFound(`subscription ${subscriptionId}`);
  }
}
