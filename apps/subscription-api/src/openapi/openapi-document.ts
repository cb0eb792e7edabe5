import { OpenAPIObject } from '@nestjs/swagger';
import { RequestSchemas, SCHEMAS, SchemaName } from '../http/schemas';
import { RESPONSE_SCHEMAS } from './response-schemas';

/** none: public (the JWKS documents receivers fetch). */
type Auth = 'admin' | 'tenant' | 'admin-or-tenant' | 'none';

interface Route {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  body?: SchemaName;
  status: number;
  /** Response schema name (RESPONSE_SCHEMAS). */
  response?: string;
  query?: string[];
}

/** Every route of the API: the OpenAPI document is generated from this table. */
export const ROUTES: readonly Route[] = [
  {
    method: 'post',
    path: '/v1/tenants',
    summary: 'Create a tenant',
    tag: 'tenants',
    auth: 'admin',
    body: 'TenantCreate',
    status: 201,
    response: 'Tenant',
  },
  {
    method: 'get',
    path: '/v1/tenants',
    summary: 'List tenants',
    tag: 'tenants',
    auth: 'admin',
    status: 200,
    response: 'TenantPage',
    query: ['cursor', 'limit'],
  },
  {
    method: 'get',
    path: '/v1/tenants/{id}',
    summary: 'Get a tenant with its effective limits',
    tag: 'tenants',
    auth: 'admin',
    status: 200,
    response: 'Tenant',
  },
  {
    method: 'patch',
    path: '/v1/tenants/{id}',
    summary: 'Change a tenant (name, metadata, limit overrides)',
    tag: 'tenants',
    auth: 'admin',
    body: 'TenantPatch',
    status: 200,
    response: 'Tenant',
  },
  {
    method: 'post',
    path: '/v1/tenants/{id}/api-keys',
    summary: 'Issue an API key (the key is shown once)',
    tag: 'tenants',
    auth: 'admin',
    body: 'ApiKeyCreate',
    status: 201,
    response: 'ApiKeyIssued',
  },
  {
    method: 'get',
    path: '/v1/tenants/{id}/api-keys',
    summary: "List a tenant's API keys (names, scopes, expiry, status; never the values)",
    tag: 'tenants',
    auth: 'admin',
    status: 200,
    response: 'ApiKeyList',
  },
  {
    method: 'delete',
    path: '/v1/api-keys/{id}',
    summary:
      'Revoke an API key (the admin token, or a manage key of its tenant); other API instances refuse it within HERALD_API_KEY_CACHE_MS',
    tag: 'tenants',
    auth: 'admin',
    status: 204,
  },
  {
    method: 'get',
    path: '/v1/api-keys',
    summary: "List the tenant's own API keys (a manage key; never the values)",
    tag: 'api keys',
    auth: 'tenant',
    status: 200,
    response: 'ApiKeyList',
  },
  {
    method: 'post',
    path: '/v1/api-keys',
    summary: 'Issue an API key of the own tenant (a manage key; the key is shown once)',
    tag: 'api keys',
    auth: 'tenant',
    body: 'ApiKeyCreate',
    status: 201,
    response: 'ApiKeyIssued',
  },
  {
    method: 'patch',
    path: '/v1/api-keys/{id}',
    summary: 'Rename an API key of the own tenant (a manage key)',
    tag: 'api keys',
    auth: 'tenant',
    body: 'ApiKeyPatch',
    status: 200,
    response: 'ApiKey',
  },
  {
    method: 'post',
    path: '/v1/event-types',
    summary: 'Declare an event type',
    tag: 'event types',
    auth: 'tenant',
    body: 'EventTypeCreate',
    status: 201,
    response: 'EventType',
  },
  {
    method: 'get',
    path: '/v1/event-types',
    summary: 'List event types',
    tag: 'event types',
    auth: 'tenant',
    status: 200,
    response: 'EventTypePage',
    query: ['cursor', 'limit'],
  },
  {
    method: 'get',
    path: '/v1/event-types/{name}',
    summary: 'Get an event type',
    tag: 'event types',
    auth: 'tenant',
    status: 200,
    response: 'EventType',
  },
  {
    method: 'patch',
    path: '/v1/event-types/{name}',
    summary: 'Change an event type',
    tag: 'event types',
    auth: 'tenant',
    body: 'EventTypePatch',
    status: 200,
    response: 'EventType',
  },
  {
    method: 'delete',
    path: '/v1/event-types/{name}',
    summary: 'Delete an event type',
    tag: 'event types',
    auth: 'tenant',
    status: 204,
  },
  {
    method: 'get',
    path: '/v1/event-catalogue',
    summary: "The tenant's event catalogue settings (strict or not)",
    tag: 'event types',
    auth: 'tenant',
    status: 200,
    response: 'EventCatalogue',
  },
  {
    method: 'patch',
    path: '/v1/event-catalogue',
    summary:
      'Make the catalogue strict (events of unregistered types are refused: 422 on HTTP, herald.events.invalid from Kafka) or open',
    tag: 'event types',
    auth: 'tenant',
    body: 'EventCatalogueSettings',
    status: 200,
    response: 'EventCatalogue',
  },
  {
    method: 'post',
    path: '/v1/public-event-types',
    summary: 'Declare a public (broadcast) event type (the operator only)',
    tag: 'event types',
    auth: 'admin',
    body: 'EventTypeCreate',
    status: 201,
    response: 'EventType',
  },
  {
    method: 'get',
    path: '/v1/public-event-types',
    summary: 'List public event types',
    tag: 'event types',
    auth: 'admin',
    status: 200,
    response: 'EventTypePage',
    query: ['cursor', 'limit'],
  },
  {
    method: 'get',
    path: '/v1/public-event-types/{name}',
    summary: 'Get a public event type',
    tag: 'event types',
    auth: 'admin',
    status: 200,
    response: 'EventType',
  },
  {
    method: 'patch',
    path: '/v1/public-event-types/{name}',
    summary: 'Change a public event type',
    tag: 'event types',
    auth: 'admin',
    body: 'EventTypePatch',
    status: 200,
    response: 'EventType',
  },
  {
    method: 'delete',
    path: '/v1/public-event-types/{name}',
    summary: 'Delete a public event type',
    tag: 'event types',
    auth: 'admin',
    status: 204,
  },
  {
    method: 'post',
    path: '/v1/subscriptions',
    summary: 'Create a subscription (returns the signing secret once)',
    tag: 'subscriptions',
    auth: 'tenant',
    body: 'SubscriptionCreate',
    status: 201,
    response: 'SubscriptionWithSecret',
  },
  {
    method: 'get',
    path: '/v1/subscriptions',
    summary: 'List subscriptions',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 200,
    response: 'SubscriptionPage',
    query: ['cursor', 'limit', 'eventType', 'active', 'state'],
  },
  {
    method: 'get',
    path: '/v1/subscriptions/{id}',
    summary: 'Get a subscription',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 200,
    response: 'Subscription',
  },
  {
    method: 'patch',
    path: '/v1/subscriptions/{id}',
    summary: 'Change a subscription ({"active": true} reactivates, {"active": false} deactivates)',
    tag: 'subscriptions',
    auth: 'tenant',
    body: 'SubscriptionPatch',
    status: 200,
    response: 'Subscription',
  },
  {
    method: 'delete',
    path: '/v1/subscriptions/{id}',
    summary: 'Delete a subscription',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 204,
  },
  {
    method: 'post',
    path: '/v1/subscriptions/{id}/rotate-secret',
    summary: 'Rotate the signing secret (the old one signs too during the overlap)',
    tag: 'subscriptions',
    auth: 'tenant',
    body: 'RotateSecret',
    status: 200,
    response: 'SubscriptionWithSecret',
  },
  {
    method: 'get',
    path: '/v1/subscriptions/{id}/secret',
    summary: 'Reveal the current signing secret (a manage key of the owning tenant)',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 200,
    response: 'SigningSecretReveal',
  },
  {
    method: 'post',
    path: '/v1/subscriptions/{id}/activate',
    summary:
      'Reactivate a paused, disabled or inactive subscription (the same as PATCH {"active": true})',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 200,
    response: 'Subscription',
  },
  {
    method: 'get',
    path: '/v1/subscriptions/{id}/state-history',
    summary: 'State changes, newest first: from, to, reason, who or what, when',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 200,
    response: 'StateChangePage',
    query: ['cursor', 'limit'],
  },
  {
    method: 'post',
    path: '/v1/subscriptions/{id}/test',
    summary: 'Send a test event through the delivery pipeline',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 202,
    response: 'TestSent',
  },
  {
    method: 'get',
    path: '/v1/subscriptions/{id}/stats',
    summary: 'Success rate, last failure and state',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 200,
    response: 'SubscriptionStats',
  },
  {
    method: 'post',
    path: '/v1/subscriptions/{id}/replay',
    summary: 'Replay a window of this subscription (starts a replay job, as POST /v1/replays)',
    tag: 'subscriptions',
    auth: 'tenant',
    body: 'Replay',
    status: 202,
    response: 'ReplayJob',
  },
  {
    method: 'post',
    path: '/v1/replays',
    summary: 'Start a replay job: a subscription window, failed deliveries only or all events',
    tag: 'deliveries',
    auth: 'tenant',
    body: 'ReplayJobCreate',
    status: 202,
    response: 'ReplayJob',
  },
  {
    method: 'get',
    path: '/v1/replays',
    summary: 'Replay jobs, newest first',
    tag: 'deliveries',
    auth: 'tenant',
    status: 200,
    response: 'ReplayJobPage',
    query: ['subscriptionId', 'state', 'cursor', 'limit'],
  },
  {
    method: 'get',
    path: '/v1/replays/{id}',
    summary: 'A replay job and its progress',
    tag: 'deliveries',
    auth: 'tenant',
    status: 200,
    response: 'ReplayJob',
  },
  {
    method: 'post',
    path: '/v1/replays/{id}/cancel',
    summary: 'Cancel a queued or running replay job (it stops before its next page)',
    tag: 'deliveries',
    auth: 'tenant',
    status: 200,
    response: 'ReplayJob',
  },
  {
    method: 'get',
    path: '/v1/subscriptions/{id}/held',
    summary:
      'Deliveries held while paused, disabled or inactive: how many, the oldest, a page oldest first (the release order)',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 200,
    response: 'HeldDeliveries',
    query: ['cursor', 'limit'],
  },
  {
    method: 'delete',
    path: '/v1/subscriptions/{id}/held',
    summary:
      'Discard every held delivery (status discarded): none is sent when the subscription delivers again',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 200,
    response: 'HeldDiscarded',
  },
  {
    method: 'post',
    path: '/v1/events',
    summary: 'Publish a CloudEvent (HTTP ingest; honours Idempotency-Key)',
    tag: 'events',
    auth: 'tenant',
    body: 'CloudEvent',
    status: 202,
    response: 'Accepted',
  },
  {
    method: 'post',
    path: '/v1/events/batch',
    summary:
      'Publish a CloudEvents batch (a JSON array, at most HERALD_API_MAX_BATCH_EVENTS): 200 with one result (202, 400 or 422 with its problem) per event',
    tag: 'events',
    auth: 'tenant',
    body: 'CloudEventBatch',
    status: 200,
    response: 'BatchAccepted',
  },
  {
    method: 'get',
    path: '/v1/invalid-events',
    summary:
      "The tenant's rejected Kafka events, newest first: claimed id, type and source, the reason and the position (never the payload)",
    tag: 'events',
    auth: 'tenant',
    status: 200,
    response: 'InvalidEventPage',
    query: ['reason', 'cursor', 'limit'],
  },
  {
    method: 'get',
    path: '/v1/events/{id}',
    summary: 'Get a stored event',
    tag: 'events',
    auth: 'tenant',
    status: 200,
    response: 'HeraldEvent',
  },
  {
    method: 'get',
    path: '/v1/deliveries',
    summary: 'The delivery log',
    tag: 'deliveries',
    auth: 'tenant',
    status: 200,
    response: 'DeliveryPage',
    query: [
      'subscriptionId',
      'eventId',
      'eventType',
      'status',
      'since',
      'until',
      'cursor',
      'limit',
    ],
  },
  {
    method: 'get',
    path: '/v1/deliveries/{id}',
    summary: 'A delivery with every attempt',
    tag: 'deliveries',
    auth: 'tenant',
    status: 200,
    response: 'DeliveryDetail',
  },
  {
    method: 'post',
    path: '/v1/deliveries/{id}/retry',
    summary: 'Send a delivery again',
    tag: 'deliveries',
    auth: 'tenant',
    status: 202,
    response: 'Retried',
  },
  {
    method: 'get',
    path: '/v1/dead-letters',
    summary: 'Dead-lettered deliveries',
    tag: 'deliveries',
    auth: 'tenant',
    status: 200,
    response: 'DeadLetterPage',
    query: ['subscriptionId', 'includeRedriven', 'cursor', 'limit'],
  },
  {
    method: 'post',
    path: '/v1/dead-letters/redrive',
    summary: 'Send dead letters again',
    tag: 'deliveries',
    auth: 'tenant',
    body: 'Redrive',
    status: 202,
    response: 'Redriven',
  },
  {
    method: 'get',
    path: '/v1/subscriptions/{id}/attempt-series',
    summary: 'Attempts over time: successes, failures and latency per bucket (the portal chart)',
    tag: 'subscriptions',
    auth: 'tenant',
    status: 200,
    response: 'AttemptSeries',
    query: ['since', 'until', 'bucketSeconds'],
  },
  {
    method: 'get',
    path: '/v1/portal-sessions/current',
    summary: 'The portal session of this token: tenant, read-only, limits, expiry',
    tag: 'portal',
    auth: 'tenant',
    status: 200,
    response: 'PortalSessionInfo',
  },
  {
    method: 'post',
    path: '/v1/portal-sessions',
    summary: 'Open a tenant portal session (the link with its token is shown once)',
    tag: 'portal',
    auth: 'admin-or-tenant',
    body: 'PortalSessionCreate',
    status: 201,
    response: 'PortalSession',
  },
  {
    method: 'delete',
    path: '/v1/portal-sessions/{id}',
    summary: 'Revoke a portal session (the portal page may end its own)',
    tag: 'portal',
    auth: 'admin-or-tenant',
    status: 204,
  },
  {
    method: 'get',
    path: '/v1/signing-keys',
    summary:
      "List the tenant's signing key pairs of every scope (public JWKs, kinds, expiry; never the private keys)",
    tag: 'signing keys',
    auth: 'tenant',
    status: 200,
    response: 'SigningKeyList',
  },
  {
    method: 'post',
    path: '/v1/signing-keys/rotate',
    summary:
      "Rotate the tenant's key of a kind (the old one signs too during the overlap); re-publishes every subscription using it",
    tag: 'signing keys',
    auth: 'tenant',
    body: 'RotateKey',
    status: 200,
    response: 'SigningKeyRotation',
  },
  {
    method: 'post',
    path: '/v1/subscriptions/{id}/rotate-key',
    summary:
      "Rotate a subscription's own key of a kind (key scope subscription; the old one signs too during the overlap)",
    tag: 'signing keys',
    auth: 'tenant',
    body: 'RotateKey',
    status: 200,
    response: 'SigningKeyRotation',
  },
  {
    method: 'get',
    path: '/v1/tenants/{id}/jwks.json',
    summary:
      "The tenant's public signing keys as a JWK Set (RFC 7517; kid = the keyid sent), current and overlapping: no authentication, Cache-Control max-age 300",
    tag: 'signing keys',
    auth: 'none',
    status: 200,
    response: 'JwkSet',
  },
  {
    method: 'get',
    path: '/v1/tenants/{id}/subscriptions/{subscriptionId}/jwks.json',
    summary:
      "A subscription's own public signing keys (key scope subscription) as a JWK Set: no authentication, Cache-Control max-age 300",
    tag: 'signing keys',
    auth: 'none',
    status: 200,
    response: 'JwkSet',
  },
  {
    method: 'post',
    path: '/v1/payload-formats',
    summary: 'Define a named payload format (a JSONata template)',
    tag: 'payload-formats',
    auth: 'tenant',
    body: 'PayloadFormatCreate',
    status: 201,
    response: 'PayloadFormat',
  },
  {
    method: 'get',
    path: '/v1/payload-formats',
    summary: 'List payload formats',
    tag: 'payload-formats',
    auth: 'tenant',
    status: 200,
    response: 'PayloadFormatPage',
    query: ['cursor', 'limit'],
  },
  {
    method: 'post',
    path: '/v1/payload-formats/preview',
    summary: 'Render an unsaved template against a sample event',
    tag: 'payload-formats',
    auth: 'tenant',
    body: 'PayloadFormatPreview',
    status: 200,
    response: 'PayloadPreview',
  },
  {
    method: 'get',
    path: '/v1/payload-formats/{name}',
    summary: 'Get a payload format (with how many subscriptions use it)',
    tag: 'payload-formats',
    auth: 'tenant',
    status: 200,
    response: 'PayloadFormat',
  },
  {
    method: 'patch',
    path: '/v1/payload-formats/{name}',
    summary: 'Change a payload format: every subscription using it renders with the change',
    tag: 'payload-formats',
    auth: 'tenant',
    body: 'PayloadFormatPatch',
    status: 200,
    response: 'PayloadFormat',
  },
  {
    method: 'delete',
    path: '/v1/payload-formats/{name}',
    summary: 'Delete an unused payload format (409 while subscriptions use it)',
    tag: 'payload-formats',
    auth: 'tenant',
    status: 204,
  },
  {
    method: 'post',
    path: '/v1/payload-formats/{name}/preview',
    summary: 'Render a payload format against a sample event',
    tag: 'payload-formats',
    auth: 'tenant',
    body: 'PayloadFormatPreview',
    status: 200,
    response: 'PayloadPreview',
  },
];

