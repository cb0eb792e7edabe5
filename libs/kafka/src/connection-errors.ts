import { KafkaConnection } from './kafka-client';

type SettingName = keyof KafkaConnection;

/** Node's TLS verification failures: the broker's certificate is not trusted. */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface ErrorChain {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  originalError?: unknown;
}

function* chainOf(error: unknown): Generator<ErrorChain> {
  const seen = new Set<unknown>();
  for (let e = error as ErrorChain | undefined; e && !seen.has(e);) {
    seen.add(e);
    yield e;
    e = (e.cause ?? e.originalError) as ErrorChain | undefined;
  }
}

/** An error a person can act on, naming the settings to check. */
export class KafkaConnectionSettingsError extends Error {
  constructor(
    message: string,
    readonly settings: SettingName[],
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'KafkaConnectionSettingsError';
  }
}

/**
 * Says which Herald setting a failure to reach Kafka points at (refused SASL credentials, an
 * untrusted TLS certificate); other errors are returned as they are. kafkajs's messages hold
 * no password, and neither does this one.
 */
export function explainKafkaConnectionError(error: unknown): unknown {
  for (const e of chainOf(error)) {
    if (e.name === 'KafkaJSSASLAuthenticationError') {
      return new KafkaConnectionSettingsError(
        `Kafka refused Herald's SASL credentials: check HERALD_KAFKA_SASL_USERNAME, ` +
          `HERALD_KAFKA_SASL_PASSWORD and HERALD_KAFKA_SASL_MECHANISM (${e.message})`,
        ['HERALD_KAFKA_SASL_USERNAME', 'HERALD_KAFKA_SASL_PASSWORD', 'HERALD_KAFKA_SASL_MECHANISM'],
        error,
      );
    }
    if (e.code && UNTRUSTED_CERTIFICATE.has(e.code)) {
      return new KafkaConnectionSettingsError(
        `Kafka's TLS certificate is not trusted (${e.code}): set HERALD_KAFKA_SSL_CA_FILE to ` +
          `the PEM file of the CA that signed it`,
        ['HERALD_KAFKA_SSL_CA_FILE'],
        error,
      );
    }
  }
  return error;
}
