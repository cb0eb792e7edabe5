import {
  DEFAULT_CANARY,
  DEFAULT_DISABLE_POLICY,
  DEFAULT_RETRY_LADDER,
  DEFAULT_SUCCESS_RULE,
  DeliveryJob,
  Subscription,
} from '@herald/contracts';

/** A complete subscription for specs; override what the spec is about. */
export function subscriptionFixture(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'sub_1',
    tenantId: 'acme',
    url: 'https://hooks.example.com/herald',
    description: null,
    eventTypes: ['order.created'],
    entityType: null,
    entityId: null,
    actions: [],
    triggers: [],
    condition: null,
    active: true,
    state: 'active',
    stateReason: null,
    pausedUntil: null,
    payloadFormat: 'herald',
    payloadTemplate: null,
    contentType: 'json',
    headers: {},
    timeoutMs: 5_000,
    successRule: DEFAULT_SUCCESS_RULE,
    retryPolicy: { delays: [...DEFAULT_RETRY_LADDER], maxAttempts: DEFAULT_RETRY_LADDER.length },
    disablePolicy: DEFAULT_DISABLE_POLICY,
    canary: DEFAULT_CANARY,
    signing: {
      scheme: 'standard-webhooks',
      secrets: [
        {
          sealed: 'hsk1:test1:not-opened-here',
          fingerprint: 'sha256:0000000000000000',
          expiresAt: null,
        },
      ],
    },
    rateLimitPerSecond: null,
    maxConcurrency: 10,
    metadata: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

export function jobFixture(overrides: Partial<DeliveryJob> = {}): DeliveryJob {
  return {
    kind: 'herald.delivery-job',
    version: 1,
    deliveryId: 'dlv_1',
    subscriptionId: 'sub_1',
    tenantId: 'acme',
    attempt: 1,
    firstEnqueuedAt: '2026-03-01T10:00:00.000Z',
    dueAt: '2026-03-01T10:00:00.000Z',
    deferrals: 0,
    lastError: null,
    event: {
      kind: 'herald.event',
      version: 1,
      id: 'evt_1',
      tenantId: 'acme',
      type: 'order.created',
      source: 'shop',
      subject: null,
      time: '2026-03-01T09:59:59.000Z',
      receivedAt: '2026-03-01T10:00:00.000Z',
      entityType: 'Order',
      entityId: '42',
      action: 'created',
      trigger: 'api',
      dataContentType: 'application/json',
      data: { code: '101', description: 'Order placed', total: 12.5 },
    },
    ...overrides,
  };
}
