import { Kafka } from 'kafkajs';
import { BrokerUnderTest } from '../test/broker-under-test';
import { eventually, startConformanceBrokerAndClient, uniqueName } from '../test/kafkajs-helpers';

const consumerOptions = { sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 100 };

jest.setTimeout(30_000);

describe('embedded broker with kafkajs: consumer features and admin calls', () => {
  let broker: BrokerUnderTest;
  let kafka: Kafka;

  beforeAll(async () => {
    ({ broker, kafka } = await startConformanceBrokerAndClient());
  });
  afterAll(() => broker.stop());

  async function produce(topic: string, values: string[], partition = 0): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: values.map((value) => ({ value, partition })) });
    await producer.disconnect();
  }

  it('eachBatch with manual commits: a second consumer of the group resumes after the committed offset', async () => {
    const topic = uniqueName('batch');
    const groupId = uniqueName('g');
    await produce(topic, ['a', 'b', 'c', 'd']);
    const first = kafka.consumer({ groupId, ...consumerOptions });
    const got: string[] = [];
    await first.connect();
    await first.subscribe({ topic, fromBeginning: true });
    await first.run({
      autoCommit: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        for (const m of batch.messages) {
          if (got.length === 2) break;
          got.push(String(m.value));
          resolveOffset(m.offset);
        }
      },
    });
    await eventually(() => got.length === 2);
    await first.commitOffsets([{ topic, partition: 0, offset: '2' }]);
    await first.disconnect();

    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed.partitions.find((p) => p.partition === 0)?.offset).toBe('2');

    const second = kafka.consumer({ groupId, ...consumerOptions });
    const rest: string[] = [];
    await second.connect();
    await second.subscribe({ topic, fromBeginning: true });
    await second.run({ eachMessage: async ({ message }) => void rest.push(String(message.value)) });
    await eventually(() => rest.length === 2);
    await second.disconnect();
    expect(got).toEqual(['a', 'b']);
    expect(rest).toEqual(['c', 'd']);

    const { groups } = await admin.describeGroups([groupId]);
    expect(groups[0]).toEqual(expect.objectContaining({ groupId, state: 'Empty' }));
    expect((await admin.listGroups()).groups).toContainEqual({ groupId, protocolType: 'consumer' });
    await admin.resetOffsets({ groupId, topic, earliest: true });
    const [reset] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(reset.partitions.find((p) => p.partition === 0)?.offset).toBe('-2');
    await admin.deleteGroups([groupId]);
    expect((await admin.describeGroups([groupId])).groups[0].state).toBe('Dead');
    await admin.disconnect();
  });

  it('seek, pause and resume', async () => {
    const topic = uniqueName('seek');
    await produce(
      topic,
      Array.from({ length: 10 }, (_, i) => `v${i}`),
    );
    const consumer = kafka.consumer({ groupId: uniqueName('g'), ...consumerOptions });
    const got: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let sought = false;
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        got.push(String(message.value));
        if (!sought && message.offset === '1') {
          sought = true;
          consumer.seek({ topic, partition, offset: '7' });
        }
      },
    });
    await eventually(() => got.includes('v9'));
    expect(got).toEqual(['v0', 'v1', 'v7', 'v8', 'v9']);

    consumer.pause([{ topic }]);
    expect(consumer.paused()).toEqual([{ topic, partitions: [0, 1, 2] }]);
    await produce(topic, ['while-paused']);
    const pausedAt = got.length;
    // A paused consumer keeps fetching other partitions; give it several fetch cycles.
    await new Promise((r) => setTimeout(r, 400));
    expect(got.length).toBe(pausedAt);
    consumer.resume([{ topic }]);
    await eventually(() => got.includes('while-paused'));
    await consumer.disconnect();
  });

  it('deletes topics and lists the rest', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const keep = uniqueName('keep');
    const drop = uniqueName('drop');
    await admin.createTopics({
      topics: [
        {
          topic: keep,
          numPartitions: 1,
          configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
        },
        { topic: drop, numPartitions: 2 },
      ],
    });
    await admin.deleteTopics({ topics: [drop] });
    const topics = await admin.listTopics();
    expect(topics).toContain(keep);
    expect(topics).not.toContain(drop);
    await expect(
      admin.createTopics({
        topics: [
          { topic: uniqueName('bad'), configEntries: [{ name: 'cleanup.policy', value: 'shred' }] },
        ],
      }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_CONFIG' })] });
    await admin.disconnect();
  });
});
