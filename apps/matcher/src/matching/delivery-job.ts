import { createHash } from 'crypto';
import { DeliveryJob, HeraldEvent, Subscription } from '@herald/contracts';

/**
 * The delivery id of an (event, subscription) pair: a hash of the event's tenant, the event id
 * and the subscription id. Re-processing the same event (a redelivered batch, a replay of the
 * topic) yields the same id, so the delivery log and receivers (`webhook-id`) de-duplicate it.
 */
export function deliveryIdFor(event: HeraldEvent, subscriptionId: string): string {
  const digest = createHash('sha256')
    .update(`${event.tenantId ?? ''}\u0000${event.id}\u0000${subscriptionId}`)
    .digest('base64url');
  return `msg_${digest.slice(0, 27)}`;
}

/** The first-attempt job for one match. */
export function firstDeliveryJob(
  event: HeraldEvent,
  subscription: Subscription,
  now: Date,
): DeliveryJob {
  const at = now.toISOString();
  return {
    kind: 'herald.delivery-job',
    version: 1,
    deliveryId: deliveryIdFor(event, subscription.id),
    subscriptionId: subscription.id,
    tenantId: subscription.tenantId,
    event,
    attempt: 1,
    firstEnqueuedAt: at,
    dueAt: at,
    deferrals: 0,
    lastError: null,
  };
}
