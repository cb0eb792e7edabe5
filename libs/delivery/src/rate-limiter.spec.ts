import { fullBucket, takeToken } from './rate-limiter';

describe('token bucket', () => {
  it('allows a burst of one second, then one token per 1/rate seconds', () => {
    const b = fullBucket(2, 0);
    expect(takeToken(b, 2, 0)).toBe(0);
    expect(takeToken(b, 2, 0)).toBe(0);
    expect(takeToken(b, 2, 0)).toBe(500);
    expect(takeToken(b, 2, 499)).toBe(2);
    expect(takeToken(b, 2, 500)).toBe(0);
  });
  it('allows at least one request for rates below one a second', () => {
    const b = fullBucket(0.5, 0);
    expect(takeToken(b, 0.5, 0)).toBe(0);
    expect(takeToken(b, 0.5, 0)).toBe(2_000);
  });
});
