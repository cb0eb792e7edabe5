import { childEnvironment } from '@herald/config';
import { KafkaConnection } from '@herald/kafka';
import { ServiceEntry } from './service-catalogue';

export interface ServiceEnvironmentOptions {
  connection: KafkaConnection;
  databaseUrl: string;
  adminToken: string;
  /** HERALD_SECRETS_KEYS, given only to the services that read signing secrets. */
  secretsKeys: string;
  /** Extra variables for every service (short retry ladders in tests, log level, ...). */
  extra?: Record<string, string>;
}

/**
 * The environment of each service of a one-machine platform (npm start, tests, benchmarks,
 * the chaos runs): the Kafka connection, PostgreSQL, the admin token, private targets allowed
 * (the demo receiver is on localhost), and the secrets key only where it is needed.
 */
export function serviceEnvironment(
  options: ServiceEnvironmentOptions,
): (service: ServiceEntry) => Record<string, string> {
  const { connection } = options;
  const common: Record<string, string> = {
    ...childEnvironment({}, ['PATH', 'HOME']),
    HERALD_KAFKA_BROKERS: connection.HERALD_KAFKA_BROKERS.join(','),
    HERALD_KAFKA_SSL: String(connection.HERALD_KAFKA_SSL),
    HERALD_KAFKA_SASL_MECHANISM: connection.HERALD_KAFKA_SASL_MECHANISM,
    HERALD_KAFKA_SASL_USERNAME: connection.HERALD_KAFKA_SASL_USERNAME,
    HERALD_KAFKA_SASL_PASSWORD: connection.HERALD_KAFKA_SASL_PASSWORD,
    DATABASE_URL: options.databaseUrl,
    HERALD_ADMIN_TOKEN: options.adminToken,
    HERALD_ALLOW_PRIVATE_TARGETS: 'true',
    // Every port of the one-machine platform is loopback only (as are the broker and PostgreSQL).
    HERALD_HTTP_HOST: '127.0.0.1',
    ...options.extra,
  };
  const withSecrets = { HERALD_SECRETS_KEYS: options.secretsKeys, ...common };
  return (service) => (service.readsSigningSecrets ? withSecrets : common);
}
