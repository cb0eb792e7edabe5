export { startApacheKafka } from './apache-kafka';
export type { ApacheKafkaCluster, ApacheKafkaOptions, ScramUser } from './apache-kafka';
export { ensureKafkaDistribution, pinnedKafkaVersion } from './kafka-distribution';
