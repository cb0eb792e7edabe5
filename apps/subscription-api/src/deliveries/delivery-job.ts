import { randomBytes } from 'crypto';
import { DeliveryJob, HeraldEvent } from '@herald/contracts';

export function newDeliveryId(): string {
  return `dlv_${Date.now().toString(16)}${randomBytes(8).toString('hex')}`;
}

/** A fresh job (attempt 1, due now) for an event and a subscription: retry, replay, redrive, test. */
export function freshJob(
  event: HeraldEvent,
  target: { deliveryId: string; subscriptionId: string; tenantId: string },
  now: Date,
): DeliveryJob {
  return {
    kind: 'herald.delivery-job',
    version: 1,
    deliveryId: target.deliveryId,
    subscriptionId: target.subscriptionId,
    tenantId: target.tenantId,
    event,
    attempt: 1,
    firstEnqueuedAt: now.toISOString(),
    dueAt: now.toISOString(),
    deferrals: 0,
    lastError: null,
  };
}
