import { Reader } from '../reader';
import { Writer } from '../writer';

export interface FetchRequest {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  isolationLevel: number;
  topics: {
    name: string;
    partitions: { index: number; fetchOffset: number; partitionMaxBytes: number }[];
  }[];
}

export interface FetchPartitionResponse {
  index: number;
  errorCode: number;
  highWatermark: number;
  logStartOffset: number;
  records: Buffer[];
}

export function decodeFetchRequest(r: Reader, version: number): FetchRequest {
  r.int32(); // replica id
  const maxWaitMs = r.int32();
  const minBytes = r.int32();
  const maxBytes = r.int32();
  const isolationLevel = r.int8();
  if (version >= 7) {
    r.int32(); // session id
    r.int32(); // session epoch
  }
  const topics = r.array((r) => ({
    name: r.string(),
    partitions: r.array((r) => {
      const index = r.int32();
      if (version >= 9) r.int32(); // current leader epoch
      const fetchOffset = r.int64();
      if (version >= 5) r.int64(); // follower log start offset
      return { index, fetchOffset, partitionMaxBytes: r.int32() };
    }),
  }));
  if (version >= 7) r.array((r) => ({ name: r.string(), partitions: r.array((r) => r.int32()) }));
  if (version >= 11) r.string(); // rack id
  return { maxWaitMs, minBytes, maxBytes, isolationLevel, topics };
}

export function encodeFetchResponse(
  w: Writer,
  version: number,
  topics: { name: string; partitions: FetchPartitionResponse[] }[],
): void {
  w.int32(0); // throttle
  if (version >= 7) w.int16(0).int32(0); // error code, session id
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.index).int16(p.errorCode).int64(p.highWatermark).int64(p.highWatermark);
      if (version >= 5) w.int64(p.logStartOffset);
      w.array([], () => undefined); // aborted transactions
      if (version >= 11) w.int32(-1); // preferred read replica
      w.bytesChunks(p.records);
    });
  });
}
