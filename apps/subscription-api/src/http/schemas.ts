import { signingSchema } from './signing-schemas';
import { credentialSchema, tlsSchema } from './delivery-auth-schemas';
import { HEADER_NAME_PATTERN, HEADER_VALUE_PATTERN } from './header-patterns';
export { HEADER_NAME_PATTERN, HEADER_VALUE_PATTERN } from './header-patterns';

/**
 * The JSON Schemas of every request body: ajv validates with them, and the OpenAPI document
 * publishes them as components, so the docs and the checks cannot disagree.
 */
const EVENT_TYPE_PATTERN = '^[A-Za-z0-9_*-]+(\\.[A-Za-z0-9_*-]+)*$';
/** The name of a tenant's payload format (`packt`, `xena-v1`). */
export const PAYLOAD_FORMAT_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
/** A CloudEvents 1.0 event as POST /v1/events takes it (documentation; validateCloudEvent checks). */
const CLOUD_EVENT = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type'],
  description: 'A CloudEvents 1.0 event (structured JSON); tenantid is set from the API key',
  properties: {
    specversion: { type: 'string', enum: ['1.0'] },
    id: { type: 'string', minLength: 1, maxLength: 256 },
    source: { type: 'string', minLength: 1, maxLength: 1024 },
    type: { type: 'string', pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$', maxLength: 256 },
    subject: { type: 'string' },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { type: 'string' },
    data: {},
    entitytype: { type: 'string' },
    entityid: { type: 'string' },
    action: { type: 'string', enum: ['created', 'updated', 'deleted'] },
    trigger: { type: 'string' },
  },
};
const nullableString = (maxLength: number) => ({ type: ['string', 'null'], maxLength });
const stringMap = {
  type: 'object',
  maxProperties: 100,
  propertyNames: { minLength: 1, maxLength: 256 },
  additionalProperties: { type: 'string', maxLength: 1024 },
  description: 'String values; the whole object is bounded by HERALD_API_MAX_METADATA_BYTES',
};

/** The limits of what a tenant can store that the JSON Schemas carry (from configuration). */
export interface SchemaLimits {
  maxCustomHeaders: number;
  maxHeaderValueLength: number;
}

export const DEFAULT_SCHEMA_LIMITS: SchemaLimits = {
  maxCustomHeaders: 20,
  maxHeaderValueLength: 1024,
};

const customHeaders = (limits: SchemaLimits) => ({
  type: 'object',
  maxProperties: limits.maxCustomHeaders,
  propertyNames: { pattern: HEADER_NAME_PATTERN, maxLength: 256 },
  additionalProperties: {
    type: 'string',
    maxLength: limits.maxHeaderValueLength,
    pattern: HEADER_VALUE_PATTERN,
  },
  description: 'Custom request headers (reserved ones cannot be set; values in Latin-1, no CR/LF)',
});

const successRule = {
  type: 'object',
  additionalProperties: false,
  properties: {
    statuses: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { type: 'string', pattern: '^[1-5]([0-9]{2}|xx)$' },
      description: 'Status codes or classes that count as success, e.g. ["2xx"] or ["200", "202"]',
    },
    body: {
      type: ['object', 'null'],
      description: 'A JSON subset the response body must contain, e.g. {"Success": true}',
    },
  },
};

const retryPolicy = {
  type: 'object',
  additionalProperties: false,
  description: 'A preset ladder, or explicit delays before each attempt (attempt 1 first)',
  properties: {
    preset: { type: 'string', enum: ['default', 'aggressive', 'patient'] },
    delays: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: { type: 'string', pattern: '^[0-9]+(ms|s|m|h|d)$' },
    },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 50 },
  },
};

const disablePolicy = {
  type: 'object',
  additionalProperties: false,
  properties: {
    failureThreshold: { type: 'integer', minimum: 1, maximum: 100000 },
    windowMs: { type: 'integer', minimum: 1000 },
    pauseMs: { type: 'integer', minimum: 1000 },
    disableAfterMs: { type: 'integer', minimum: 60000 },
  },
};

const canary = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    intervalMs: { type: 'integer', minimum: 60000 },
  },
};

