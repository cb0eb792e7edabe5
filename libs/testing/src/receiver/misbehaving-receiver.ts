import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer, Server } from 'http';
import { createServer as createTlsServer, Server as HttpsServer } from 'https';
import { AddressInfo, Socket } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * Receivers that misbehave the ways real endpoints do, for fault injection:
 * `/slow-loris` sends its status line and then one header byte every second, forever;
 * `/huge` answers 200 with a 10 MB body; `/redirect` redirects to `/redirect/again`, which
 * redirects to itself forever;
 * `/reset` destroys the connection mid-request; `/drip` sends a 200 body one byte per second.
 * `tlsUrl` is an HTTPS server with a self-signed certificate (invalid for any client).
 */
export interface MisbehavingReceiver {
  url: string;
  tlsUrl: string;
  /** Requests seen per path. */
  hits: Map<string, number>;
  /** How many `/slow-loris` and `/drip` responses are being held open right now. */
  held(): number;
  close(): Promise<void>;
}

export async function startMisbehavingReceiver(): Promise<MisbehavingReceiver> {
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  const holding = new Set<object>();
  const hold = (res: object, socket: Socket | null) => {
    holding.add(res);
    socket?.once('close', () => holding.delete(res));
  };
  const drip = (write: () => boolean) => {
    const timer = setInterval(() => {
      if (!write()) clearInterval(timer);
    }, 1_000);
    timers.add(timer);
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    req.resume();
    req.on('end', () => {
      switch (path) {
        case '/slow-loris':
          hold(res, res.socket);
          res.socket?.write('HTTP/1.1 200 OK\r\nX-Slow: ');
          drip(() => !res.socket?.destroyed && !!res.socket?.write('a'));
          return;
        case '/huge':
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': 10 * 1024 * 1024,
          });
          res.end(Buffer.alloc(10 * 1024 * 1024, 0x20));
          return;
        case '/redirect':
        case '/redirect/again':
          res.writeHead(302, { location: '/redirect/again' }).end();
          return;
        case '/reset':
          req.socket.destroy();
          return;
        case '/drip':
          hold(res, res.socket);
          res.writeHead(200, { 'content-type': 'application/json' });
          drip(() => !res.destroyed && res.write(' '));
          return;
        default:
          res.writeHead(404).end();
      }
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const certDir = mkdtempSync(join(tmpdir(), 'herald-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=herald-invalid',
      '-keyout',
      join(certDir, 'key.pem'),
      '-out',
      join(certDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const tls: HttpsServer = createTlsServer(
    { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) },
    (_req, res) => {
      hits.set('/tls', (hits.get('/tls') ?? 0) + 1);
      res.writeHead(200).end('{"Success":true}');
    },
  );
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  rmSync(certDir, { recursive: true, force: true });

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tlsUrl: `https://127.0.0.1:${(tls.address() as AddressInfo).port}`,
    hits,
    held: () => holding.size,
    close: async () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      tls.closeAllConnections();
      await Promise.all([
        new Promise((r) => server.close(() => r(undefined))),
        new Promise((r) => tls.close(() => r(undefined))),
      ]);
    },
  };
}
