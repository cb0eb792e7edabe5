import {
  DeliveryJob,
  HeraldEvent,
  decodeJson,
  validateDeliveryJob,
  validateSubscriptionRecord,
} from './messages';

const event: HeraldEvent = {
  kind: 'herald.event',
  version: 1,
  id: 'e1',
  tenantId: null,
  type: 'product.updated',
  source: '/catalog',
  subject: null,
  time: '2026-11-22T10:00:00Z',
  receivedAt: '2026-11-22T10:00:01Z',
  entityType: 'product',
  entityId: '42',
  action: 'updated',
  trigger: null,
  dataContentType: 'application/json',
  data: { a: 1 },
};

const job: DeliveryJob = {
  kind: 'herald.delivery-job',
  version: 1,
  deliveryId: 'd1',
  subscriptionId: 's1',
  tenantId: 't1',
  event,
  attempt: 1,
  firstEnqueuedAt: '2026-11-22T10:00:01Z',
  dueAt: '2026-11-22T10:00:01Z',
  deferrals: 0,
  lastError: null,
};

describe('delivery job contract', () => {
  it('round-trips through JSON', () => {
    expect(decodeJson(JSON.stringify(job), validateDeliveryJob)).toEqual({ ok: true, value: job });
  });

  it.each([
    ['attempt 0', { ...job, attempt: 0 }, 'attempt'],
    ['wrong kind', { ...job, kind: 'other' }, 'kind'],
    ['future schema version', { ...job, version: 2 }, 'version'],
    ['event without a type', { ...job, event: { ...event, type: undefined } }, 'event.type'],
    ['bad dueAt', { ...job, dueAt: 'soon' }, 'dueAt'],
  ])('rejects %s naming the field', (_n, input, field) => {
    const result = validateDeliveryJob(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.field)).toContain(field);
  });

  it('rejects a null message value', () => {
    expect(decodeJson(null, validateDeliveryJob).ok).toBe(false);
  });
});

describe('subscription changelog record', () => {
  it('requires the subscription identity fields', () => {
    const result = validateSubscriptionRecord({
      kind: 'herald.subscription',
      version: 2,
      subscription: { id: 's1' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.field)).toEqual(
        expect.arrayContaining([
          'subscription.tenantId',
          'subscription.url',
          'subscription.eventTypes',
          'subscription.signing.secrets',
        ]),
      );
    }
  });

  it('refuses a version 1 record (plain-text secrets) and a secret that is not sealed', () => {
    const subscription = {
      id: 's1',
      tenantId: 't',
      url: 'https://example.com',
      eventTypes: [],
      revision: 1,
      signing: { scheme: 'standard-webhooks', secrets: [{ secret: 'whsec_x', expiresAt: null }] },
    };
    const v1 = validateSubscriptionRecord({
      kind: 'herald.subscription',
      version: 1,
      subscription,
    });
    expect(v1.ok).toBe(false);
    const v2 = validateSubscriptionRecord({
      kind: 'herald.subscription',
      version: 2,
      subscription,
    });
    expect(v2.ok || v2.issues.map((i) => i.field)).toEqual(['subscription.signing.secrets']);
  });
});
