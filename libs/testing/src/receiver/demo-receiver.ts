import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { JwksCache, ReceiverKeys, SignatureCheck, checkSignatures } from './signature-checks';

export interface ReceivedDelivery {
  path: string;
  webhookId: string;
  attempt: number;
  status: number;
  /** true when every check passed, false when one failed; null when no keys are registered. */
  verified: boolean | null;
  /** Each scheme the delivery is signed with that the path's keys can check. */
  checks: SignatureCheck[];
  receivedAt: string;
  /** The request as received: lower-case header names (repeated ones joined), the raw body. */
  headers: Record<string, string>;
  body: string;
}

export interface DemoReceiver {
  url: string;
  port: number;
  deliveries: ReceivedDelivery[];
  close(): Promise<void>;
}

/**
 * A webhook receiver for newcomers, tests and benchmarks. Paths choose behaviour:
 * `/ok` answers 200 `{"Success": true}`; `/refuse` answers 200 `{"Success": false}`; `/fail` answers 500; `/flaky?failures=N` fails the
 * first N attempts of each `webhook-id`; `/gone` answers 410; `/slow?ms=N` waits first.
 * `POST /_secrets {"path":"/ok","secret":"whsec_...","jwksUrl":"http://.../jwks.json"}` registers
 * a path's keys (`ReceiverKeys`); from then on every scheme a delivery to it is signed with is
 * verified by the code of docs/verifying.md (`checkSignatures`). `GET /_deliveries` lists what
 * arrived.
 */
export async function startDemoReceiver(options: {
  port: number;
  host?: string;
  keep?: number;
  onDelivery?: (delivery: ReceivedDelivery) => void;
}): Promise<DemoReceiver> {
  const registered = new Map<string, ReceiverKeys>();
  const jwks = new JwksCache();
  const attempts = new Map<string, number>();
  const deliveries: ReceivedDelivery[] = [];
  const keep = options.keep ?? 1_000;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks).toString()));
  });
  server.keepAliveTimeout = 65_000;

  async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method === 'GET' && url.pathname === '/_deliveries') return json(res, 200, deliveries);
    if (req.method === 'POST' && url.pathname === '/_secrets') {
      const keys = JSON.parse(body) as ReceiverKeys;
      registered.set(keys.path, keys);
      return json(res, 204, null);
    }
    const headers = receivedHeaders(req);
    const webhookId = headers['webhook-id'] ?? '';
    const attempt = (attempts.get(webhookId) ?? 0) + 1;
    attempts.set(webhookId, attempt);
    const keys = registered.get(url.pathname);
    const request = {
      method: req.method ?? 'POST',
      url: `http://${headers.host}${req.url}`,
      headers,
    };
    const checks = keys ? await checkSignatures({ ...request, rawBody: body }, keys, jwks) : [];
    const verified = keys ? checks.every((c) => c.valid) : null;
    const status = await statusFor(url, attempt);
    const delivery = {
      path: url.pathname,
      webhookId,
      attempt,
      status,
      verified,
      checks,
      receivedAt: new Date().toISOString(),
      headers,
      body,
    };
    deliveries.push(delivery);
    if (deliveries.length > keep) deliveries.shift();
    options.onDelivery?.(delivery);
    const success = status < 300 && url.pathname !== '/refuse';
    json(res, status, { Success: success });
  }

  await new Promise<void>((resolve) =>
    server.listen(options.port, options.host ?? '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deliveries,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function receivedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function statusFor(url: URL, attempt: number): Promise<number> {
  switch (url.pathname) {
    case '/fail':
      return 500;
    case '/gone':
      return 410;
    case '/flaky':
      return attempt <= Number(url.searchParams.get('failures') ?? 2) ? 503 : 200;
    case '/slow':
      await new Promise((resolve) =>
        setTimeout(resolve, Number(url.searchParams.get('ms') ?? 1_000)),
      );
      return 200;
    default:
      return 200;
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  const body = JSON.stringify(value);
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    })
    .end(body);
}
