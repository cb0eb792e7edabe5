import { createServer, Socket } from 'net';
import { join } from 'path';
import { GroupCoordinator } from './group/group-coordinator';
import { OffsetStore } from './group/offset-store';
import { TopicRegistry } from './log/topic-registry';
import { BrokerContext } from './server/broker-context';
import { Connection } from './server/connection';

export interface EmbeddedKafkaOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Interface to bind and the host advertised in Metadata (default 127.0.0.1). */
  host?: string;
  /** Host advertised to clients when it differs from the bind address. */
  advertisedHost?: string;
  /** Keep topics, messages and committed offsets here across restarts (default: in memory). */
  dataDir?: string;
  autoCreateTopics?: boolean;
  defaultPartitions?: number;
  /** Kafka's group.initial.rebalance.delay.ms (default 100). */
  initialRebalanceDelayMs?: number;
  /** Kafka's group.min.session.timeout.ms (default 1000, lower than Kafka's 6000 for tests). */
  minSessionTimeoutMs?: number;
  maxSessionTimeoutMs?: number;
  /** Segment file size before rolling (default 64 MiB). */
  segmentBytes?: number;
  /** Connection-level errors (malformed or unsupported requests). */
  onError?: (err: Error) => void;
}

export interface EmbeddedKafka {
  host: string;
  port: number;
  /** `host:port`, ready for kafkajs `brokers` or kcat `-b`. */
  brokers: string;
  stop(): Promise<void>;
}

/** Starts the single-node Kafka-protocol broker (development and tests only). */
export async function startEmbeddedKafka(
  options: EmbeddedKafkaOptions = {},
): Promise<EmbeddedKafka> {
  const host = options.host ?? '127.0.0.1';
  const topics = new TopicRegistry({
    dataDir: options.dataDir,
    segmentBytes: options.segmentBytes ?? 64 * 1024 * 1024,
  });
  const offsets = new OffsetStore(
    options.dataDir ? join(options.dataDir, 'offsets.log') : undefined,
  );
  const coordinator = new GroupCoordinator(
    {
      initialRebalanceDelayMs: options.initialRebalanceDelayMs ?? 100,
      minSessionTimeoutMs: options.minSessionTimeoutMs ?? 1000,
      maxSessionTimeoutMs: options.maxSessionTimeoutMs ?? 30 * 60 * 1000,
    },
    offsets,
  );
  const ctx: BrokerContext = {
    nodeId: 1,
    clusterId: 'herald-embedded-kafka',
    advertised: { host: options.advertisedHost ?? host, port: 0 },
    topics,
    coordinator,
    autoCreateTopics: options.autoCreateTopics ?? true,
    defaultPartitions: options.defaultPartitions ?? 3,
    nextProducerId: Math.max(topics.maxProducerId() + 1, 1000),
    stopped: false,
  };
  const onError = options.onError ?? (() => undefined);
  const connections = new Set<Connection>();
  const server = createServer((socket: Socket) => {
    const conn = new Connection(socket, ctx, onError);
    connections.add(conn);
    socket.on('close', () => connections.delete(conn));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  ctx.advertised.port = port;
  let stopped: Promise<void> | undefined;
  return {
    host: ctx.advertised.host,
    port,
    brokers: `${ctx.advertised.host}:${port}`,
    stop: () =>
      (stopped ??= new Promise<void>((resolve, reject) => {
        ctx.stopped = true;
        topics.notifyAppend();
        coordinator.close();
        for (const c of connections) c.close();
        server.close(() => {
          topics.close().then(resolve, reject);
        });
      })),
  };
}
