import { BucketSettings, BucketState, Take, fullBucket, isFull, takeToken } from './token-bucket';

interface Entry {
  state: BucketState;
  settings: BucketSettings;
}

/**
 * One token bucket per tenant, in this process, with the clock injected. Memory stays bounded:
 * once `maxBuckets` are kept, the buckets that have refilled completely are forgotten (a new
 * one starts full, so forgetting a full one changes no decision).
 */
export class TenantRateLimiter {
  private readonly buckets = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    private readonly maxBuckets = 10_000,
  ) {}

  /** Takes `count` tokens of `tenantId`'s bucket; `settings` are the tenant's current limit. */
  take(tenantId: string, settings: BucketSettings, count = 1): Take {
    const now = this.now();
    let entry = this.buckets.get(tenantId);
    if (!entry) {
      if (this.buckets.size >= this.maxBuckets) this.forgetFull(now);
      entry = { state: fullBucket(settings, now), settings };
      this.buckets.set(tenantId, entry);
    }
    entry.settings = settings;
    return takeToken(entry.state, settings, now, count);
  }

  get size(): number {
    return this.buckets.size;
  }

  private forgetFull(now: number): void {
    for (const [tenantId, entry] of this.buckets) {
      if (isFull(entry.state, entry.settings, now)) this.buckets.delete(tenantId);
    }
  }
}
