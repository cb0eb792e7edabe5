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
 * Advertised ranges. Both kafkajs and librdkafka pick min(their max, ours), so every version
 * listed here is implemented by the codec of that API; higher versions would switch the
 * clients to flexible encodings this broker does not write.
 */
export const SUPPORTED_VERSIONS: readonly VersionRange[] = [
  { apiKey: ApiKey.Produce, min: 3, max: 7 },
  { apiKey: ApiKey.Fetch, min: 4, max: 11 },
  { apiKey: ApiKey.ListOffsets, min: 1, max: 3 },
  { apiKey: ApiKey.Metadata, min: 1, max: 6 },
  { apiKey: ApiKey.OffsetCommit, min: 2, max: 5 },
  { apiKey: ApiKey.OffsetFetch, min: 1, max: 4 },
  { apiKey: ApiKey.FindCoordinator, min: 0, max: 2 },
  { apiKey: ApiKey.JoinGroup, min: 0, max: 5 },
  { apiKey: ApiKey.Heartbeat, min: 0, max: 3 },
  { apiKey: ApiKey.LeaveGroup, min: 0, max: 3 },
  { apiKey: ApiKey.SyncGroup, min: 0, max: 3 },
  { apiKey: ApiKey.DescribeGroups, min: 0, max: 2 },
  { apiKey: ApiKey.ListGroups, min: 0, max: 2 },
  { apiKey: ApiKey.ApiVersions, min: 0, max: 3 },
  { apiKey: ApiKey.CreateTopics, min: 0, max: 3 },
  { apiKey: ApiKey.DeleteTopics, min: 0, max: 1 },
  { apiKey: ApiKey.InitProducerId, min: 0, max: 1 },
  { apiKey: ApiKey.DeleteGroups, min: 0, max: 1 },
];

export function isSupported(apiKey: number, version: number): boolean {
  const range = SUPPORTED_VERSIONS.find((r) => r.apiKey === apiKey);
  return range !== undefined && version >= range.min && version <= range.max;
}
