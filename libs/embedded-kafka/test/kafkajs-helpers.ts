import { Admin, ITopicConfig, Kafka, logLevel } from 'kafkajs';
import { EmbeddedKafkaOptions } from '../src';
import { BrokerUnderTest, startConformanceBroker } from './broker-under-test';

/**
 * The broker under test (embedded, or Apache Kafka with HERALD_TEST_KAFKA=apache) plus a
 * kafkajs client for it; `stop()` in afterAll.
 */
export async function startConformanceBrokerAndClient(
  options: EmbeddedKafkaOptions = {},
): Promise<{ broker: BrokerUnderTest; kafka: Kafka }> {
  const broker = await startConformanceBroker({ initialRebalanceDelayMs: 50, ...options });
  const kafka = new Kafka({
    clientId: 'embedded-kafka-spec',
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 50 },
  });
  return { broker, kafka };
}

/** Resolves once `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what: string | (() => string) = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/**
 * createTopics, then waits until every partition answers ListOffsets. Apache Kafka answers
 * NOT_LEADER_OR_FOLLOWER (and Metadata UNKNOWN_TOPIC_OR_PARTITION) for a moment after a
 * topic is created, while its broker applies the new leadership; the embedded broker never does.
 */
export async function createTopicsAndWait(admin: Admin, topics: ITopicConfig[]): Promise<void> {
  await admin.createTopics({ topics });
  for (const { topic } of topics) {
    await eventually(
      () =>
        admin.fetchTopicOffsets(topic).then(
          () => true,
          () => false,
        ),
      20_000,
      `the partitions of ${topic} to have leaders`,
    );
  }
}
