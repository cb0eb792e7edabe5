import type { ConsumedMessage, TopicHandler } from './consumer-runner';
import { FailurePolicy } from './failure-policy';
import { runPartitionBatch } from './partition-batch';
import { PartitionPauses } from './partition-pauses';
import { recordingPartition } from './testing/recording-partition';

const TOPIC = 'herald.deliveries';
const outage = () => new Error('Connection terminated unexpectedly'); // transient

function messages(from: number, to: number): ConsumedMessage[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    topic: TOPIC,
    partition: 0,
    offset: String(from + i),
    key: null,
    value: Buffer.from(`m${from + i}`),
    headers: {},
    timestamp: '0',
  }));
}

const partition = (active = true) => recordingPartition(TOPIC, active);

/** A handler that resolves `finishes` messages of each batch, then throws `error` (if any). */
function handlerThat(finishes: number, error?: () => Error): TopicHandler {
  return {
    name: 'spec',
    topics: [TOPIC],
    async handleBatch(batch, context) {
      for (const message of batch.slice(0, finishes)) context.resolveOffset(message.offset);
      if (error) throw error();
    },
    quarantine: async () => undefined,
  };
}

/** One macrotask of the real loop: every promise that does not wait for a timer settles. */
const realTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The batch's promise settled without fake time moving: no sleep inside the kafkajs call. */
async function withoutSleeping<T>(run: Promise<T>): Promise<T> {
  const startedAt = Date.now();
  let settled = false;
  void run.then(
    () => (settled = true),
    () => (settled = true),
  );
  await realTurn();
  expect(settled).toBe(true);
  expect(Date.now()).toBe(startedAt);
  return run;
}

/** Runs fake time to the partition's next timer; returns when it resumed (ms from now). */
async function msUntilResume(log: string[]): Promise<number> {
  const from = Date.now();
  expect(jest.getTimerCount()).toBe(1);
  await jest.advanceTimersToNextTimerAsync();
  expect(log.at(-1)).toBe('resume');
  return Date.now() - from;
}

describe('runPartitionBatch', () => {
  let pauses: PartitionPauses;
  let policy: FailurePolicy;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    pauses = new PartitionPauses({
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    });
    policy = new FailurePolicy({ maxMessageRetries: 10 });
  });
  afterEach(() => {
    pauses.clear();
    jest.useRealTimers();
  });

  it('resolves what the handler finished and moves the partition past it', async () => {
    const { context, log } = partition();
    const handler = handlerThat(4);
    const next = await withoutSleeping(
      runPartitionBatch(messages(0, 3), '10', context, { handler, policy, pauses }),
    );
    expect(next).toBe('4');
    expect(log).toEqual(['resolve 0', 'resolve 1', 'resolve 2', 'resolve 3']);
    expect(pauses.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('gives an empty batch the high watermark as its position', async () => {
    const { context } = partition();
    const next = await runPartitionBatch([], '10', context, {
      handler: handlerThat(0),
      policy,
      pauses,
    });
    expect(next).toBe('10');
  });

  it('on an outage keeps the finished prefix, rewinds to the first unfinished one and backs off', async () => {
    const { context, log } = partition();
    const errors: string[] = [];
    const next = await withoutSleeping(
      runPartitionBatch(messages(0, 4), '5', context, {
        handler: handlerThat(2, outage),
        policy,
        pauses,
        onError: (error, topic, index) => errors.push(`${topic}/${index}: ${error.message}`),
      }),
    );
    expect(next).toBe('2');
    expect(log).toEqual(['resolve 0', 'resolve 1', 'pause', 'seek 2']);
    expect(errors).toEqual(['herald.deliveries/0: Connection terminated unexpectedly']);
    await jest.advanceTimersByTimeAsync(399);
    expect(log.at(-1)).toBe('seek 2'); // not a millisecond early
    await jest.advanceTimersByTimeAsync(1);
    expect(log.at(-1)).toBe('resume');
  });

  it('backs off longer each time the same message fails, up to 30 s, and anew past it', async () => {
    const { context, log } = partition();
    const failing = handlerThat(0, outage);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      await withoutSleeping(
        runPartitionBatch(messages(2, 4), '5', context, { handler: failing, policy, pauses }),
      );
      expect(log.slice(-2)).toEqual(['pause', 'seek 2']);
      waits.push(await msUntilResume(log));
    }
    expect(waits).toEqual([
      400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000, 30_000,
    ]);

    // Message 2 goes through, 3 fails: its first back-off is the shortest again.
    await runPartitionBatch(messages(2, 4), '5', context, {
      handler: handlerThat(1, outage),
      policy,
      pauses,
    });
    expect(log.slice(-3)).toEqual(['resolve 2', 'pause', 'seek 3']);
    expect(await msUntilResume(log)).toBe(400);
  });

  it('resumes a handler that paused until a due time exactly when it is due', async () => {
    const { context, log } = partition();
    const dueInMs = 4_250;
    const waitsForDueTime: TopicHandler = {
      ...handlerThat(0),
      async handleBatch(batch, ctx) {
        ctx.resolveOffset(batch[0].offset);
        pauses.waitAt(ctx, batch[1].offset, dueInMs);
      },
    };
    const next = await withoutSleeping(
      runPartitionBatch(messages(7, 9), '10', context, {
        handler: waitsForDueTime,
        policy,
        pauses,
      }),
    );
    expect(next).toBe('8');
    expect(log).toEqual(['resolve 7', 'pause', 'seek 8']);
    await jest.advanceTimersByTimeAsync(dueInMs - 1);
    expect(log.at(-1)).toBe('seek 8');
    await jest.advanceTimersByTimeAsync(1);
    expect(log.at(-1)).toBe('resume');
    expect(pauses.size).toBe(0);
  });

  it('leaves a partition that was taken away mid-batch unpaused', async () => {
    const { context, log } = partition(false);
    const next = await runPartitionBatch(messages(0, 2), '3', context, {
      handler: handlerThat(1, outage),
      policy,
      pauses,
    });
    expect(next).toBe('1');
    expect(log).toEqual(['resolve 0']);
    expect(jest.getTimerCount()).toBe(0);
  });
});
