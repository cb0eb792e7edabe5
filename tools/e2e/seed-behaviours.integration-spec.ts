import { DEFAULT_RETRY_LADDER, parseDuration } from '@herald/contracts';
import { PACKT_TEMPLATE, TUTORIAL_ORDER_TEMPLATE, XENA_TEMPLATE } from '@herald/delivery';
import { RunningStack } from '@herald/stack';
import { DemoReceiver, ReceivedDelivery, startDemoReceiver } from '@herald/testing';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * The behaviours of DESIGN.md "Behaviour the seeds ask for", each driven only through public
 * interfaces (HTTP API, a kafkajs producer, real HTTP receivers) against the whole platform:
 * the test broker (HERALD_TEST_KAFKA), embedded PostgreSQL and the five services.
 */
jest.setTimeout(180_000);

let platform: E2ePlatform;
let stack: RunningStack;
let receiver: DemoReceiver;
let api: PublicApi;
let tenant: { id: string; key: string };

const arrivals = (path: string, entityId?: string): ReceivedDelivery[] =>
  receiver.deliveries.filter(
    (d) => d.path === path && (!entityId || d.body.includes(`"${entityId}"`)),
  );

type Sub = { id: string; secret: string; retryPolicy: { delays: string[]; maxAttempts: number } };

async function subscribe(body: Record<string, unknown>): Promise<Sub> {
  const { status, body: created } = await api.call<Sub>(
    tenant.key,
    'POST',
    '/v1/subscriptions',
    body,
  );
  expect(status).toBe(201);
  return created;
}

/** The receiver verifies signatures on this path with the public `standardwebhooks` library. */
async function registerSecret(path: string, secret: string): Promise<void> {
  await fetch(`${receiver.url}/_secrets`, {
    method: 'POST',
    body: JSON.stringify({ path, secret }),
  });
}

async function stateOf(id: string): Promise<{
  state: string;
  active: boolean;
  stateReason: string | null;
  status: { state: string; reason: string | null };
}> {
  return api.ok(tenant.key, 'GET', `/v1/subscriptions/${id}`);
}

// Subscriptions reach the matcher and dispatcher through the changelog: give them a moment.
const propagation = () => new Promise((resolve) => setTimeout(resolve, 1_500));

beforeAll(async () => {
  platform = await startE2ePlatform({ name: 'e2e', env: { HERALD_CANARY_POLL_MS: '500' } });
  ({ stack, api } = platform);
  receiver = await startDemoReceiver({ port: 0 });
  tenant = await api.tenant(stack.adminToken, 'seeds');
}, 240_000);

afterAll(async () => {
  await receiver?.close();
  await platform?.stop();
});

