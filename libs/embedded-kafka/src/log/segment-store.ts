import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  write,
} from 'fs';
import { join } from 'path';
import { BATCH_HEADER_SIZE, BatchHeader, LOG_OVERHEAD, readBatchHeader } from './record-batch';

/** Where one partition's batch bytes live. */
export interface SegmentStore {
  /** Appends a batch; returns where it was written. */
  append(baseOffset: number, batch: Buffer): { segment: number; position: number };
  read(segment: number, position: number, size: number): Buffer;
  /** Resolves once every appended batch has reached the file. */
  flush(): Promise<void>;
  close(): void;
  /** Removes every file (once pending writes are done). */
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

  flush(): Promise<void> {
    return Promise.resolve();
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
 * Writes are issued asynchronously (write-behind) so a slow disk never stalls the event loop;
 * until a write completes, its batch is served from memory.
 */
export class FileSegmentStore implements SegmentStore {
  private readonly segments: Segment[] = [];
  private readonly inFlight = new Map<string, Buffer>();
  private idleWaiters: (() => void)[] = [];
  private failure: Error | null = null;

  private constructor(
    private dir: string,
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
    if (this.failure) throw this.failure;
    const position = current.size;
    const segment = this.segments.length - 1;
    const key = `${segment}:${position}`;
    this.inFlight.set(key, batch);
    write(current.fd, batch, 0, batch.length, position, (err) => {
      if (err) this.failure = err;
      this.inFlight.delete(key);
      if (this.inFlight.size === 0) for (const done of this.idleWaiters.splice(0)) done();
    });
    current.size += batch.length;
    return { segment, position };
  }

  read(segment: number, position: number, size: number): Buffer {
    const pending = this.inFlight.get(`${segment}:${position}`);
    if (pending) return pending;
    const buf = Buffer.allocUnsafe(size);
    readSync(this.segments[segment].fd, buf, 0, size, position);
    return buf;
  }

  flush(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Closes the files; call after `flush()`. */
  close(): void {
    for (const s of this.segments.splice(0)) closeSync(s.fd);
  }

  /** Moves the directory aside at once (so the name can be reused), removes it when idle. */
  destroy(): void {
    const doomed = `${this.dir}.deleted-${Date.now()}`;
    renameSync(this.dir, doomed);
    this.dir = doomed;
    void this.flush().then(() => {
      this.close();
      rmSync(doomed, { recursive: true, force: true });
    });
  }
}
