/** How fast a bucket refills and how much it holds. A rate of 0 means no limit. */
export interface BucketSettings {
  ratePerSecond: number;
  /** Capacity in tokens: how many may be taken at once after an idle spell (>= 1). */
  burst: number;
}

export interface BucketState {
  tokens: number;
  /** When `tokens` was last brought up to date (ms, from the injected clock). */
  updatedAt: number;
}

export type Take = { taken: true } | { taken: false; waitMs: number };

export const unlimited = (settings: BucketSettings): boolean => settings.ratePerSecond <= 0;

export function fullBucket(settings: BucketSettings, now: number): BucketState {
  return { tokens: capacityOf(settings), updatedAt: now };
}

/**
 * Takes `count` tokens (one by default) if there are that many. Otherwise takes nothing and
 * says how long until there are (at least 1 ms; more than the bucket holds never are, and the
 * wait is then the time to fill it). Pure apart from updating `state`; `now` comes from the
 * caller's clock.
 */
export function takeToken(
  state: BucketState,
  settings: BucketSettings,
  now: number,
  count = 1,
): Take {
  if (unlimited(settings)) return { taken: true };
  refill(state, settings, now);
  if (state.tokens >= count) {
    state.tokens -= count;
    return { taken: true };
  }
  const wanted = Math.min(count, capacityOf(settings));
  return {
    taken: false,
    waitMs: Math.max(1, Math.ceil(((wanted - state.tokens) * 1000) / settings.ratePerSecond)),
  };
}

/** True when the bucket would be full at `now`: forgetting it changes nothing. */
export function isFull(state: BucketState, settings: BucketSettings, now: number): boolean {
  if (unlimited(settings)) return true;
  refill(state, settings, now);
  return state.tokens >= capacityOf(settings);
}

function refill(state: BucketState, settings: BucketSettings, now: number): void {
  const elapsed = Math.max(0, now - state.updatedAt);
  state.tokens = Math.min(
    capacityOf(settings),
    state.tokens + (elapsed * settings.ratePerSecond) / 1000,
  );
  state.updatedAt = Math.max(state.updatedAt, now);
}

function capacityOf(settings: BucketSettings): number {
  return Math.max(1, settings.burst);
}
