import { readFileSync } from 'fs';
import { createServer } from 'net';

/**
 * A port nothing listens on, for a server another process binds a moment later.
 *
 * Not port 0: the kernel answers that from the ephemeral range, the range it also gives every
 * outgoing connection its local port from, so between this answer and the bind a kafkajs or pg
 * connection could take the port and hold it for its whole life (a service then crash-looped on
 * EADDRINUSE in CI). Ports below the ephemeral range are only ever taken by listeners, which
 * the bind check sees.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [low, high] = portsBelowEphemeralRange();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (handedOut.has(port)) continue;
    if (await canListen(port, host)) {
      handedOut.add(port);
      return port;
    }
  }
  return anyPort(host);
}

/**
 * Ports this process has answered already: the bind check cannot see one that was handed out
 * but is not bound yet (a platform picks every service's port before it starts them), so two
 * calls could otherwise answer the same port and the second service crash-loop on EADDRINUSE.
 */
const handedOut = new Set<number>();

const FIRST_CANDIDATE = 20_000;

function portsBelowEphemeralRange(): [number, number] {
  let ephemeralLow = 32_768;
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(low)) ephemeralLow = low;
  } catch {
    // Not Linux: the usual default applies.
  }
  return ephemeralLow - 1 > FIRST_CANDIDATE + 1_000
    ? [FIRST_CANDIDATE, ephemeralLow - 1]
    : [10_000, Math.max(ephemeralLow - 1, 11_000)];
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function anyPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
