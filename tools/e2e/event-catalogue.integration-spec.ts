import { HEADERS, TOPICS } from '@herald/contracts';
import { createKafkaForBrokers } from '@herald/kafka';
import { RunningStack } from '@herald/stack';
import { TopicCollector } from '@herald/testing';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * A tenant's event catalogue, through the public interfaces only (HTTP API, a kafkajs producer
 * and consumer) on the whole platform: strict catalogues refuse unregistered types on both
 * paths, and HTTP ingest answers a schema violation with 422 instead of 202.
 */
jest.setTimeout(120_000);

let platform: E2ePlatform;
let stack: RunningStack;
let api: PublicApi;
let collector: TopicCollector;
let strict: { id: string; key: string };
let open: { id: string; key: string };

const ORDER_SCHEMA = {
  type: 'object',
  required: ['total'],
  properties: { total: { type: 'number' } },
};

const cloudEvent = (id: string, type: string, data: unknown = { total: 1 }) => ({
  specversion: '1.0',
  id,
  source: '/shop',
  type,
  data,
});

const forwarded = (id: string) =>
  collector.on(TOPICS.events).find((m) => JSON.parse(m.value ?? '{}').id === id);
const rejected = (id: string) =>
  collector.on(TOPICS.eventsInvalid).find((m) => (m.value ?? '').includes(`"${id}"`));

beforeAll(async () => {
  // event-ingest re-reads a tenant's catalogue within 200 ms, so a change shows at once.
  platform = await startE2ePlatform({
    name: 'catalogue',
    env: { HERALD_INGEST_CATALOG_TTL_MS: '200' },
  });
  ({ stack, api } = platform);
  strict = await api.tenant(stack.adminToken, 'strict-co');
  open = await api.tenant(stack.adminToken, 'open-co');
  for (const tenant of [strict, open]) {
    await api.ok(tenant.key, 'POST', '/v1/event-types', {
      name: 'order.created',
      code: '100',
      schema: ORDER_SCHEMA,
    });
  }
  collector = new TopicCollector(createKafkaForBrokers(stack.brokers, 'herald-catalogue-e2e'));
  await collector.start([TOPICS.events, TOPICS.eventsInvalid]);
}, 240_000);

afterAll(async () => {
  await collector?.stop();
  await platform?.stop();
});

describe('a strict event catalogue', () => {
  it('is off by default and turned on by the tenant', async () => {
    expect(await api.ok(strict.key, 'GET', '/v1/event-catalogue')).toEqual({ strict: false });
    expect(await api.ok(strict.key, 'PATCH', '/v1/event-catalogue', { strict: true })).toEqual({
      strict: true,
    });
    expect(await api.ok(strict.key, 'GET', '/v1/event-catalogue')).toEqual({ strict: true });
    // The other tenant's catalogue is its own.
    expect(await api.ok(open.key, 'GET', '/v1/event-catalogue')).toEqual({ strict: false });
    const bad = await api.call(strict.key, 'PATCH', '/v1/event-catalogue', { strict: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ field: 'strict' }] });
  });

  it('refuses an unregistered type on POST /v1/events with 422 naming type', async () => {
    const refused = await api.call(
      strict.key,
      'POST',
      '/v1/events',
      cloudEvent('http-unknown', 'order.shipped'),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      status: 422,
      errors: [{ field: 'type', message: expect.stringContaining('order.shipped') }],
    });
    // The open tenant may send types it never registered.
    const accepted = await api.call(
      open.key,
      'POST',
      '/v1/events',
      cloudEvent('http-open-unknown', 'order.shipped'),
    );
    expect(accepted.status).toBe(202);
    await eventuallyValue('the open tenant’s event on herald.events', () =>
      forwarded('http-open-unknown'),
    );
  });

  it('sends an unregistered Kafka event to herald.events.invalid, and a registered one on', async () => {
    await api.produce({ id: 'kafka-unknown', type: 'order.shipped', tenantid: strict.id });
    await api.produce({
      id: 'kafka-known',
      type: 'order.created',
      tenantid: strict.id,
      data: { total: 3 },
    });
    const invalid = await eventuallyValue('the unregistered event on herald.events.invalid', () =>
      rejected('kafka-unknown'),
    );
    expect(invalid.headers[HEADERS.invalidCode]).toBe('unknown_event_type');
    expect(invalid.headers[HEADERS.invalidReason]).toContain('order.shipped');
    const known = await eventuallyValue('the registered event on herald.events', () =>
      forwarded('kafka-known'),
    );
    // It carries its type's code for payload templates.
    expect(JSON.parse(known.value ?? '{}')).toMatchObject({ typeCode: '100' });
    expect(forwarded('kafka-unknown')).toBeUndefined();
  });

  it('lets unregistered types in again once the tenant opens it', async () => {
    await api.ok(strict.key, 'PATCH', '/v1/event-catalogue', { strict: false });
    const accepted = await api.call(
      strict.key,
      'POST',
      '/v1/events',
      cloudEvent('http-reopened', 'order.shipped'),
    );
    expect(accepted.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await api.produce({ id: 'kafka-reopened', type: 'order.shipped', tenantid: strict.id });
    await eventuallyValue('the reopened Kafka event on herald.events', () =>
      forwarded('kafka-reopened'),
    );
    await api.ok(strict.key, 'PATCH', '/v1/event-catalogue', { strict: true });
  });
});

describe('HTTP ingest and JSON Schema', () => {
  it('answers a schema violation with 422 and the JSON Schema errors, publishing nothing', async () => {
    const refused = await api.call(
      open.key,
      'POST',
      '/v1/events',
      cloudEvent('http-bad-total', 'order.created', { total: 'ten' }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      type: 'about:blank',
      status: 422,
      errors: [{ field: 'data.total', message: 'must be number' }],
    });
    const missing = await api.call(
      open.key,
      'POST',
      '/v1/events',
      cloudEvent('http-no-total', 'order.created', {}),
    );
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      errors: [{ field: 'data', message: "must have required property 'total'" }],
    });
    const good = await api.call(
      open.key,
      'POST',
      '/v1/events',
      cloudEvent('http-good-total', 'order.created', { total: 10 }),
    );
    expect(good.status).toBe(202);
    await eventuallyValue('the valid HTTP event on herald.events', () =>
      forwarded('http-good-total'),
    );
    expect(forwarded('http-bad-total')).toBeUndefined();
    expect(rejected('http-bad-total')).toBeUndefined();
  });
});
