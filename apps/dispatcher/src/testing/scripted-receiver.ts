import { IncomingHttpHeaders, Server, ServerResponse, createServer } from 'http';
import { AddressInfo, Socket } from 'net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (a blackholed endpoint). */
  hang?: boolean;
  /** Send the body one byte every `dripMs` (a receiver trickling its answer). */
  dripMs?: number;
  /** Send a 103 Early Hints informational response first. */
  earlyHints?: boolean;
  /** Answer after this long (a receiver that takes its time: requests overlap). */
  delayMs?: number;
}

/**
 * A loopback webhook receiver for integration specs: each path answers from its script (the
 * n-th request gets the n-th response, the last one repeats) and records what it received.
 */
export class ScriptedReceiver {
  private readonly server: Server;
  private readonly scripts = new Map<string, ScriptedResponse[]>();
  private readonly sockets = new Set<Socket>();
  readonly requests: ReceivedRequest[] = [];
  private readonly inFlight = new Map<string, number>();
  private readonly peaks = new Map<string, number>();

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const count = this.on(path).length;
        this.requests.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
          at: Date.now(),
        });
        const script = this.scripts.get(path) ?? [{ status: 200 }];
        const response = script[Math.min(count, script.length - 1)];
        if (response.hang) return;
        const open = (this.inFlight.get(path) ?? 0) + 1;
        this.inFlight.set(path, open);
        this.peaks.set(path, Math.max(open, this.peaks.get(path) ?? 0));
        res.on('close', () => this.inFlight.set(path, (this.inFlight.get(path) ?? 1) - 1));
        const answer = () => {
          if (response.earlyHints) res.writeEarlyHints({ link: '</style.css>; rel=preload' });
          res.writeHead(response.status, response.headers ?? {});
          if (response.dripMs) return drip(res, response.body ?? '', response.dripMs);
          res.end(response.body ?? '');
        };
        if (response.delayMs) setTimeout(answer, response.delayMs);
        else answer();
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(path: string, responses: ScriptedResponse[]): void {
    this.scripts.set(path, responses);
  }

  /** The most requests on `path` this receiver has had open at once (hung ones aside). */
  peakInFlight(path: string): number {
    return this.peaks.get(path) ?? 0;
  }

  on(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function drip(res: ServerResponse, body: string, everyMs: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed || sent >= body.length) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(body[sent++]);
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}
