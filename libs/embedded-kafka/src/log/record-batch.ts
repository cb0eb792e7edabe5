/** Byte layout of a v2 record batch header (KIP-98); everything after byte 21 is under the CRC. */
export const BATCH_HEADER_SIZE = 61;
export const LOG_OVERHEAD = 12; // baseOffset + batchLength precede the counted bytes
/**
 * Apache Kafka's default message.max.bytes (1 MiB + LOG_OVERHEAD): a larger batch, counted
 * from its base offset, is refused with MESSAGE_TOO_LARGE.
 */
export const MAX_BATCH_BYTES = 1024 * 1024 + LOG_OVERHEAD;

export interface BatchHeader {
  baseOffset: number;
  batchLength: number;
  magic: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

export class InvalidBatchError extends Error {}

export function readBatchHeader(buf: Buffer, at = 0): BatchHeader {
  if (buf.length - at < BATCH_HEADER_SIZE) {
    throw new InvalidBatchError(`record batch shorter than its ${BATCH_HEADER_SIZE}-byte header`);
  }
  const magic = buf.readInt8(at + 16);
  if (magic !== 2) throw new InvalidBatchError(`record batch magic ${magic} is not 2`);
  return {
    baseOffset: Number(buf.readBigInt64BE(at)),
    batchLength: buf.readInt32BE(at + 8),
    magic,
    attributes: buf.readInt16BE(at + 21),
    lastOffsetDelta: buf.readInt32BE(at + 23),
    baseTimestamp: Number(buf.readBigInt64BE(at + 27)),
    maxTimestamp: Number(buf.readBigInt64BE(at + 35)),
    producerId: Number(buf.readBigInt64BE(at + 43)),
    producerEpoch: buf.readInt16BE(at + 51),
    baseSequence: buf.readInt32BE(at + 53),
    recordCount: buf.readInt32BE(at + 57),
  };
}

/** Splits a produce request's records field into whole batches (copies, so the frame can go). */
export function splitBatches(records: Buffer): { header: BatchHeader; bytes: Buffer }[] {
  const out: { header: BatchHeader; bytes: Buffer }[] = [];
  let at = 0;
  while (at < records.length) {
    const header = readBatchHeader(records, at);
    const size = LOG_OVERHEAD + header.batchLength;
    if (header.batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD || at + size > records.length) {
      throw new InvalidBatchError(`record batch length ${header.batchLength} does not fit`);
    }
    if (header.lastOffsetDelta < 0 || header.recordCount < 0) {
      throw new InvalidBatchError('record batch has a negative record count');
    }
    out.push({ header, bytes: Buffer.from(records.subarray(at, at + size)) });
    at += size;
  }
  return out;
}

/** Rewrites the base offset in place (outside the CRC, so the batch stays valid). */
export function setBaseOffset(batch: Buffer, baseOffset: number): void {
  batch.writeBigInt64BE(BigInt(baseOffset), 0);
}

export function compressionOf(attributes: number): number {
  return attributes & 0x07;
}
