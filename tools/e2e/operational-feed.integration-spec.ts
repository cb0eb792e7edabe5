import { IncomingMessage, Server, ServerResponse, createServer } from 'http';
import { AddressInfo } from 'net';
import { RunningStack } from '@herald/stack';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * The operational feed on the whole platform, through public interfaces only: a subscription
 * whose loopback receiver fails, recovers, answers 410 and is reactivated produces each of the
 * six `herald.*` events; the tenant's `herald.*` subscription receives every one of them, its
 * `*` subscription none, and another tenant's `herald.*` and `*` subscriptions none.
 */
jest.setTimeout(150_000);

interface Arrival {
  path: string;
  type: string;
  data: Record<string, unknown>;
}

/** A loopback receiver: 200 everywhere, except `/target` answers what `plan` says next. */
class FeedReceiver {
  private readonly server: Server;
  readonly arrived: Arrival[] = [];
  /** Statuses `/target` answers next, one per request; 200 when empty, or `after` once set. */
  plan: number[] = [];
  after = 200;

  constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  types(path: string): string[] {
    return this.arrived.filter((a) => a.path === path).map((a) => a.type);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = JSON.parse(Buffer.concat(chunks).toString()) as Omit<Arrival, 'path'>;
      this.arrived.push({ path, type: body.type, data: body.data });
      const status = path === '/target' ? (this.plan.shift() ?? this.after) : 200;
      res.writeHead(status).end();
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let platform: E2ePlatform;
let stack: RunningStack;
let api: PublicApi;
let receiver: FeedReceiver;
let url: string;
let acme: { id: string; key: string };
let globex: { id: string; key: string };

beforeAll(async () => {
  platform = await startE2ePlatform({ name: 'e2e-feed' });
  ({ stack, api } = platform);
  receiver = new FeedReceiver();
  url = await receiver.start();
  acme = await api.tenant(stack.adminToken, 'feed-acme');
  globex = await api.tenant(stack.adminToken, 'feed-globex');
}, 240_000);

afterAll(async () => {
  await receiver?.close();
  await platform?.stop();
});

const subscribe = (tenant: { key: string }, body: Record<string, unknown>) =>
  api.ok<{ id: string }>(tenant.key, 'POST', '/v1/subscriptions', body);

/** Produces `type` events of the tenant until one reaches `path` (the changelog has caught up). */
async function untilDelivered(tenantId: string, type: string, path: string): Promise<void> {
  await eventuallyValue(
    `${type} to reach ${path}`,
    async () => {
      if (receiver.types(path).includes(type)) return true;
      await api.produce({ type, tenantid: tenantId, data: {} });
      await new Promise((resolve) => setTimeout(resolve, 500));
      return receiver.types(path).includes(type) ? true : undefined;
    },
    60_000,
  );
}

const feedOf = (type: string, subscriptionId: string) =>
  eventuallyValue(
    `${type} on the herald.* subscription`,
    () =>
      receiver.arrived.find(
        (a) => a.path === '/feed' && a.type === type && a.data.subscriptionId === subscriptionId,
      ),
    30_000,
  );

it('delivers each operational event to the tenant’s herald.* subscription only', async () => {
  await subscribe(acme, { url: `${url}/feed`, eventTypes: ['herald.*', 'warm.feed'] });
  await subscribe(acme, { url: `${url}/all`, eventTypes: ['*'] });
  await subscribe(globex, { url: `${url}/other`, eventTypes: ['herald.*', 'warm.other'] });
  await subscribe(globex, { url: `${url}/other-all`, eventTypes: ['*'] });
  const target = await subscribe(acme, {
    url: `${url}/target`,
    eventTypes: ['order.*'],
    retryPolicy: { delays: ['0s', '1s'], maxAttempts: 2 },
    // More than 1 failure in 10 minutes (a success clears them) pauses it for 1.5 s.
    disablePolicy: {
      failureThreshold: 1,
      windowMs: 600_000,
      pauseMs: 1_500,
      disableAfterMs: 3_600_000,
    },
  });
  await untilDelivered(acme.id, 'warm.feed', '/feed');
  await untilDelivered(globex.id, 'warm.other', '/other');
  await untilDelivered(acme.id, 'order.warm', '/target');

  // A failure, then success on the retry: recovered (1 failure).
  receiver.plan = [500];
  await api.produce({ type: 'order.created', tenantid: acme.id, data: { n: 1 } });
  await feedOf('herald.delivery.recovered', target.id);

  // Both attempts fail: exhausted, and the second failure in a row pauses it.
  receiver.plan = [500, 500];
  await api.produce({ type: 'order.created', tenantid: acme.id, data: { n: 2 } });
  const exhausted = await feedOf('herald.delivery.exhausted', target.id);
  expect(exhausted.data).toMatchObject({ attempts: 2, eventType: 'order.created' });
  const paused = await feedOf('herald.subscription.paused', target.id);
  expect(paused.data).toMatchObject({ previousState: 'active', state: 'paused' });

  // The pause ends and the next delivery succeeds: resumed.
  await api.produce({ type: 'order.created', tenantid: acme.id, data: { n: 3 } });
  const resumed = await feedOf('herald.subscription.resumed', target.id);
  expect(resumed.data).toMatchObject({ previousState: 'paused', state: 'active' });

  // 410 Gone disables it; the tenant reactivates it.
  receiver.after = 410;
  await api.produce({ type: 'order.created', tenantid: acme.id, data: { n: 4 } });
  const disabled = await feedOf('herald.subscription.disabled', target.id);
  expect(disabled.data).toMatchObject({ state: 'disabled' });
  receiver.after = 200;
  await api.ok(acme.key, 'PATCH', `/v1/subscriptions/${target.id}`, { active: true });
  const reactivated = await feedOf('herald.subscription.reactivated', target.id);
  expect(reactivated.data).toMatchObject({
    previousState: 'disabled',
    state: 'active',
    changedBy: 'tenant',
  });

  // A producer cannot forge one on herald.events.inbound: refused, listed with the reason.
  const forged = await api.produce({
    type: 'herald.subscription.paused',
    tenantid: acme.id,
    subject: target.id,
    data: { subscriptionId: target.id, forged: true },
  });
  const refused = await eventuallyValue('the forged event among the invalid events', async () => {
    const page = await api.ok<{ items: { eventId: string; reason: string; detail: string }[] }>(
      acme.key,
      'GET',
      '/v1/invalid-events?limit=100',
    );
    return page.items.find((i) => i.eventId === forged);
  });
  expect(refused.detail).toMatch(/^type: .*reserved/);

  // Give any stray delivery time to arrive before checking what must not have.
  await api.produce({ type: 'warm.feed', tenantid: acme.id, data: { last: true } });
  await eventuallyValue('the last warm-up', () =>
    receiver.arrived.some((a) => a.path === '/feed' && a.data.last === true) ? true : undefined,
  );
  const herald = (path: string) => receiver.types(path).filter((t) => t.startsWith('herald.'));
  expect(new Set(herald('/feed'))).toEqual(
    new Set([
      'herald.delivery.recovered',
      'herald.delivery.exhausted',
      'herald.subscription.paused',
      'herald.subscription.resumed',
      'herald.subscription.disabled',
      'herald.subscription.reactivated',
    ]),
  );
  expect(receiver.arrived.filter((a) => a.data.forged === true)).toEqual([]);
  expect(herald('/all')).toEqual([]);
  expect(herald('/other')).toEqual([]);
  expect(herald('/other-all')).toEqual([]);
  expect(receiver.types('/all')).toContain('order.created'); // it does receive ordinary events
});
