import { TenantLimits, bucketFor, effectiveLimits, quotaCheck } from './tenant-limits';

const defaults: TenantLimits = {
  httpEventsPerSecond: 100,
  kafkaEventsPerSecond: 1_000,
  burstSeconds: 2,
  maxSubscriptions: 1_000,
  maxEventTypes: 500,
  maxInFlightDeliveries: 200,
};

describe('tenant limits', () => {
  it('applies only valid overrides over the defaults', () => {
    expect(
      effectiveLimits(defaults, {
        httpEventsPerSecond: 5,
        maxSubscriptions: -1,
        maxEventTypes: Number.NaN,
        ...({ unknown: 3 } as object),
      }),
    ).toEqual({ ...defaults, httpEventsPerSecond: 5 });
    expect(effectiveLimits(defaults, null)).toEqual(defaults);
  });

  it('sizes the bucket from the rate and the burst seconds', () => {
    expect(bucketFor(100, 2)).toEqual({ ratePerSecond: 100, burst: 200 });
    expect(bucketFor(0.5, 1)).toEqual({ ratePerSecond: 0.5, burst: 1 });
  });

  it('names the quota that one more object would exceed; 0 is no limit', () => {
    expect(quotaCheck('maxSubscriptions', defaults, 999)).toBeNull();
    expect(quotaCheck('maxSubscriptions', defaults, 1_000)).toEqual({
      quota: 'maxSubscriptions',
      limit: 1_000,
      used: 1_000,
    });
    expect(quotaCheck('maxEventTypes', { ...defaults, maxEventTypes: 0 }, 10 ** 6)).toBeNull();
  });
});
