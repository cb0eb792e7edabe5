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

export function decodeOffsetCommitRequest(r: Reader, version: number): OffsetCommitRequest {
  const groupId = r.string();
  const generationId = r.int32();
  const memberId = r.string();
  if (version <= 4) r.int64(); // retention time
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => ({
      index: r.int32(),
      offset: r.int64(),
      metadata: r.nullableString(),
    })),
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
