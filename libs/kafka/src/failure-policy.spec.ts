import { DatabaseError } from 'pg';
import { Registry } from 'prom-client';
import { QueryFailedError } from 'typeorm';
import { ConsumerMetrics } from './consumer-metrics';
import type { BatchContext, ConsumedMessage, Poison, TopicHandler } from './consumer-runner';
import { FailurePolicy } from './failure-policy';

/** A PostgreSQL error as pg raises it and TypeORM wraps it. */
function postgres(code: string, message: string): Error {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  return new QueryFailedError('INSERT ...', [], error);
}
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

/**
 * One partition as kafkajs hands it to a handler: resolving moves `resolved`; nothing else
 * happens (the runner around the policy does the rewinding and the back-off).
 */
function partition(values: string[]) {
  const messages: ConsumedMessage[] = values.map((value, i) => ({
    topic: 'herald.events.inbound',
    partition: 0,
    offset: String(i),
    key: null,
    value: Buffer.from(value),
    headers: {},
    timestamp: '0',
  }));
  let resolved = -1;
  const context: BatchContext = {
    topic: 'herald.events.inbound',
    partition: 0,
    resolveOffset: (offset) => (resolved = Math.max(resolved, Number(offset))),
    heartbeat: async () => undefined,
    isActive: () => true,
    pause: () => () => undefined,
    seek: () => undefined,
    commit: async () => undefined,
  };
  const isResolved = (offset: string) => Number(offset) <= resolved;
  const unresolved = () => messages.filter((m) => !isResolved(m.offset));
  return { messages, context, isResolved, unresolved };
}

/**
 * A handler like event-ingest's: decodes the whole batch, then writes it in one statement
 * (PostgreSQL refuses the whole statement for one bad row), then resolves it.
 */
function batchWriter(database: { down: number; bug?: string }) {
  const stored: string[] = [];
  const quarantined: { value: string; poison: Poison }[] = [];
  let writes = 0;
  const handler: TopicHandler = {
    name: 'batch-writer',
    topics: ['herald.events.inbound'],
    async handleBatch(messages, context) {
      const rows = messages.map((m) => JSON.parse(m.value!.toString()) as { s: string });
      writes++;
      if (database.down > 0) {
        database.down--;
        throw refused();
      }
      if (rows.some((r) => r.s.includes('\u0000')))
        throw postgres('22P05', 'unsupported Unicode escape sequence');
      if (database.bug && rows.some((r) => r.s === database.bug))
        throw new TypeError("Cannot read properties of undefined (reading 'id')");
      stored.push(...rows.map((r) => r.s));
      context.resolveOffset(messages[messages.length - 1].offset);
    },
    async quarantine(message, poison) {
      quarantined.push({ value: message.value!.toString(), poison });
    },
  };
  return { handler, stored, quarantined, writes: () => writes };
}

const event = (s: string) => JSON.stringify({ s });

function policyWith(maxMessageRetries = 3) {
  const registry = new Registry();
  const metrics = new ConsumerMetrics(registry, 'herald-event-ingest');
  const policy = new FailurePolicy({ maxMessageRetries, metrics });
  const metric = async (name: string, labels: string) =>
    (await registry.getSingleMetricAsString(name))
      .split('\n')
      .find((line) => line.startsWith(`${name}{`) && line.includes(labels))
      ?.split(' ')[1];
  return { policy, metric };
}

