import { ApiKey, VersionRange } from '../src/protocol/api-keys';

/**
 * What Apache Kafka 4.1.1 (the version pinned in tools/apache-kafka/pom.xml) advertises for
 * the APIs the embedded broker implements, as recorded from its ApiVersions v3 answer.
 * api-versions-vs-apache.integration-spec.ts checks this record against a live broker.
 */
export const APACHE_KAFKA_VERSIONS: readonly VersionRange[] = [
  { apiKey: ApiKey.Produce, min: 0, max: 13 },
  { apiKey: ApiKey.Fetch, min: 4, max: 18 },
  { apiKey: ApiKey.ListOffsets, min: 1, max: 10 },
  { apiKey: ApiKey.Metadata, min: 0, max: 13 },
  { apiKey: ApiKey.OffsetCommit, min: 2, max: 9 },
  { apiKey: ApiKey.OffsetFetch, min: 1, max: 9 },
  { apiKey: ApiKey.FindCoordinator, min: 0, max: 6 },
  { apiKey: ApiKey.JoinGroup, min: 0, max: 9 },
  { apiKey: ApiKey.Heartbeat, min: 0, max: 4 },
  { apiKey: ApiKey.LeaveGroup, min: 0, max: 5 },
  { apiKey: ApiKey.SyncGroup, min: 0, max: 5 },
  { apiKey: ApiKey.DescribeGroups, min: 0, max: 6 },
  { apiKey: ApiKey.ListGroups, min: 0, max: 5 },
  { apiKey: ApiKey.ApiVersions, min: 0, max: 4 },
  { apiKey: ApiKey.CreateTopics, min: 2, max: 7 },
  { apiKey: ApiKey.DeleteTopics, min: 1, max: 6 },
  { apiKey: ApiKey.InitProducerId, min: 0, max: 5 },
  { apiKey: ApiKey.DeleteGroups, min: 0, max: 2 },
];

/**
 * Why the embedded broker's maximum is lower than Apache Kafka's, per API: the next version
 * needs an encoding it does not write. Every API below its Apache maximum must be listed
 * (api-versions.spec.ts checks both ways). See docs/embedded-vs-apache-kafka.md.
 */
export const LOWER_MAXIMUM_BECAUSE: Readonly<Record<number, string>> = {
  [ApiKey.Produce]: 'v8 adds per-record errors; v9+ are flexible',
  [ApiKey.Fetch]: 'v12+ are flexible',
  [ApiKey.ListOffsets]: 'v4 adds leader epochs; v6+ are flexible',
  [ApiKey.Metadata]: 'v7 adds leader epochs; v9+ are flexible',
  [ApiKey.OffsetCommit]: 'v8+ are flexible',
  [ApiKey.OffsetFetch]: 'v5 adds committed leader epochs; v6+ are flexible',
  [ApiKey.FindCoordinator]: 'v3+ are flexible',
  [ApiKey.JoinGroup]: 'v6+ are flexible',
  [ApiKey.Heartbeat]: 'v4+ are flexible',
  [ApiKey.LeaveGroup]: 'v4+ are flexible',
  [ApiKey.SyncGroup]: 'v4+ are flexible',
  [ApiKey.DescribeGroups]: 'v3 adds authorized operations; v5+ are flexible',
  [ApiKey.ListGroups]: 'v3+ are flexible',
  [ApiKey.CreateTopics]: 'v4 changes defaults; v5+ are flexible',
  [ApiKey.DeleteTopics]: 'v2 adds nothing kafkajs uses; v4+ are flexible',
  [ApiKey.InitProducerId]: 'v2+ are flexible',
  [ApiKey.DeleteGroups]: 'v2 is flexible',
};
