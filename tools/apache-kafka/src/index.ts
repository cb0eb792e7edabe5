export { startApacheKafka } from './apache-kafka';
export type { ApacheKafkaCluster, ApacheKafkaOptions, ScramUser } from './apache-kafka';
export { ensureKafkaDistribution, pinnedKafkaVersion } from './kafka-distribution';
export { resetBroker } from './broker-reset';
export {
  SHARED_BROKER_CONFIG,
  claimSharedBroker,
  fitsSharedBroker,
  pickSharedBroker,
  sharedBrokerSchema,
} from './shared-broker';
