import { baseEvent, baseSubscription } from '@herald/contracts/testing';
import { DEFAULT_RETRY_LADDER, DeliveryJob, HeraldEvent, Subscription } from '@herald/contracts';

/** Fixtures for this library's specs: a fresh random id, the default ladder, timestamps now. */
export function subscriptionFixture(overrides: Partial<Subscription> = {}): Subscription {
  const now = new Date().toISOString();
  return baseSubscription({
    id: `sub_${Math.random().toString(16).slice(2)}`,
    url: 'https://example.com/hook',
    retryPolicy: { delays: [...DEFAULT_RETRY_LADDER], maxAttempts: 10 },
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}

export function eventFixture(id: string, overrides: Partial<HeraldEvent> = {}): HeraldEvent {
  const now = new Date().toISOString();
  return baseEvent({
    id,
    source: 'shop',
    time: now,
    receivedAt: now,
    entityType: 'order',
    entityId: '42',
    trigger: 'rest',
    data: { total: 10 },
    ...overrides,
  });
}

export function jobFixture(
  deliveryId: string,
  event: HeraldEvent,
  subscriptionId: string,
): DeliveryJob {
  return {
    kind: 'herald.delivery-job',
    version: 1,
    deliveryId,
    subscriptionId,
    tenantId: event.tenantId ?? 'acme',
    event,
    attempt: 10,
    firstEnqueuedAt: event.receivedAt,
    dueAt: event.receivedAt,
    deferrals: 0,
    lastError: 'http_status: 500',
  };
}