describe('product-change codes, canary and a week of retries', () => {
  let canary: Sub;

  beforeAll(async () => {
    await api.ok(tenant.key, 'POST', '/v1/payload-formats', {
      name: 'packt',
      template: PACKT_TEMPLATE,
    });
    // Created first: the canary's shortest interval is a minute, so it matures while the rest run.
    canary = await subscribe({
      url: `${receiver.url}/packt-canary`,
      eventTypes: ['herald.canary'],
      canary: { enabled: true, intervalMs: 60_000 },
      payloadFormatName: 'packt',
      description: 'canary subscriber',
    });
    await api.ok(tenant.key, 'POST', '/v1/event-types', {
      name: 'product.changed',
      code: '100',
      description: 'Product Information has been changed',
    });
  });

  it("delivers Packt's example callback byte for byte: the type code and the product id, signed", async () => {
    const sub = await subscribe({
      url: `${receiver.url}/template`,
      eventTypes: ['product.changed'],
      entityType: 'product',
      entityId: '9781789955750',
      payloadFormatName: 'packt',
    });
    await registerSecret('/template', sub.secret);
    await propagation();
    await api.produce({
      type: 'product.changed',
      tenantid: tenant.id,
      time: '2020-11-18T09:58:05Z',
      entitytype: 'product',
      entityid: '9781789955750',
      action: 'updated',
      data: {
        description: 'Author biography update for Python Machine Learning - Third Edition',
      },
    });
    const [delivery] = await eventuallyValue('the product-change delivery', () => {
      const found = arrivals('/template');
      return found.length > 0 ? found : undefined;
    });
    // Packt's document, field for field (its example is JSON-like; this is the JSON of it).
    expect(delivery.body).toBe(
      '{"code":"100","timestamp":"2020-11-18T09:58:05Z","id":"9781789955750","description":"Author biography update for Python Machine Learning - Third Edition"}',
    );
    expect(delivery.webhookId).toMatch(/^msg_/);
    expect(delivery.verified).toBe(true);
    // The default ladder: 10 attempts over about a week.
    expect(sub.retryPolicy.maxAttempts).toBe(10);
    expect(sub.retryPolicy.delays).toEqual(DEFAULT_RETRY_LADDER);
    const days = sub.retryPolicy.delays.map(parseDuration).reduce((a, b) => a + b, 0) / 86_400_000;
    expect(days).toBeGreaterThan(6);
    expect(days).toBeLessThan(8);
  });

  it('retries a failed delivery on the default ladder: the second attempt 5 s ±20% later', async () => {
    await subscribe({
      url: `${receiver.url}/flaky?failures=1`,
      eventTypes: ['product.changed'],
      entityType: 'product',
      entityId: 'sku-flaky',
    });
    await propagation();
    await api.produce({
      type: 'product.changed',
      tenantid: tenant.id,
      entitytype: 'product',
      entityid: 'sku-flaky',
      data: { code: '200' },
    });
    const attempts = await eventuallyValue(
      'two attempts on /flaky',
      () => {
        const found = arrivals('/flaky', 'sku-flaky');
        return found.length >= 2 ? found : undefined;
      },
      30_000,
    );
    expect(attempts.map((a) => a.status)).toEqual([503, 200]);
    expect(attempts[1].webhookId).toBe(attempts[0].webhookId);
    const gap = Date.parse(attempts[1].receivedAt) - Date.parse(attempts[0].receivedAt);
    // The 5 s step is jittered by the default ±20% (HERALD_RETRY_JITTER_PERCENT): 4-6 s.
    expect(gap).toBeGreaterThanOrEqual(4_000);
    expect(gap).toBeLessThan(8_000);
  });

  it("sends the canary (code 000) to subscriptions that opted in, on schedule, in Packt's shape", async () => {
    const canaries = await eventuallyValue(
      'a canary delivery',
      () => {
        const found = arrivals('/packt-canary');
        return found.length > 0 ? found : undefined;
      },
      120_000,
    );
    expect(JSON.parse(canaries[0].body)).toEqual({
      code: '000',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      id: canary.id,
      description: 'Herald canary: test event',
    });
    expect(Object.keys(JSON.parse(canaries[0].body))).toEqual([
      'code',
      'timestamp',
      'id',
      'description',
    ]);
    const subscription = await api.ok<{ createdAt: string }>(
      tenant.key,
      'GET',
      `/v1/subscriptions/${canary.id}`,
    );
    expect(
      Date.parse(canaries[0].receivedAt) - Date.parse(subscription.createdAt),
    ).toBeGreaterThanOrEqual(60_000);
  });
});

describe('actions, triggers and payload conditions', () => {
  it('delivers only created/deleted events from the rest trigger whose payload matches', async () => {
    const sub = await subscribe({
      url: `${receiver.url}/actions`,
      eventTypes: ['order.*'],
      actions: ['created', 'deleted'],
      triggers: ['rest'],
      condition: { 'data.total': { $gte: 100 } },
    });
    await registerSecret('/actions', sub.secret);
    await propagation();
    const cases = [
      { id: 'o-created-big', action: 'created', trigger: 'rest', total: 150, expected: true },
      { id: 'o-created-small', action: 'created', trigger: 'rest', total: 5, expected: false },
      { id: 'o-updated-big', action: 'updated', trigger: 'rest', total: 150, expected: false },
      { id: 'o-deleted-import', action: 'deleted', trigger: 'import', total: 150, expected: false },
      { id: 'o-deleted-big', action: 'deleted', trigger: 'rest', total: 300, expected: true },
    ] as const;
    for (const c of cases) {
      await api.produce({
        type: `order.${c.action}`,
        tenantid: tenant.id,
        entitytype: 'order',
        entityid: c.id,
        action: c.action,
        trigger: c.trigger,
        data: { total: c.total },
      });
    }
    // A marker produced last that matches: once it arrives, everything before it was decided.
    await api.produce({
      type: 'order.created',
      tenantid: tenant.id,
      entitytype: 'order',
      entityid: 'o-marker',
      action: 'created',
      trigger: 'rest',
      data: { total: 100 },
    });
    await eventuallyValue('the marker delivery', () =>
      arrivals('/actions', 'o-marker').length > 0 ? true : undefined,
    );
    for (const c of cases) {
      expect([c.id, arrivals('/actions', c.id).length > 0]).toEqual([c.id, c.expected]);
    }
    // Signed: the receiver verified every delivery with the public standardwebhooks library.
    expect(arrivals('/actions').map((d) => d.verified)).toEqual([true, true, true]);
  });
});

