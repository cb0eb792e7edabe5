import { mkdtempSync, rmSync, statSync, truncateSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildBatch } from '../../test/batch-builder';
import { ErrorCode } from '../protocol/error-codes';
import { PartitionLog } from './partition-log';
import { readBatchHeader } from './record-batch';
import { FileSegmentStore, MemorySegmentStore } from './segment-store';

describe('PartitionLog', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ek-log-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const openFileLog = (segmentBytes = 1 << 20): PartitionLog => {
    const { store, batches } = FileSegmentStore.open(dir, segmentBytes);
    return new PartitionLog(store, batches);
  };

  it('assigns consecutive offsets, patching each stored batch base offset', async () => {
    const log = new PartitionLog(new MemorySegmentStore());
    expect(log.append(await buildBatch({ values: ['a', 'b', 'c'] }))).toEqual({
      errorCode: 0,
      baseOffset: 0,
    });
    expect(log.append(await buildBatch({ values: ['d'] }))).toEqual({
      errorCode: 0,
      baseOffset: 3,
    });
    expect(log.logEndOffset).toBe(4);
    const read = log.read(3, 1 << 20);
    expect(read.batches.map((b) => readBatchHeader(b).baseOffset)).toEqual([3]);
  });

  it('returns whole batches from the one holding the offset, at least one even over the limit (KIP-74)', async () => {
    const log = new PartitionLog(new MemorySegmentStore());
    for (let i = 0; i < 3; i++)
      log.append(await buildBatch({ values: [`x${i}`.repeat(100), `y${i}`] }));
    const fromMiddle = log.read(3, 1);
    expect(fromMiddle.batches.map((b) => readBatchHeader(b).baseOffset)).toEqual([2]);
    expect(log.read(0, 1 << 20).batches).toHaveLength(3);
    expect(log.read(6, 100)).toEqual({ errorCode: 0, batches: [] });
    expect(log.read(7, 100).errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
  });

  it('refuses a batch that is not magic v2 or is truncated', async () => {
    const log = new PartitionLog(new MemorySegmentStore());
    const batch = await buildBatch({ values: ['a'] });
    expect(log.append(batch.subarray(0, batch.length - 1)).errorCode).toBe(
      ErrorCode.CORRUPT_MESSAGE,
    );
    const v1 = Buffer.from(batch);
    v1[16] = 1;
    expect(log.append(v1).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(log.logEndOffset).toBe(0);
  });

  it('answers a resent idempotent batch with its original offset and refuses a sequence gap', async () => {
    const log = new PartitionLog(new MemorySegmentStore());
    const first = await buildBatch({ values: ['a', 'b'], producerId: 7, firstSequence: 0 });
    const second = await buildBatch({ values: ['c'], producerId: 7, firstSequence: 2 });
    expect(log.append(first).baseOffset).toBe(0);
    expect(log.append(second).baseOffset).toBe(2);
    expect(log.append(first)).toEqual({ errorCode: 0, baseOffset: 0 });
    expect(log.logEndOffset).toBe(3);
    const gap = await buildBatch({ values: ['e'], producerId: 7, firstSequence: 9 });
    expect(log.append(gap).errorCode).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    const oldEpoch = await buildBatch({
      values: ['f'],
      producerId: 7,
      producerEpoch: -1,
      firstSequence: 3,
    });
    expect(log.append(oldEpoch).errorCode).toBe(ErrorCode.INVALID_PRODUCER_EPOCH);
  });

  it('finds offsets by timestamp, earliest and latest', async () => {
    const log = new PartitionLog(new MemorySegmentStore());
    log.append(await buildBatch({ values: ['a', 'b'], timestamp: 1000 }));
    log.append(await buildBatch({ values: ['c'], timestamp: 5000 }));
    expect(log.offsetForTimestamp(-2).offset).toBe(0);
    expect(log.offsetForTimestamp(-1).offset).toBe(3);
    expect(log.offsetForTimestamp(1001)).toEqual({ offset: 1, timestamp: 1001 });
    expect(log.offsetForTimestamp(2000)).toEqual({ offset: 2, timestamp: 5000 });
    expect(log.offsetForTimestamp(9000).offset).toBe(-1);
  });

  it('recovers batches, offsets and producer state from segment files, dropping a torn tail', async () => {
    const log = openFileLog(200);
    for (let i = 0; i < 5; i++)
      log.append(
        await buildBatch({ values: [`m${i}`.repeat(40)], producerId: 3, firstSequence: i }),
      );
    await log.flush();
    log.close();
    const segments = readdirSync(dir).sort();
    expect(segments.length).toBeGreaterThan(1);
    const last = join(dir, segments[segments.length - 1]);
    truncateSync(last, statSync(last).size - 5);

    const reopened = openFileLog(200);
    expect(reopened.logEndOffset).toBe(4);
    expect(reopened.read(0, 1 << 20).batches.map((b) => readBatchHeader(b).baseOffset)).toEqual([
      0, 1, 2, 3,
    ]);
    const resent = await buildBatch({ values: ['m3'.repeat(40)], producerId: 3, firstSequence: 3 });
    expect(reopened.append(resent)).toEqual({ errorCode: 0, baseOffset: 3 });
    expect(
      reopened.append(await buildBatch({ values: ['again'], producerId: 3, firstSequence: 4 }))
        .baseOffset,
    ).toBe(4);
    await reopened.flush();
    reopened.close();
  });
});
