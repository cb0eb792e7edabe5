import { FlushBatcher } from './flush-batcher';

describe('FlushBatcher', () => {
  it('writes items added together in one call and resolves each add after it', async () => {
    const writes: number[][] = [];
    const batcher = new FlushBatcher<number>(async (items) => {
      writes.push(items);
    }, 5);
    await Promise.all([batcher.add(1), batcher.add(2, 3), batcher.add(4)]);
    expect(writes).toEqual([[1, 2, 3, 4]]);
  });

  it('flushes at maxItems without waiting for the interval', async () => {
    const writes: number[][] = [];
    const batcher = new FlushBatcher<number>(
      async (items) => {
        writes.push(items);
      },
      60_000,
      2,
    );
    await batcher.add(1, 2);
    expect(writes).toEqual([[1, 2]]);
  });

  it('rejects every add of a failed write', async () => {
    const batcher = new FlushBatcher<number>(async () => {
      throw new Error('database down');
    }, 1);
    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('writes each add alone after a permanent failure, so only the bad one rejects', async () => {
    const writes: number[][] = [];
    const batcher = new FlushBatcher<number>(
      async (items) => {
        writes.push(items);
        if (items.includes(13)) throw new Error('22P05 unsupported Unicode escape sequence');
      },
      1,
      1_000,
      (error) => error.message.startsWith('22P05'),
    );
    const results = await Promise.allSettled([batcher.add(1), batcher.add(13, 14), batcher.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(writes).toEqual([[1, 13, 14, 2], [1], [13, 14], [2]]);
  });

  it('rejects every add of a transient failure without splitting', async () => {
    let calls = 0;
    const batcher = new FlushBatcher<number>(
      async () => {
        calls++;
        throw new Error('connection refused');
      },
      1,
      1_000,
      () => false,
    );
    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
  });
});
