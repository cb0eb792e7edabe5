import { Reader } from '../reader';
import { Writer } from '../writer';

export interface ListOffsetsRequest {
  topics: { name: string; partitions: { index: number; timestamp: number }[] }[];
}

export interface ListOffsetsPartitionResponse {
  index: number;
  errorCode: number;
  timestamp: number;
  offset: number;
}

export function decodeListOffsetsRequest(r: Reader, version: number): ListOffsetsRequest {
  r.int32(); // replica id
  if (version >= 2) r.int8(); // isolation level
  return {
    topics: r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({ index: r.int32(), timestamp: r.int64() })),
    })),
  };
}

export function encodeListOffsetsResponse(
  w: Writer,
  version: number,
  topics: { name: string; partitions: ListOffsetsPartitionResponse[] }[],
): void {
  if (version >= 2) w.int32(0);
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) =>
      w.int32(p.index).int16(p.errorCode).int64(p.timestamp).int64(p.offset),
    );
  });
}
