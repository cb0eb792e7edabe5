import { IncomingMessage, Server, ServerResponse, createServer } from 'http';
import { AddressInfo } from 'net';
import { Client } from 'pg';
import { RunningStack } from '@herald/stack';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * A subscription's circuit outlives the dispatcher: on the whole platform, with a real failing
 * receiver on loopback, the dispatcher is killed with SIGKILL three times during one failure
 * streak. The failure window is not reset by a restart (the pause comes at the threshold
 * counted over the kill), the pause is not reset (nothing is sent while it lasts, one probe
 * when it ends), the subscription is disabled at failingSince + disableAfterMs of the first
 * failure before the kills, and a success after a restart clears failingSince for good.
 */
jest.setTimeout(300_000);

/** A loopback receiver answering 500 on every path, or 200 once for a path told to succeed. */
class FailingReceiver {
  private readonly server: Server;
  private readonly hits = new Map<string, number[]>();
  private readonly succeedOnce = new Set<string>();

  constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** When each request on `path` arrived (ms). */
  on(path: string): number[] {
    return this.hits.get(path) ?? [];
  }

  succeedNext(path: string): void {
    this.succeedOnce.add(path);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '/';
      this.hits.set(path, [...this.on(path), Date.now()]);
      if (this.succeedOnce.delete(path)) res.writeHead(200).end();
      else res.writeHead(500).end();
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const PAUSE_MS = 15_000;
const DISABLE_AFTER_MS = 60_000;
/** More than 3 failures in 10 minutes pause for 15 s; failing for 60 s (the API's least) disables. */
const PAUSING = {
  failureThreshold: 3,
  windowMs: 600_000,
  pauseMs: PAUSE_MS,
  disableAfterMs: DISABLE_AFTER_MS,
};

let platform: E2ePlatform;
let stack: RunningStack;
let api: PublicApi;
let receiver: FailingReceiver;
let receiverUrl: string;
let sql: Client;
let tenant: { id: string; key: string };

beforeAll(async () => {
  platform = await startE2ePlatform({ name: 'e2e-circuit', restartLimit: 10 });
  ({ stack, api } = platform);
  receiver = new FailingReceiver();
  receiverUrl = await receiver.start();
  sql = new Client({ connectionString: platform.database.url });
  await sql.connect();
  tenant = await api.tenant(stack.adminToken, 'circuit');
}, 240_000);

afterAll(async () => {
  await sql?.end();
  await receiver?.close();
  await platform?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SubscriptionView {
  status: { state: string; reason: string | null };
  pausedUntil: string | null;
}

const subscription = (id: string) =>
  api.ok<SubscriptionView>(tenant.key, 'GET', `/v1/subscriptions/${id}`);

async function subscribe(path: string, type: string, threshold: number): Promise<string> {
  const sub = await api.ok<{ id: string }>(tenant.key, 'POST', '/v1/subscriptions', {
    url: `${receiverUrl}${path}`,
    eventTypes: [`${type}.*`],
    // One attempt per event: every request the receiver sees is a new event's only attempt.
    retryPolicy: { delays: ['0s'], maxAttempts: 1 },
    disablePolicy: { ...PAUSING, failureThreshold: threshold },
  });
  return sub.id;
}

/** Produces one event and waits until the receiver has seen one more request on `path`. */
async function deliverOne(path: string, type: string): Promise<void> {
  const before = receiver.on(path).length;
  await api.produce({ type: `${type}.changed`, tenantid: tenant.id, data: {} });
  await eventuallyValue(`a request on ${path}`, () =>
    receiver.on(path).length > before ? true : undefined,
  );
}

/**
 * Subscriptions reach the matcher through the changelog: produce events until one of them is
 * matched, then wait until its delivery reaches the receiver.
 */
async function firstDelivery(subscriptionId: string, path: string, type: string): Promise<void> {
  for (let produced = 0; produced < 20; produced++) {
    const eventId = await api.produce({ type: `${type}.changed`, tenantid: tenant.id, data: {} });
    for (const deadline = Date.now() + 2_000; Date.now() < deadline; await sleep(100)) {
      const page = await api.ok<{ items: unknown[] }>(
        tenant.key,
        'GET',
        `/v1/deliveries?subscriptionId=${subscriptionId}&eventId=${eventId}`,
      );
      if (page.items.length === 0) continue;
      await eventuallyValue(`the first request on ${path}`, () =>
        receiver.on(path).length > 0 ? true : undefined,
      );
      return;
    }
  }
  throw new Error(`${subscriptionId} never matched`);
}

/** kill -9 of the dispatcher; resolves when the restarted one is ready. */
async function killDispatcher(): Promise<number> {
  const dispatcher = stack.services.get('dispatcher')!;
  const pid = dispatcher.process.pid;
  dispatcher.process.kill();
  await eventuallyValue(
    'the dispatcher restarted and ready',
    async () => {
      if (dispatcher.process.pid === pid) return undefined;
      const ready = await fetch(`${dispatcher.url}/health/ready`).catch(() => undefined);
      return ready?.status === 200 ? true : undefined;
    },
    60_000,
  );
  return Date.now();
}

async function failingSince(subscriptionId: string): Promise<number | null | undefined> {
  const { rows } = await sql.query<{ failing_since: Date | null }>(
    'SELECT failing_since FROM subscription_health WHERE tenant_id = $1 AND subscription_id = $2',
    [tenant.id, subscriptionId],
  );
  return rows.length === 0 ? undefined : (rows[0].failing_since?.getTime() ?? null);
}

it('keeps the failure window, the pause and failingSince over kill -9 of the dispatcher', async () => {
  const pausing = await subscribe('/pausing', 'pausing', 3);
  // Never pauses: shows what a success after a restart leaves behind.
  const recovering = await subscribe('/recovering', 'recovering', 1_000);
  await firstDelivery(pausing, '/pausing', 'pausing');
  await firstDelivery(recovering, '/recovering', 'recovering');
  const firstFailure = receiver.on('/pausing')[0];
  // A warm-up event matched late is one more failure: bring the streak to exactly three.
  await sleep(2_000);
  while (receiver.on('/pausing').length < 3) await deliverOne('/pausing', 'pausing');
  await deliverOne('/recovering', 'recovering');
  expect(receiver.on('/pausing')).toHaveLength(3);
  // Offsets commit every 200 ms and the circuit is written with the attempt.
  await sleep(1_500);
  expect((await subscription(pausing)).status.state).toBe('active');

  // (a) The window: three failures before the kill, one after it pauses (4 > 3). A window
  // reset by the restart would need four more.
  await killDispatcher();
  receiver.succeedNext('/recovering');
  await deliverOne('/recovering', 'recovering');
  await deliverOne('/pausing', 'pausing');
  const paused = await eventuallyValue('the pause', async () => {
    const s = await subscription(pausing);
    return s.status.state === 'paused' ? s : undefined;
  });
  expect(paused.status.reason).toMatch(/\(4 failures within 600s\)$/);
  expect(receiver.on('/pausing')).toHaveLength(4);
  const pausedAt = receiver.on('/pausing')[3];
  const pausedUntil = Date.parse(paused.pausedUntil!);
  await sleep(1_500);
  // The success cleared failingSince in PostgreSQL, not only in the killed process.
  expect(await failingSince(recovering)).toBeNull();

  // (b) The pause: killed again while paused (and before the recovering subscription fails
  // again), with events arriving all along.
  await killDispatcher();
  let producing = true;
  const load = (async () => {
    for (let i = 0; producing && i < 150; i++) {
      await api.produce({ type: 'pausing.changed', tenantid: tenant.id, data: { i } });
      await api.produce({ type: 'recovering.changed', tenantid: tenant.id, data: { i } });
      await sleep(1_000);
    }
  })();
  const afterRestart = Date.now();
  await eventuallyValue(
    'the first probe',
    () => (receiver.on('/pausing').length > 4 ? true : undefined),
    PAUSE_MS + 20_000,
  );
  const probe = receiver.on('/pausing')[4];
  // Nothing was sent while paused, and the pause ended when it was due, not a pause later.
  expect(probe).toBeGreaterThanOrEqual(pausedUntil);
  expect(probe - pausedUntil).toBeLessThan(5_000);
  await sleep(3_000);
  // One probe, not a burst of the held events: it failed and paused again.
  expect(receiver.on('/pausing').filter((t) => t >= pausedUntil && t < probe + 3_000)).toEqual([
    probe,
  ]);
  expect((await subscription(pausing)).status.state).toBe('paused');

  // (c) The disable clock: a third kill, late in the streak.
  const lastKill = await killDispatcher();
  expect(lastKill - firstFailure).toBeGreaterThan(PAUSE_MS + 10_000);
  const disabled = await eventuallyValue(
    'the disable',
    async () => {
      const s = await subscription(pausing);
      return s.status.state === 'disabled' ? s : undefined;
    },
    DISABLE_AFTER_MS + 60_000,
  );
  const history = await api.ok<{ items: { changedAt: string; toState: string }[] }>(
    tenant.key,
    'GET',
    `/v1/subscriptions/${pausing}/state-history`,
  );
  const disabledAt = Date.parse(history.items.find((c) => c.toState === 'disabled')!.changedAt);
  const since = Date.parse(/failing since (\S+)$/.exec(disabled.status.reason ?? '')![1]);
  // failingSince is the first failure, before every kill (recorded when its outcome was).
  expect(since).toBeGreaterThanOrEqual(firstFailure - 1_000);
  expect(since - firstFailure).toBeLessThan(2_000);
  // Disabled at the first failure (a probe) once failingSince + disableAfterMs had passed...
  expect(disabledAt - since).toBeGreaterThanOrEqual(DISABLE_AFTER_MS);
  expect(disabledAt - since).toBeLessThan(DISABLE_AFTER_MS + PAUSE_MS + 8_000);
  // ... not disableAfterMs after a restart.
  expect(disabledAt).toBeLessThan(lastKill + DISABLE_AFTER_MS);

  // The recovering subscription failed all along since the second kill, but its clock started
  // after its success: a failingSince kept from before the success would have disabled it too.
  const recoveringSince = await failingSince(recovering);
  expect(recoveringSince).toBeGreaterThanOrEqual(afterRestart - 2_000);
  await sleep(Math.max(0, receiver.on('/recovering')[0] + DISABLE_AFTER_MS + 5_000 - Date.now()));
  expect(receiver.on('/recovering').filter((t) => t > afterRestart).length).toBeGreaterThan(5);
  expect((await subscription(recovering)).status.state).toBe('active');
  producing = false;
  await load;
  process.stdout.write(
    `durable circuit: paused after ${pausedAt - firstFailure} ms (4th failure, 1 kill between), ` +
      `probe ${probe - pausedUntil} ms after the pause end, ` +
      `disabled ${disabledAt - since} ms after the first failure (${disabledAt - lastKill} ms after the last kill)\n`,
  );
});
