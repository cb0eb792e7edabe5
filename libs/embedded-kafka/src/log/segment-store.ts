import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeSync,
  ftruncateSync,
  fstatSync,
} from 'fs';
import { join } from 'path';
import { BATCH_HEADER_SIZE, BatchHeader, LOG_OVERHEAD, readBatchHeader } from './record-batch';

/** Where one partition's batch bytes live. */
export interface SegmentStore {
  /** Appends a batch; returns where it was written. */
  append(baseOffset: number, batch: Buffer): { segment: number; position: number };
  read(segment: number, position: number, size: number): Buffer;
  close(): void;
  /** Closes and removes every file. */
  destroy(): void;
}

/** Keeps batches in memory (no data dir): the position is the batch's slot. */
export class MemorySegmentStore implements SegmentStore {
  private readonly batches: Buffer[] = [];

  append(_baseOffset: number, batch: Buffer): { segment: number; position: number } {
    this.batches.push(batch);
    return { segment: 0, position: this.batches.length - 1 };
  }

  read(_segment: number, position: number): Buffer {
    return this.batches[position];
  }

  close(): void {
    this.batches.length = 0;
  }

  destroy(): void {
    this.close();
  }
}

interface Segment {
  fd: number;
  size: number;
}

export interface RecoveredBatch {
  header: BatchHeader;
  segment: number;
  position: number;
  size: number;
}

const SEGMENT_SUFFIX = '.log';

function segmentName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}${SEGMENT_SUFFIX}`;
}

/**
 * Append-only segment files `<20-digit base offset>.log` holding batches exactly as served;
 * rolls to a new file past `segmentBytes`. Reads go to disk (the page cache), not the heap.
 */
export class FileSegmentStore implements SegmentStore {
  private readonly segments: Segment[] = [];

  private constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
  ) {}

  /** Opens (or creates) the directory and returns every intact batch found in it. */
  static open(
    dir: string,
    segmentBytes: number,
  ): { store: FileSegmentStore; batches: RecoveredBatch[] } {
    mkdirSync(dir, { recursive: true });
    const store = new FileSegmentStore(dir, segmentBytes);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(SEGMENT_SUFFIX))
      .sort();
    const batches: RecoveredBatch[] = [];
    for (const file of files) {
      const fd = openSync(join(dir, file), 'r+');
      const segment = store.segments.length;
      const length = fstatSync(fd).size;
      const head = Buffer.alloc(BATCH_HEADER_SIZE);
      let position = 0;
      while (position + BATCH_HEADER_SIZE <= length) {
        readSync(fd, head, 0, BATCH_HEADER_SIZE, position);
        let header: BatchHeader;
        try {
          header = readBatchHeader(head);
        } catch {
          break;
        }
        const size = LOG_OVERHEAD + header.batchLength;
        if (position + size > length) break;
        batches.push({ header, segment, position, size });
        position += size;
      }
      if (position < length) ftruncateSync(fd, position); // drop a torn tail write
      store.segments.push({ fd, size: position });
    }
    return { store, batches };
  }

  append(baseOffset: number, batch: Buffer): { segment: number; position: number } {
    let current = this.segments[this.segments.length - 1];
    if (!current || current.size >= this.segmentBytes) {
      const fd = openSync(join(this.dir, segmentName(baseOffset)), 'w+');
      current = { fd, size: 0 };
      this.segments.push(current);
    }
    const position = current.size;
    writeSync(current.fd, batch, 0, batch.length, position);
    current.size += batch.length;
    return { segment: this.segments.length - 1, position };
  }

  read(segment: number, position: number, size: number): Buffer {
    const buf = Buffer.allocUnsafe(size);
    readSync(this.segments[segment].fd, buf, 0, size, position);
    return buf;
  }

  close(): void {
    for (const s of this.segments.splice(0)) closeSync(s.fd);
  }

  destroy(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