const subscriptionFields = (limits: SchemaLimits) => ({
  url: { type: 'string', format: 'uri', maxLength: 2048 },
  description: nullableString(1024),
  eventTypes: {
    type: 'array',
    minItems: 1,
    maxItems: 100,
    items: { type: 'string', pattern: EVENT_TYPE_PATTERN, maxLength: 256 },
    description:
      "Event types, with * wildcards (order.*). Herald's operational feed (herald.subscription." +
      'paused/resumed/disabled/reactivated, herald.delivery.exhausted/recovered) only by ' +
      'herald.* or those names: * never matches them',
  },
  entityType: nullableString(128),
  entityId: nullableString(256),
  actions: {
    type: 'array',
    maxItems: 3,
    uniqueItems: true,
    items: { type: 'string', enum: ['created', 'updated', 'deleted'] },
    description: 'Empty or absent = every action',
  },
  triggers: {
    type: 'array',
    maxItems: 50,
    items: { type: 'string', minLength: 1, maxLength: 64 },
    description: 'Which source made the change (rest, import, publisher...); empty = every trigger',
  },
  condition: {
    type: ['object', 'null'],
    description:
      'A Mongo-style filter on the event ($eq $ne $gt $gte $lt $lte $in $nin $exists $regex $and $or $not)',
  },
  active: {
    type: 'boolean',
    description:
      'false deactivates (held until reactivated); true reactivates, clearing a pause or an automatic disable',
  },
  payloadFormat: { type: 'string', enum: ['herald', 'cloudevents', 'template'] },
  payloadTemplate: {
    ...nullableString(16384),
    description: 'A JSONata expression (payloadFormat template)',
  },
  payloadFormatName: {
    type: ['string', 'null'],
    pattern: PAYLOAD_FORMAT_NAME_PATTERN,
    maxLength: 64,
    description:
      'A named payload format of the tenant (/v1/payload-formats): its template renders every delivery, and a change to it reaches this subscription; null = none',
  },
  contentType: { type: 'string', enum: ['json', 'form'] },
  headers: customHeaders(limits),
  timeoutMs: { type: 'integer', minimum: 100, maximum: 60000 },
  successRule,
  retryPolicy,
  disablePolicy,
  canary,
  signing: signingSchema,
  rateLimitPerSecond: { type: ['integer', 'null'], minimum: 1, maximum: 100000 },
  maxConcurrency: { type: 'integer', minimum: 1, maximum: 1000 },
  metadata: stringMap,
  credential: credentialSchema,
  tls: tlsSchema,
});

const limitValue = (description: string, minimum = 0, maximum = 1_000_000_000) => ({
  type: ['integer', 'null'],
  minimum,
  maximum,
  description: `${description}; null = the configured default`,
});

/** A tenant's limit overrides (0 = no limit; absent or null = the configured default). */
const tenantLimits = {
  type: 'object',
  additionalProperties: false,
  properties: {
    httpEventsPerSecond: limitValue('POST /v1/events per second per API instance before 429'),
    kafkaEventsPerSecond: limitValue('Kafka events per second per event-ingest instance'),
    burstSeconds: limitValue('seconds of the rate that may be sent at once', 1, 3600),
    maxSubscriptions: limitValue('most subscriptions'),
    maxEventTypes: limitValue('most event types'),
    maxInFlightDeliveries: limitValue('deliveries in flight per dispatcher instance'),
  },
};

const requireHttps = {
  type: 'boolean',
  description:
    "The tenant's callback and token URLs must use https (default false); refused while one uses http",
};

