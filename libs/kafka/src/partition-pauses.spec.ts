import { PartitionPauses, PauseClock, backoffMs } from './partition-pauses';

/** A clock whose timers fire only when the spec advances it. */
function manualClock(): PauseClock & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout: (callback, ms) => {
      timers.set(++next, { at: now + ms, callback });
      return next;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        timers.delete(id);
        timer.callback();
      }
    },
    pending: () => timers.size,
  };
}

function partition(topic: string, index: number) {
  const log: string[] = [];
  return {
    log,
    context: {
      topic,
      partition: index,
      pause: () => {
        log.push('pause');
        return () => log.push('resume');
      },
      seek: (offset: string) => log.push(`seek ${offset}`),
    },
  };
}

describe('PartitionPauses', () => {
  it('pauses, seeks back and resumes when the wait is over, not before', () => {
    const clock = manualClock();
    const pauses = new PartitionPauses(clock);
    const p = partition('herald.retry.5s', 0);
    pauses.waitAt(p.context, '42', 1_000);
    expect(p.log).toEqual(['pause', 'seek 42']);
    expect(pauses.size).toBe(1);
    clock.advance(999);
    expect(p.log).toEqual(['pause', 'seek 42']);
    clock.advance(1);
    expect(p.log).toEqual(['pause', 'seek 42', 'resume']);
    expect(pauses.size).toBe(0);
  });

  it('keeps one wait a partition: a new one replaces the old timer', () => {
    const clock = manualClock();
    const pauses = new PartitionPauses(clock);
    const p = partition('t', 3);
    pauses.waitAt(p.context, '1', 1_000);
    pauses.waitAt(p.context, '5', 5_000);
    expect(clock.pending()).toBe(1);
    clock.advance(1_000);
    expect(p.log.filter((l) => l === 'resume')).toHaveLength(0);
    clock.advance(4_000);
    expect(p.log).toEqual(['pause', 'seek 1', 'pause', 'seek 5', 'resume']);
  });

  it('resumes every partition on a rebalance and none on stop', () => {
    const clock = manualClock();
    const pauses = new PartitionPauses(clock);
    const [a, b, c] = [partition('t', 0), partition('t', 1), partition('u', 0)];
    pauses.waitAt(a.context, '1', 60_000);
    pauses.waitAt(b.context, '2', 60_000);
    pauses.resumeAll();
    expect([a.log.at(-1), b.log.at(-1)]).toEqual(['resume', 'resume']);
    pauses.waitAt(c.context, '3', 60_000);
    pauses.clear();
    clock.advance(120_000);
    expect(c.log).toEqual(['pause', 'seek 3']);
    expect(clock.pending()).toBe(0);
  });

  it('backs off 400 ms doubling to at most 30 s', () => {
    expect([1, 2, 3, 6, 7, 8, 50].map(backoffMs)).toEqual([
      400, 800, 1_600, 12_800, 25_600, 30_000, 30_000,
    ]);
  });
});
