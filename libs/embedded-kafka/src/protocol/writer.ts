/**
 * Builds a response as a list of chunks: scalars go to a growing scratch buffer, large byte
 * payloads (stored record batches) are appended as their own chunk without copying.
 */
export class Writer {
  private readonly chunks: Buffer[] = [];
  private scratch = Buffer.allocUnsafe(256);
  private pos = 0;
  private total = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.scratch.length) return;
    this.flushScratch();
    if (n > this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.max(n, 256));
  }

  private flushScratch(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.scratch.subarray(0, this.pos));
    this.scratch = this.scratch.subarray(this.pos);
    if (this.scratch.length < 64) this.scratch = Buffer.allocUnsafe(1024);
    this.pos = 0;
  }

  get length(): number {
    return this.total;
  }

  int8(v: number): this {
    this.ensure(1);
    this.scratch.writeInt8(v, this.pos);
    this.pos += 1;
    this.total += 1;
    return this;
  }

  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    this.ensure(2);
    this.scratch.writeInt16BE(v, this.pos);
    this.pos += 2;
    this.total += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.scratch.writeInt32BE(v, this.pos);
    this.pos += 4;
    this.total += 4;
    return this;
  }

  int64(v: number): this {
    this.ensure(8);
    this.scratch.writeBigInt64BE(BigInt(v), this.pos);
    this.pos += 8;
    this.total += 8;
    return this;
  }

  uvarint(v: number): this {
    let value = v;
    while (value >= 0x80) {
      this.int8Unsigned((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    return this.int8Unsigned(value);
  }

  private int8Unsigned(v: number): this {
    this.ensure(1);
    this.scratch[this.pos++] = v;
    this.total += 1;
    return this;
  }

  raw(buf: Buffer): this {
    if (buf.length <= 64) {
      this.ensure(buf.length);
      buf.copy(this.scratch, this.pos);
      this.pos += buf.length;
    } else {
      this.flushScratch();
      this.chunks.push(buf);
    }
    this.total += buf.length;
    return this;
  }

  nullableString(v: string | null): this {
    if (v === null) return this.int16(-1);
    const b = Buffer.from(v, 'utf8');
    return this.int16(b.length).raw(b);
  }

  string(v: string): this {
    return this.nullableString(v);
  }

  nullableBytes(v: Buffer | null): this {
    if (v === null) return this.int32(-1);
    return this.int32(v.length).raw(v);
  }

  /** Writes int32 length then all chunks (records of a fetch response). */
  bytesChunks(parts: readonly Buffer[]): this {
    let n = 0;
    for (const p of parts) n += p.length;
    this.int32(n);
    for (const p of parts) this.raw(p);
    return this;
  }

  array<T>(items: readonly T[] | null, item: (w: Writer, v: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const v of items) item(this, v);
    return this;
  }

  compactString(v: string | null): this {
    if (v === null) return this.uvarint(0);
    const b = Buffer.from(v, 'utf8');
    return this.uvarint(b.length + 1).raw(b);
  }

  compactArray<T>(items: readonly T[], item: (w: Writer, v: T) => void): this {
    this.uvarint(items.length + 1);
    for (const v of items) item(this, v);
    return this;
  }

  emptyTaggedFields(): this {
    return this.uvarint(0);
  }

  /** The finished chunks. */
  toChunks(): Buffer[] {
    this.flushScratch();
    return this.chunks;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.toChunks(), this.total);
  }
}
