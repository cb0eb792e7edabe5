// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_test_admin_token';
const PUBLIC_URL = 'https://93.184.215.14/hook';

const event = (id: string) => ({
  specversion: '1.0',
  id,
  source: '/orders',
  type: 'order.created',
  data: { n: 1 },
});

/** Sends one POST /v1/events with its response headers. */
async function postEvent(baseUrl: string, key: string, id: string) {
  const response = await fetch(`${baseUrl}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(event(id)),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('tenant limits through the public API (real PostgreSQL)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let bus: RecordingBus;
  let admin: ReturnType<typeof client>;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = new RecordingBus();
    api = await startApi(
      {
        DATABASE_URL: db.url,
        HERALD_ADMIN_TOKEN: ADMIN,
        HERALD_DATABASE_POOL_SIZE: '4',
        HERALD_TENANT_HTTP_EVENTS_PER_SECOND: '1000',
        HERALD_TENANT_BURST_SECONDS: '1',
        HERALD_TENANT_MAX_SUBSCRIPTIONS: '3',
        HERALD_TENANT_MAX_EVENT_TYPES: '2',
      },
      { bus },
    );
    admin = client(api.url, ADMIN);
    for (const id of ['noisy', 'quiet']) {
      await admin('POST', '/v1/tenants', { id, name: id });
      keys[id] = (await admin('POST', `/v1/tenants/${id}/api-keys`, {})).body.key;
    }
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('shows the defaults, stores overrides and goes back to a default on null', async () => {
    const fresh = await admin('GET', '/v1/tenants/quiet');
    expect(fresh.status).toBe(200);
    expect(fresh.body.limits).toEqual({});
    expect(fresh.body.effectiveLimits).toMatchObject({
      httpEventsPerSecond: 1000,
      maxSubscriptions: 3,
      maxEventTypes: 2,
    });
    const patched = await admin('PATCH', '/v1/tenants/quiet', {
      limits: { maxEventTypes: 5, kafkaEventsPerSecond: 7 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.limits).toEqual({ maxEventTypes: 5, kafkaEventsPerSecond: 7 });
    const reset = await admin('PATCH', '/v1/tenants/quiet', { limits: { maxEventTypes: null } });
    expect(reset.body.limits).toEqual({ kafkaEventsPerSecond: 7 });
    expect(reset.body.effectiveLimits.maxEventTypes).toBe(2);
  });

  it('refuses bad limits with a problem naming the field, and tenants without the admin token', async () => {
    const bad = await admin('PATCH', '/v1/tenants/quiet', { limits: { httpEventsPerSecond: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toMatch(/application\/problem\+json/);
    expect(bad.body.errors[0].field).toBe('limits.httpEventsPerSecond');
    const unknown = await admin('PATCH', '/v1/tenants/quiet', { limits: { eventsPerDay: 1 } });
    expect(unknown.body.errors[0].field).toBe('limits.eventsPerDay');
    expect((await admin('PATCH', '/v1/tenants/nobody', { limits: {} })).status).toBe(404);
    const asTenant = await client(api.url, keys.quiet)('PATCH', '/v1/tenants/quiet', {
      limits: { httpEventsPerSecond: 0 },
    });
    expect(asTenant.status).toBe(403);
  });

  it('answers 429 with Retry-After over the rate, recovers after it, and leaves other tenants alone', async () => {
    await admin('PATCH', '/v1/tenants/noisy', { limits: { httpEventsPerSecond: 2 } });
    const first = await postEvent(api.url, keys.noisy, 'e1');
    const second = await postEvent(api.url, keys.noisy, 'e2');
    expect([first.status, second.status]).toEqual([202, 202]);
    const refused = await postEvent(api.url, keys.noisy, 'e3');
    expect(refused.status).toBe(429);
    expect(refused.contentType).toMatch(/application\/problem\+json/);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
      limit: { name: 'httpEventsPerSecond', value: 2 },
      errors: [{ field: 'limits.httpEventsPerSecond' }],
    });
    // A refused event was not produced.
    const produced = bus.on('herald.events.inbound').map((m) => (m.value as { id: string }).id);
    expect(produced).toEqual(['e1', 'e2']);

    // Another tenant is not limited by the noisy one.
    expect((await postEvent(api.url, keys.quiet, 'q1')).status).toBe(202);

    // After Retry-After, the tenant's events pass again.
    await new Promise((r) => setTimeout(r, Number(refused.retryAfter) * 1000));
    expect((await postEvent(api.url, keys.noisy, 'e4')).status).toBe(202);
  });

  it('enforces the subscription quota with a 409 naming it, and frees a slot on delete', async () => {
    const api1 = client(api.url, keys.noisy);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await api1('POST', '/v1/subscriptions', {
        url: PUBLIC_URL,
        eventTypes: ['a.*'],
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const over = await api1('POST', '/v1/subscriptions', { url: PUBLIC_URL, eventTypes: ['a.*'] });
    expect(over.status).toBe(409);
    expect(over.contentType).toMatch(/application\/problem\+json/);
    expect(over.body).toMatchObject({
      limit: { name: 'maxSubscriptions', value: 3, used: 3 },
      errors: [{ field: 'limits.maxSubscriptions' }],
    });
    // The quota is per tenant.
    const quiet = await client(api.url, keys.quiet)('POST', '/v1/subscriptions', {
      url: PUBLIC_URL,
      eventTypes: ['a.*'],
    });
    expect(quiet.status).toBe(201);
    expect((await api1('DELETE', `/v1/subscriptions/${ids[0]}`)).status).toBe(204);
    const again = await api1('POST', '/v1/subscriptions', { url: PUBLIC_URL, eventTypes: ['a.*'] });
    expect(again.status).toBe(201);
  });

  it('never overshoots the subscription quota under concurrent creates', async () => {
    await admin('POST', '/v1/tenants', { id: 'racer', name: 'racer' });
    const key = (await admin('POST', '/v1/tenants/racer/api-keys', {})).body.key;
    const racer = client(api.url, key);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        racer('POST', '/v1/subscriptions', { url: PUBLIC_URL, eventTypes: ['a.*'] }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
  });

  it('enforces the event type quota with a 409 naming it; an override raises it', async () => {
    const noisy = client(api.url, keys.noisy);
    expect((await noisy('POST', '/v1/event-types', { name: 'a.one' })).status).toBe(201);
    expect((await noisy('POST', '/v1/event-types', { name: 'a.two' })).status).toBe(201);
    const over = await noisy('POST', '/v1/event-types', { name: 'a.three' });
    expect(over.status).toBe(409);
    expect(over.body.limit).toEqual({ name: 'maxEventTypes', value: 2, used: 2 });
    await admin('PATCH', '/v1/tenants/noisy', { limits: { maxEventTypes: 3 } });
    expect((await noisy('POST', '/v1/event-types', { name: 'a.three' })).status).toBe(201);
  });
});
