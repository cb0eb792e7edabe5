import { connect, Socket } from 'net';

/**
 * A bare Kafka-protocol socket for conformance tests: sends whole frames and returns each
 * response body (after the correlation id), in order.
 */
export class RawClient {
  private buffered = Buffer.alloc(0);
  private readonly waiting: { resolve: (b: Buffer) => void; reject: (e: Error) => void }[] = [];
  private closedError: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (
        this.buffered.length >= 4 &&
        this.buffered.length >= 4 + this.buffered.readInt32BE(0)
      ) {
        const size = this.buffered.readInt32BE(0);
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        this.waiting.shift()?.resolve(frame);
      }
    });
    socket.on('close', () => {
      this.closedError = new Error('connection closed by the broker');
      for (const w of this.waiting.splice(0)) w.reject(this.closedError);
    });
  }

  static open(host: string, port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends a complete frame (size prefix included); resolves with the response frame. */
  request(frame: Buffer): Promise<Buffer> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.socket.write(frame);
    });
  }

  get isClosed(): boolean {
    return this.closedError !== null;
  }

  close(): void {
    this.socket.destroy();
  }
}
