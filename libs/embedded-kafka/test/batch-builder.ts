// Record batches encoded by kafkajs itself, as a producer would send them (typed in
// ./kafkajs-internals.d.ts).
import { RecordBatch } from 'kafkajs/src/protocol/recordBatch/v0';
import Record from 'kafkajs/src/protocol/recordBatch/record/v0';
import Long from 'kafkajs/src/utils/long';

export interface BatchSpec {
  values: string[];
  timestamp?: number;
  producerId?: number;
  producerEpoch?: number;
  firstSequence?: number;
  compression?: number;
}

export async function buildBatch(spec: BatchSpec): Promise<Buffer> {
  const timestamp = spec.timestamp ?? Date.now();
  const records = spec.values.map((value, i) =>
    Record({ offsetDelta: i, timestampDelta: i, key: null, value }),
  );
  const encoded = await RecordBatch({
    compression: spec.compression ?? 0,
    firstTimestamp: timestamp,
    maxTimestamp: timestamp + spec.values.length - 1,
    lastOffsetDelta: spec.values.length - 1,
    producerId: Long.fromValue(spec.producerId ?? -1),
    producerEpoch: spec.producerEpoch ?? 0,
    firstSequence: spec.firstSequence ?? 0,
    records,
  });
  // kafkajs's encoder writes int64 base offset, then the batch as int32-length-prefixed bytes:
  // exactly the v2 layout (batchLength = the bytes after it).
  return encoded.buffer;
}
