import { ErrorCode } from '../protocol/error-codes';
import { BatchIndex } from './batch-index';
import { ProducerState } from './producer-state';
import { InvalidBatchError, MAX_BATCH_BYTES, setBaseOffset, splitBatches } from './record-batch';
import { firstRecordAtOrAfter } from './record-timestamps';
import { RecoveredBatch, SegmentStore } from './segment-store';

export interface AppendResult {
  errorCode: number;
  baseOffset: number;
}

export interface ReadResult {
  errorCode: number;
  batches: Buffer[];
}

/**
 * One partition: the batch index over a segment store, log start and end offsets, and the
 * idempotent-producer state. Batches are stored and served as the producer sent them.
 */
export class PartitionLog {
  readonly index = new BatchIndex();
  readonly producers = new ProducerState();
  logStartOffset = 0;
  logEndOffset = 0;

  constructor(
    private readonly store: SegmentStore,
    recovered: readonly RecoveredBatch[] = [],
  ) {
    for (const b of recovered) {
      const h = b.header;
      if (this.index.count === 0) this.logStartOffset = h.baseOffset;
      this.index.push(h.baseOffset, h.maxTimestamp, b.segment, b.position, b.size);
      this.producers.record(
        h.producerId,
        h.producerEpoch,
        h.baseSequence,
        h.lastOffsetDelta + 1,
        h.baseOffset,
      );
      this.logEndOffset = h.baseOffset + h.lastOffsetDelta + 1;
    }
  }

  /** Appends the batches of one produce request's records field. */
  append(records: Buffer): AppendResult {
    let batches;
    try {
      batches = splitBatches(records);
    } catch (err) {
      if (err instanceof InvalidBatchError)
        return { errorCode: ErrorCode.CORRUPT_MESSAGE, baseOffset: -1 };
      throw err;
    }
    if (batches.some((b) => b.bytes.length > MAX_BATCH_BYTES)) {
      return { errorCode: ErrorCode.MESSAGE_TOO_LARGE, baseOffset: -1 };
    }
    let first = -1;
    for (const { header: h, bytes } of batches) {
      const count = h.lastOffsetDelta + 1;
      const check = this.producers.check(h.producerId, h.producerEpoch, h.baseSequence, count);
      if (check.kind === 'error') return { errorCode: check.errorCode, baseOffset: -1 };
      if (check.kind === 'duplicate') {
        if (first < 0) first = check.baseOffset;
        continue;
      }
      const baseOffset = this.logEndOffset;
      setBaseOffset(bytes, baseOffset);
      const at = this.store.append(baseOffset, bytes);
      this.index.push(baseOffset, h.maxTimestamp, at.segment, at.position, bytes.length);
      this.producers.record(h.producerId, h.producerEpoch, h.baseSequence, count, baseOffset);
      this.logEndOffset = baseOffset + count;
      if (first < 0) first = baseOffset;
    }
    return { errorCode: ErrorCode.NONE, baseOffset: first };
  }

  /**
   * Whole batches from the one holding `fetchOffset`, up to `maxBytes` but always at least
   * one batch (KIP-74) when there is data.
   */
  read(fetchOffset: number, maxBytes: number): ReadResult {
    if (fetchOffset < this.logStartOffset || fetchOffset > this.logEndOffset) {
      return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, batches: [] };
    }
    const batches: Buffer[] = [];
    let i = this.index.batchContaining(fetchOffset);
    if (i < 0) i = 0;
    let total = 0;
    for (; i < this.index.count && fetchOffset < this.logEndOffset; i++) {
      const loc = this.index.locationAt(i);
      if (batches.length > 0 && total + loc.size > maxBytes) break;
      batches.push(this.store.read(loc.segment, loc.position, loc.size));
      total += loc.size;
    }
    return { errorCode: ErrorCode.NONE, batches };
  }

  /** ListOffsets: -1 latest, -2 earliest, else the first batch with a timestamp >= ts. */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } {
    if (timestamp === -1) return { offset: this.logEndOffset, timestamp: -1 };
    if (timestamp === -2) return { offset: this.logStartOffset, timestamp: -1 };
    const i = this.index.firstBatchAtOrAfter(timestamp);
    if (i < 0) return { offset: -1, timestamp: -1 };
    const loc = this.index.locationAt(i);
    return firstRecordAtOrAfter(this.store.read(loc.segment, loc.position, loc.size), timestamp);
  }

  flush(): Promise<void> {
    return this.store.flush();
  }

  close(): void {
    this.store.close();
  }

  destroy(): void {
    this.store.destroy();
  }
}
