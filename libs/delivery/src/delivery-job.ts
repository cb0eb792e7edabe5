import { createHash, randomBytes } from 'crypto';
import { DeliveryJob, HeraldEvent, dedupKey } from '@herald/contracts';

/**
 * Herald's one delivery id format, `msg_` and 27 base64url characters: the `webhook-id`
 * receivers de-duplicate on (Standard Webhooks' convention).
 */
export const DELIVERY_ID_PATTERN = /^msg_[A-Za-z0-9_-]{27}$/;

/**
 * The delivery id of an (event, subscription) pair: a hash of the event's tenant, the event id
 * and the subscription id. Re-processing the same event (a redelivered batch, a replay of the
 * topic) yields the same id, so the delivery log and receivers (`webhook-id`) de-duplicate it.
 */
export function deliveryIdFor(
  event: Pick<HeraldEvent, 'tenantId' | 'id'>,
  subscriptionId: string,
): string {
  const digest = createHash('sha256')
    .update(`${dedupKey(event)}\u0000${subscriptionId}`)
    .digest('base64url');
  return `msg_${digest.slice(0, 27)}`;
}

/** A new random delivery id, for deliveries no event match derives (replays, test sends). */
export function newDeliveryId(): string {
  return `msg_${randomBytes(21).toString('base64url').slice(0, 27)}`;
}

/** Whom a job delivers to: the delivery and its subscription's ids and tenant. */
export interface DeliveryTarget {
  deliveryId: string;
  subscriptionId: string;
  tenantId: string;
}

/**
 * The one constructor of a first-attempt job (attempt 1, due now): matches, replays,
 * redrives, test sends and canaries all start here.
 */
export function firstAttemptJob(
  event: HeraldEvent,
  target: DeliveryTarget,
  now: Date,
): DeliveryJob {
  const at = now.toISOString();
  return {
    kind: 'herald.delivery-job',
    version: 1,
    deliveryId: target.deliveryId,
    subscriptionId: target.subscriptionId,
    tenantId: target.tenantId,
    event,
    attempt: 1,
    firstEnqueuedAt: at,
    dueAt: at,
    deferrals: 0,
    lastError: null,
  };
}
