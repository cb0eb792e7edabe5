import fc from 'fast-check';
import { BucketSettings, fullBucket, isFull, takeToken } from './token-bucket';

describe('token bucket', () => {
  const five: BucketSettings = { ratePerSecond: 5, burst: 10 };

  it('lets a full burst through at once, then refuses with the wait until the next token', () => {
    const state = fullBucket(five, 0);
    for (let i = 0; i < 10; i++) expect(takeToken(state, five, 0)).toEqual({ taken: true });
    expect(takeToken(state, five, 0)).toEqual({ taken: false, waitMs: 200 });
    expect(takeToken(state, five, 150)).toEqual({ taken: false, waitMs: 50 });
    expect(takeToken(state, five, 200)).toEqual({ taken: true });
  });

  it('refills at the rate and never above the burst', () => {
    const state = fullBucket(five, 0);
    for (let i = 0; i < 10; i++) takeToken(state, five, 0);
    expect(isFull(state, five, 1_999)).toBe(false);
    expect(isFull(state, five, 2_000)).toBe(true);
    // An hour idle still holds only the burst.
    let taken = 0;
    while (takeToken(state, five, 3_600_000).taken) taken++;
    expect(taken).toBe(10);
  });

  it('treats a rate of 0 as no limit', () => {
    const none = { ratePerSecond: 0, burst: 0 };
    const state = fullBucket(none, 0);
    for (let i = 0; i < 1_000; i++) expect(takeToken(state, none, 0).taken).toBe(true);
  });

  it('does not refill when the clock goes backwards', () => {
    const state = fullBucket(five, 10_000);
    for (let i = 0; i < 10; i++) takeToken(state, five, 10_000);
    expect(takeToken(state, five, 5_000).taken).toBe(false);
    expect(takeToken(state, five, 10_100).taken).toBe(false);
  });

  it('never admits more than burst + rate x elapsed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 300 }),
        (rate, burst, steps) => {
          const settings = { ratePerSecond: rate, burst };
          const state = fullBucket(settings, 0);
          let now = 0;
          let admitted = 0;
          for (const step of steps) {
            now += step;
            const take = takeToken(state, settings, now);
            if (take.taken) admitted++;
            else expect(take.waitMs).toBeGreaterThanOrEqual(1);
          }
          expect(admitted).toBeLessThanOrEqual(burst + Math.floor((rate * now) / 1000) + 1);
        },
      ),
    );
  });

  it('a refused caller that waits the given time is admitted (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100 }),
        (rate, burst) => {
          const settings = { ratePerSecond: rate, burst };
          const state = fullBucket(settings, 0);
          while (takeToken(state, settings, 0).taken);
          const refused = takeToken(state, settings, 0);
          expect(refused.taken).toBe(false);
          if (!refused.taken) expect(takeToken(state, settings, refused.waitMs).taken).toBe(true);
        },
      ),
    );
  });

  it('takes a batch of tokens at once, or none of them', () => {
    const settings: BucketSettings = { ratePerSecond: 10, burst: 10 };
    const state = fullBucket(settings, 0);
    expect(takeToken(state, settings, 0, 7)).toEqual({ taken: true });
    // 3 left: 7 more are 400 ms away, and nothing is taken meanwhile.
    expect(takeToken(state, settings, 0, 7)).toEqual({ taken: false, waitMs: 400 });
    expect(takeToken(state, settings, 0, 3)).toEqual({ taken: true });
    // More than the bucket holds never fits: the wait is until it is full.
    expect(takeToken(state, settings, 0, 50)).toEqual({ taken: false, waitMs: 1_000 });
  });
});
