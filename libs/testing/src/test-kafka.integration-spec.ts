import { Kafka, logLevel } from 'kafkajs';
import { allTopics } from '@herald/contracts';
import { ensureTopics } from '@herald/kafka';
import { TestKafka, startTestKafka } from './test-kafka';

describe('ensureTopics on the test broker (HERALD_TEST_KAFKA)', () => {
  let broker: TestKafka;
  let kafka: Kafka;

  beforeAll(async () => {
    broker = await startTestKafka();
    kafka = new Kafka({
      clientId: 'bootstrap-spec',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
  });
  afterAll(() => broker?.stop());

  it('returns once every partition of every topic is served, and is idempotent', async () => {
    const topics = allTopics();
    expect((await ensureTopics(kafka, topics)).sort()).toEqual(topics.map((t) => t.name).sort());
    // kafkajs' own fetchTopicOffsets gives up on NOT_LEADER_FOR_PARTITION: right after
    // createTopics Apache Kafka answers it until the leader has made the partition.
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics) {
        const offsets = await admin.fetchTopicOffsets(topic.name);
        expect(offsets).toHaveLength(topic.partitions);
      }
    } finally {
      await admin.disconnect();
    }
    expect(await ensureTopics(kafka, topics)).toEqual([]);
  });
});
