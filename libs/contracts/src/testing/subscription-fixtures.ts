import {
  DEFAULT_CANARY,
  DEFAULT_DISABLE_POLICY,
  DEFAULT_SUCCESS_RULE,
  Subscription,
} from '../subscription';

/**
 * The one complete subscription specs start from: tenant `acme`, every field at its default,
 * a sealed secret no spec opens. Each project's fixture sets only what its specs assume (ids,
 * event types, a ladder, a secret it can open) through `overrides`.
 */
export function baseSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'sub_1',
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
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    revision: 1,
    ...overrides,
  };
}
