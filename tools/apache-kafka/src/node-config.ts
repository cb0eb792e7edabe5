/** One node's three loopback listeners: clients, inter-broker replication, the KRaft quorum. */
export interface NodeAddress {
  nodeId: number;
  clientPort: number;
  internalPort: number;
  controllerPort: number;
}

/** What the client listener asks of a client (the other two listeners stay plaintext). */
export interface ClientSecurity {
  /** SCRAM-SHA-512 authentication on the client listener. */
  saslScram: boolean;
  /** TLS on the client listener, with this PKCS12 keystore. */
  tls?: { keystorePath: string; password: string };
}

export interface NodeConfigInput {
  node: NodeAddress;
  /** Every node of the cluster (each is broker and controller: one quorum of all of them). */
  voters: NodeAddress[];
  logDir: string;
  security: ClientSecurity;
  /** Overrides (and additions) applied last. */
  brokerConfig?: Record<string, string | number | boolean>;
}

export const HOST = '127.0.0.1';

/** The client listener's security protocol, as Kafka names it. */
export function clientProtocol(security: ClientSecurity): string {
  if (security.saslScram) return security.tls ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  return security.tls ? 'SSL' : 'PLAINTEXT';
}

/**
 * server.properties for one combined broker+controller node, tuned for tests on a small
 * machine: internal topics sized to the cluster, no initial rebalance delay, a small log
 * cleaner buffer (the JVM heap is small).
 */
export function nodeConfig(input: NodeConfigInput): Record<string, string> {
  const { node, voters, security } = input;
  const replicas = String(Math.min(voters.length, 3));
  const minIsr = voters.length >= 3 ? '2' : '1';
  const config: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(node.nodeId),
    'controller.quorum.voters': voters
      .map((v) => `${v.nodeId}@${HOST}:${v.controllerPort}`)
      .join(','),
    listeners: [
      `CLIENT://${HOST}:${node.clientPort}`,
      `INTERNAL://${HOST}:${node.internalPort}`,
      `CONTROLLER://${HOST}:${node.controllerPort}`,
    ].join(','),
    'advertised.listeners': `CLIENT://${HOST}:${node.clientPort},INTERNAL://${HOST}:${node.internalPort}`,
    'listener.security.protocol.map': `CLIENT:${clientProtocol(security)},INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'INTERNAL',
    'log.dirs': input.logDir,
    'num.partitions': '3',
    'default.replication.factor': replicas,
    'auto.create.topics.enable': 'true',
    'offsets.topic.replication.factor': replicas,
    'offsets.topic.num.partitions': '10',
    'transaction.state.log.replication.factor': replicas,
    'transaction.state.log.min.isr': minIsr,
    'transaction.state.log.num.partitions': '10',
    'share.coordinator.state.topic.replication.factor': replicas,
    'share.coordinator.state.topic.min.isr': minIsr,
    'group.initial.rebalance.delay.ms': '0',
    'log.cleaner.dedupe.buffer.size': String(32 * 1024 * 1024),
    'num.io.threads': '4',
    'num.network.threads': '2',
  };
  if (security.saslScram) {
    config['sasl.enabled.mechanisms'] = 'SCRAM-SHA-512';
    config['listener.name.client.scram-sha-512.sasl.jaas.config'] =
      'org.apache.kafka.common.security.scram.ScramLoginModule required;';
  }
  if (security.tls) {
    config['listener.name.client.ssl.keystore.type'] = 'PKCS12';
    config['listener.name.client.ssl.keystore.location'] = security.tls.keystorePath;
    config['listener.name.client.ssl.keystore.password'] = security.tls.password;
    config['listener.name.client.ssl.key.password'] = security.tls.password;
  }
  for (const [key, value] of Object.entries(input.brokerConfig ?? {})) {
    config[key] = String(value);
  }
  return config;
}

/** Java properties text (values here never hold newlines; backslashes are escaped). */
export function renderProperties(config: Record<string, string>): string {
  return (
    Object.entries(config)
      .map(([key, value]) => `${key}=${value.replace(/\\/g, '\\\\')}`)
      .join('\n') + '\n'
  );
}

/** log4j2 configuration: warnings, plus the lines that say a node started or stopped. */
export function log4jConfig(): string {
  return [
    'status = warn',
    'appender.out.type = Console',
    'appender.out.name = out',
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [node ${sys:herald.kafka.node}] [%d] %p %m (%c)%n',
    'rootLogger.level = warn',
    'rootLogger.appenderRef.out.ref = out',
    'logger.raft.name = kafka.server.KafkaRaftServer',
    'logger.raft.level = info',
    'logger.broker.name = kafka.server.BrokerServer',
    'logger.broker.level = info',
    '',
  ].join('\n');
}
