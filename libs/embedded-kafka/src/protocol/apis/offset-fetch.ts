import { Reader } from '../reader';
import { Writer } from '../writer';

export interface OffsetFetchRequest {
  groupId: string;
  /** null (v2+) = every committed partition of the group. */
  topics: { name: string; partitions: number[] }[] | null;
}

export interface OffsetFetchTopic {
  name: string;
  partitions: { index: number; offset: number; metadata: string | null; errorCode: number }[];
}

export function decodeOffsetFetchRequest(r: Reader): OffsetFetchRequest {
  const groupId = r.string();
  const topics = r.nullableArray((r) => ({
    name: r.string(),
    partitions: r.array((r) => r.int32()),
  }));
  return { groupId, topics };
}

export function encodeOffsetFetchResponse(
  w: Writer,
  version: number,
  topics: OffsetFetchTopic[],
): void {
  if (version >= 3) w.int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) =>
      w.int32(p.index).int64(p.offset).nullableString(p.metadata).int16(p.errorCode),
    );
  });
  if (version >= 2) w.int16(0);
}
