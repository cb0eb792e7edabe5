import { baseSubscription } from '@herald/contracts/testing';
import { DeliveryJob, Subscription } from '@herald/contracts';
import { newDeliveryId } from '@herald/delivery';
import { sealedSigningSecret } from '@herald/testing';

export const TEST_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** A subscription of tenant `acme` with a short test ladder (0s, 1s, 1s) and TEST_SECRET. */
export function subscriptionFixture(
  id: string,
  url: string,
  overrides: Partial<Subscription> = {},
): Subscription {
  const now = new Date().toISOString();
  return baseSubscription({
    id,
    url,
    retryPolicy: { delays: ['0s', '1s', '1s'], maxAttempts: 3 },
    signing: { scheme: 'standard-webhooks', secrets: [sealedSigningSecret(TEST_SECRET)] },
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}

let sequence = 0;

/** A first-attempt job for a subscription. */
export function jobFor(
  subscription: Subscription,
  overrides: Partial<DeliveryJob> = {},
): DeliveryJob {
  const n = ++sequence;
  const now = new Date().toISOString();
  return {
    kind: 'herald.delivery-job',
    version: 1,
    deliveryId: newDeliveryId(),
    subscriptionId: subscription.id,
    tenantId: subscription.tenantId,
    attempt: 1,
    firstEnqueuedAt: now,
    dueAt: now,
    deferrals: 0,
    lastError: null,
    event: {
      kind: 'herald.event',
      version: 1,
      id: `evt_${n}_${Date.now()}`,
      tenantId: subscription.tenantId,
      type: 'order.created',
      source: 'shop',
      subject: null,
      time: now,
      receivedAt: now,
      entityType: 'Order',
      entityId: String(n),
      action: 'created',
      trigger: 'api',
      dataContentType: 'application/json',
      data: { orderId: n, total: 12.5 },
    },
    ...overrides,
  };
}
