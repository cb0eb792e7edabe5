import { int, list, optionalStr, port } from '../variable';
import { commonSchema } from './common.config';
import { tenantLimitsSchema, overLimitSchema } from './tenant-limits.config';
import { eventLimitsSchema } from './event-limits.config';

/** Configuration of the event-ingest service. */
export const eventIngestSchema = {
  ...commonSchema,
  ...tenantLimitsSchema,
  ...overLimitSchema,
  ...eventLimitsSchema,
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
};
