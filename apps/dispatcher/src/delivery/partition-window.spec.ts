import { PartitionWindow } from './partition-window';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('PartitionWindow', () => {
  it('moves the commit only over the finished prefix', async () => {
    const w = new PartitionWindow();
    const slow = deferred();
    w.start('10', () => Promise.resolve());
    w.start('11', () => slow.promise);
    w.start('12', () => Promise.resolve());
    await w.settle(5);
    expect(w.takeFinishedPrefix()).toEqual({ lastOffset: '10', error: undefined });
    expect(w.has('12')).toBe(true);
    slow.resolve();
    await w.settle(1_000);
    expect(w.takeFinishedPrefix().lastOffset).toBe('12');
    expect(w.size).toBe(0);
  });

  it('stops at a job whose outcome could not be recorded and reports it', async () => {
    const w = new PartitionWindow();
    w.start('1', () => Promise.resolve());
    w.start('2', () => Promise.reject(new Error('attempt log unavailable')));
    w.start('3', () => Promise.resolve());
    await w.settle(1_000);
    const taken = w.takeFinishedPrefix();
    expect(taken.lastOffset).toBe('1');
    expect(taken.error?.message).toBe('attempt log unavailable');
  });
});
