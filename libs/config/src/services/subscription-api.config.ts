import { bool, int, list, port, secretsKeys, str } from '../variable';
import { commonSchema } from './common.config';
import { templateLimitsSchema } from './template-limits.config';
import { tenantLimitsSchema } from './tenant-limits.config';
import { eventLimitsSchema } from './event-limits.config';
import { schemaLimitsSchema } from './schema-limits.config';

/** Configuration of the subscription-api service. */
export const subscriptionApiSchema = {
  ...commonSchema,
  ...tenantLimitsSchema,
  ...eventLimitsSchema,
  ...templateLimitsSchema,
  ...schemaLimitsSchema,
  HERALD_API_PORT: port({
    description: 'subscription-api: HTTP port for the API, health and metrics',
    default: '3000',
  }),
  HERALD_ADMIN_TOKEN: str({
    description: 'Admin token: manages tenants and their API keys',
    sensitive: true,
  }),
  HERALD_SECRETS_KEYS: secretsKeys({
    description:
      'Keys that encrypt secrets at rest (signing secrets and key pairs, delivery credentials, TLS keys; AES-256-GCM), as id:base64key,... (32-byte keys): the first encrypts, every one decrypts (rotation: put a new key first, keep the old ones until resealed)',
    sensitive: true,
  }),
  HERALD_ALLOW_PRIVATE_TARGETS: bool({
    description:
      'Accept callback URLs that resolve to private, loopback or link-local addresses (development only; the embedded stack sets it)',
    default: 'false',
  }),
  HERALD_API_BODY_LIMIT_BYTES: int({
    description: 'subscription-api: largest request body accepted; larger ones get 413',
    default: '262144',
    min: 1024,
    max: 16_777_216,
  }),
  HERALD_PRIVATE_TARGET_ALLOWLIST: list({
    description:
      'Comma-separated networks (CIDR, e.g. 127.0.0.0/8,10.1.0.0/16) callback URLs may reach although they are private; the dispatcher must be given the same list',
    default: '',
  }),
  HERALD_API_MAX_URL_LENGTH: int({
    description:
      'subscription-api: longest request URL (path and query) accepted; longer ones get 414',
    default: '8192',
    min: 256,
    max: 65_536,
  }),
  HERALD_API_MAX_JSON_DEPTH: int({
    description:
      'subscription-api: deepest nesting of arrays and objects in a request body; deeper bodies get 400 before they are parsed',
    default: '32',
    min: 4,
    max: 512,
  }),
  HERALD_API_MAX_CUSTOM_HEADERS: int({
    description: 'subscription-api: most custom delivery headers one subscription may set',
    default: '20',
    min: 0,
    max: 200,
  }),
  HERALD_API_MAX_HEADER_VALUE_LENGTH: int({
    description: 'subscription-api: longest value of a custom delivery header (Latin-1 characters)',
    default: '1024',
    min: 16,
    max: 8192,
  }),
  HERALD_API_MAX_METADATA_BYTES: int({
    description:
      'subscription-api: largest metadata object of a subscription or tenant, as UTF-8 JSON bytes',
    default: '8192',
    min: 64,
    max: 1_048_576,
  }),
  HERALD_OUTBOX_POLL_MS: int({
    description: 'subscription-api: how often the outbox relay looks for unpublished changes',
    default: '200',
    min: 10,
    max: 60_000,
  }),
  HERALD_API_KEY_CACHE_MS: int({
    description:
      'subscription-api: how long a verified API key is remembered in memory (a revocation reaches other instances within this time)',
    default: '10000',
    min: 0,
    max: 300_000,
  }),
  HERALD_REPLAY_PAGE_SIZE: int({
    description:
      'subscription-api: stored events (or dead letters) a replay or redrive holds in memory at a time; it pages through the rest',
    default: '200',
    min: 1,
    max: 5_000,
  }),
  HERALD_API_CATALOG_TTL_MS: int({
    description:
      "subscription-api: how long POST /v1/events caches a tenant's catalogue (strictness, event types and schemas); this instance's own changes apply at once",
    default: '2000',
    min: 0,
    max: 600_000,
  }),
  HERALD_API_MAX_BATCH_EVENTS: int({
    description:
      "subscription-api: most events one POST /v1/events/batch may carry (each takes a token of the tenant's httpEventsPerSecond)",
    default: '100',
    min: 1,
    max: 1_000,
  }),
  HERALD_REPLAY_MAX_LIVE_JOBS: int({
    description:
      'subscription-api: replay jobs one tenant may have queued or running at once (more are refused with 429)',
    default: '10',
    min: 1,
    max: 1_000,
  }),
  HERALD_REPLAY_RUNNERS: int({
    description:
      'subscription-api: replay jobs one instance runs at a time (a tenant runs one at a time across instances); 0 runs none here',
    default: '2',
    min: 0,
    max: 64,
  }),
  HERALD_REPLAY_POLL_MS: int({
    description: 'subscription-api: how often an idle replay runner looks for queued jobs',
    default: '1000',
    min: 10,
    max: 60_000,
  }),
  HERALD_REPLAY_LEASE_MS: int({
    description:
      'subscription-api: how long a replay job stays with the instance running it without a finished page (then another takes it over)',
    default: '30000',
    min: 1_000,
    max: 600_000,
  }),
};
