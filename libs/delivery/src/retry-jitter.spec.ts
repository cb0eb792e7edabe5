import fc from 'fast-check';
import { DEFAULT_RETRY_LADDER, RETRY_DELAY_CATALOGUE, parseDuration } from '@herald/contracts';
import { AttemptResult } from './attempt-result';
import { decideAfterAttempt } from './retry-decision';
import { jitterWindow, jitteredDelay, parkingDelayFor } from './retry-jitter';

const now = new Date('2026-12-02T10:00:00Z');
const catalogue = RETRY_DELAY_CATALOGUE.map(parseDuration);
const policy = { delays: [...DEFAULT_RETRY_LADDER], maxAttempts: 10 };
const failed = { success: false as const, reason: 'status 503' };
const response = (status: number, headers: Record<string, string> = {}): AttemptResult => ({
  kind: 'response',
  status,
  headers,
  body: '',
  truncated: false,
  latencyMs: 3,
});

const waits = fc.integer({ min: 0, max: 10 * 86_400_000 });
const jitters = fc.record({
  ratio: fc.double({ min: 0, max: 0.5, noNaN: true }),
  minimumMs: fc.integer({ min: 0, max: 60_000 }),
});
const randoms = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('jitterWindow and jitteredDelay', () => {
  it('draws within ±ratio of the wait, never under the minimum or a Retry-After', () => {
    fc.assert(
      fc.property(
        waits,
        jitters,
        fc.integer({ min: 0, max: 3_600_000 }),
        randoms,
        (w, j, nb, r) => {
          const notBefore = Math.min(nb, w);
          const window = jitterWindow(w, j, notBefore);
          const drawn = jitteredDelay(window, () => r);
          expect(drawn).toBeGreaterThanOrEqual(window.lowMs);
          expect(drawn).toBeLessThanOrEqual(window.highMs);
          expect(drawn).toBeLessThanOrEqual(Math.round(w * (1 + j.ratio)));
          expect(drawn).toBeGreaterThanOrEqual(Math.min(Math.round(w * (1 - j.ratio)), w));
          expect(drawn).toBeGreaterThanOrEqual(Math.min(j.minimumMs, w));
          expect(drawn).toBeGreaterThanOrEqual(notBefore);
          if (w === 0) expect(drawn).toBe(0);
        },
      ),
    );
  });

  it('spans the whole window: the lowest draw is its low end, the highest its high end', () => {
    const window = jitterWindow(3_600_000, { ratio: 0.2, minimumMs: 1_000 });
    expect(window).toEqual({ lowMs: 2_880_000, highMs: 4_320_000 });
    expect(jitteredDelay(window, () => 0)).toBe(2_880_000);
    expect(jitteredDelay(window, () => 0.999_999_999)).toBe(4_320_000);
  });

  it('keeps a short step at the configured minimum, and a step below it at the step', () => {
    expect(jitterWindow(1_000, { ratio: 0.2, minimumMs: 1_000 })).toEqual({
      lowMs: 1_000,
      highMs: 1_200,
    });
    expect(jitterWindow(500, { ratio: 0.2, minimumMs: 1_000 })).toEqual({
      lowMs: 500,
      highMs: 600,
    });
  });

  it('spreads draws from Math.random over the window (a stuck jitter fails this)', () => {
    const window = jitterWindow(60_000, { ratio: 0.2, minimumMs: 1_000 });
    const draws = Array.from({ length: 2_000 }, () => jitteredDelay(window, Math.random));
    const below = draws.filter((d) => d < 60_000).length;
    expect(Math.min(...draws)).toBeLessThan(49_000);
    expect(Math.max(...draws)).toBeGreaterThan(71_000);
    expect(below).toBeGreaterThan(800);
    expect(below).toBeLessThan(1_200);
  });
});

describe('parkingDelayFor', () => {
  it('parks on the longest topic that does not pass the wait', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 20 * 86_400_000 }), (w) => {
        const parked = parkingDelayFor(w);
        expect(catalogue).toContain(parked);
        expect(parked).toBeLessThanOrEqual(w);
        expect(catalogue.some((d) => d > parked && d <= w)).toBe(false);
      }),
    );
    expect(parkingDelayFor(0)).toBe(0);
    expect(parkingDelayFor(400)).toBe(1_000);
    expect(parkingDelayFor(70_000)).toBe(60_000);
  });
});

describe('decideAfterAttempt with jitter', () => {
  it('retries within the window of the ladder step, Retry-After never undercut', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        jitters,
        fc.option(fc.integer({ min: 0, max: 7_200 }), { nil: undefined }),
        fc.constantFrom(429, 500, 503),
        randoms,
        (attempt, jitter, retryAfter, status, r) => {
          const headers: Record<string, string> =
            retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
          const d = decideAfterAttempt({
            attempt,
            policy,
            result: response(status, headers),
            verdict: failed,
            now,
            maxRetryAfterMs: 3_600_000,
            jitter,
            random: () => r,
          });
          if (d.kind !== 'retry') throw new Error(`expected a retry, got ${d.kind}`);
          const ladder = parseDuration(DEFAULT_RETRY_LADDER[attempt]);
          const asked =
            retryAfter !== undefined && status !== 500 ? Math.min(retryAfter * 1000, 3_600_000) : 0;
          const wait = Math.max(ladder, asked);
          const waited = d.dueAt.getTime() - now.getTime();
          expect(waited).toBeGreaterThanOrEqual(asked);
          expect(waited).toBeGreaterThanOrEqual(Math.min(jitter.minimumMs, wait));
          expect(waited).toBeGreaterThanOrEqual(Math.round(wait * (1 - jitter.ratio)));
          expect(waited).toBeLessThanOrEqual(Math.round(wait * (1 + jitter.ratio)));
          expect(d.delayMs).toBeLessThanOrEqual(Math.max(waited, 1_000));
        },
      ),
    );
  });
});
