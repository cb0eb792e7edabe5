import {
  DeliveryJob,
  InboundCloudEvent,
  StateActor,
  Subscription,
  SubscriptionStatus,
} from '@herald/contracts';

export const OPERATIONAL_EVENT_TYPES = [
  'herald.subscription.paused',
  'herald.subscription.resumed',
  'herald.subscription.disabled',
  'herald.subscription.reactivated',
  'herald.delivery.exhausted',
  'herald.delivery.recovered',
] as const;
export type OperationalEventType = (typeof OPERATIONAL_EVENT_TYPES)[number];

export const OPERATIONAL_EVENT_SOURCE = 'herald/dispatcher';
/** The source of the state-change events, written with the change itself (any service). */
export const STATE_EVENT_SOURCE = 'herald/subscriptions';

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

/**
 * The operational event a status change announces: paused, disabled; resumed when a pause ends
 * (a probe succeeded) or is lifted; reactivated when a disabled or inactive subscription is
 * active again. Deactivation by the tenant and changes of cause within a state announce nothing.
 */
export function stateChangeEventType(
  from: SubscriptionStatus,
  to: SubscriptionStatus,
): OperationalEventType | null {
  if (from.state === to.state) return null;
  if (to.state === 'paused') return 'herald.subscription.paused';
  if (to.state === 'disabled') return 'herald.subscription.disabled';
  if (to.state === 'active') {
    return from.state === 'paused'
      ? 'herald.subscription.resumed'
      : 'herald.subscription.reactivated';
  }
  return null;
}

/** The data of a state-change event: the states, the reason, who or what changed it. */
export function stateChangeDetails(
  from: SubscriptionStatus,
  to: SubscriptionStatus,
  actor: StateActor,
  pausedUntil: string | null,
): Record<string, unknown> {
  return {
    previousState: from.state,
    state: to.state,
    reason: to.reason ?? from.reason,
    changedBy: actor.kind,
    ...(to.state === 'paused' ? { pausedUntil } : {}),
  };
}
