import { Reader } from '../reader';
import { Writer } from '../writer';

export interface ProduceRequest {
  transactionalId: string | null;
  acks: number;
  timeoutMs: number;
  topics: { name: string; partitions: { index: number; records: Buffer | null }[] }[];
}

export interface ProducePartitionResponse {
  index: number;
  errorCode: number;
  baseOffset: number;
  logStartOffset: number;
}

export function decodeProduceRequest(r: Reader): ProduceRequest {
  return {
    transactionalId: r.nullableString(),
    acks: r.int16(),
    timeoutMs: r.int32(),
    topics: r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({ index: r.int32(), records: r.nullableBytes() })),
    })),
  };
}

export function encodeProduceResponse(
  w: Writer,
  version: number,
  topics: { name: string; partitions: ProducePartitionResponse[] }[],
): void {
  w.array(topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.index).int16(p.errorCode).int64(p.baseOffset).int64(-1);
      if (version >= 5) w.int64(p.logStartOffset);
    });
  });
  w.int32(0);
}
