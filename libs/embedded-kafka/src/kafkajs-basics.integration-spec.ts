import { CompressionTypes, Kafka } from 'kafkajs';
import { BrokerUnderTest } from '../test/broker-under-test';
import {
  createTopicsAndWait,
  eventually,
  startConformanceBrokerAndClient,
  uniqueName,
} from '../test/kafkajs-helpers';

jest.setTimeout(30_000);

describe('embedded broker with kafkajs: produce and consume', () => {
  let broker: BrokerUnderTest;
  let kafka: Kafka;

  beforeAll(async () => {
    ({ broker, kafka } = await startConformanceBrokerAndClient());
  });
  afterAll(() => broker.stop());

  it('creates a topic and reports its offsets through the admin client', async () => {
    const topic = uniqueName('admin');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await createTopicsAndWait(admin, [{ topic, numPartitions: 4 }]);
      expect(await admin.listTopics()).toContain(topic);
      const offsets = await admin.fetchTopicOffsets(topic);
      expect(offsets.map((o) => [o.partition, o.low, o.high]).sort()).toEqual([
        [0, '0', '0'],
        [1, '0', '0'],
        [2, '0', '0'],
        [3, '0', '0'],
      ]);
    } finally {
      await admin.disconnect();
    }
  });

  it('delivers gzip messages of an idempotent producer to a consumer group, with headers and null values', async () => {
    const topic = uniqueName('orders');
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const messages = Array.from({ length: 30 }, (_, i) => ({
      key: `k${i % 5}`,
      value: i === 7 ? null : `v${i}`,
      headers: { 'x-index': String(i) },
    }));
    await producer.send({ topic, compression: CompressionTypes.GZIP, messages, acks: -1 });
    await producer.disconnect();

    const consumer = kafka.consumer({
      groupId: uniqueName('g'),
      sessionTimeout: 6000,
      heartbeatInterval: 500,
      maxWaitTimeInMs: 100,
    });
    const seen: { value: string | null; header: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({
          value: message.value === null ? null : message.value.toString(),
          header: String(message.headers?.['x-index']),
        });
      },
    });
    await eventually(() => seen.length >= 30, 20_000, '30 messages');
    await consumer.disconnect();
    expect(seen.map((s) => Number(s.header)).sort((a, b) => a - b)).toEqual(
      messages.map((_, i) => i),
    );
    expect(seen.find((s) => s.header === '7')?.value).toBeNull();
    expect(seen.find((s) => s.header === '3')?.value).toBe('v3');
  });

  it('carries a multi-megabyte produce request arriving in many TCP chunks', async () => {
    const topic = uniqueName('large');
    const admin = kafka.admin();
    await admin.connect();
    await createTopicsAndWait(admin, [{ topic, numPartitions: 4 }]);
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    // 3 MB in one request: four batches of 750 KB, each under message.max.bytes (1 MiB).
    const values = Array.from({ length: 300 }, (_, i) =>
      `${i}:`.padEnd(10_000, String.fromCharCode(97 + (i % 26))),
    );
    await producer.send({
      topic,
      messages: values.map((value, i) => ({ value, partition: i % 4 })),
    });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: uniqueName('g'), maxWaitTimeInMs: 100 });
    const got = new Map<number, string[]>();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) =>
        void got.set(partition, [...(got.get(partition) ?? []), String(message.value)]),
    });
    await eventually(() => [...got.values()].flat().length === values.length);
    await consumer.disconnect();
    for (const partition of [0, 1, 2, 3]) {
      expect(got.get(partition)).toEqual(values.filter((_, i) => i % 4 === partition));
    }
  });

  it('refuses a batch over message.max.bytes (1 MiB) with MESSAGE_TOO_LARGE', async () => {
    const topic = uniqueName('too-large');
    const producer = kafka.producer();
    await producer.connect();
    const value = 'x'.padEnd(600_000, 'y');
    await expect(
      producer.send({
        topic,
        messages: [
          { value, partition: 0 },
          { value, partition: 0 },
        ],
      }),
    ).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
    await producer.send({ topic, messages: [{ value, partition: 0 }] });
    await producer.disconnect();
  });
});
