import { TenantRateLimiter } from './tenant-rate-limiter';

describe('TenantRateLimiter', () => {
  it('keeps one bucket per tenant: one tenant using up its rate leaves the others theirs', () => {
    let now = 0;
    const limiter = new TenantRateLimiter(() => now);
    const settings = { ratePerSecond: 2, burst: 2 };
    expect(limiter.take('noisy', settings).taken).toBe(true);
    expect(limiter.take('noisy', settings).taken).toBe(true);
    expect(limiter.take('noisy', settings)).toEqual({ taken: false, waitMs: 500 });
    expect(limiter.take('quiet', settings).taken).toBe(true);
    now = 500;
    expect(limiter.take('noisy', settings).taken).toBe(true);
  });

  it('applies a changed limit to an existing bucket', () => {
    const limiter = new TenantRateLimiter(() => 0);
    expect(limiter.take('t', { ratePerSecond: 1, burst: 1 }).taken).toBe(true);
    expect(limiter.take('t', { ratePerSecond: 1, burst: 1 }).taken).toBe(false);
    expect(limiter.take('t', { ratePerSecond: 0, burst: 0 }).taken).toBe(true);
  });

  it('forgets refilled buckets once it holds the most it may', () => {
    let now = 0;
    const limiter = new TenantRateLimiter(() => now, 3);
    const settings = { ratePerSecond: 1, burst: 1 };
    for (const tenant of ['a', 'b', 'c']) limiter.take(tenant, settings);
    now = 1_000;
    limiter.take('d', settings);
    expect(limiter.size).toBe(1);
    // 'a' starts again full: forgetting it changed nothing.
    expect(limiter.take('a', settings).taken).toBe(true);
  });
});
