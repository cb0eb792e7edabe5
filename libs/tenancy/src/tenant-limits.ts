import { BucketSettings } from './token-bucket';

/**
 * What one tenant may do. Rates are events per second per service instance; counts are objects
 * a tenant may own at once. 0 means no limit, for every one of them.
 */
export interface TenantLimits {
  /** `POST /v1/events` accepted per second before 429. */
  httpEventsPerSecond: number;
  /** Events from Kafka (herald.events.inbound and domain topics) forwarded per second; the rest waits. */
  kafkaEventsPerSecond: number;
  /** Seconds of the rate a tenant may send at once after an idle spell (the bucket's size). */
  burstSeconds: number;
  maxSubscriptions: number;
  maxEventTypes: number;
  /** Deliveries of this tenant in flight in one dispatcher instance. */
  maxInFlightDeliveries: number;
}

export type TenantLimitName = keyof TenantLimits;

/** What the admin set for one tenant (absent = the configured default). */
export type TenantLimitOverrides = Partial<TenantLimits>;

export const TENANT_LIMIT_NAMES: readonly TenantLimitName[] = [
  'httpEventsPerSecond',
  'kafkaEventsPerSecond',
  'burstSeconds',
  'maxSubscriptions',
  'maxEventTypes',
  'maxInFlightDeliveries',
];

/** The defaults with a tenant's overrides applied; unknown or non-numeric overrides are ignored. */
export function effectiveLimits(
  defaults: TenantLimits,
  overrides: TenantLimitOverrides | null | undefined,
): TenantLimits {
  const limits = { ...defaults };
  for (const name of TENANT_LIMIT_NAMES) {
    const value = overrides?.[name];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) limits[name] = value;
  }
  return limits;
}

export function bucketFor(ratePerSecond: number, burstSeconds: number): BucketSettings {
  return { ratePerSecond, burst: Math.max(1, Math.ceil(ratePerSecond * burstSeconds)) };
}

export interface QuotaExceeded {
  quota: 'maxSubscriptions' | 'maxEventTypes';
  limit: number;
  used: number;
}

/** Null when one more object fits in the quota, else what was exceeded. */
export function quotaCheck(
  quota: QuotaExceeded['quota'],
  limits: TenantLimits,
  used: number,
): QuotaExceeded | null {
  const limit = limits[quota];
  return limit === 0 || used < limit ? null : { quota, limit, used };
}
