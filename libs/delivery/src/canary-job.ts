import { DeliveryJob, HeraldEvent, Subscription } from '@herald/contracts';
import { deliveryIdFor, firstAttemptJob } from './delivery-job';

export const CANARY_EVENT_TYPE = 'herald.canary';
export const CANARY_CODE = '000';
export const CANARY_DESCRIPTION = 'Canary (test)';

/** A canary (heartbeat) delivery for one subscription, straight onto `herald.deliveries`. */
export function canaryJob(subscription: Subscription, id: string, now: Date): DeliveryJob {
  const at = now.toISOString();
  const event: HeraldEvent = {
    kind: 'herald.event',
    version: 1,
    id: `canary-${id}`,
    tenantId: subscription.tenantId,
    type: CANARY_EVENT_TYPE,
    source: 'herald/retry-scheduler',
    subject: subscription.id,
    time: at,
    receivedAt: at,
    entityType: 'subscription',
    entityId: subscription.id,
    action: null,
    trigger: 'canary',
    dataContentType: 'application/json',
    typeCode: CANARY_CODE,
    typeDescription: CANARY_DESCRIPTION,
    data: {
      code: CANARY_CODE,
      description: 'Herald canary: test event',
      subscriptionId: subscription.id,
    },
  };
  return firstAttemptJob(
    event,
    {
      deliveryId: deliveryIdFor(event, subscription.id),
      subscriptionId: subscription.id,
      tenantId: subscription.tenantId,
    },
    now,
  );
}
