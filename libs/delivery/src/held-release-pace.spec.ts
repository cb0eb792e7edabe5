import { heldReleaseAllowance } from './held-release-pace';

describe('heldReleaseAllowance', () => {
  const base = { rateLimitPerSecond: null, maxConcurrency: 3, outstanding: 0, tickMs: 1_000 };

  it('keeps at most twice maxConcurrency released and not yet attempted', () => {
    expect(heldReleaseAllowance({ ...base, pageMax: 500 })).toBe(6);
    expect(heldReleaseAllowance({ ...base, outstanding: 4, pageMax: 500 })).toBe(2);
    expect(heldReleaseAllowance({ ...base, outstanding: 6, pageMax: 500 })).toBe(0);
    expect(heldReleaseAllowance({ ...base, outstanding: 9, pageMax: 500 })).toBe(0);
  });

  it('counts a maxConcurrency of 0 as one slot', () => {
    expect(heldReleaseAllowance({ ...base, maxConcurrency: 0, pageMax: 500 })).toBe(2);
  });

  it('releases no more per tick than the rate limit allows, and at least one', () => {
    const paced = { ...base, maxConcurrency: 100, pageMax: 500 };
    expect(heldReleaseAllowance({ ...paced, rateLimitPerSecond: 4, tickMs: 1_000 })).toBe(4);
    expect(heldReleaseAllowance({ ...paced, rateLimitPerSecond: 4, tickMs: 200 })).toBe(1);
    expect(heldReleaseAllowance({ ...paced, rateLimitPerSecond: 1, tickMs: 100 })).toBe(1);
    expect(heldReleaseAllowance({ ...paced, rateLimitPerSecond: 0, tickMs: 1_000 })).toBe(200);
  });

  it('never takes more than a page', () => {
    expect(heldReleaseAllowance({ ...base, maxConcurrency: 1_000, pageMax: 500 })).toBe(500);
  });
});
