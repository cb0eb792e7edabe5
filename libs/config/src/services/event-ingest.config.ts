import { int, list, optionalStr, port } from '../variable';
import { commonSchema } from './common.config';
import { consumerSchema } from './consumer.config';
import { tenantLimitsSchema, overLimitSchema } from './tenant-limits.config';
import { eventLimitsSchema } from './event-limits.config';
import { schemaLimitsSchema } from './schema-limits.config';

/** Configuration of the event-ingest service. */
export const eventIngestSchema = {
  ...commonSchema,
  ...consumerSchema,
  ...tenantLimitsSchema,
  ...overLimitSchema,
  ...eventLimitsSchema,
  ...schemaLimitsSchema,
  HERALD_INGEST_PORT: port({
    description: 'event-ingest: HTTP port for health and metrics',
    default: '9101',
  }),
  HERALD_INGEST_DOMAIN_TOPICS: list({
    description:
      'event-ingest: comma-separated domain topics consumed besides herald.events.inbound (each must exist)',
    default: '',
  }),
  HERALD_INGEST_DOMAIN_TOPIC_PATTERN: optionalStr({
    description:
      'event-ingest: regular expression of further domain topics to consume (matched against the topics existing at start-up)',
    default: '',
  }),
  HERALD_INGEST_MAX_EVENT_BYTES: int({
    description: 'event-ingest: largest accepted event (message value plus headers), in bytes',
    default: '262144',
    min: 1024,
    max: 10_485_760,
  }),
  HERALD_INGEST_DEDUP_WINDOW_MINUTES: int({
    description:
      'event-ingest: an event id seen again for the same tenant within this window is dropped as a duplicate',
    default: '1440',
    min: 1,
  }),
  HERALD_INGEST_CATALOG_TTL_MS: int({
    description: 'event-ingest: how long known tenants and event types (with schemas) are cached',
    default: '5000',
    min: 0,
  }),
  HERALD_INGEST_SCHEMA_CACHE_PER_TENANT: int({
    description:
      'event-ingest: compiled event type schemas kept per tenant (least recently used evicted first)',
    default: '64',
    min: 1,
  }),
  HERALD_INGEST_SCHEMA_CACHE_TENANT_BYTES: int({
    description:
      'event-ingest: schema bytes (JSON) whose compiled validators one tenant may keep cached',
    default: '1048576',
    min: 256,
  }),
  HERALD_INGEST_SCHEMA_CACHE_ENTRIES: int({
    description: 'event-ingest: compiled event type schemas kept across all tenants',
    default: '5000',
    min: 1,
  }),
  HERALD_INGEST_SCHEMA_CACHE_BYTES: int({
    description:
      'event-ingest: schema bytes (JSON) whose compiled validators all tenants together may keep cached (compiled, a schema takes about 20 times its JSON size)',
    default: '8388608',
    min: 256,
  }),
};
