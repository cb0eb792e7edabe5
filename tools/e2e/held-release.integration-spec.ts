import { IncomingMessage, Server, ServerResponse, createServer } from 'http';
import { AddressInfo } from 'net';
import { RunningStack } from '@herald/stack';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * Held events, driven only through public interfaces on the whole platform: a receiver that
 * fails until told to recover pauses its subscription, what matches meanwhile is held, and
 * `PATCH {"active": true}` brings them back oldest first, no more at once than the
 * subscription's `maxConcurrency` and no faster than its `rateLimitPerSecond`. A tenant may
 * instead discard what is held.
 */
jest.setTimeout(180_000);

interface Arrival {
  path: string;
  seq: number;
  at: number;
}

/** A loopback receiver that answers 500 until `recover()`, then 200 after `answerMs`. */
class RecoveringReceiver {
  private readonly server: Server;
  private failing = true;
  private readonly open = new Map<string, number>();
  private readonly peaks = new Map<string, number>();
  /** `data.seq` of every request answered 200, in the order they reached the receiver. */
  readonly arrived: Arrival[] = [];
  failures = 0;

  constructor(private readonly answerMs: number) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  recover(): void {
    this.failing = false;
  }

  on(path: string): Arrival[] {
    return this.arrived.filter((a) => a.path === path);
  }

  seqs(path: string): number[] {
    return this.on(path).map((a) => a.seq);
  }

  /** The most requests on `path` open at once since `recover()`. */
  peak(path: string): number {
    return this.peaks.get(path) ?? 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (this.failing) {
        this.failures++;
        res.writeHead(500).end();
        return;
      }
      const path = req.url ?? '/';
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { data: { seq: number } };
      this.arrived.push({ path, seq: body.data.seq, at: Date.now() });
      const open = (this.open.get(path) ?? 0) + 1;
      this.open.set(path, open);
      this.peaks.set(path, Math.max(open, this.peak(path)));
      setTimeout(() => {
        this.open.set(path, (this.open.get(path) ?? 1) - 1);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"Success": true}');
      }, this.answerMs);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let platform: E2ePlatform;
let stack: RunningStack;
let receiver: RecoveringReceiver;
let receiverUrl: string;
let api: PublicApi;
let tenant: { id: string; key: string };

type Held = { count: number; oldest: string | null; items: { eventId: string; status: string }[] };

const held = (id: string) =>
  api.ok<Held>(tenant.key, 'GET', `/v1/subscriptions/${id}/held?limit=100`);

/** Sums a counter of a service's /metrics (every label set matching `labels`). */
async function counter(service: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${stack.services.get(service)!.url}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      if (line.includes(labels)) total += Number(line.split(' ').pop());
  }
  return total;
}

/**
 * Subscriptions reach the matcher and dispatcher through the changelog, which takes longer on a
 * loaded machine than any fixed pause: produce `{seq: -1}` events of `type` until one of them
 * has a delivery of the subscription (pending or held). Returns how many were produced.
 */
