import { Injectable } from '@nestjs/common';
import { TenantLimitsDirectory } from '@herald/persistence';
import { TenantRateLimiter, bucketFor } from '@herald/tenancy';
import { tooManyRequests } from '../http/problem';
import { TenantLimitMetrics } from '../tenants/tenant-limits.providers';

/**
 * `POST /v1/events` admission: each event (each of a batch's) takes a token of the tenant's bucket
 * (httpEventsPerSecond, burstSeconds) on this instance, or is refused with 429 and Retry-After.
 * Checked before the body is validated, so refused floods cost almost nothing.
 */
@Injectable()
export class IngestRateGate {
  constructor(
    private readonly limits: TenantLimitsDirectory,
    private readonly limiter: TenantRateLimiter,
    private readonly metrics: TenantLimitMetrics,
  ) {}

  admit(tenantId: string, events = 1): void {
    const { httpEventsPerSecond, burstSeconds } = this.limits.limitsOf(tenantId);
    const take = this.limiter.take(tenantId, bucketFor(httpEventsPerSecond, burstSeconds), events);
    if (take.taken) return;
    this.metrics.refused.inc({ limit: 'httpEventsPerSecond' });
    throw tooManyRequests('httpEventsPerSecond', httpEventsPerSecond, take.waitMs);
  }
}
