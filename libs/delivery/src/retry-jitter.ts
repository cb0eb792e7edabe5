import { RETRY_DELAY_CATALOGUE, parseDuration } from '@herald/contracts';

const CATALOGUE_MS = RETRY_DELAY_CATALOGUE.map(parseDuration).sort((a, b) => a - b);

/** The smallest delay a retry topic has: a wait shorter than it is waited out in place. */
export const SHORTEST_PARKING_MS = CATALOGUE_MS[0];

/** How retry delays are spread: ±`ratio` of the ladder's delay, never below `minimumMs`. */
export interface RetryJitter {
  /** 0.2 spreads a 1 h delay over 48-72 min (Svix's ±20 %); 0 turns jitter off. */
  ratio: number;
  /** No jittered delay is shorter than this (nor than the ladder's delay, if that is shorter). */
  minimumMs: number;
}

export const NO_JITTER: RetryJitter = { ratio: 0, minimumMs: 0 };

/** The window a delay is drawn from (ms, inclusive). */
export interface JitterWindow {
  lowMs: number;
  highMs: number;
}

/**
 * The window for a wait of `waitMs`: ±ratio around it, its low end raised to the configured
 * minimum (but never above the wait itself) and to `notBeforeMs` (a receiver's `Retry-After`,
 * which is never undercut). An immediate retry (0) stays immediate.
 */
export function jitterWindow(waitMs: number, jitter: RetryJitter, notBeforeMs = 0): JitterWindow {
  if (waitMs <= 0) return { lowMs: 0, highMs: 0 };
  const highMs = Math.round(waitMs * (1 + jitter.ratio));
  const floor = Math.max(Math.min(jitter.minimumMs, waitMs), notBeforeMs);
  const lowMs = Math.min(highMs, Math.max(Math.round(waitMs * (1 - jitter.ratio)), floor));
  return { lowMs, highMs };
}

/** A delay drawn from the window with `random` (uniform in [0, 1), like Math.random). */
export function jitteredDelay(window: JitterWindow, random: () => number): number {
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(window.highMs, window.lowMs + Math.floor(r * (window.highMs - window.lowMs + 1)));
}

/**
 * The retry topic a wait is parked on: the longest delay with a topic that does not pass the
 * wait (the retry-scheduler parks the rest on shorter topics, so no retry topic partition holds
 * a job due before the one ahead of it), or the shortest topic for a wait below every delay.
 * 0 stays 0 (straight back to `herald.deliveries`).
 */
export function parkingDelayFor(waitMs: number): number {
  if (waitMs <= 0) return 0;
  let chosen = CATALOGUE_MS[0];
  for (const d of CATALOGUE_MS) if (d <= waitMs) chosen = d;
  return chosen;
}