describe('active, inactive and reactivation', () => {
  it('holds events while inactive and delivers them on replay after reactivation', async () => {
    const sub = await subscribe({
      url: `${receiver.url}/ok?s=inactive`,
      eventTypes: ['invoice.*'],
      active: false,
    });
    await propagation();
    await api.produce({
      type: 'invoice.issued',
      tenantid: tenant.id,
      entitytype: 'invoice',
      entityid: 'inv-1',
      data: { n: 1 },
    });
    await eventuallyValue('the held delivery', async () => {
      const page = await api.ok<{ items: { status: string }[] }>(
        tenant.key,
        'GET',
        `/v1/deliveries?subscriptionId=${sub.id}`,
      );
      return page.items.some((d) => d.status === 'held') ? true : undefined;
    });
    expect(arrivals('/ok', 'inv-1')).toHaveLength(0);
    await api.ok(tenant.key, 'PATCH', `/v1/subscriptions/${sub.id}`, { active: true });
    await propagation();
    await api.ok(tenant.key, 'POST', `/v1/subscriptions/${sub.id}/replay`, {
      since: new Date(Date.now() - 600_000).toISOString(),
      status: 'failed',
    });
    await eventuallyValue('the replayed delivery', () =>
      arrivals('/ok', 'inv-1').length > 0 ? true : undefined,
    );
  });

  it('disables a subscription automatically on 410 Gone and reactivates it explicitly', async () => {
    const sub = await subscribe({ url: `${receiver.url}/gone`, eventTypes: ['account.*'] });
    await propagation();
    await api.produce({
      type: 'account.closed',
      tenantid: tenant.id,
      entitytype: 'account',
      entityid: 'acc-1',
      data: {},
    });
    const disabled = await eventuallyValue('the subscription to be disabled', async () => {
      const s = await stateOf(sub.id);
      return s.state === 'disabled' ? s : undefined;
    });
    expect(disabled.status).toEqual({ state: 'disabled', reason: 'disabled: 410 Gone' });
    // As ePages documents it: send "active": true (POST /activate does the same).
    const reactivated = await api.ok<{ status: unknown }>(
      tenant.key,
      'PATCH',
      `/v1/subscriptions/${sub.id}`,
      { active: true },
    );
    expect(reactivated.status).toEqual({ state: 'active', reason: null });
    const history = await api.ok<{
      items: {
        fromState: string | null;
        toState: string;
        reason: string | null;
        changedBy: { kind: string };
      }[];
    }>(tenant.key, 'GET', `/v1/subscriptions/${sub.id}/state-history`);
    expect(history.items.map((c) => [c.fromState, c.toState, c.changedBy.kind])).toEqual([
      ['disabled', 'active', 'tenant'],
      ['active', 'disabled', 'dispatcher'],
      [null, 'active', 'tenant'],
    ]);
    expect(history.items[1].reason).toBe('disabled: 410 Gone');
  });
});