async function untilMatching(subscriptionId: string, type: string): Promise<number> {
  for (let produced = 1; produced <= 20; produced++) {
    const eventId = await api.produce({ type, tenantid: tenant.id, data: { seq: -1 } });
    const deadline = Date.now() + 2_000;
    while (Date.now() < deadline) {
      const page = await api.ok<{ items: unknown[] }>(
        tenant.key,
        'GET',
        `/v1/deliveries?subscriptionId=${subscriptionId}&eventId=${eventId}`,
      );
      if (page.items.length > 0) return produced;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`subscription ${subscriptionId} never matched ${type}`);
}

beforeAll(async () => {
  platform = await startE2ePlatform({ name: 'e2e-held' });
  ({ stack, api } = platform);
  receiver = new RecoveringReceiver(150);
  receiverUrl = await receiver.start();
  tenant = await api.tenant(stack.adminToken, 'held');
}, 240_000);

afterAll(async () => {
  await receiver?.close();
  await platform?.stop();
});

/** Produces one event and waits until the subscription holds it, so each is held after the last. */
async function produceHeld(subscriptionId: string, type: string, seq: number): Promise<string> {
  const id = await api.produce({ type, tenantid: tenant.id, data: { seq } });
  await eventuallyValue(`event ${seq} held`, async () =>
    (await held(subscriptionId)).items.some((d) => d.eventId === id) ? true : undefined,
  );
  return id;
}

const HELD = 12;
const MAX_CONCURRENCY = 2;
const RATE = 4;

it('pauses on failures, holds, and releases oldest first within maxConcurrency and the rate limit after PATCH {"active": true}', async () => {
  const { body: sub } = await api.call<{ id: string }>(tenant.key, 'POST', '/v1/subscriptions', {
    url: `${receiverUrl}/recovering`,
    eventTypes: ['stock.*'],
    maxConcurrency: MAX_CONCURRENCY,
    rateLimitPerSecond: RATE,
    retryPolicy: { delays: ['0s'], maxAttempts: 1 },
    disablePolicy: { failureThreshold: 2, windowMs: 600_000, pauseMs: 3_600_000 },
  });
  // Three failures (failureThreshold 2) pause it; the first shows it is matched.
  await untilMatching(sub.id, 'stock.changed');
  for (let i = 0; i < 2; i++)
    await api.produce({ type: 'stock.changed', tenantid: tenant.id, data: { seq: -1 } });
  const paused = await eventuallyValue('the subscription to pause', async () => {
    const s = await api.ok<{ status: { state: string; reason: string } }>(
      tenant.key,
      'GET',
      `/v1/subscriptions/${sub.id}`,
    );
    return s.status.state === 'paused' ? s.status : undefined;
  });
  expect(paused.reason).toMatch(/^paused until \d{4}-.* \(3 failures within 600s\)$/);
  expect(receiver.failures).toBe(3);

  const ids: string[] = [];
  for (let seq = 0; seq < HELD; seq++) ids.push(await produceHeld(sub.id, 'stock.changed', seq));
  const holding = await held(sub.id);
  // A warm-up event matched late and sent after the pause would be held too (seq -1, oldest).
  const extra = holding.count - HELD;
  expect(extra).toBeGreaterThanOrEqual(0);
  expect(holding.items.slice(extra).map((d) => d.eventId)).toEqual(ids); // oldest first
  expect(holding.items.every((d) => d.status === 'held')).toBe(true);
  expect(receiver.seqs('/recovering')).toEqual([]);
  const releasedBefore = await counter('dispatcher', 'herald_held_deliveries_released_total');

  receiver.recover();
  const reactivated = await api.ok<{ status: unknown }>(
    tenant.key,
    'PATCH',
    `/v1/subscriptions/${sub.id}`,
    { active: true },
  );
  expect(reactivated.status).toEqual({ state: 'active', reason: null });
  await eventuallyValue('the held events', () =>
    receiver.seqs('/recovering').length >= holding.count ? true : undefined,
  );
  const arrivals = receiver.on('/recovering');
  const order = arrivals.map((a) => a.seq).filter((seq) => seq >= 0);
  // Never more than maxConcurrency open at the receiver; two sent together may arrive in
  // either order, but none overtakes an older event further than that.
  expect(receiver.peak('/recovering')).toBeLessThanOrEqual(MAX_CONCURRENCY);
  expect([...order].sort((a, b) => a - b)).toEqual([...Array(HELD).keys()]);
  order.forEach((seq, i) => expect(Math.abs(seq - i)).toBeLessThanOrEqual(1));
  // The token bucket lets a burst of RATE through, then RATE a second: HELD take at least
  // (HELD - RATE) / RATE seconds (less a timer's slack), and no second sees more than 2 x RATE.
  const span = arrivals[arrivals.length - 1].at - arrivals[0].at;
  expect(span).toBeGreaterThanOrEqual(((arrivals.length - RATE) / RATE) * 1_000 - 100);
  for (const a of arrivals)
    expect(arrivals.filter((b) => b.at >= a.at && b.at < a.at + 1_000).length).toBeLessThanOrEqual(
      2 * RATE,
    );
  expect((await held(sub.id)).count).toBe(0);
  expect(
    (await counter('dispatcher', 'herald_held_deliveries_released_total')) - releasedBefore,
  ).toBe(holding.count);
  const history = await api.ok<{ items: { fromState: string; toState: string }[] }>(
    tenant.key,
    'GET',
    `/v1/subscriptions/${sub.id}/state-history`,
  );
  expect(history.items.slice(0, 2).map((c) => [c.fromState, c.toState])).toEqual([
    ['paused', 'active'],
    ['active', 'paused'],
  ]);
});

it('discards held events on DELETE /held: they are never sent, and new events still are', async () => {
  const { body: sub } = await api.call<{ id: string }>(tenant.key, 'POST', '/v1/subscriptions', {
    url: `${receiverUrl}/discarding`,
    eventTypes: ['parcel.*'],
    active: false,
  });
  const warmUp = await untilMatching(sub.id, 'parcel.sent'); // held too, or not matched at all
  for (let seq = 0; seq < 3; seq++) await produceHeld(sub.id, 'parcel.sent', seq);
  const holding = await held(sub.id);
  expect(holding.count).toBeGreaterThanOrEqual(4);
  expect(holding.count).toBeLessThanOrEqual(3 + warmUp);
  const total = holding.count;
  const discardedBefore = await counter(
    'subscription-api',
    'herald_held_deliveries_discarded_total',
    'reason="tenant"',
  );

  const discarded = await api.ok(tenant.key, 'DELETE', `/v1/subscriptions/${sub.id}/held`);
  expect(discarded).toEqual({ discarded: total });
  expect(await held(sub.id)).toMatchObject({ count: 0, oldest: null, items: [] });
  const log = await api.ok<{ items: { status: string }[] }>(
    tenant.key,
    'GET',
    `/v1/deliveries?subscriptionId=${sub.id}&status=discarded`,
  );
  expect(log.items).toHaveLength(total);
  expect(
    (await counter(
      'subscription-api',
      'herald_held_deliveries_discarded_total',
      'reason="tenant"',
    )) - discardedBefore,
  ).toBe(total);

  await api.ok(tenant.key, 'PATCH', `/v1/subscriptions/${sub.id}`, { active: true });
  // Until the dispatcher has the reactivation, an event is held; keep sending until one arrives.
  await eventuallyValue('an event after reactivation', async () => {
    await api.produce({ type: 'parcel.sent', tenantid: tenant.id, data: { seq: 99 } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    return receiver.seqs('/discarding').includes(99) ? true : undefined;
  });
  // Let a release tick or two pass: nothing discarded may come back.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  // Only seq 99 ever arrives (more than one of them if some were held and then released).
  expect(new Set(receiver.seqs('/discarding'))).toEqual(new Set([99]));
});

it('answers 404 for the held events of another tenant’s subscription', async () => {
  const other = await api.tenant(stack.adminToken, 'held-other');
  const { body: sub } = await api.call<{ id: string }>(other.key, 'POST', '/v1/subscriptions', {
    url: `${receiverUrl}/other`,
    eventTypes: ['parcel.*'],
    active: false,
  });
  expect((await api.call(tenant.key, 'GET', `/v1/subscriptions/${sub.id}/held`)).status).toBe(404);
  expect((await api.call(tenant.key, 'DELETE', `/v1/subscriptions/${sub.id}/held`)).status).toBe(
    404,
  );
  const bad = await api.call<{ detail?: string }>(
    tenant.key,
    'GET',
    `/v1/subscriptions/${sub.id}/held?limit=abc`,
  );
  expect(bad.status).toBe(400);
});