describe('FailurePolicy (the consumer runner on a failing handler)', () => {
  it('quarantines the one message PostgreSQL refuses and stores the rest once, in order', async () => {
    const values = ['a', 'b', 'c', 'd', 'e\u0000', 'f', 'g', 'h'].map(event);
    const { messages, context, isResolved, unresolved } = partition(values);
    const writer = batchWriter({ down: 0 });
    const { policy, metric } = policyWith();
    await policy.run(writer.handler, messages, context, isResolved);
    expect(writer.stored).toEqual(['a', 'b', 'c', 'd', 'f', 'g', 'h']);
    expect(writer.quarantined).toEqual([
      {
        value: event('e\u0000'),
        poison: { reason: 'data_error', detail: expect.stringContaining('22P05') },
      },
    ]);
    expect(unresolved()).toEqual([]);
    // 8 messages: the whole batch, then halves down to the one: log2(8) + a write per half.
    expect(writer.writes()).toBeLessThanOrEqual(1 + 2 * Math.log2(8));
    expect(await metric('herald_consumer_poison_messages_total', 'reason="data_error"')).toBe('1');
  });

  it('finds every poison message of a batch: undecodable JSON and refused rows', async () => {
    const values = [event('a'), '{"s": broken', event('b'), event('\u0000'), event('c')];
    const { messages, context, isResolved, unresolved } = partition(values);
    const writer = batchWriter({ down: 0 });
    await policyWith().policy.run(writer.handler, messages, context, isResolved);
    expect(writer.stored).toEqual(['a', 'b', 'c']);
    expect(writer.quarantined.map((q) => q.poison.reason)).toEqual(['undecodable', 'data_error']);
    expect(unresolved()).toEqual([]);
  });

  it('never skips anything while the database is down, however long, then carries on', async () => {
    const { messages, context, isResolved, unresolved } = partition(['a', 'b', 'c'].map(event));
    const writer = batchWriter({ down: 50 });
    const { policy, metric } = policyWith(3);
    for (let failure = 1; failure <= 50; failure++) {
      await expect(policy.run(writer.handler, messages, context, isResolved)).rejects.toThrow(
        /ECONNREFUSED/,
      );
      expect(policy.willRetry(context, unresolved()[0]?.offset, refused())).toBe(failure);
    }
    expect(writer.quarantined).toEqual([]);
    expect(unresolved()).toHaveLength(3);
    expect(await metric('herald_consumer_messages_retrying', 'herald-event-ingest')).toBe('1');
    await policy.run(writer.handler, messages, context, isResolved);
    expect(writer.stored).toEqual(['a', 'b', 'c']);
    expect(await metric('herald_consumer_messages_retrying', 'herald-event-ingest')).toBe('0');
    expect(await metric('herald_consumer_message_retries_total', 'failure="transient"')).toBe('50');
  });

  it('retries an unknown failure up to the bound, then quarantines only that message', async () => {
    const { messages, context, isResolved, unresolved } = partition(['a', 'bug', 'c'].map(event));
    const writer = batchWriter({ down: 0, bug: 'bug' });
    const { policy, metric } = policyWith(3);
    for (let failure = 1; failure <= 3; failure++) {
      await expect(policy.run(writer.handler, messages, context, isResolved)).rejects.toThrow(
        TypeError,
      );
      policy.willRetry(context, unresolved()[0].offset, new TypeError('x'));
    }
    expect(writer.quarantined).toEqual([]);
    await policy.run(writer.handler, messages, context, isResolved);
    expect(writer.stored).toEqual(['a', 'c']);
    expect(writer.quarantined.map((q) => [q.value, q.poison.reason])).toEqual([
      [event('bug'), 'retries_exhausted'],
    ]);
    expect(unresolved()).toEqual([]);
    expect(await metric('herald_consumer_message_retries_total', 'failure="unknown"')).toBe('3');
    expect(
      await metric('herald_consumer_poison_messages_total', 'reason="retries_exhausted"'),
    ).toBe('1');
  });

  it('starts the count again when the partition got past the failing message', async () => {
    const { context } = partition([]);
    const { policy } = policyWith(3);
    expect(policy.willRetry(context, '5', new Error('odd'))).toBe(1);
    expect(policy.willRetry(context, '5', new Error('odd'))).toBe(2);
    expect(policy.willRetry(context, '6', new Error('odd'))).toBe(1);
  });

  it('retries a quarantine that fails (the broker is down) instead of skipping', async () => {
    const { messages, context, isResolved, unresolved } = partition([event('\u0000')]);
    const writer = batchWriter({ down: 0 });
    writer.handler.quarantine = async () => {
      throw refused();
    };
    const { policy } = policyWith();
    await expect(policy.run(writer.handler, messages, context, isResolved)).rejects.toThrow(
      /ECONNREFUSED/,
    );
    expect(unresolved()).toHaveLength(1);
  });

  it('stops isolating where the handler paused (a retry topic waiting for a due time)', async () => {
    const { messages, context, isResolved, unresolved } = partition(
      ['a', '\u0000', 'wait', 'b'].map(event),
    );
    const seen: string[][] = [];
    const quarantined: string[] = [];
    const handler: TopicHandler = {
      name: 'waiting',
      topics: ['herald.events.inbound'],
      async handleBatch(batch, ctx) {
        seen.push(batch.map((m) => JSON.parse(m.value!.toString()).s));
        for (const m of batch) {
          const { s } = JSON.parse(m.value!.toString()) as { s: string };
          if (s === 'wait') return; // paused until due: the rest stays unresolved
          if (s.includes('\u0000')) throw postgres('22021', 'invalid byte sequence');
          ctx.resolveOffset(m.offset);
        }
      },
      async quarantine(message) {
        quarantined.push(message.offset);
      },
    };
    await policyWith().policy.run(handler, messages, context, isResolved);
    expect(quarantined).toEqual(['1']);
    expect(unresolved().map((m) => m.offset)).toEqual(['2', '3']);
  });
});
