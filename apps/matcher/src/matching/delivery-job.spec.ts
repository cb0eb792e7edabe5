import { HeraldEvent, validateDeliveryJob } from '@herald/contracts';
import { deliveryIdFor, firstDeliveryJob } from './delivery-job';

const event: HeraldEvent = {
  kind: 'herald.event',
  version: 1,
  id: 'evt_1',
  tenantId: 'acme',
  type: 'order.created',
  source: 'urn:acme',
  subject: null,
  time: '2026-11-22T10:00:00.000Z',
  receivedAt: '2026-11-22T10:00:00.100Z',
  entityType: null,
  entityId: null,
  action: 'created',
  trigger: null,
  dataContentType: 'application/json',
  data: { total: 1 },
};

describe('delivery jobs', () => {
  it('derives a stable id from tenant, event and subscription', () => {
    expect(deliveryIdFor(event, 'sub_1')).toBe(deliveryIdFor({ ...event }, 'sub_1'));
    expect(deliveryIdFor(event, 'sub_1')).toMatch(/^msg_[A-Za-z0-9_-]{27}$/);
    expect(deliveryIdFor(event, 'sub_2')).not.toBe(deliveryIdFor(event, 'sub_1'));
    expect(deliveryIdFor({ ...event, id: 'evt_2' }, 'sub_1')).not.toBe(
      deliveryIdFor(event, 'sub_1'),
    );
    expect(deliveryIdFor({ ...event, tenantId: 'globex' }, 'sub_1')).not.toBe(
      deliveryIdFor(event, 'sub_1'),
    );
  });

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
  });
});
