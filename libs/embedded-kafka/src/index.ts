export { startEmbeddedKafka } from './embedded-kafka';
export type { EmbeddedKafka, EmbeddedKafkaOptions } from './embedded-kafka';
export { SUPPORTED_VERSIONS } from './protocol/api-keys';
