import { validateDeliveryJob } from '@herald/contracts';
import { baseEvent } from '@herald/contracts/testing';
import { canaryJob } from './canary-job';
import { DELIVERY_ID_PATTERN, deliveryIdFor, firstAttemptJob, newDeliveryId } from './delivery-job';
import { subscriptionFixture } from './testing/delivery-fixtures';

const event = baseEvent();

describe('delivery ids and first-attempt jobs', () => {
  it('derives a stable id from tenant, event and subscription', () => {
    expect(deliveryIdFor(event, 'sub_1')).toBe(deliveryIdFor({ ...event }, 'sub_1'));
    expect(deliveryIdFor(event, 'sub_1')).toMatch(DELIVERY_ID_PATTERN);
    expect(deliveryIdFor(event, 'sub_2')).not.toBe(deliveryIdFor(event, 'sub_1'));
    expect(deliveryIdFor({ ...event, id: 'evt_2' }, 'sub_1')).not.toBe(
      deliveryIdFor(event, 'sub_1'),
    );
    expect(deliveryIdFor({ ...event, tenantId: 'globex' }, 'sub_1')).not.toBe(
      deliveryIdFor(event, 'sub_1'),
    );
  });

  it('makes random ids in the same format, without repeats', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newDeliveryId()));
    expect(ids.size).toBe(10_000);
    for (const id of ids) expect(id).toMatch(DELIVERY_ID_PATTERN);
  });

  it('builds valid jobs: a replay target and a canary alike', () => {
    const now = new Date('2026-11-22T10:00:01.000Z');
    const target = { deliveryId: newDeliveryId(), subscriptionId: 'sub_1', tenantId: 'acme' };
    const job = firstAttemptJob(event, target, now);
    expect(validateDeliveryJob(job).ok).toBe(true);
    expect(job).toMatchObject({ ...target, attempt: 1, dueAt: now.toISOString(), deferrals: 0 });
    const canary = canaryJob(subscriptionFixture(), 'c1', now);
    expect(validateDeliveryJob(canary).ok).toBe(true);
    expect(canary.deliveryId).toMatch(DELIVERY_ID_PATTERN);
    expect(canary.deliveryId).toBe(deliveryIdFor(canary.event, 'sub_1'));
  });
});
