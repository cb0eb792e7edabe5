import { Reader } from '../reader';
import { Writer } from '../writer';

export interface OffsetCommitRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  topics: {
    name: string;
    partitions: { index: number; offset: number; metadata: string | null }[];
  }[];
}

/**
 * v2-v7. v6 adds each partition's committed leader epoch and v7 the group instance id (static
 * membership); both are read and not kept, as this broker has no leader epochs or static
 * members (OffsetFetch stays at v4, before the epoch comes back).
 */
export function decodeOffsetCommitRequest(r: Reader, version: number): OffsetCommitRequest {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  if (version >= 7) r.nullableString(); // group instance id
  if (version <= 4) r.int64(); // retention time
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => {
      const index = r.int32();
      const offset = r.int64();
      if (version >= 6) r.int32(); // committed leader epoch
      return { index, offset, metadata: r.nullableString() };
    }),
  }));
  return { groupId, generationId, memberId, topics };
}

export function encodeOffsetCommitResponse(
  w: Writer,
  version: number,
  topics: { name: string; partitions: { index: number; errorCode: number }[] }[],
): void {
  if (version >= 3) w.int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => w.int32(p.index).int16(p.errorCode));
  });
}