/** Creates limited by a tenant quota: they answer 409 naming the quota. */
const QUOTA_ROUTES = new Set(['post /v1/subscriptions', 'post /v1/event-types']);

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The OpenAPI 3.1 document served at /openapi.json (and rendered at /docs). */
export function openApiDocument(version: string, schemas: RequestSchemas = SCHEMAS): OpenAPIObject {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(route.query ?? []).map((name) => ({
        name,
        in: 'query',
        required: false,
        schema: { type: 'string' },
      })),
      ...((route.path === '/v1/events' || route.path === '/v1/events/batch') &&
      route.method === 'post'
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', maxLength: 255 },
            },
          ]
        : []),
    ];
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      security:
        route.auth === 'none'
          ? []
          : route.auth === 'admin-or-tenant'
            ? [{ adminToken: [] }, { apiKey: [] }]
            : [{ [route.auth === 'admin' ? 'adminToken' : 'apiKey']: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: ![
                'RotateSecret',
                'Redrive',
                'ApiKeyCreate',
                'PortalSessionCreate',
                'PayloadFormatPreview',
              ].includes(route.body),
              content: {
                'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } },
              },
            },
          }
        : {}),
      responses: {
        [route.status]: {
          description: route.status === 204 ? 'Done' : 'OK',
          ...(route.response
            ? {
                content: {
                  'application/json': {
                    schema: { $ref: `#/components/schemas/${route.response}` },
                  },
                },
              }
            : {}),
        },
        400: problemResponse('Invalid request; `errors` names each field'),
        ...(route.auth === 'none'
          ? {}
          : { 401: problemResponse('Missing or invalid bearer token') }),
        ...(route.path.includes('{')
          ? { 404: problemResponse('Not found (also for another tenant’s objects)') }
          : {}),
        ...(route.body
          ? {
              413: problemResponse('Body larger than the configured limit'),
              415: problemResponse('Body that is not JSON'),
            }
          : {}),
        414: problemResponse('URL longer than HERALD_API_MAX_URL_LENGTH'),
        ...(QUOTA_ROUTES.has(`${route.method} ${route.path}`)
          ? { 409: problemResponse('Already exists, or the tenant quota (`quota`) is used up') }
          : {}),
        ...(route.method === 'post' && route.path === '/v1/events'
          ? {
              429: {
                ...problemResponse(
                  "Over the tenant's event rate; retry after `Retry-After` seconds",
                ),
                headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
              },
            }
          : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Herald subscription API',
      version,
      description:
        'Tenants, API keys, event types, webhook subscriptions, HTTP event ingest and the delivery log. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'HERALD_ADMIN_TOKEN' },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A tenant API key (hk_...) or a portal session token (hps_...)',
        },
      },
      schemas: {
        ...(schemas as unknown as Record<string, object>),
        ...RESPONSE_SCHEMAS,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { field: { type: 'string' }, message: { type: 'string' } },
              },
            },
            limit: {
              type: 'object',
              description: 'The tenant limit that refused the request (429, quota 409)',
              properties: {
                name: { type: 'string' },
                value: { type: 'integer' },
                used: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  } as OpenAPIObject;
}
