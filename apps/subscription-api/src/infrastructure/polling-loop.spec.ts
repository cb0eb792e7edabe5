import { LoopTimers, PollingLoop, PollingLoopOptions } from './polling-loop';

/** jest's fake timers, handed to the loop as its timers. */
const fakeTimers: LoopTimers = {
  setTimeout: (run, delayMs) => setTimeout(run, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A round that records when it started and ends when the spec says so. */
function controlledRound() {
  const starts: number[] = [];
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  let active = 0;
  let overlapped = false;
  const round = () =>
    new Promise<void>((resolve, reject) => {
      starts.push(Date.now());
      active++;
      if (active > 1) overlapped = true;
      const done = () => active--;
      pending.push({
        resolve: () => {
          done();
          resolve();
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
    });
  return {
    round,
    starts,
    finish: () => pending.shift()!.resolve(),
    fail: (error: Error) => pending.shift()!.reject(error),
    get overlapped() {
      return overlapped;
    },
  };
}

describe('PollingLoop', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const loopOf = (round: () => Promise<void>, options: Partial<PollingLoopOptions> = {}) =>
    new PollingLoop(round, {
      intervalMs: 100,
      onError: () => undefined,
      timers: fakeTimers,
      ...options,
    });

  const countingLoop = (options: Partial<PollingLoopOptions> = {}) => {
    let count = 0;
    const loop = loopOf(async () => {
      count++;
    }, options);
    return { loop, runs: () => count };
  };

  it('runs at start, then every interval after a round ends', async () => {
    const { loop, runs } = countingLoop();
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    await jest.advanceTimersByTimeAsync(99);
    expect(runs()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs()).toBe(2);
    await jest.advanceTimersByTimeAsync(300);
    expect(runs()).toBe(5);
    await loop.stop();
  });

  it('waits firstDelayMs before the first round', async () => {
    const { loop, runs } = countingLoop({ firstDelayMs: 1_000 });
    loop.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(runs()).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs()).toBe(1);
    await loop.stop();
  });

  it('never overlaps a round: the interval counts from its end, and a kick waits for it', async () => {
    const r = controlledRound();
    const loop = loopOf(r.round);
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    loop.kick();
    await jest.advanceTimersByTimeAsync(500);
    expect(r.starts).toEqual([0]);
    r.finish();
    // Kicked while running: the next round starts right after this one.
    await jest.advanceTimersByTimeAsync(0);
    expect(r.starts).toEqual([0, 500]);
    r.finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(r.starts).toEqual([0, 500, 600]);
    expect(r.overlapped).toBe(false);
    r.finish();
    await loop.stop();
  });

  it('runs at once on a kick between rounds, and ignores kicks before start', async () => {
    const { loop, runs } = countingLoop({ intervalMs: 60_000 });
    loop.kick();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(0);
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(1);
    loop.kick();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs()).toBe(2);
    await loop.stop();
  });

  it('stops cleanly: waits for the running round and starts no other', async () => {
    const r = controlledRound();
    const loop = loopOf(r.round);
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    r.finish();
    await stopping;
    expect(stopped).toBe(true);
    loop.kick();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(r.starts).toEqual([0]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('backs off after an error, tells onError, and returns to the interval on success', async () => {
    const r = controlledRound();
    const errors: unknown[] = [];
    const loop = loopOf(r.round, { backoffMs: 1_000, onError: (e) => errors.push(e) });
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    loop.kick();
    r.fail(new Error('broker away'));
    await jest.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error('broker away')]);
    expect(loop.failing).toBe(true);
    // The kick during the failed round does not cut the back-off short.
    await jest.advanceTimersByTimeAsync(999);
    expect(r.starts).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(r.starts).toEqual([0, 1_000]);
    r.finish();
    await jest.advanceTimersByTimeAsync(0);
    expect(loop.failing).toBe(false);
    await jest.advanceTimersByTimeAsync(100);
    expect(r.starts).toEqual([0, 1_000, 1_100]);
    r.finish();
    await loop.stop();
  });
});
