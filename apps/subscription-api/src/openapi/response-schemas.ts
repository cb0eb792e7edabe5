import { INVALID_REASONS } from '@herald/contracts';
/** Response shapes for the OpenAPI document (documentation only; requests are validated by SCHEMAS). */
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };
const int = { type: 'integer' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const pageOf = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: ref(item) },
    nextCursor: {
      ...nullableStr,
      description: 'Pass as ?cursor= for the next page; null on the last',
    },
  },
});

const statusState = { type: 'string', enum: ['active', 'paused', 'disabled', 'inactive'] };

const subscriptionStatus = {
  type: 'object',
  description:
    'What the subscription is doing and why: the tenant switch (inactive) first, then the health state Herald set',
  required: ['state', 'reason'],
  properties: {
    state: statusState,
    reason: {
      ...nullableStr,
      description:
        '`paused until <time> (<cause>)`, `disabled: 410 Gone`, `disabled: failing since <time>`, `deactivated by the tenant`; null when active',
    },
  },
};

const credentialView = {
  type: ['object', 'null'],
  description:
    'How Herald authenticates to the receiver (null = none): everything but the secret part, ' +
    'which is shown as its fingerprint',
  properties: {
    type: { type: 'string', enum: ['header', 'basic', 'oauth2'] },
    name: { ...str, description: 'header: the header name' },
    username: { ...str, description: 'basic: the user' },
    tokenUrl: { ...str, description: 'oauth2: the token endpoint' },
    clientId: str,
    scope: nullableStr,
    audience: nullableStr,
    clientAuthMethod: str,
    fingerprint: { ...str, description: 'sha256:<first 16 hex digits> of the secret part' },
  },
};

const certificateSummary = {
  type: ['object', 'null'],
  properties: {
    subject: nullableStr,
    issuer: nullableStr,
    validTo: nullableDateTime,
    fingerprint256: nullableStr,
  },
};

const tlsView = {
  type: ['object', 'null'],
  description: 'Mutual TLS and a private CA (null = neither): summaries, never the key',
  properties: {
    clientCertificate: certificateSummary,
    clientKey: { type: ['object', 'null'], properties: { fingerprint: str } },
    ca: certificateSummary,
  },
};

const subscription = {
  type: 'object',
  description:
    'A subscription; signing secrets appear only as fingerprints (first 8 bytes of their SHA-256) after creation',
  properties: {
    id: str,
    tenantId: str,
    url: str,
    description: nullableStr,
    eventTypes: { type: 'array', items: str },
    entityType: nullableStr,
    entityId: nullableStr,
    actions: { type: 'array', items: str },
    triggers: { type: 'array', items: str },
    condition: { type: ['object', 'null'] },
    active: { type: 'boolean' },
    state: { type: 'string', enum: ['active', 'paused', 'disabled'] },
    stateReason: {
      ...nullableStr,
      description: 'The cause Herald recorded for a pause or disable',
    },
    pausedUntil: nullableDateTime,
    status: subscriptionStatus,
    payloadFormat: { type: 'string', enum: ['herald', 'cloudevents', 'template'] },
    payloadFormatName: nullableStr,
    payloadTemplate: nullableStr,
    contentType: { type: 'string', enum: ['json', 'form'] },
    headers: { type: 'object', additionalProperties: str },
    timeoutMs: int,
    successRule: { type: 'object' },
    retryPolicy: {
      type: 'object',
      properties: { delays: { type: 'array', items: str }, maxAttempts: int },
    },
    disablePolicy: { type: 'object' },
    canary: { type: 'object', properties: { enabled: { type: 'boolean' }, intervalMs: int } },
    signing: {
      type: 'object',
      properties: {
        scheme: str,
        secrets: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              fingerprint: { ...str, description: 'sha256:<first 16 hex digits of SHA-256>' },
              expiresAt: nullableDateTime,
            },
          },
        },
        options: {
          type: 'object',
          description:
            'Every signature sent (the request field signing.options with its defaults filled ' +
            'in; for a subscription without options, what its scheme amounts to). No key ' +
            'material: the public keys are in the JWKS documents.',
          properties: {
            standardWebhooks: {
              type: 'object',
              properties: { symmetric: { type: 'boolean' }, asymmetric: { type: 'boolean' } },
            },
            httpMessageSignatures: { type: ['object', 'null'] },
            cavage: { type: ['object', 'null'] },
            keyScope: { type: 'string', enum: ['tenant', 'subscription'] },
          },
        },
      },
    },
    credential: credentialView,
    tls: tlsView,
    rateLimitPerSecond: { type: ['integer', 'null'] },
    maxConcurrency: int,
    metadata: { type: 'object', additionalProperties: str },
    createdAt: dateTime,
    updatedAt: dateTime,
    revision: int,
  },
};

