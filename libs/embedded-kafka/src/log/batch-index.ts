/**
 * Column store of one partition's batches: base offset, max timestamp, and where the bytes
 * are (segment, position, size). Typed arrays keep a million-batch log to a few tens of MB.
 */
export class BatchIndex {
  private base = new Float64Array(1024);
  private maxTs = new Float64Array(1024);
  private segment = new Int32Array(1024);
  private position = new Float64Array(1024);
  private size = new Int32Array(1024);
  count = 0;

  push(
    baseOffset: number,
    maxTimestamp: number,
    segment: number,
    position: number,
    size: number,
  ): void {
    if (this.count === this.base.length) this.grow();
    const i = this.count++;
    this.base[i] = baseOffset;
    this.maxTs[i] = maxTimestamp;
    this.segment[i] = segment;
    this.position[i] = position;
    this.size[i] = size;
  }

  private grow(): void {
    const n = this.base.length * 2;
    const growF = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const growI = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.base = growF(this.base);
    this.maxTs = growF(this.maxTs);
    this.position = growF(this.position);
    this.segment = growI(this.segment);
    this.size = growI(this.size);
  }

  baseOffsetAt(i: number): number {
    return this.base[i];
  }

  maxTimestampAt(i: number): number {
    return this.maxTs[i];
  }

  locationAt(i: number): { segment: number; position: number; size: number } {
    return { segment: this.segment[i], position: this.position[i], size: this.size[i] };
  }

  /** Index of the batch holding `offset` (the last batch whose base is <= offset), or -1. */
  batchContaining(offset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.base[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** First batch whose max timestamp is >= ts, or -1. */
  firstBatchAtOrAfter(ts: number): number {
    for (let i = 0; i < this.count; i++) if (this.maxTs[i] >= ts) return i;
    return -1;
  }
}
