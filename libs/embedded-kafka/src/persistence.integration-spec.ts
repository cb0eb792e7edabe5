import { mkdtempSync, rmSync } from 'fs';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EmbeddedKafka, startEmbeddedKafka } from './embedded-kafka';
import { eventually, uniqueName } from '../test/kafkajs-helpers';

jest.setTimeout(30_000);

describe('embedded broker with a data dir', () => {
  let dataDir: string;
  let broker: EmbeddedKafka | undefined;

  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'ek-data-'))));
  afterAll(async () => {
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (): Promise<Kafka> => {
    broker = await startEmbeddedKafka({ port: 0, dataDir, initialRebalanceDelayMs: 0 });
    return new Kafka({
      clientId: 'restart-spec',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
  };

  it('keeps topics, configs, messages and committed offsets across a restart', async () => {
    const topic = uniqueName('durable');
    const groupId = uniqueName('g');
    let kafka = await start();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
      ],
    });
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({
      topic,
      compression: CompressionTypes.GZIP,
      messages: Array.from({ length: 10 }, (_, i) => ({
        key: `k${i}`,
        value: `before-${i}`,
        partition: i % 2,
      })),
    });
    await producer.disconnect();
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 6000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 100,
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let consumed = 0;
    await consumer.run({ eachMessage: async () => void (consumed += 1) });
    await eventually(() => consumed === 10);
    await consumer.disconnect(); // commits on the way out
    await broker!.stop();

    kafka = await start();
    const admin2 = kafka.admin();
    await admin2.connect();
    expect(await admin2.listTopics()).toContain(topic);
    const offsets = await admin2.fetchTopicOffsets(topic);
    expect(offsets.map((o) => o.high).sort()).toEqual(['5', '5']);
    const [committed] = await admin2.fetchOffsets({ groupId, topics: [topic] });
    expect(committed.partitions.map((p) => p.offset).sort()).toEqual(['5', '5']);
    await admin2.disconnect();

    const producer2 = kafka.producer();
    await producer2.connect();
    await producer2.send({ topic, messages: [{ value: 'after', partition: 0 }] });
    await producer2.disconnect();

    const resumed = kafka.consumer({
      groupId,
      sessionTimeout: 6000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 100,
    });
    const afterRestart: { value: string; offset: string }[] = [];
    await resumed.connect();
    await resumed.subscribe({ topic, fromBeginning: true });
    await resumed.run({
      eachMessage: async ({ message }) =>
        void afterRestart.push({ value: String(message.value), offset: message.offset }),
    });
    await eventually(() => afterRestart.length >= 1);
    await resumed.disconnect();
    expect(afterRestart).toEqual([{ value: 'after', offset: '5' }]);

    const reader = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
    const all: string[] = [];
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void all.push(String(message.value)) });
    await eventually(() => all.length === 11);
    await reader.disconnect();
    expect(all.sort()).toEqual(
      [...Array.from({ length: 10 }, (_, i) => `before-${i}`), 'after'].sort(),
    );
  });
});
