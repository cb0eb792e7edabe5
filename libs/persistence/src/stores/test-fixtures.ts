import {
  DEFAULT_CANARY,
  DEFAULT_DISABLE_POLICY,
  DEFAULT_RETRY_LADDER,
  DEFAULT_SUCCESS_RULE,
  DeliveryJob,
  HeraldEvent,
  Subscription,
} from '@herald/contracts';

/** Fixtures for this library's specs. */
export function subscriptionFixture(overrides: Partial<Subscription> = {}): Subscription {
  const now = new Date().toISOString();
  return {
    id: `sub_${Math.random().toString(16).slice(2)}`,
    tenantId: 'acme',
    url: 'https://example.com/hook',
    description: null,
    eventTypes: ['order.*'],
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
    timeoutMs: 5000,
    successRule: DEFAULT_SUCCESS_RULE,
    retryPolicy: { delays: [...DEFAULT_RETRY_LADDER], maxAttempts: 10 },
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
    createdAt: now,
    updatedAt: now,
    revision: 1,
    ...overrides,
  };
}

export function eventFixture(id: string, overrides: Partial<HeraldEvent> = {}): HeraldEvent {
  const now = new Date().toISOString();
  return {
    kind: 'herald.event',
    version: 1,
    id,
    tenantId: 'acme',
    type: 'order.created',
    source: 'shop',
    subject: null,
    time: now,
    receivedAt: now,
    entityType: 'order',
    entityId: '42',
    action: 'created',
    trigger: 'rest',
    dataContentType: 'application/json',
    data: { total: 10 },
    ...overrides,
  };
}

export function jobFixture(
  deliveryId: string,
  event: HeraldEvent,
  subscriptionId: string,
): DeliveryJob {
  return {
    kind: 'herald.delivery-job',
    version: 1,
    deliveryId,
    subscriptionId,
    tenantId: event.tenantId ?? 'acme',
    event,
    attempt: 10,
    firstEnqueuedAt: event.receivedAt,
    dueAt: event.receivedAt,
    deferrals: 0,
    lastError: 'http_status: 500',
  };
}
