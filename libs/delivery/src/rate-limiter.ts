/** A token bucket for one subscription: `ratePerSecond` tokens a second, burst of one second. */
export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

export const fullBucket = (ratePerSecond: number, now: number): TokenBucket => ({
  tokens: Math.max(1, ratePerSecond),
  updatedAt: now,
});

/** Takes a token if one is available; returns the wait in ms until one is, or 0 when taken. */
export function takeToken(bucket: TokenBucket, ratePerSecond: number, now: number): number {
  const capacity = Math.max(1, ratePerSecond);
  const elapsed = Math.max(0, now - bucket.updatedAt);
  bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed * ratePerSecond) / 1000);
  bucket.updatedAt = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.ceil(((1 - bucket.tokens) * 1000) / ratePerSecond);
}
