import { mkdtempSync, rmSync } from 'fs';
import { Server, Socket, createConnection, createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { RunningStack, startStack } from '@herald/stack';
import { DemoReceiver, TestDatabase, createTestDatabase, startDemoReceiver } from '@herald/testing';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * PostgreSQL as the services reach it: through a TCP proxy that can go away (connections cut,
 * new ones refused) and come back on the same port, as a database restart or a network
 * partition looks to a client.
 */
class DatabaseLink {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(Number(this.target.port), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  }

  url(): string {
    const url = new URL(this.target.toString());
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }
}

/**
 * A PostgreSQL outage (every connection cut, new ones refused, for 15 s) is transient: every consumer backs off and retries for as long as it
 * lasts and skips nothing. The retry bound for unknown failures is set to 2 here, so an outage
 * error taken for anything but transient would quarantine events within seconds.
 */
jest.setTimeout(240_000);

const OUTAGE_MS = 15_000;
const EVENTS = 20;

let home: string;
let database: TestDatabase;
let link: DatabaseLink;
let stack: RunningStack;
let receiver: DemoReceiver;
let api: PublicApi;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'herald-outage-'));
  database = await createTestDatabase();
  link = new DatabaseLink(new URL(database.url));
  await link.open();
  stack = await startStack({
    databaseUrl: link.url(),
    home,
    persistent: false,
    kafkaPort: 0,
    postgresPort: 0,
    servicePorts: 'free',
    restartLimit: 20,
    env: { HERALD_LOG_LEVEL: 'error', HERALD_CONSUMER_MAX_MESSAGE_RETRIES: '2' },
    log: () => undefined,
  });
  receiver = await startDemoReceiver({ port: 0 });
  api = new PublicApi(stack.apiUrl, stack.brokers);
}, 240_000);

afterAll(async () => {
  await api?.close();
  await receiver?.close();
  await stack?.stop();
  await link?.cut();
  await database?.drop();
  rmSync(home, { recursive: true, force: true });
});

/** Sums a counter's samples matching `labels` across every consumer service. */
async function total(metric: string, labels = ''): Promise<number> {
  let sum = 0;
  for (const [name, service] of stack.services) {
    if (name === 'subscription-api') continue;
    const text = await (await fetch(`${service.url}/metrics`)).text();
    for (const line of text.split('\n')) {
      if (line.startsWith(`${metric}{`) && line.includes(labels))
        sum += Number(line.split(' ').pop());
    }
  }
  return sum;
}

it('delivers every event sent during a PostgreSQL outage; nothing is quarantined', async () => {
  const tenant = await api.tenant(stack.adminToken, 'outage');
  await api.ok(tenant.key, 'POST', '/v1/subscriptions', {
    url: `${receiver.url}/ok`,
    eventTypes: ['order.*'],
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await link.cut();
  const ids: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    ids.push(await api.produce({ type: 'order.created', tenantid: tenant.id, data: { i } }));
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS / EVENTS));
  }
  await link.open();
  const restartedAt = Date.now();
  await eventuallyValue(
    'every event delivered',
    () =>
      ids.every((id) => receiver.deliveries.some((d) => d.body.includes(id))) ? true : undefined,
    90_000,
  );
  process.stdout.write(
    `outage e2e: ${EVENTS} events sent during a ${OUTAGE_MS / 1000} s outage, all delivered ` +
      `${((Date.now() - restartedAt) / 1000).toFixed(1)} s after PostgreSQL was back; ` +
      `${await total('herald_consumer_message_retries_total', 'failure="transient"')} transient retries\n`,
  );
  expect(await total('herald_consumer_poison_messages_total')).toBe(0);
  expect(await total('herald_consumer_message_retries_total', 'failure="unknown"')).toBe(0);
  expect(
    await total('herald_consumer_message_retries_total', 'failure="transient"'),
  ).toBeGreaterThan(0);
});
