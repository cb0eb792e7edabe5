import { baseEvent, baseSubscription } from '@herald/contracts/testing';
import { HeraldEvent, Subscription } from '@herald/contracts';

/** A complete subscription for tenant `acme` on `order.*`, with overrides. */
export function subscriptionFixture(
  id: string,
  overrides: Partial<Subscription> = {},
): Subscription {
  return baseSubscription({
    id,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  });
}

export function eventFixture(id: string, overrides: Partial<HeraldEvent> = {}): HeraldEvent {
  return baseEvent({
    id,
    source: 'urn:acme:checkout',
    receivedAt: '2026-11-22T10:00:00.050Z',
    entityType: 'order',
    entityId: 'ORD-1',
    trigger: 'web',
    data: { total: 42 },
    ...overrides,
  });
}
