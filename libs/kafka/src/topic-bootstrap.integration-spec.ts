import { Ctx, Payload } from '@nestjs/microservices';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { TOPICS, TopicSpec, allTopics } from '@herald/contracts';
import { ApacheKafkaCluster, startApacheKafka } from '@herald/apache-kafka';
import { BatchContext, ConsumedMessage } from './consumer-runner';
import {
  HeraldKafkaTransport,
  KafkaBatch,
  KafkaBatchHandler,
  KafkaConsumers,
  asReceived,
} from './kafka-transport';
import { ensureTopics } from './topic-bootstrap';

@KafkaConsumers()
class InboundConsumers {
  @KafkaBatchHandler(TOPICS.eventsInbound)
  inbound(@Payload() _batch: KafkaBatch<ConsumedMessage>, @Ctx() _context: BatchContext) {
    return Promise.resolve();
  }
}

/**
 * Herald's topic bootstrap on Apache Kafka 4.1.1 with auto-creation off (as production runs):
 * the catalogue of libs/contracts exactly as declared, served as soon as ensureTopics
 * returns, nothing done on a second start, and a consumer of a missing topic refused clearly.
 */
jest.setTimeout(120_000);

/** Kafka's own default retention.ms, what a catalogue entry without retentionMs gets. */
const BROKER_DEFAULT_RETENTION_MS = String(7 * 86_400_000);

describe('topic bootstrap on Apache Kafka', () => {
  let cluster: ApacheKafkaCluster;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await startApacheKafka({
      nodes: 1,
      brokerConfig: { 'auto.create.topics.enable': false },
    });
    kafka = new Kafka({
      clientId: 'topic-bootstrap-spec',
      brokers: cluster.brokers,
      logLevel: logLevel.NOTHING,
    });
  });
  afterAll(() => cluster?.stop());

  const configsOf = async (names: string[]) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: names.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['cleanup.policy', 'retention.ms'],
        })),
      });
      return new Map(
        resources.map((r) => [
          r.resourceName,
          Object.fromEntries(r.configEntries.map((c) => [c.configName, c.configValue])),
        ]),
      );
    } finally {
      await admin.disconnect();
    }
  };

  it('creates the catalogue as declared, and every partition answers when it returns', async () => {
    const catalogue = allTopics();
    expect(await ensureTopics(kafka, catalogue)).toEqual(catalogue.map((t) => t.name));

    // No retries: what a service does right after start-up must work at once.
    const admin = new Kafka({
      clientId: 'no-retries',
      brokers: cluster.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    await admin.connect();
    for (const spec of catalogue) {
      const offsets = await admin.fetchTopicOffsets(spec.name);
      expect({ topic: spec.name, partitions: offsets.length }).toEqual({
        topic: spec.name,
        partitions: spec.partitions,
      });
    }
    await admin.disconnect();

    const configs = await configsOf(catalogue.map((t) => t.name));
    for (const spec of catalogue) {
      expect({ topic: spec.name, ...configs.get(spec.name) }).toEqual({
        topic: spec.name,
        'cleanup.policy': spec.compacted ? 'compact' : 'delete',
        'retention.ms':
          spec.retentionMs === undefined ? BROKER_DEFAULT_RETENTION_MS : String(spec.retentionMs),
      });
    }
  });

  it('creates nothing and changes nothing on a second start, nor when two services start at once', async () => {
    const catalogue = allTopics();
    const before = await configsOf(catalogue.map((t) => t.name));
    expect(await ensureTopics(kafka, catalogue)).toEqual([]);
    expect(await configsOf(catalogue.map((t) => t.name))).toEqual(before);

    const fresh: TopicSpec[] = [
      { name: 'spec.race.compacted', key: 'id', partitions: 4, compacted: true },
      { name: 'spec.race.retained', key: 'id', partitions: 2, retentionMs: 3_600_000 },
    ];
    const results = await Promise.all([ensureTopics(kafka, fresh), ensureTopics(kafka, fresh)]);
    expect(results.every((created) => created.length === 2)).toBe(true);
    const admin = kafka.admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: fresh.map((t) => t.name) });
    await admin.disconnect();
    expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([
      ['spec.race.compacted', 4],
      ['spec.race.retained', 2],
    ]);
  });

  it('refuses to start a consumer of a missing domain topic, naming it, and creates nothing', async () => {
    const transport = new HeraldKafkaTransport({
      kafka,
      groupId: 'spec-domain-consumer',
      registry: new Registry(),
      bindings: {
        [TOPICS.eventsInbound]: {
          codec: asReceived(),
          alsoOwns: ['orders.domain'],
          quarantine: async () => undefined,
        },
      },
    }).bind(new InboundConsumers());
    await expect(transport.start()).rejects.toThrow(
      'pattern herald.events.inbound declares topic orders.domain, which does not exist',
    );
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).not.toContain('orders.domain');
    await admin.disconnect();
  });
});
