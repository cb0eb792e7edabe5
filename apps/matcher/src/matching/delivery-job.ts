import { DeliveryJob, HeraldEvent, Subscription } from '@herald/contracts';
import { deliveryIdFor, firstAttemptJob } from '@herald/delivery';

/** The first-attempt job for one match, its id derived from the event and the subscription. */
export function firstDeliveryJob(
  event: HeraldEvent,
  subscription: Pick<Subscription, 'id' | 'tenantId'>,
  now: Date,
): DeliveryJob {
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
