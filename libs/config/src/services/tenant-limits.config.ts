import type { TenantLimits } from '@herald/tenancy';
import { int, oneOf } from '../variable';

/**
 * Per-tenant limits: the defaults every tenant gets; the admin overrides them per tenant
 * (`PATCH /v1/tenants/{id}` with `limits`). 0 means no limit. Rates are per service instance.
 */
export const tenantLimitsSchema = {
  HERALD_TENANT_HTTP_EVENTS_PER_SECOND: int({
    description:
      'Default per-tenant rate of POST /v1/events per subscription-api instance (events/s); above it the API answers 429 with Retry-After (0 = no limit)',
    default: '100',
    min: 0,
  }),
  HERALD_TENANT_KAFKA_EVENTS_PER_SECOND: int({
    description:
      'Default per-tenant rate of events from Kafka per event-ingest instance (events/s); events above it wait on herald.events.deferred (0 = no limit)',
    default: '1000',
    min: 0,
  }),
  HERALD_TENANT_BURST_SECONDS: int({
    description:
      'Seconds of its rate a tenant may send at once after an idle spell (the token bucket holds rate x this)',
    default: '2',
    min: 1,
    max: 3600,
  }),
  HERALD_TENANT_MAX_SUBSCRIPTIONS: int({
    description: 'Default most subscriptions one tenant may have; one more gets 409 (0 = no limit)',
    default: '1000',
    min: 0,
  }),
  HERALD_TENANT_MAX_EVENT_TYPES: int({
    description:
      'Default most event types one tenant may register; one more gets 409 (0 = no limit)',
    default: '1000',
    min: 0,
  }),
  HERALD_TENANT_MAX_IN_FLIGHT_DELIVERIES: int({
    description:
      'Default most deliveries of one tenant in flight per dispatcher instance; further ones are deferred (0 = no limit)',
    default: '200',
    min: 0,
  }),
  HERALD_TENANT_LIMITS_REFRESH_MS: int({
    description: "How often a service re-reads the tenants' limit overrides from PostgreSQL",
    default: '5000',
    min: 100,
    max: 300_000,
  }),
};

/** event-ingest: what happens to a Kafka event over its tenant's rate. */
export const overLimitSchema = {
  HERALD_INGEST_OVER_LIMIT: oneOf(['defer', 'drop'] as const, {
    description:
      "event-ingest: an event over its tenant's Kafka rate is deferred (herald.events.deferred, forwarded at the tenant's rate, never lost) or dropped (to herald.events.invalid with reason rate_limited)",
    default: 'defer',
  }),
};

/** The default limits of a loaded configuration. */
export function tenantLimitDefaults(config: {
  [K in keyof typeof tenantLimitsSchema]: number;
}): TenantLimits {
  return {
    httpEventsPerSecond: config.HERALD_TENANT_HTTP_EVENTS_PER_SECOND,
    kafkaEventsPerSecond: config.HERALD_TENANT_KAFKA_EVENTS_PER_SECOND,
    burstSeconds: config.HERALD_TENANT_BURST_SECONDS,
    maxSubscriptions: config.HERALD_TENANT_MAX_SUBSCRIPTIONS,
    maxEventTypes: config.HERALD_TENANT_MAX_EVENT_TYPES,
    maxInFlightDeliveries: config.HERALD_TENANT_MAX_IN_FLIGHT_DELIVERIES,
  };
}
