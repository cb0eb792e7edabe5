import { bool, int, list, listenHost, oneOf, optionalStr, str, url } from '../variable';

/** Variables every Herald service reads. */
export const commonSchema = {
  HERALD_KAFKA_BROKERS: list({
    description:
      'Comma-separated Kafka bootstrap brokers (host:port); given to `npm start`, the launcher uses that Kafka instead of the embedded broker',
    default: 'localhost:9092',
  }),
  HERALD_KAFKA_CLIENT_ID: str({ description: 'Kafka client id prefix', default: 'herald' }),
  HERALD_KAFKA_SSL: bool({ description: 'Use TLS to reach Kafka', default: 'false' }),
  HERALD_KAFKA_SSL_CA_FILE: optionalStr({
    description:
      "PEM file of the certificate authorities Kafka's TLS certificates are checked against (with HERALD_KAFKA_SSL; empty = the system's)",
    default: '',
  }),
  HERALD_KAFKA_SASL_MECHANISM: oneOf(['none', 'plain', 'scram-sha-256', 'scram-sha-512'] as const, {
    description: 'SASL mechanism for Kafka',
    default: 'none',
  }),
  HERALD_KAFKA_SASL_USERNAME: str({ description: 'SASL user name for Kafka', default: 'herald' }),
  HERALD_KAFKA_SASL_PASSWORD: str({
    description: 'SASL password for Kafka',
    default: 'unset',
    sensitive: true,
  }),
  DATABASE_URL: url({
    description: 'PostgreSQL connection URL',
    default: 'postgres://herald:herald@localhost:5432/herald',
    sensitive: true,
    protocols: ['postgres:', 'postgresql:'],
  }),
  HERALD_DATABASE_POOL_SIZE: int({
    description: 'PostgreSQL connection pool size',
    default: '10',
    min: 1,
    max: 200,
  }),
  HERALD_RETENTION_DAYS: int({
    description:
      'Days events, deliveries and attempts are kept (whole daily partitions are dropped after)',
    default: '30',
    min: 1,
    max: 3650,
  }),
  HERALD_HTTP_HOST: listenHost({
    description:
      'Address the HTTP port (API, health, metrics) listens on: loopback only by default (npm start); the container image sets 0.0.0.0',
    default: '127.0.0.1',
  }),
  HERALD_LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error'] as const, {
    description: 'Lowest log level written',
    default: 'info',
  }),
  HERALD_SHUTDOWN_TIMEOUT_MS: int({
    description: 'How long a service may take to drain on SIGTERM before it exits',
    default: '15000',
    min: 0,
  }),
};
