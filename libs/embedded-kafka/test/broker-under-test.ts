import { startApacheKafka } from '@herald/apache-kafka';
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

/** HERALD_TEST_KAFKA=apache runs the embedded broker's specs against Apache Kafka. */
export function brokerKind(): BrokerKind {
  const given = process.env.HERALD_TEST_KAFKA ?? 'embedded';
  if (given !== 'embedded' && given !== 'apache') {
    throw new Error(`HERALD_TEST_KAFKA must be embedded or apache, not '${given}'`);
  }
  return given;
}

/**
 * Starts the broker a spec runs against. The embedded broker's options are mapped to the
 * matching Apache Kafka settings, so a spec states its needs once.
 */
export async function startBrokerUnderTest(
  options: EmbeddedKafkaOptions = {},
  kind: BrokerKind = brokerKind(),
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
