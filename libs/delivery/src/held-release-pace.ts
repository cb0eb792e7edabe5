/** Released deliveries a subscription may have outstanding per unit of its `maxConcurrency`. */
export const HELD_RELEASE_WINDOW_PER_SLOT = 2;

export interface HeldReleasePaceInput {
  rateLimitPerSecond: number | null;
  maxConcurrency: number;
  /** Released earlier and not attempted yet. */
  outstanding: number;
  /** How often a release runs (ms). */
  tickMs: number;
  /** The most one release may take. */
  pageMax: number;
}

/**
 * How many held deliveries to release now, so a recovering endpoint is not flooded: never more
 * outstanding than twice its `maxConcurrency` (what it can take in flight, and as many queued),
 * and never more per tick than its `rateLimitPerSecond` allows (at least one per tick).
 */
export function heldReleaseAllowance(input: HeldReleasePaceInput): number {
  const window = Math.max(1, input.maxConcurrency) * HELD_RELEASE_WINDOW_PER_SLOT;
  let allowance = window - input.outstanding;
  const rate = input.rateLimitPerSecond;
  if (rate !== null && rate > 0)
    allowance = Math.min(allowance, Math.max(1, Math.floor((rate * input.tickMs) / 1000)));
  return Math.max(0, Math.min(allowance, input.pageMax));
}
