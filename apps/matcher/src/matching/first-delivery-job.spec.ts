import { validateDeliveryJob } from '@herald/contracts';
import { baseEvent } from '@herald/contracts/testing';
import { DELIVERY_ID_PATTERN, deliveryIdFor } from '@herald/delivery';
import { firstDeliveryJob } from './delivery-job';

const event = baseEvent();

describe('the first delivery job of a match', () => {
  it('builds a valid first-attempt job for the subscription tenant', () => {
    const now = new Date('2026-11-22T10:00:01.000Z');
    const job = firstDeliveryJob(
      { ...event, tenantId: null },
      { id: 'sub_9', tenantId: 'globex' } as never,
      now,
    );
    expect(validateDeliveryJob(job).ok).toBe(true);
    expect(job).toMatchObject({
      subscriptionId: 'sub_9',
      tenantId: 'globex',
      attempt: 1,
      firstEnqueuedAt: now.toISOString(),
      dueAt: now.toISOString(),
      deferrals: 0,
      lastError: null,
    });
    expect(job.deliveryId).toBe(deliveryIdFor({ ...event, tenantId: null }, 'sub_9'));
    expect(job.deliveryId).toMatch(DELIVERY_ID_PATTERN);
  });
});
