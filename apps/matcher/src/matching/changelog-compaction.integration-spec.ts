import { randomUUID } from 'crypto';
import { ConfigResourceTypes, Kafka, Producer, logLevel } from 'kafkajs';
import { Subscription, SubscriptionRecord, TOPICS, allTopics } from '@herald/contracts';
import { ApacheKafkaCluster, startApacheKafka } from '@herald/apache-kafka';
import { ChangelogReader, ensureTopics } from '@herald/kafka';
import { SubscriptionIndex } from '@herald/matching';
import { eventually } from '@herald/testing';
import { subscriptionFixture } from '../testing/matching-fixtures';
import { IndexUpdater } from './index-updater';

/**
 * herald.subscriptions.changelog really compacts on Apache Kafka 4.1.1: many versions of one
 * subscription leave only the latest, a tombstone removes a subscription altogether, and the
 * matcher's index rebuilt from the compacted topic holds exactly the live subscriptions.
 * The topic is made by Herald's bootstrap; only its cleaning is sped up for the test.
 */
jest.setTimeout(180_000);

const TOPIC = TOPICS.subscriptionsChangelog;
/** Everything on one partition, so one log's cleaning decides the outcome. */
const PARTITION = 0;

describe('the subscriptions changelog compacted by Apache Kafka', () => {
  let cluster: ApacheKafkaCluster;
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    // The log cleaner looks for work every 200 ms instead of every 15 s.
    cluster = await startApacheKafka({ nodes: 1, brokerConfig: { 'log.cleaner.backoff.ms': 200 } });
    kafka = new Kafka({
      clientId: 'compaction-spec',
      brokers: cluster.brokers,
      logLevel: logLevel.NOTHING,
    });
    await ensureTopics(kafka, allTopics());
    const admin = kafka.admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: TOPIC,
          // AlterConfigs replaces the topic's settings: cleanup.policy is restated.
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'segment.ms', value: '100' },
            { name: 'min.cleanable.dirty.ratio', value: '0.01' },
            { name: 'min.compaction.lag.ms', value: '0' },
            { name: 'delete.retention.ms', value: '100' },
          ],
        },
      ],
    });
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await cluster?.stop();
  });

  const publish = (subscription: Subscription) => {
    const record: SubscriptionRecord = { kind: 'herald.subscription', version: 2, subscription };
    return producer.send({
      topic: TOPIC,
      acks: -1,
      messages: [{ key: subscription.id, value: JSON.stringify(record), partition: PARTITION }],
    });
  };
  const tombstone = (id: string) =>
    producer.send({
      topic: TOPIC,
      acks: -1,
      messages: [{ key: id, value: null, partition: PARTITION }],
    });

  const logEndOffset = async (): Promise<bigint> => {
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(TOPIC).finally(() => admin.disconnect());
    return BigInt(offsets.find((o) => o.partition === PARTITION)!.high);
  };

  /** The keys stored in the partition now, in offset order (a tombstone shows as `id:null`). */
  const storedKeys = async (): Promise<string[]> => {
    const last = (await logEndOffset()) - 1n;
    const consumer = kafka.consumer({ groupId: `compaction-reader-${randomUUID()}` });
    const keys: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (partition !== PARTITION) return;
          keys.push(`${message.key}${message.value === null ? ':null' : ''}`);
          if (BigInt(message.offset) >= last) resolve();
        },
      });
    });
    await consumer.disconnect();
    return keys;
  };

  it('keeps only the latest version, drops a deleted subscription, and the rebuilt index holds exactly the live ones', async () => {
    const versions = 60;
    for (let revision = 1; revision <= versions; revision++) {
      await publish(
        subscriptionFixture('sub_many', { revision, eventTypes: [`order.v${revision}`] }),
      );
      if (revision <= 10) await publish(subscriptionFixture('sub_deleted', { revision }));
    }
    await tombstone('sub_deleted');
    await publish(subscriptionFixture('sub_once'));
    const written = Number(await logEndOffset());
    expect(written).toBe(versions + 10 + 1 + 1); // compaction keeps offsets: every write counted

    // A fresh version of a live subscription on every poll rolls a segment (segment.ms) and
    // keeps the log dirty, so the cleaner comes back to remove the tombstone once its
    // delete.retention.ms has passed.
    let revision = 0;
    let stored: string[] = [];
    await eventually(
      async () => {
        revision += 1;
        await publish(subscriptionFixture('sub_heartbeat', { revision }));
        stored = await storedKeys();
        const count = (key: string) => stored.filter((k) => k.split(':')[0] === key).length;
        return count('sub_many') === 1 && count('sub_deleted') === 0;
      },
      'the log cleaner to leave one sub_many and no sub_deleted',
      150_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message} (stored now: ${stored.join(', ')})`);
    });
    console.log(
      `compaction: ${written} records → ${stored.length} after ${revision} cleaner rounds`,
    );
    expect(stored).toContain('sub_once');
    expect(stored).not.toContain('sub_deleted:null');

    const index = new SubscriptionIndex();
    const rejected: string[] = [];
    const reader = new ChangelogReader(kafka, new IndexUpdater(index, (id) => rejected.push(id)));
    await reader.start();
    await reader.loaded;
    await reader.stop();
    expect(rejected).toEqual([]);
    expect(index.size).toBe(3);
    expect(index.get('sub_many')).toEqual(
      expect.objectContaining({ revision: versions, eventTypes: [`order.v${versions}`] }),
    );
    expect(index.get('sub_once')).toBeDefined();
    expect(index.get('sub_heartbeat')).toBeDefined();
    expect(index.get('sub_deleted')).toBeUndefined();
  });
});