/** Every request body's JSON Schema, with the configured limits. */
export const requestSchemas = (limits: SchemaLimits) => ({
  TenantCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      id: {
        type: 'string',
        pattern: '^[a-z0-9][a-z0-9_-]{0,63}$',
        description: 'Optional; generated when absent',
      },
      name: { type: 'string', minLength: 1, maxLength: 200 },
      metadata: stringMap,
      limits: tenantLimits,
      requireHttps,
    },
  },
  TenantPatch: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      metadata: stringMap,
      limits: tenantLimits,
      requireHttps,
    },
  },
  ApiKeyCreate: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      scope: {
        type: 'string',
        enum: ['read-only', 'ingest-only', 'manage'],
        description:
          'read-only: GET only; ingest-only: POST /v1/events only; manage (default): everything of the tenant',
      },
      expiresAt: {
        type: ['string', 'null'],
        format: 'date-time',
        description: 'After this instant the key is refused (default: never)',
      },
    },
  },
  ApiKeyPatch: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  EventTypeCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$', maxLength: 256 },
      description: nullableString(1024),
      code: { ...nullableString(64), description: 'An optional event code, e.g. "100"' },
      schema: { type: ['object', 'null'], description: 'JSON Schema for the event data' },
      visibility: { type: 'string', enum: ['tenant', 'public'] },
    },
  },
  EventTypePatch: {
    type: 'object',
    additionalProperties: false,
    properties: {
      description: nullableString(1024),
      code: nullableString(64),
      schema: { type: ['object', 'null'] },
      visibility: { type: 'string', enum: ['tenant', 'public'] },
    },
  },
  EventCatalogueSettings: {
    type: 'object',
    additionalProperties: false,
    required: ['strict'],
    properties: {
      strict: {
        type: 'boolean',
        description: 'Refuse events of types the tenant has not registered (its own or public)',
      },
    },
  },
  PayloadFormatCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'template'],
    properties: {
      name: { type: 'string', pattern: PAYLOAD_FORMAT_NAME_PATTERN, maxLength: 64 },
      description: nullableString(1024),
      template: {
        type: 'string',
        minLength: 1,
        maxLength: 16384,
        description:
          'A JSONata expression over the event (id, type, time, subject, entityType, entityId, action, trigger, data, eventType.{name,code,description}, deliveryId, attempt, subscription.{id,metadata})',
      },
    },
  },
  PayloadFormatPatch: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      description: nullableString(1024),
      template: { type: 'string', minLength: 1, maxLength: 16384 },
    },
  },
  PayloadFormatPreview: {
    type: 'object',
    additionalProperties: false,
    properties: {
      template: {
        type: 'string',
        minLength: 1,
        maxLength: 16384,
        description: 'Only on /v1/payload-formats/preview: the template to try (unsaved)',
      },
      contentType: { type: 'string', enum: ['json', 'form'] },
      event: {
        type: 'object',
        description:
          'A sample CloudEvent (specversion, id and source may be left out); default: an article updated',
      },
    },
  },
  SubscriptionCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'eventTypes'],
    properties: subscriptionFields(limits),
  },
  SubscriptionPatch: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: subscriptionFields(limits),
  },
  RotateSecret: {
    type: 'object',
    additionalProperties: false,
    properties: {
      overlapMs: {
        type: 'integer',
        minimum: 0,
        maximum: 604800000,
        description: 'How long the old secret keeps signing too (default 24 hours)',
      },
    },
  },
  RotateKey: {
    type: 'object',
    additionalProperties: false,
    required: ['type'],
    properties: {
      type: {
        type: 'string',
        enum: ['ed25519', 'ecdsa-p256', 'rsa'],
        description:
          'ed25519: v1a, and RFC 9421 ed25519; ecdsa-p256: RFC 9421 ecdsa-p256-sha256; rsa: RFC 9421 rsa-pss-sha512 and draft-cavage',
      },
      overlapMs: {
        type: 'integer',
        minimum: 0,
        maximum: 604800000,
        description:
          'How long the old key keeps signing too and stays in the JWKS (default 24 hours)',
      },
    },
  },
  Replay: {
    type: 'object',
    additionalProperties: false,
    required: ['since'],
    properties: {
      since: { type: 'string', format: 'date-time' },
      until: { type: 'string', format: 'date-time' },
      status: { type: 'string', enum: ['failed', 'all'] },
    },
  },
  ReplayJobCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['subscriptionId', 'since'],
    properties: {
      subscriptionId: { type: 'string', minLength: 1, maxLength: 256 },
      since: { type: 'string', format: 'date-time' },
      until: { type: 'string', format: 'date-time' },
      status: { type: 'string', enum: ['failed', 'all'] },
    },
  },
  Redrive: {
    type: 'object',
    additionalProperties: false,
    properties: {
      deliveryIds: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        items: { type: 'string', minLength: 1, maxLength: 256 },
      },
      subscriptionId: { type: 'string', minLength: 1, maxLength: 256 },
      limit: { type: 'integer', minimum: 1, maximum: 1000 },
    },
  },
  PortalSessionCreate: {
    type: 'object',
    additionalProperties: false,
    properties: {
      tenantId: {
        type: 'string',
        minLength: 1,
        maxLength: 256,
        description: 'The tenant (required with the admin token; a tenant key opens its own)',
      },
      expiresIn: {
        type: 'integer',
        minimum: 60,
        maximum: 86400,
        description: 'Seconds until the link stops working (default 3600, at most 24 h)',
      },
      readOnly: { type: 'boolean', description: 'The page may only read (default false)' },
      subscriptionIds: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        items: { type: 'string', minLength: 1, maxLength: 256 },
        description: 'Limit the session to these subscriptions (default: all of the tenant)',
      },
    },
  },
  CloudEvent: CLOUD_EVENT,
  CloudEventBatch: {
    type: 'array',
    minItems: 1,
    description:
      'A CloudEvents batch (application/cloudevents-batch+json): at most HERALD_API_MAX_BATCH_EVENTS events, each judged alone',
    items: CLOUD_EVENT,
  },
});

/** The schemas with the default limits (what the OpenAPI document shows unless configured). */
export const SCHEMAS = requestSchemas(DEFAULT_SCHEMA_LIMITS);

export type RequestSchemas = ReturnType<typeof requestSchemas>;
export type SchemaName = keyof RequestSchemas;
