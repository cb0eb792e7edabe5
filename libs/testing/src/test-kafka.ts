import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { claimSharedBroker, resetBroker, startApacheKafka } from '@herald/apache-kafka';
import { loadConfig, oneOf } from '@herald/config';
import { EmbeddedKafkaOptions, startEmbeddedKafka } from '@herald/embedded-kafka';
import { KafkaConnection, plaintextConnection } from '@herald/kafka';

export const testKafkaSchema = {
  HERALD_TEST_KAFKA: oneOf(['embedded', 'apache'] as const, {
    description:
      'integration tests: the broker of startTestKafka (embedded = the Kafka-protocol broker in this repo, apache = Apache Kafka from tools/apache-kafka)',
    default: 'embedded',
  }),
};

export type TestKafkaKind = 'embedded' | 'apache';

/** The broker of one spec file: the embedded broker or a one-node Apache Kafka. */
export interface TestKafka {
  kind: TestKafkaKind;
  /** `host:port` (comma-separated if several), for kafkajs `brokers` or kcat `-b`. */
  brokers: string;
  /** The same as service settings (plaintext, no SASL), e.g. for startStack's externalKafka. */
  connection: KafkaConnection;
  /** Stops the broker and starts it again on the same port and data. (A shared Apache broker
   * refuses: pass `dataDir` for a broker of your own.) */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestKafkaOptions {
  /** Keep the broker's data here across `restart()` (default: a temporary folder). On Apache
   * Kafka this also asks for a broker of the spec's own instead of the worker's shared one. */
  dataDir?: string;
  /** Settings only the embedded broker has (ignored on Apache Kafka). */
  embedded?: Omit<EmbeddedKafkaOptions, 'port' | 'dataDir'>;
}

/** Which broker `startTestKafka` starts: `HERALD_TEST_KAFKA=embedded|apache` (default embedded). */
export function testKafkaKind(): TestKafkaKind {
  return loadConfig(testKafkaSchema).HERALD_TEST_KAFKA;
}

/**
 * A broker for one spec file, chosen by HERALD_TEST_KAFKA, so the same specs run on the embedded
 * broker and on Apache Kafka. Each spec file gets a broker no other file uses at the same time:
 * its own embedded broker, or on Apache Kafka its jest worker's shared broker when
 * scripts/test-apache.cjs started one (emptied of topics and groups first, so fixed names such
 * as `herald.deliveries` never see an earlier file's messages), else a one-node cluster of its
 * own.
 */
export async function startTestKafka(options: TestKafkaOptions = {}): Promise<TestKafka> {
  return testKafkaKind() === 'apache' ? startApache(options) : startEmbedded(options);
}

const connectionFor = (brokers: string) => plaintextConnection(brokers.split(','));

async function startEmbedded(options: TestKafkaOptions): Promise<TestKafka> {
  const start = (port: number) =>
    startEmbeddedKafka({ ...options.embedded, port, dataDir: options.dataDir });
  let broker = await start(0);
  const port = broker.port;
  return {
    kind: 'embedded',
    brokers: broker.brokers,
    connection: connectionFor(broker.brokers),
    restart: async () => {
      await broker.stop();
      broker = await start(port);
    },
    stop: () => broker.stop(),
  };
}

async function startApache(options: TestKafkaOptions): Promise<TestKafka> {
  const shared = options.dataDir === undefined ? claimSharedBroker() : undefined;
  if (shared) return onSharedBroker(shared);
  // A data folder of our own, so restart() keeps the data and stop() can delete it.
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'herald-test-kafka-'));
  const cluster = await startApacheKafka({ nodes: 1, dataDir });
  return {
    kind: 'apache',
    brokers: cluster.bootstrap,
    connection: connectionFor(cluster.bootstrap),
    restart: async () => {
      await cluster.stopNode(0);
      await cluster.restartNode(0);
    },
    stop: async () => {
      await cluster.killNode(0);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function onSharedBroker(shared: { bootstrap: string; release(): void }): Promise<TestKafka> {
  try {
    await resetBroker(shared.bootstrap);
  } catch (error) {
    shared.release();
    throw error;
  }
  return {
    kind: 'apache',
    brokers: shared.bootstrap,
    connection: connectionFor(shared.bootstrap),
    restart: () =>
      Promise.reject(
        new Error('the shared Apache Kafka cannot restart: pass dataDir to startTestKafka'),
      ),
    stop: async () => shared.release(),
  };
}
