// The one kafkajs 2.2.4 internal a spec of this library uses (kafkajs types its client API only).

declare module 'kafkajs/src/protocol/error' {
  import type { KafkaJSProtocolError } from 'kafkajs';

  /** The error kafkajs raises for a broker's error code (its table of codes, types, retriable). */
  export function createErrorFromCode(code: number): KafkaJSProtocolError;
}