const delivery = {
  type: 'object',
  properties: {
    id: { ...str, description: 'The delivery id, sent as webhook-id on every attempt' },
    tenantId: str,
    subscriptionId: str,
    eventId: str,
    eventType: str,
    status: {
      type: 'string',
      enum: ['pending', 'held', 'succeeded', 'failed', 'dead', 'discarded'],
    },
    attempts: int,
    lastAttemptAt: nullableDateTime,
    lastStatusCode: { type: ['integer', 'null'] },
    lastError: nullableStr,
    createdAt: dateTime,
    updatedAt: dateTime,
  },
};

const publicJwk = {
  type: 'object',
  description:
    'A public JWK (RFC 7517; OKP per RFC 8037): kid, use sig, alg (EdDSA, ES256; none for RSA, whose key signs both rsa-pss-sha512 and cavage), kty and the public members (crv x y, n e) only',
  properties: {
    kid: str,
    use: { type: 'string', enum: ['sig'] },
    alg: { type: 'string', enum: ['EdDSA', 'ES256'] },
    kty: { type: 'string', enum: ['OKP', 'EC', 'RSA'] },
    crv: str,
    x: str,
    y: str,
    n: str,
    e: str,
  },
};

const signingKey = {
  type: 'object',
  properties: {
    kid: { ...str, description: 'The keyid signatures carry (key_<kind>_<random hex>)' },
    type: { type: 'string', enum: ['ed25519', 'ecdsa-p256', 'rsa'] },
    subscriptionId: { ...nullableStr, description: "null: the tenant's key" },
    publicJwk,
    createdAt: dateTime,
    expiresAt: { ...nullableDateTime, description: 'null: current; else the end of its overlap' },
  },
};

