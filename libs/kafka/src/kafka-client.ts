import { readFileSync } from 'fs';
import { Kafka, KafkaConfig, logLevel, LogEntry, SASLOptions } from 'kafkajs';

/** The Kafka connection settings every service reads from libs/config's common schema. */
export interface KafkaConnection {
  HERALD_KAFKA_BROKERS: string[];
  HERALD_KAFKA_CLIENT_ID: string;
  HERALD_KAFKA_SSL: boolean;
  /** PEM file of the CAs to trust (with HERALD_KAFKA_SSL); unset = Node's default CAs. */
  HERALD_KAFKA_SSL_CA_FILE?: string;
  HERALD_KAFKA_SASL_MECHANISM: 'none' | 'plain' | 'scram-sha-256' | 'scram-sha-512';
  HERALD_KAFKA_SASL_USERNAME: string;
  HERALD_KAFKA_SASL_PASSWORD: string;
}

/** The connection of a one-machine broker (embedded, or Apache Kafka in tests): no TLS, no SASL. */
export function plaintextConnection(brokers: readonly string[]): KafkaConnection {
  return {
    HERALD_KAFKA_BROKERS: [...brokers],
    HERALD_KAFKA_CLIENT_ID: 'herald',
    HERALD_KAFKA_SSL: false,
    HERALD_KAFKA_SASL_MECHANISM: 'none',
    HERALD_KAFKA_SASL_USERNAME: 'herald',
    HERALD_KAFKA_SASL_PASSWORD: 'unset',
  };
}

const LEVEL_NAMES: Record<number, string> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs logs as JSON lines on stderr, like the rest of the service. */
function jsonLogCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, timestamp, ...rest } = log;
    process.stderr.write(
      `${JSON.stringify({ level: LEVEL_NAMES[level] ?? 'log', timestamp, context: 'kafkajs', message, ...rest })}\n`,
    );
  };
}

function tlsOf(connection: KafkaConnection): KafkaConfig['ssl'] {
  const caFile = connection.HERALD_KAFKA_SSL_CA_FILE;
  if (!connection.HERALD_KAFKA_SSL || !caFile) return connection.HERALD_KAFKA_SSL;
  try {
    return { ca: [readFileSync(caFile, 'utf8')] };
  } catch (error) {
    throw new Error(
      `HERALD_KAFKA_SSL_CA_FILE: cannot read ${caFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

export function createKafka(
  connection: KafkaConnection,
  service: string,
  options: { logLevel?: logLevel } = {},
): Kafka {
  const config: KafkaConfig = {
    clientId: `${connection.HERALD_KAFKA_CLIENT_ID}-${service}`,
    brokers: connection.HERALD_KAFKA_BROKERS,
    ssl: tlsOf(connection),
    logLevel: options.logLevel ?? logLevel.WARN,
    logCreator: jsonLogCreator,
    retry: { initialRetryTime: 100, retries: 10 },
  };
  if (connection.HERALD_KAFKA_SASL_MECHANISM !== 'none') {
    config.sasl = {
      mechanism: connection.HERALD_KAFKA_SASL_MECHANISM,
      username: connection.HERALD_KAFKA_SASL_USERNAME,
      password: connection.HERALD_KAFKA_SASL_PASSWORD,
    } as SASLOptions;
  }
  return new Kafka(config);
}

/** A client for tests and tools that only know a broker list. */
export function createKafkaForBrokers(brokers: string, clientId = 'herald-test'): Kafka {
  return new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}