describe('entity-type subscriptions, the {"Success": true} rule and pausing', () => {
  it('matches a whole entity type, or one entity id', async () => {
    await subscribe({
      url: `${receiver.url}/ok?s=all-customers`,
      eventTypes: ['*'],
      entityType: 'customer',
    });
    await subscribe({
      url: `${receiver.url}/ok?s=one-customer`,
      eventTypes: ['*'],
      entityType: 'customer',
      entityId: 'c-7',
    });
    await propagation();
    await api.produce({
      type: 'customer.updated',
      tenantid: tenant.id,
      entitytype: 'customer',
      entityid: 'c-1',
      action: 'updated',
      data: { EntityType: 'customer' },
    });
    await api.produce({
      type: 'customer.updated',
      tenantid: tenant.id,
      entitytype: 'customer',
      entityid: 'c-7',
      action: 'updated',
      data: { EntityType: 'customer' },
    });
    await eventuallyValue('three customer deliveries', () =>
      arrivals('/ok').filter((d) => /"c-(1|7)"/.test(d.body)).length >= 3 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(arrivals('/ok', 'c-1')).toHaveLength(1);
    expect(arrivals('/ok', 'c-7')).toHaveLength(2);
  });

  it('counts a 200 without {"Success": true} as a failure and pauses after more than 10 in 10 minutes', async () => {
    const sub = await subscribe({
      url: `${receiver.url}/refuse`,
      eventTypes: ['shipment.*'],
      entityType: 'shipment',
      timeoutMs: 5_000,
      successRule: { statuses: ['2xx'], body: { Success: true } },
      retryPolicy: { delays: ['0s'], maxAttempts: 1 },
    });
    await propagation();
    for (let i = 0; i < 12; i++) {
      await api.produce({
        type: 'shipment.updated',
        tenantid: tenant.id,
        entitytype: 'shipment',
        entityid: `sh-${i}`,
        data: { i },
      });
    }
    const paused = await eventuallyValue(
      'the subscription to be paused',
      async () => {
        const s = await stateOf(sub.id);
        return s.state === 'paused' ? s : undefined;
      },
      30_000,
    );
    expect(paused.stateReason).toBeTruthy();
    const refused = arrivals('/refuse');
    expect(refused.length).toBeGreaterThan(10);
    expect(refused.every((d) => d.status === 200)).toBe(true);
    const page = await api.ok<{ items: { status: string }[] }>(
      tenant.key,
      'GET',
      `/v1/deliveries?subscriptionId=${sub.id}&limit=100`,
    );
    expect(page.items.some((d) => d.status === 'succeeded')).toBe(false);
  });
});

describe('Xena and the tutorial: exact payloads from named formats', () => {
  it('delivers Xena\'s {"EntityType","EntityId","EntityEvent"} byte for byte, and a format change reaches the dispatcher at once', async () => {
    // First an older version of the format: the change below must reach the running dispatcher.
    await api.ok(tenant.key, 'POST', '/v1/payload-formats', {
      name: 'xena',
      template: '{"EntityType": entityType, "EntityId": entityId}',
    });
    const sub = await subscribe({
      url: `${receiver.url}/xena`,
      eventTypes: ['article.*'],
      entityType: 'article',
      entityId: '7',
      payloadFormatName: 'xena',
      successRule: { statuses: ['200'], body: { Success: true } },
      timeoutMs: 5_000,
    });
    await registerSecret('/xena', sub.secret);
    await propagation();
    const produceArticle = (action: 'created' | 'updated' | 'deleted') =>
      api.produce({
        type: `article.${action}`,
        tenantid: tenant.id,
        entitytype: 'article',
        entityid: '7',
        action,
      });
    await produceArticle('created');
    await eventuallyValue('the first Xena delivery', () =>
      arrivals('/xena').length === 1 ? true : undefined,
    );
    expect(arrivals('/xena')[0].body).toBe('{"EntityType":"article","EntityId":"7"}');

    const changed = await api.ok<{ subscriptions: number }>(
      tenant.key,
      'PATCH',
      '/v1/payload-formats/xena',
      { template: XENA_TEMPLATE },
    );
    expect(changed.subscriptions).toBe(1);
    await propagation();
    await produceArticle('updated');
    await produceArticle('deleted');
    await eventuallyValue('two more Xena deliveries', () =>
      arrivals('/xena').length === 3 ? true : undefined,
    );
    expect(arrivals('/xena').map((d) => d.body)).toEqual([
      '{"EntityType":"article","EntityId":"7"}',
      '{"EntityType":"Article","EntityId":7,"EntityEvent":"Updated"}',
      '{"EntityType":"Article","EntityId":7,"EntityEvent":"Deleted"}',
    ]);
    expect(arrivals('/xena').every((d) => d.verified)).toBe(true);
  });

  it("delivers the tutorial's order_created payload byte for byte from an event sent over HTTP", async () => {
    await api.ok(tenant.key, 'POST', '/v1/payload-formats', {
      name: 'tutorial',
      template: TUTORIAL_ORDER_TEMPLATE,
    });
    await subscribe({
      url: `${receiver.url}/webhooks/order-status`,
      eventTypes: ['order.created'],
      entityType: 'order',
      entityId: '1234',
      payloadFormatName: 'tutorial',
    });
    await propagation();
    await api.ok(tenant.key, 'POST', '/v1/events', {
      specversion: '1.0',
      id: 'tutorial-order-1234',
      source: '/shop',
      type: 'order.created',
      entitytype: 'order',
      entityid: '1234',
      action: 'created',
      data: { amount: 2499, status: 'confirmed' },
    });
    const [delivery] = await eventuallyValue('the tutorial delivery', () => {
      const found = arrivals('/webhooks/order-status');
      return found.length > 0 ? found : undefined;
    });
    expect(delivery.body).toBe(
      '{"event":"order_created","order_id":1234,"amount":2499,"status":"confirmed"}',
    );
  });
});