export const RESPONSE_SCHEMAS: Record<string, object> = {
  JwkSet: {
    type: 'object',
    required: ['keys'],
    properties: { keys: { type: 'array', items: publicJwk } },
  },
  SigningKeyList: { type: 'object', properties: { items: { type: 'array', items: signingKey } } },
  SigningKeyRotation: {
    type: 'object',
    properties: {
      type: { type: 'string', enum: ['ed25519', 'ecdsa-p256', 'rsa'] },
      scope: { type: 'string', enum: ['tenant', 'subscription'] },
      kid: { ...str, description: 'The new current key' },
      publicJwk,
      previous: {
        type: ['object', 'null'],
        description: 'The key that signs too until expiresAt (null: there was none)',
        properties: { kid: str, expiresAt: dateTime },
      },
      republishedSubscriptions: {
        ...int,
        description: 'Subscriptions re-published on the changelog with both keys',
      },
    },
  },
  Tenant: {
    type: 'object',
    properties: {
      id: str,
      name: str,
      metadata: { type: 'object' },
      limits: { type: 'object', description: 'The overrides the admin set' },
      effectiveLimits: {
        type: 'object',
        description:
          'The limits that apply: the overrides over the configured defaults (0 = no limit)',
      },
      createdAt: dateTime,
    },
  },
  TenantPage: pageOf('Tenant'),
  ApiKey: {
    type: 'object',
    properties: {
      id: str,
      tenantId: str,
      name: str,
      prefix: str,
      scope: { type: 'string', enum: ['read-only', 'ingest-only', 'manage'] },
      status: { type: 'string', enum: ['active', 'expired', 'revoked'] },
      expiresAt: nullableDateTime,
      createdAt: dateTime,
      revokedAt: nullableDateTime,
    },
  },
  ApiKeyList: { type: 'object', properties: { items: { type: 'array', items: ref('ApiKey') } } },
  AttemptSeries: {
    type: 'object',
    required: ['subscriptionId', 'since', 'until', 'bucketSeconds', 'buckets'],
    properties: {
      subscriptionId: str,
      since: dateTime,
      until: dateTime,
      bucketSeconds: int,
      buckets: {
        type: 'array',
        description: 'Buckets with at least one attempt, oldest first',
        items: {
          type: 'object',
          required: ['at', 'succeeded', 'failed', 'p50LatencyMs', 'maxLatencyMs'],
          properties: {
            at: dateTime,
            succeeded: int,
            failed: int,
            p50LatencyMs: { type: ['integer', 'null'] },
            maxLatencyMs: { type: ['integer', 'null'] },
          },
        },
      },
    },
  },
  PortalSessionInfo: {
    type: 'object',
    required: ['id', 'tenantId', 'readOnly', 'subscriptionIds', 'expiresAt'],
    properties: {
      id: str,
      tenantId: str,
      readOnly: { type: 'boolean' },
      subscriptionIds: { type: ['array', 'null'], items: str },
      expiresAt: dateTime,
    },
  },
  PortalSession: {
    type: 'object',
    properties: {
      id: str,
      tenantId: str,
      readOnly: { type: 'boolean' },
      subscriptionIds: { type: ['array', 'null'], items: str },
      createdAt: dateTime,
      expiresAt: dateTime,
      token: { ...str, description: 'The bearer token (hps_...), shown once' },
      url: { ...str, description: 'The portal link; the token is in its fragment' },
    },
  },
  ApiKeyIssued: {
    allOf: [
      ref('ApiKey'),
      { type: 'object', properties: { key: { ...str, description: 'Shown once' } } },
    ],
  },
  EventType: {
    type: 'object',
    properties: {
      tenantId: str,
      name: str,
      description: nullableStr,
      code: nullableStr,
      schema: { type: ['object', 'null'] },
      visibility: { type: 'string', enum: ['tenant', 'public'] },
      createdAt: dateTime,
      updatedAt: dateTime,
    },
  },
  EventTypePage: pageOf('EventType'),
  EventCatalogue: { type: 'object', properties: { strict: { type: 'boolean' } } },
  Subscription: subscription,
  SubscriptionWithSecret: {
    allOf: [
      ref('Subscription'),
      { type: 'object', properties: { secret: { ...str, description: 'whsec_…, shown once' } } },
    ],
  },
  SigningSecretReveal: {
    type: 'object',
    properties: { secret: { ...str, description: 'whsec_…' }, fingerprint: str },
  },
  SubscriptionPage: pageOf('Subscription'),
  StateChange: {
    type: 'object',
    description: "One change of a subscription's status",
    properties: {
      id: str,
      changedAt: dateTime,
      fromState: { ...statusState, type: ['string', 'null'], description: 'null at creation' },
      toState: statusState,
      reason: nullableStr,
      changedBy: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['tenant', 'admin', 'dispatcher'] },
          id: { ...nullableStr, description: 'The API key id of a tenant change' },
        },
      },
    },
  },
  StateChangePage: pageOf('StateChange'),
  SubscriptionStats: {
    type: 'object',
    properties: {
      subscriptionId: str,
      active: { type: 'boolean' },
      state: str,
      stateReason: nullableStr,
      pausedUntil: nullableDateTime,
      status: subscriptionStatus,
      deliveries: {
        type: 'object',
        properties: {
          total: int,
          byStatus: { type: 'object', additionalProperties: int },
          successRate: { type: ['number', 'null'] },
          lastFailure: { type: ['object', 'null'] },
        },
      },
    },
  },
  InvalidEvent: {
    type: 'object',
    properties: {
      id: str,
      eventId: nullableStr,
      type: nullableStr,
      source: nullableStr,
      reason: { type: 'string', enum: [...INVALID_REASONS] },
      detail: str,
      topic: str,
      partition: int,
      offset: str,
      sizeBytes: int,
      rejectedAt: dateTime,
    },
  },
  InvalidEventPage: pageOf('InvalidEvent'),
  BatchAccepted: {
    type: 'object',
    properties: {
      accepted: int,
      refused: int,
      results: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            index: int,
            id: nullableStr,
            status: { type: 'integer', enum: [202, 400, 422] },
            problem: { $ref: '#/components/schemas/Problem' },
          },
        },
      },
    },
  },
  Accepted: {
    type: 'object',
    properties: { id: str, status: { type: 'string', enum: ['accepted'] } },
  },
  TestSent: { type: 'object', properties: { eventId: str, deliveryId: str } },
  ReplayJob: {
    type: 'object',
    description:
      'A replay of one subscription window, run in pages: poll it (or the list) for progress',
    required: ['id', 'subscriptionId', 'status', 'since', 'until', 'state', 'progress'],
    properties: {
      id: str,
      subscriptionId: str,
      status: {
        type: 'string',
        enum: ['failed', 'all'],
        description: 'failed: failed, dead and held deliveries; all: every matching stored event',
      },
      since: dateTime,
      until: dateTime,
      state: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] },
      progress: {
        type: 'object',
        properties: {
          scanned: { ...int, description: 'rows of the window looked at so far' },
          enqueued: { ...int, description: 'deliveries sent again so far' },
          skipped: { ...int, description: 'looked at but not sent (no match, past retention)' },
        },
      },
      error: { ...nullableStr, description: 'why it failed, or the last transient error' },
      createdAt: dateTime,
      startedAt: nullableDateTime,
      finishedAt: nullableDateTime,
    },
  },
  ReplayJobPage: pageOf('ReplayJob'),
  Delivery: delivery,
  DeliveryPage: pageOf('Delivery'),
  HeldDeliveries: {
    type: 'object',
    description:
      'Released automatically, oldest first and paced by the rate and concurrency limits, once the subscription can deliver again',
    required: ['count', 'oldest', 'items', 'nextCursor'],
    properties: {
      count: { ...int, description: 'Held deliveries of the subscription' },
      oldest: { ...nullableDateTime, description: 'When the oldest was created; null: none held' },
      ...pageOf('Delivery').properties,
    },
  },
  HeldDiscarded: {
    type: 'object',
    required: ['discarded'],
    properties: { discarded: { ...int, description: 'Held deliveries now discarded' } },
  },
  DeliveryDetail: {
    allOf: [
      ref('Delivery'),
      {
        type: 'object',
        properties: {
          attemptLog: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                attempt: int,
                attemptedAt: dateTime,
                outcome: { type: 'string', enum: ['succeeded', 'failed'] },
                statusCode: { type: ['integer', 'null'] },
                latencyMs: int,
                errorClass: nullableStr,
                errorMessage: nullableStr,
                responseHeaders: { type: ['object', 'null'] },
                responseBody: { ...nullableStr, description: 'At most 64 KiB' },
                requestHeaders: {
                  type: ['object', 'null'],
                  additionalProperties: str,
                  description:
                    'The headers sent (signature headers included); the values of Authorization, Proxy-Authorization, Cookie and the delivery credential read "[redacted]". null: no request went out (or recorded before this was kept)',
                },
                requestBody: {
                  ...nullableStr,
                  description: 'The body sent, at most 64 KiB; null: no request went out',
                },
              },
            },
          },
        },
      },
    ],
  },
  Retried: { type: 'object', properties: { deliveryId: str, status: str } },
  DeadLetter: {
    type: 'object',
    properties: {
      deliveryId: str,
      tenantId: str,
      subscriptionId: str,
      eventId: str,
      reason: str,
      job: { type: 'object' },
      createdAt: dateTime,
      redrivenAt: nullableDateTime,
    },
  },
  DeadLetterPage: pageOf('DeadLetter'),
  Redriven: {
    type: 'object',
    properties: { redriven: int, deliveryIds: { type: 'array', items: str } },
  },
  PayloadFormat: {
    type: 'object',
    properties: {
      name: str,
      description: nullableStr,
      template: str,
      createdAt: dateTime,
      updatedAt: dateTime,
      subscriptions: {
        ...int,
        description: 'Subscriptions using it (on PATCH: how many were republished)',
      },
    },
  },
  PayloadFormatPage: pageOf('PayloadFormat'),
  PayloadPreview: {
    type: 'object',
    properties: {
      contentType: str,
      body: { ...str, description: 'The request body a receiver would get, byte for byte' },
    },
  },
  HeraldEvent: {
    type: 'object',
    description: 'The normalised event (kind herald.event, version 1)',
  },
};
