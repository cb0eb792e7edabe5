import { DeliveryJob, InboundCloudEvent, Subscription } from '@herald/contracts';

export const OPERATIONAL_EVENT_TYPES = [
  'herald.subscription.paused',
  'herald.subscription.disabled',
  'herald.delivery.exhausted',
  'herald.delivery.recovered',
] as const;
export type OperationalEventType = (typeof OPERATIONAL_EVENT_TYPES)[number];

export const OPERATIONAL_EVENT_SOURCE = 'herald/dispatcher';

/** An operational event as a CloudEvent of the subscription's tenant (so tenants can subscribe). */
export function operationalEvent(
  type: OperationalEventType,
  subscription: Pick<Subscription, 'id' | 'tenantId' | 'url'>,
  details: Record<string, unknown>,
  id: string,
  now: Date,
): InboundCloudEvent {
  return {
    specversion: '1.0',
    id,
    source: OPERATIONAL_EVENT_SOURCE,
    type,
    subject: subscription.id,
    time: now.toISOString(),
    datacontenttype: 'application/json',
    tenantid: subscription.tenantId,
    entitytype: 'subscription',
    entityid: subscription.id,
    data: { subscriptionId: subscription.id, url: subscription.url, ...details },
  };
}

/** The data of a delivery-level operational event (never the payload or a secret). */
export function deliveryDetails(job: DeliveryJob, error: string | null): Record<string, unknown> {
  return {
    deliveryId: job.deliveryId,
    eventId: job.event.id,
    eventType: job.event.type,
    attempts: job.attempt,
    lastError: error,
  };
}
