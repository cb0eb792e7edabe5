import { Dispatcher } from 'undici';

export interface CappedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
}

/**
 * Collects one response straight from undici's dispatch callbacks: the status, the headers and
 * at most `capBytes` of the body, cutting the connection beyond it. No stream per response
 * (undici's `request()` builds a Readable and an async resource for each, which cost the
 * dispatcher about a tenth of its CPU). The whole body must arrive within `timeoutMs` of the
 * headers: undici's own body timeout only bounds the gap between chunks, so a receiver
 * trickling a byte a second would otherwise hold the attempt for ever.
 */
export class CappedResponseCollector implements Dispatcher.DispatchHandler {
  readonly response: Promise<CappedResponse>;
  private resolve!: (response: CappedResponse) => void;
  private reject!: (error: Error) => void;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private bodyDeadline = Infinity;
  private settled = false;

  constructor(
    private readonly capBytes: number,
    private readonly timeoutMs: number,
  ) {
    this.response = new Promise<CappedResponse>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Present so undici drives this handler through its controller API (not the legacy one). */
  onRequestStart(): void {}

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // 1xx informational: the final response follows
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
    this.bodyDeadline = performance.now() + this.timeoutMs;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    if (performance.now() > this.bodyDeadline) {
      controller.abort(bodyTimeout());
      return;
    }
    if (this.size + chunk.length > this.capBytes) {
      this.chunks.push(chunk.subarray(0, this.capBytes - this.size));
      this.size = this.capBytes;
      this.finish(true);
      controller.abort(new Error('response body cap reached')); // closes the connection
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  onResponseEnd(): void {
    this.finish(false);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  private finish(truncated: boolean): void {
    if (this.settled) return;
    this.settled = true;
    const body =
      this.chunks.length === 1
        ? this.chunks[0].toString('utf8')
        : Buffer.concat(this.chunks, this.size).toString('utf8');
    this.resolve({ status: this.status, headers: this.headers, body, truncated });
  }
}

function bodyTimeout(): Error {
  return Object.assign(new Error('response body not read within the timeout'), {
    code: 'UND_ERR_BODY_TIMEOUT',
  });
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
