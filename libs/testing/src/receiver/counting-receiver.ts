import { createServer, Server } from 'http';
import { AddressInfo } from 'net';

export interface CountingReceiver {
  url: string;
  /** Every webhook-id seen, with how many times it arrived. */
  seen: Map<string, number>;
  /** Event-to-delivery latencies (ms) read from a `"sentAt":<epoch ms>` field in the body. */
  latencies: number[];
  /** Latencies per path, for comparing healthy endpoints. */
  latenciesByPath: Map<string, number[]>;
  /** Event ids read from the Herald envelope (`{"id":"..."`), to name what was lost. */
  eventIds: Set<string>;
  received: number;
  /** Paths answered by a never-ending response (a blackholed endpoint). */
  blackhole(path: string): void;
  close(): Promise<void>;
}

const SENT_AT = /"sentAt":\s*(\d{13})/;
const ENVELOPE_ID = /^\{"id":"([^"]{1,200})"/;

/**
 * A lean loopback receiver for benchmarks and fault injection: answers 200 at once, records
 * every `webhook-id` (to count losses and duplicates) and the event-to-delivery latency.
 */
export async function startCountingReceiver(port = 0): Promise<CountingReceiver> {
  const seen = new Map<string, number>();
  const latencies: number[] = [];
  const latenciesByPath = new Map<string, number[]>();
  const eventIds = new Set<string>();
  const blackholes = new Set<string>();
  const state = { received: 0 };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (blackholes.has(path)) return; // never answer: the client's timeout must fire
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      state.received++;
      const id = String(req.headers['webhook-id'] ?? '');
      seen.set(id, (seen.get(id) ?? 0) + 1);
      const body = Buffer.concat(chunks).toString();
      const envelopeId = ENVELOPE_ID.exec(body);
      if (envelopeId) eventIds.add(envelopeId[1]);
      const match = SENT_AT.exec(body);
      if (match) {
        const latency = now - Number(match[1]);
        latencies.push(latency);
        const list = latenciesByPath.get(path) ?? [];
        list.push(latency);
        latenciesByPath.set(path, list);
      }
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-length': 16 })
        .end('{"Success":true}');
    });
  });
  server.keepAliveTimeout = 65_000;
  server.maxConnections = 10_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    latencies,
    latenciesByPath,
    eventIds,
    get received() {
      return state.received;
    },
    blackhole: (path) => blackholes.add(path),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
