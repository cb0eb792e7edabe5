import { Client } from 'pg';
// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_api_keys_spec';
const PUBLIC_URL = 'https://93.184.215.14/hook';
const CACHE_MS = 1_000;
const event = (id: string) => ({ specversion: '1.0', id, source: '/shop', type: 'order.created' });

describe('API keys: list, name, expiry, scope, revoke (real PostgreSQL, two API instances)', () => {
  let db: TestDatabase;
  let one: RunningApi;
  let two: RunningApi;
  let admin: ReturnType<typeof client>;

  const issue = async (tenant: string, body: Record<string, unknown>) => {
    const res = await admin('POST', `/v1/tenants/${tenant}/api-keys`, body);
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string; scope: string; name: string };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = {
      DATABASE_URL: db.url,
      HERALD_ADMIN_TOKEN: ADMIN,
      HERALD_API_KEY_CACHE_MS: String(CACHE_MS),
      HERALD_DATABASE_POOL_SIZE: '3',
    };
    const overrides = { bus: new RecordingBus(), resolver: async () => ['93.184.215.14'] };
    one = await startApi(env, overrides);
    two = await startApi(env, overrides);
    admin = client(one.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: 'acme', name: 'Acme' });
    await admin('POST', '/v1/tenants', { id: 'globex', name: 'Globex' });
  }, 60_000);

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  it('lists keys with name, scope, expiry and status, never their values or hashes', async () => {
    const a = await issue('acme', { name: 'ci', scope: 'read-only' });
    const b = await issue('acme', {
      name: 'ingest',
      scope: 'ingest-only',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    const manage = await issue('acme', {});
    expect(manage).toMatchObject({ name: 'default', scope: 'manage', status: 'active' });
    const listed = await admin('GET', '/v1/tenants/acme/api-keys');
    expect(listed.status).toBe(200);
    const byId = new Map(listed.body.items.map((k: { id: string }) => [k.id, k]));
    expect(byId.get(a.id)).toMatchObject({
      name: 'ci',
      scope: 'read-only',
      status: 'active',
      expiresAt: null,
    });
    expect(byId.get(b.id)).toMatchObject({
      scope: 'ingest-only',
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    const text = JSON.stringify(listed.body);
    for (const k of [a, b, manage]) expect(text).not.toContain(k.key);
    expect(text).not.toMatch(/keyHash|key_hash|"key":/);
    // The tenant's own manage key lists the same, renames, and cannot see another tenant's keys.
    const own = client(one.url, manage.key);
    expect((await own('GET', '/v1/api-keys')).body.items).toHaveLength(listed.body.items.length);
    expect((await own('PATCH', `/v1/api-keys/${a.id}`, { name: 'ci-renamed' })).body).toMatchObject(
      {
        id: a.id,
        name: 'ci-renamed',
      },
    );
    const globex = await issue('globex', {});
    expect((await own('PATCH', `/v1/api-keys/${globex.id}`, { name: 'x' })).status).toBe(404);
    expect((await own('DELETE', `/v1/api-keys/${globex.id}`)).status).toBe(404);
    const rows = await new Client({ connectionString: db.url });
    await rows.connect();
    const dump = await rows.query<{ t: string }>(
      'SELECT row_to_json(k)::text AS t FROM api_keys k',
    );
    await rows.end();
    for (const k of [a, b, manage]) expect(dump.rows.map((r) => r.t).join()).not.toContain(k.key);
  });

  it('enforces each scope on every kind of route', async () => {
    const manageKey = (await issue('acme', { scope: 'manage' })).key;
    const manage = client(one.url, manageKey);
    const sub = await manage('POST', '/v1/subscriptions', {
      url: PUBLIC_URL,
      eventTypes: ['order.*'],
    });
    expect(sub.status).toBe(201);
    const calls: [string, string, unknown?][] = [
      ['GET', '/v1/subscriptions'],
      ['GET', `/v1/subscriptions/${sub.body.id}`],
      ['GET', '/v1/deliveries'],
      ['GET', `/v1/subscriptions/${sub.body.id}/secret`],
      ['GET', '/v1/api-keys'],
      ['POST', '/v1/subscriptions', { url: PUBLIC_URL, eventTypes: ['a'] }],
      ['PATCH', `/v1/subscriptions/${sub.body.id}`, { description: 'x' }],
      ['POST', '/v1/event-types', { name: 'order.created' }],
      ['POST', '/v1/events', event('evt_scope')],
      ['POST', '/v1/api-keys', { scope: 'manage' }],
    ];
    const statuses = async (key: string) => {
      const c = client(two.url, key);
      const out: string[] = [];
      for (const [method, path, body] of calls) {
        const res = await c(method, path, body);
        out.push(`${method} ${path.replace(sub.body.id, ':id')} ${res.status}`);
        if (res.status === 403) {
          expect(res.contentType).toMatch(/problem\+json/);
          expect(res.body.errors[0].field).toBe('Authorization');
        }
      }
      return out;
    };
    const readOnly = (await issue('acme', { scope: 'read-only' })).key;
    const ingestOnly = (await issue('acme', { scope: 'ingest-only' })).key;
    expect(await statuses(readOnly)).toEqual([
      'GET /v1/subscriptions 200',
      'GET /v1/subscriptions/:id 200',
      'GET /v1/deliveries 200',
      'GET /v1/subscriptions/:id/secret 403',
      'GET /v1/api-keys 403',
      'POST /v1/subscriptions 403',
      'PATCH /v1/subscriptions/:id 403',
      'POST /v1/event-types 403',
      'POST /v1/events 403',
      'POST /v1/api-keys 403',
    ]);
    expect(await statuses(ingestOnly)).toEqual([
      'GET /v1/subscriptions 403',
      'GET /v1/subscriptions/:id 403',
      'GET /v1/deliveries 403',
      'GET /v1/subscriptions/:id/secret 403',
      'GET /v1/api-keys 403',
      'POST /v1/subscriptions 403',
      'PATCH /v1/subscriptions/:id 403',
      'POST /v1/event-types 403',
      'POST /v1/events 202',
      'POST /v1/api-keys 403',
    ]);
    expect((await statuses(manageKey)).map((s) => Number(s.split(' ').pop()) < 300)).toEqual(
      calls.map(() => true),
    );
  });

  it('refuses a key from its expiry on, and an expiry in the past', async () => {
    const past = await admin('POST', '/v1/tenants/acme/api-keys', {
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].field).toBe('expiresAt');
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const short = await issue('acme', { name: 'short', expiresAt });
    const c = client(one.url, short.key);
    expect((await c('GET', '/v1/subscriptions')).status).toBe(200); // cached until the expiry only
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    const refused = await c('GET', '/v1/subscriptions');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/expired/);
    const listed = await admin('GET', '/v1/tenants/acme/api-keys');
    expect(listed.body.items.find((k: { id: string }) => k.id === short.id).status).toBe('expired');
  });

  it(`revokes: refused at once by the instance that revoked, within ${CACHE_MS} ms by the other`, async () => {
    const manage = (await issue('acme', {})).key;
    const victim = await issue('acme', { name: 'to revoke', scope: 'read-only' });
    const onOne = client(one.url, victim.key);
    const onTwo = client(two.url, victim.key);
    // Both instances have verified (and cached) the key.
    expect((await onOne('GET', '/v1/subscriptions')).status).toBe(200);
    expect((await onTwo('GET', '/v1/subscriptions')).status).toBe(200);
    const revokedAt = Date.now();
    expect((await client(one.url, manage)('DELETE', `/v1/api-keys/${victim.id}`)).status).toBe(204);
    expect((await onOne('GET', '/v1/subscriptions')).status).toBe(401);
    let refusedAfter = -1;
    while (Date.now() - revokedAt < CACHE_MS + 2_000) {
      if ((await onTwo('GET', '/v1/subscriptions')).status === 401) {
        refusedAfter = Date.now() - revokedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.log(
      `revoked key refused by the other instance after ${refusedAfter} ms (TTL ${CACHE_MS} ms)`,
    );
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    // Within the TTL, plus the latency of the request that saw it on a loaded machine.
    expect(refusedAfter).toBeLessThanOrEqual(CACHE_MS + 250);
    const listed = await admin('GET', '/v1/tenants/acme/api-keys');
    expect(listed.body.items.find((k: { id: string }) => k.id === victim.id).status).toBe(
      'revoked',
    );
    // The admin can revoke any key; revoking again is 404.
    const other = await issue('globex', {});
    expect((await admin('DELETE', `/v1/api-keys/${other.id}`)).status).toBe(204);
    expect((await admin('DELETE', `/v1/api-keys/${other.id}`)).status).toBe(404);
  });
});
