/* eslint-disable @typescript-eslint/no-require-imports */
// Record batches encoded by kafkajs itself, as a producer would send them.
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
  RecordBatch: (args: object) => Promise<{ buffer: Buffer }>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (args: object) => unknown;
const Long = require('kafkajs/src/utils/long') as { fromValue(v: number): unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

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
