import {
  claimSharedBroker,
  fitsSharedBroker,
  resetBroker,
  startApacheKafka,
} from '@herald/apache-kafka';
import { loadConfig, oneOf } from '@herald/config';
import { EmbeddedKafkaOptions, startEmbeddedKafka } from '../src';

/** Which broker the conformance specs run against: the embedded one or the reference. */
export type BrokerKind = 'embedded' | 'apache';

/** What a conformance spec needs of a broker, whichever it is. */
export interface BrokerUnderTest {
  kind: BrokerKind;
  /** `host:port` of the one node. */
  brokers: string;
  host: string;
  port: number;
  /** The node id Metadata and FindCoordinator name (1 on both). */
  nodeId: number;
  stop(): Promise<void>;
}

/**
 * The test suite's switch (libs/testing's startTestKafka reads the same variable; the embedded
 * broker's specs cannot use that helper, which depends on this library).
 */
const switchSchema = {
  HERALD_TEST_KAFKA: oneOf(['embedded', 'apache'] as const, {
    description: 'integration tests: embedded broker or Apache Kafka',
    default: 'embedded',
  }),
};

/**
 * The broker of one conformance spec file: the embedded broker, or with HERALD_TEST_KAFKA=apache
 * a one-node Apache Kafka (scripts/test-apache.cjs runs every spec file that calls this): the
 * jest worker's shared one, emptied first, when it has the settings the spec asks for, else one
 * of the spec's own.
 */
export async function startConformanceBroker(
  options: EmbeddedKafkaOptions = {},
): Promise<BrokerUnderTest> {
  const kind = loadConfig(switchSchema).HERALD_TEST_KAFKA;
  const shared =
    kind === 'apache' && fitsSharedBroker(apacheConfigOf(options))
      ? claimSharedBroker()
      : undefined;
  if (!shared) return startBroker(kind, options);
  try {
    const { nodeId } = await resetBroker(shared.bootstrap);
    const [host, port] = shared.bootstrap.split(':');
    const stop = async () => shared.release();
    return { kind, brokers: shared.bootstrap, host, port: Number(port), nodeId, stop };
  } catch (error) {
    shared.release();
    throw error;
  }
}

/**
 * Starts the given broker. The embedded broker's options are mapped to the matching Apache
 * Kafka settings, so a spec states its needs once.
 */
export async function startBroker(
  kind: BrokerKind,
  options: EmbeddedKafkaOptions = {},
): Promise<BrokerUnderTest> {
  if (kind === 'embedded') {
    const broker = await startEmbeddedKafka({ port: 0, ...options });
    return { kind, ...broker, nodeId: 1, stop: () => broker.stop() };
  }
  const cluster = await startApacheKafka({ nodes: 1, brokerConfig: apacheConfigOf(options) });
  const [host, port] = cluster.brokers[0].split(':');
  return {
    kind,
    brokers: cluster.brokers[0],
    host,
    port: Number(port),
    nodeId: cluster.nodeIds[0],
    stop: () => cluster.stop(),
  };
}

function apacheConfigOf(options: EmbeddedKafkaOptions): Record<string, string | number | boolean> {
  return {
    'group.initial.rebalance.delay.ms': options.initialRebalanceDelayMs ?? 100,
    'group.min.session.timeout.ms': options.minSessionTimeoutMs ?? 1000,
    'group.max.session.timeout.ms': options.maxSessionTimeoutMs ?? 30 * 60 * 1000,
    'auto.create.topics.enable': options.autoCreateTopics ?? true,
    'num.partitions': options.defaultPartitions ?? 3,
  };
}
