import { baseSubscription } from '@herald/contracts/testing';
import { DEFAULT_RETRY_LADDER, DeliveryJob, Subscription } from '@herald/contracts';

/** A complete subscription for specs (`sub_1` on `order.created`, the default ladder). */
export function subscriptionFixture(overrides: Partial<Subscription> = {}): Subscription {
  return baseSubscription({
    eventTypes: ['order.created'],
    retryPolicy: { delays: [...DEFAULT_RETRY_LADDER], maxAttempts: DEFAULT_RETRY_LADDER.length },
    ...overrides,
  });
}

export function jobFixture(overrides: Partial<DeliveryJob> = {}): DeliveryJob {
  return {
    kind: 'herald.delivery-job',
    version: 1,
    deliveryId: 'dlv_1',
    subscriptionId: 'sub_1',
    tenantId: 'acme',
    attempt: 1,
    firstEnqueuedAt: '2026-03-01T10:00:00.000Z',
    dueAt: '2026-03-01T10:00:00.000Z',
    deferrals: 0,
    lastError: null,
    event: {
      kind: 'herald.event',
      version: 1,
      id: 'evt_1',
      tenantId: 'acme',
      type: 'order.created',
      source: 'shop',
      subject: null,
      time: '2026-03-01T09:59:59.000Z',
      receivedAt: '2026-03-01T10:00:00.000Z',
      entityType: 'Order',
      entityId: '42',
      action: 'created',
      trigger: 'api',
      dataContentType: 'application/json',
      data: { code: '101', description: 'Order placed', total: 12.5 },
    },
    ...overrides,
  };
}
