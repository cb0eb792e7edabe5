import { Socket } from 'net';
import { Reader } from '../protocol/reader';
import { decodeRequestHeader } from '../protocol/request-header';
import { BrokerContext } from './broker-context';
import { routeRequest } from './request-router';

const MAX_FRAME_BYTES = 100 * 1024 * 1024;

/**
 * One client socket: splits the byte stream into size-prefixed frames and answers them
 * strictly in order, one at a time (as Kafka mutes a channel while a request is in flight).
 */
export class Connection {
  private pending: Buffer = Buffer.alloc(0);
  private readonly partial: Buffer[] = [];
  private partialBytes = 0;
  private readonly queue: Buffer[] = [];
  private processing = false;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly ctx: BrokerContext,
    private readonly onError: (err: Error) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => (this.closed = true));
  }

  private onData(chunk: Buffer): void {
    // Chunks of a large frame are collected and concatenated once, when the frame is whole.
    this.partial.push(chunk);
    this.partialBytes += chunk.length;
    if (this.pending.length >= 4) {
      const needed = 4 + this.pending.readInt32BE(0);
      const valid = needed >= 4 && needed <= MAX_FRAME_BYTES + 4;
      if (valid && this.pending.length + this.partialBytes < needed) return;
    }
    this.pending =
      this.pending.length === 0 && this.partial.length === 1
        ? this.partial[0]
        : Buffer.concat([this.pending, ...this.partial]);
    this.partial.length = 0;
    this.partialBytes = 0;
    while (this.pending.length >= 4) {
      const size = this.pending.readInt32BE(0);
      if (size < 0 || size > MAX_FRAME_BYTES) {
        this.fail(new Error(`request frame of ${size} bytes refused`));
        return;
      }
      if (this.pending.length < 4 + size) break;
      this.queue.push(this.pending.subarray(4, 4 + size));
      this.pending = this.pending.subarray(4 + size);
    }
    if (!this.processing) void this.drain();
  }

  private async drain(): Promise<void> {
    this.processing = true;
    try {
      for (let frame = this.queue.shift(); frame && !this.closed; frame = this.queue.shift()) {
        await this.handle(frame);
      }
    } catch (err) {
      this.fail(err as Error);
    } finally {
      this.processing = false;
    }
  }

  private async handle(frame: Buffer): Promise<void> {
    const r = new Reader(frame);
    const header = decodeRequestHeader(r);
    const client = {
      clientId: header.clientId ?? '',
      clientHost: `/${this.socket.remoteAddress ?? ''}`,
    };
    const body = await routeRequest(this.ctx, header, r, client);
    if (!body || this.closed) return;
    const chunks = body.toChunks();
    const head = Buffer.allocUnsafe(8);
    head.writeInt32BE(body.length + 4, 0);
    head.writeInt32BE(header.correlationId, 4);
    this.socket.cork();
    this.socket.write(head);
    for (const c of chunks) this.socket.write(c);
    this.socket.uncork();
  }

  private fail(err: Error): void {
    this.closed = true;
    this.onError(err);
    this.socket.destroy();
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}
