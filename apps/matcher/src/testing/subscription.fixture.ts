import {
  DEFAULT_CANARY,
  DEFAULT_DISABLE_POLICY,
  DEFAULT_SUCCESS_RULE,
  HeraldEvent,
  Subscription,
} from '@herald/contracts';

/** A complete subscription for tenant `acme` on `order.*`, with overrides. */
export function subscriptionFixture(
  id: string,
  overrides: Partial<Subscription> = {},
): Subscription {
  return {
    id,
    tenantId: 'acme',
    url: 'https://hooks.example.com/herald',
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
    timeoutMs: 5_000,
    successRule: DEFAULT_SUCCESS_RULE,
    retryPolicy: { delays: ['0s', '10s'], maxAttempts: 2 },
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
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}

export function eventFixture(id: string, overrides: Partial<HeraldEvent> = {}): HeraldEvent {
  return {
    kind: 'herald.event',
    version: 1,
    id,
    tenantId: 'acme',
    type: 'order.created',
    source: 'urn:acme:checkout',
    subject: null,
    time: '2026-11-22T10:00:00.000Z',
    receivedAt: '2026-11-22T10:00:00.050Z',
    entityType: 'order',
    entityId: 'ORD-1',
    action: 'created',
    trigger: 'web',
    dataContentType: 'application/json',
    data: { total: 42 },
    ...overrides,
  };
}
