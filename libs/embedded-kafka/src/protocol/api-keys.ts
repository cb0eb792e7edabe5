/** API keys this broker serves, with the version ranges it advertises (see the README). */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
  DeleteGroups: 42,
} as const;

export interface VersionRange {
  apiKey: number;
  min: number;
  max: number;
}

/**
 * Advertised ranges. The minimums are Apache Kafka 4.1.1's (docs/embedded-vs-apache-kafka.md).
 * Both kafkajs and librdkafka pick min(their max, ours), so every version up to each maximum
 * is implemented by the codec of that API; higher versions would switch the clients to
 * flexible encodings this broker does not write.
 */
export const SUPPORTED_VERSIONS: readonly VersionRange[] = [
  { apiKey: ApiKey.Produce, min: 0, max: 7 },
  { apiKey: ApiKey.Fetch, min: 4, max: 11 },
  { apiKey: ApiKey.ListOffsets, min: 1, max: 3 },
  { apiKey: ApiKey.Metadata, min: 0, max: 6 },
  { apiKey: ApiKey.OffsetCommit, min: 2, max: 7 },
  { apiKey: ApiKey.OffsetFetch, min: 1, max: 4 },
  { apiKey: ApiKey.FindCoordinator, min: 0, max: 2 },
  { apiKey: ApiKey.JoinGroup, min: 0, max: 5 },
  { apiKey: ApiKey.Heartbeat, min: 0, max: 3 },
  { apiKey: ApiKey.LeaveGroup, min: 0, max: 3 },
  { apiKey: ApiKey.SyncGroup, min: 0, max: 3 },
  { apiKey: ApiKey.DescribeGroups, min: 0, max: 2 },
  { apiKey: ApiKey.ListGroups, min: 0, max: 2 },
  { apiKey: ApiKey.ApiVersions, min: 0, max: 4 },
  { apiKey: ApiKey.CreateTopics, min: 2, max: 3 },
  { apiKey: ApiKey.DeleteTopics, min: 1, max: 1 },
  { apiKey: ApiKey.InitProducerId, min: 0, max: 1 },
  { apiKey: ApiKey.DeleteGroups, min: 0, max: 1 },
];

/**
 * Versions advertised but refused, as Apache Kafka 4.1.1 does: it lists Produce from v0 (so
 * that old librdkafka releases keep their feature detection) yet closes the connection on
 * Produce v0-v2, which carry the message formats Kafka 4 removed.
 */
const SERVED_FROM: Partial<Record<number, number>> = { [ApiKey.Produce]: 3 };

/** The versions of `apiKey` this broker answers (an empty list for an API it lacks). */
export function servedVersions(apiKey: number): number[] {
  const range = SUPPORTED_VERSIONS.find((r) => r.apiKey === apiKey);
  if (range === undefined) return [];
  const from = Math.max(range.min, SERVED_FROM[apiKey] ?? range.min);
  return Array.from({ length: range.max - from + 1 }, (_, i) => from + i);
}

export function isSupported(apiKey: number, version: number): boolean {
  const range = SUPPORTED_VERSIONS.find((r) => r.apiKey === apiKey);
  if (range === undefined) return false;
  return version >= (SERVED_FROM[apiKey] ?? range.min) && version <= range.max;
}

/** What Apache Kafka lists in an UNSUPPORTED_VERSION answer to ApiVersions: only itself. */
export function apiVersionsRange(): VersionRange {
  return SUPPORTED_VERSIONS.find((r) => r.apiKey === ApiKey.ApiVersions)!;
}
