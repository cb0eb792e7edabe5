import { Message } from 'kafkajs';
import { Registry } from 'prom-client';
import { HEADERS } from '@herald/contracts';
import { BatchContext, ConsumedMessage, PartitionPauses, PauseClock } from '@herald/kafka';
import { RetryMetrics } from './retry-metrics';
import { RetryTopicsHandler } from './retry-topics.handler';

const WRITTEN = Date.parse('2026-03-01T10:00:00Z');

const retry = (offset: string, dueInMs: number, topic = 'herald.retry.5s'): ConsumedMessage => ({
  topic,
  partition: 0,
  offset,
  key: Buffer.from(`k${offset}`),
  value: Buffer.from(JSON.stringify({ n: offset })),
  headers: { [HEADERS.dueAt]: new Date(WRITTEN + dueInMs).toISOString() },
  timestamp: String(WRITTEN),
});

/** A partition as the runner hands it to a handler, recording what the handler did to it. */
function partitionContext(topic = 'herald.retry.5s') {
  const log: string[] = [];
  const context: BatchContext = {
    topic,
    partition: 0,
    resolveOffset: (offset) => log.push(`resolve ${offset}`),
    heartbeat: async () => undefined,
    isActive: () => true,
    pause: () => {
      log.push('pause');
      return () => log.push('resume');
    },
    seek: (offset) => log.push(`seek ${offset}`),
    commit: async () => undefined,
  };
  return { context, log };
}

function setup(nowMs: number) {
  const forwarded: Message[] = [];
  const reparked: { topic: string; messages: Message[] }[] = [];
  const timers: { ms: number; fire: () => void }[] = [];
  const clock: PauseClock = {
    setTimeout: (fire, ms) => timers.push({ ms, fire }),
    clearTimeout: () => undefined,
  };
  let now = WRITTEN + nowMs;
  const pauses = new PartitionPauses(clock);
  const metrics = new RetryMetrics(new Registry(), () => pauses.size);
  const handler = new RetryTopicsHandler(
    async (messages) => void forwarded.push(...messages),
    async (batches) => void reparked.push(...batches),
    async () => undefined,
    metrics,
    () => now,
    pauses,
  );
  return {
    handler,
    forwarded,
    reparked,
    timers,
    setNow: (ms: number) => (now = WRITTEN + ms),
  };
}

describe('RetryTopicsHandler', () => {
  it('forwards the due prefix, resolves it, and pauses at the first job not due', async () => {
    // At 3 s: two jobs are due; the third's turn on the 5 s topic comes at 5 s.
    const { handler, forwarded, timers } = setup(3_000);
    const { context, log } = partitionContext();
    await handler.handleBatch([retry('0', 2_000), retry('1', 3_000), retry('2', 9_000)], context);
    expect(forwarded.map((m) => m.value?.toString())).toEqual(['{"n":"0"}', '{"n":"1"}']);
    expect(log).toEqual(['resolve 1', 'pause', 'seek 2']);
    expect(timers.map((t) => t.ms)).toEqual([2_000]);
    expect(handler.waitingPartitions).toBe(1);
  });

  it('forwards nothing early: resumed by its timer, the job goes when it is due', async () => {
    const env = setup(1_000);
    const { context, log } = partitionContext();
    await env.handler.handleBatch([retry('7', 5_000)], context);
    expect(env.forwarded).toHaveLength(0);
    expect(log).toEqual(['pause', 'seek 7']);
    env.setNow(5_000);
    env.timers[0].fire();
    expect(log.at(-1)).toBe('resume');
    await env.handler.handleBatch([retry('7', 5_000)], context);
    expect(env.forwarded).toHaveLength(1);
    expect(log.at(-1)).toBe('resolve 7');
  });

  it('parks a job whose turn came long before it is due on the topic that fits the rest', async () => {
    // Written on the 5 s topic, due in 10 min: at its turn it is parked again, not held here.
    const env = setup(5_000);
    const { context, log } = partitionContext();
    await env.handler.handleBatch([retry('3', 600_000)], context);
    expect(env.forwarded).toHaveLength(0);
    expect(env.reparked).toHaveLength(1);
    expect(env.reparked[0].topic).toMatch(/^herald\.retry\./);
    expect(env.reparked[0].topic).not.toBe('herald.retry.5s');
    expect(log).toEqual(['resolve 3']);
  });

  it('resumes its paused partitions on a rebalance', async () => {
    const env = setup(0);
    const { context, log } = partitionContext();
    await env.handler.handleBatch([retry('0', 5_000)], context);
    env.handler.onRebalance();
    expect(log).toEqual(['pause', 'seek 0', 'resume']);
    expect(env.handler.waitingPartitions).toBe(0);
  });
});
