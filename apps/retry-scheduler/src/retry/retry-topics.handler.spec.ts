import { Message } from 'kafkajs';
import { Registry } from 'prom-client';
import { HEADERS } from '@herald/contracts';
import { BatchContext, ConsumedMessage, KafkaBatch } from '@herald/kafka';
import { recordingPartition } from '@herald/kafka/testing';
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

const partitionContext = () => recordingPartition('herald.retry.5s');

/**
 * The handler as the runtime builds it (its clock and its pause timers are the real ones), on
 * fake timers starting `nowMs` after the jobs were written.
 */
function setup(nowMs: number) {
  jest.useFakeTimers({ now: WRITTEN + nowMs });
  const forwarded: Message[] = [];
  const reparked: { topic: string; messages: Message[] }[] = [];
  const metrics = new RetryMetrics(new Registry(), () => handler.waitingPartitions);
  const handler: RetryTopicsHandler = new RetryTopicsHandler(
    async (messages) => void forwarded.push(...messages),
    async (batches) => void reparked.push(...batches),
    metrics,
  );
  return { handler, forwarded, reparked };
}

/** One fetched batch of a retry partition, as the transport hands it over (`asReceived()`). */
const handle = (handler: RetryTopicsHandler, messages: ConsumedMessage[], context: BatchContext) =>
  handler.retries(batchOf(messages), context);

const batchOf = (messages: ConsumedMessage[]): KafkaBatch<ConsumedMessage> => ({
  topic: messages[0].topic,
  partition: messages[0].partition,
  messages: messages.map((message) => ({ value: message, message })),
  invalid: 0,
});

describe('RetryTopicsHandler', () => {
  afterEach(() => jest.useRealTimers());

  it('forwards the due prefix, resolves it, and pauses at the first job not due', async () => {
    // At 3 s: two jobs are due; the third's turn on the 5 s topic comes at 5 s.
    const { handler, forwarded } = setup(3_000);
    const { context, log } = partitionContext();
    await handle(handler, [retry('0', 2_000), retry('1', 3_000), retry('2', 9_000)], context);
    expect(forwarded.map((m) => m.value?.toString())).toEqual(['{"n":"0"}', '{"n":"1"}']);
    expect(log).toEqual(['resolve 1', 'pause', 'seek 2']);
    expect(jest.getTimerCount()).toBe(1);
    expect(handler.waitingPartitions).toBe(1);
  });

  it('forwards nothing early: its partition resumes exactly at the due time, then the job goes', async () => {
    const { handler, forwarded } = setup(1_000);
    const { context, log } = partitionContext();
    await handle(handler, [retry('7', 5_000)], context);
    expect(forwarded).toHaveLength(0);
    expect(log).toEqual(['pause', 'seek 7']);

    await jest.advanceTimersByTimeAsync(3_999);
    expect(log.at(-1)).toBe('seek 7');
    await handle(handler, [retry('7', 5_000)], context); // a fetch before it is due
    expect(forwarded).toHaveLength(0);

    await jest.advanceTimersByTimeAsync(1);
    expect(log.at(-1)).toBe('resume');
    expect(Date.now()).toBe(WRITTEN + 5_000);
    await handle(handler, [retry('7', 5_000)], context);
    expect(forwarded).toHaveLength(1);
    expect(log.at(-1)).toBe('resolve 7');
    expect(handler.waitingPartitions).toBe(0);
  });

  it('hands a due job back byte for byte: key, value and every header as they came', async () => {
    const { handler, forwarded } = setup(60_000);
    const { context } = partitionContext();
    // What the job looked like when it was written; the consumed message gets fresh copies.
    const key = () => Buffer.from([0x00, 0xff, 0x80, 0x7f]);
    const value = () => Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xc3, 0x28, 0xff, 0xfe]); // not UTF-8
    const headers = () => ({
      [HEADERS.dueAt]: new Date(WRITTEN + 30_000).toISOString(),
      'herald-kind': Buffer.from('delivery.job'),
      'x-binary': Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      'x-repeated': [Buffer.from('a'), Buffer.from('b')],
    });
    const job: ConsumedMessage = {
      ...retry('4', 30_000),
      key: key(),
      value: value(),
      headers: headers(),
    };
    await handle(handler, [job], context);
    expect(forwarded).toHaveLength(1);
    const [sent] = forwarded;
    expect(Buffer.compare(sent.key as Buffer, key())).toBe(0);
    expect(Buffer.compare(sent.value as Buffer, value())).toBe(0);
    expect(sent.headers).toEqual(headers());
    expect(Object.keys(sent).sort()).toEqual(['headers', 'key', 'value']); // Kafka sets the rest
  });

  it('parks a job whose turn came long before it is due on the topic that fits the rest', async () => {
    // Written on the 5 s topic, due in 10 min: at its turn it is parked again, not held here.
    const { handler, forwarded, reparked } = setup(5_000);
    const { context, log } = partitionContext();
    await handle(handler, [retry('3', 600_000)], context);
    expect(forwarded).toHaveLength(0);
    expect(reparked).toHaveLength(1);
    expect(reparked[0].topic).toMatch(/^herald\.retry\./);
    expect(reparked[0].topic).not.toBe('herald.retry.5s');
    expect(log).toEqual(['resolve 3']);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resumes its paused partitions on a rebalance and drops their timers', async () => {
    const { handler } = setup(0);
    const { context, log } = partitionContext();
    await handle(handler, [retry('0', 5_000)], context);
    handler.onRebalance();
    expect(log).toEqual(['pause', 'seek 0', 'resume']);
    expect(handler.waitingPartitions).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('on stop, drops its timers without resuming', async () => {
    const { handler } = setup(0);
    const { context, log } = partitionContext();
    await handle(handler, [retry('0', 5_000)], context);
    handler.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(log).toEqual(['pause', 'seek 0']);
  });
});
