import { Take, TenantLimits, TenantRateLimiter, bucketFor } from '@herald/tenancy';

export type OverLimitAction = 'defer' | 'drop';

/** What happens to one validated event: on to herald.events, deferred, or dropped. */
export type Admission = 'forward' | OverLimitAction;

export interface TenantLimitsLookup {
  limitsOf(tenantId: string): TenantLimits;
}

/**
 * Kafka ingest's per-tenant rate (kafkaEventsPerSecond, burstSeconds) on this instance. Fresh
 * events and deferred ones draining back take tokens of the same bucket, so a tenant's events
 * reach herald.events at its rate however they arrived. Broadcast events (no tenant) are the
 * operator's and are never limited.
 */
export class TenantAdmission {
  constructor(
    private readonly limits: TenantLimitsLookup,
    private readonly limiter: TenantRateLimiter,
    readonly overLimit: OverLimitAction,
  ) {}

  /** For a fresh event. */
  admit(tenantId: string | null): Admission {
    if (tenantId === null) return 'forward';
    return this.take(tenantId).taken ? 'forward' : this.overLimit;
  }

  /** For a deferred event: a token, or how long until there is one. */
  take(tenantId: string): Take {
    const { kafkaEventsPerSecond, burstSeconds } = this.limits.limitsOf(tenantId);
    return this.limiter.take(tenantId, bucketFor(kafkaEventsPerSecond, burstSeconds));
  }
}
