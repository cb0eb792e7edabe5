import { ErrorCode } from '../protocol/error-codes';

interface SequenceEntry {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface ProducerEntry {
  epoch: number;
  recent: SequenceEntry[]; // oldest first, at most RECENT
}

const RECENT = 5;

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: number }
  | { kind: 'error'; errorCode: number };

/**
 * Idempotent-producer bookkeeping for one partition: the last five batches of each producer
 * id, so a resend of one of them is answered with its original offset and not appended twice.
 */
export class ProducerState {
  private readonly producers = new Map<number, ProducerEntry>();

  check(producerId: number, epoch: number, baseSeq: number, recordCount: number): SequenceCheck {
    if (producerId < 0) return { kind: 'append' };
    const entry = this.producers.get(producerId);
    if (!entry || epoch > entry.epoch) return { kind: 'append' };
    if (epoch < entry.epoch) return { kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH };
    const lastSeq = baseSeq + recordCount - 1;
    const dup = entry.recent.find((e) => e.firstSeq === baseSeq && e.lastSeq === lastSeq);
    if (dup) return { kind: 'duplicate', baseOffset: dup.baseOffset };
    const last = entry.recent[entry.recent.length - 1];
    const expected = last ? (last.lastSeq + 1) % 2 ** 31 : 0;
    if (last && baseSeq !== expected) {
      return { kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    return { kind: 'append' };
  }

  record(
    producerId: number,
    epoch: number,
    baseSeq: number,
    recordCount: number,
    baseOffset: number,
  ): void {
    if (producerId < 0) return;
    let entry = this.producers.get(producerId);
    if (!entry || epoch !== entry.epoch) {
      entry = { epoch, recent: [] };
      this.producers.set(producerId, entry);
    }
    entry.recent.push({ firstSeq: baseSeq, lastSeq: baseSeq + recordCount - 1, baseOffset });
    if (entry.recent.length > RECENT) entry.recent.shift();
  }

  get maxProducerId(): number {
    let max = -1;
    for (const id of this.producers.keys()) if (id > max) max = id;
    return max;
  }
}
