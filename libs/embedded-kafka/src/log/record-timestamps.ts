import { gunzipSync } from 'zlib';
import { BATCH_HEADER_SIZE, compressionOf, readBatchHeader } from './record-batch';

function readVarint(buf: Buffer, at: number): { value: number; next: number } {
  let raw = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = buf[i++];
    raw += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  const value = raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2; // zig-zag
  return { value, next: i };
}

/**
 * The first record of a stored batch whose timestamp is >= `ts`, for ListOffsets by time.
 * Uncompressed and gzip batches are walked record by record; for other codecs (which would
 * need native decompressors) the batch's own base offset and max timestamp are returned.
 */
export function firstRecordAtOrAfter(
  batch: Buffer,
  ts: number,
): { offset: number; timestamp: number } {
  const h = readBatchHeader(batch);
  const codec = compressionOf(h.attributes);
  let records: Buffer;
  if (codec === 0) records = batch.subarray(BATCH_HEADER_SIZE);
  else if (codec === 1) records = gunzipSync(batch.subarray(BATCH_HEADER_SIZE));
  else return { offset: h.baseOffset, timestamp: h.maxTimestamp };
  let at = 0;
  for (let i = 0; i < h.recordCount && at < records.length; i++) {
    const length = readVarint(records, at);
    const start = length.next;
    const tsDelta = readVarint(records, start + 1); // after the attributes byte
    const offsetDelta = readVarint(records, tsDelta.next);
    const timestamp = h.baseTimestamp + tsDelta.value;
    if (timestamp >= ts) return { offset: h.baseOffset + offsetDelta.value, timestamp };
    at = start + length.value;
  }
  return { offset: h.baseOffset, timestamp: h.maxTimestamp };
}
