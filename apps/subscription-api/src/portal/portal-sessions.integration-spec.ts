import { Client } from 'pg';
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_portal_sessions_spec';
const PUBLIC_URL = 'https://93.184.215.14/hook';

type Call = ReturnType<typeof client>;

describe('portal sessions: hashed, expiring, revocable tokens scoped like a tenant key', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let admin: Call;
  let acme: Call;
  let globex: Call;
  let subA: string;
  let subB: string;
  let globexSub: string;

  const open = async (as: Call, body: Record<string, unknown>) => {
    const res = await as('POST', '/v1/portal-sessions', body);
    expect(res.status).toBe(201);
    return res.body as { id: string; token: string; url: string; expiresAt: string };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(
      { DATABASE_URL: db.url, HERALD_ADMIN_TOKEN: ADMIN, HERALD_DATABASE_POOL_SIZE: '3' },
      { bus: new RecordingBus(), resolver: async () => ['93.184.215.14'] },
    );
    admin = client(api.url, ADMIN);
    for (const id of ['acme', 'globex']) await admin('POST', '/v1/tenants', { id, name: id });
    acme = client(api.url, (await admin('POST', '/v1/tenants/acme/api-keys', {})).body.key);
    globex = client(api.url, (await admin('POST', '/v1/tenants/globex/api-keys', {})).body.key);
    const create = async (as: Call) =>
      (await as('POST', '/v1/subscriptions', { url: PUBLIC_URL, eventTypes: ['order.*'] })).body
        .id as string;
    subA = await create(acme);
    subB = await create(acme);
    globexSub = await create(globex);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('answers a link with the token in the fragment, stores only its hash, 1 h by default', async () => {
    const before = Date.now();
    const session = await open(acme, {});
    expect(session.token).toMatch(/^hps_[A-Za-z0-9_-]{43}$/);
    expect(session.url).toBe(`${api.url}/portal/#token=${session.token}`);
    const ttl = Date.parse(session.expiresAt) - before;
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThan(3_610_000);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const rows = (await pg.query('SELECT * FROM portal_sessions WHERE id = $1', [session.id]))
        .rows;
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(session.token);
    } finally {
      await pg.end();
    }
    const portal = client(api.url, session.token);
    const list = await portal('GET', '/v1/subscriptions');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id).sort()).toEqual([subA, subB].sort());
  });

  it('acts for its own tenant only: another tenant’s subscription is 404', async () => {
    const portal = client(api.url, (await open(acme, {})).token);
    expect((await portal('GET', `/v1/subscriptions/${globexSub}`)).status).toBe(404);
    expect(
      (await portal('PATCH', `/v1/subscriptions/${globexSub}`, { description: 'x' })).status,
    ).toBe(404);
    expect((await portal('GET', `/v1/subscriptions/${subA}/secret`)).status).toBe(200);
    expect(
      (await portal('PATCH', `/v1/subscriptions/${subA}`, { description: 'edited' })).status,
    ).toBe(200);
  });

  it('the admin opens one for a named tenant; a tenant key cannot name another tenant', async () => {
    const session = await open(admin, { tenantId: 'globex', expiresIn: 600 });
    const portal = client(api.url, session.token);
    const list = await portal('GET', '/v1/subscriptions');
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([globexSub]);
    expect((await admin('POST', '/v1/portal-sessions', {})).body.errors[0].field).toBe('tenantId');
    expect((await admin('POST', '/v1/portal-sessions', { tenantId: 'nope' })).status).toBe(404);
    expect((await acme('POST', '/v1/portal-sessions', { tenantId: 'globex' })).status).toBe(404);
  });

  it('refuses a bad request naming the field, never a 500', async () => {
    for (const [body, field] of [
      [{ expiresIn: 86_401 }, 'expiresIn'],
      [{ expiresIn: 10 }, 'expiresIn'],
      [{ expiresIn: 'soon' }, 'expiresIn'],
      [{ readOnly: 'yes' }, 'readOnly'],
      [{ subscriptionIds: [] }, 'subscriptionIds'],
      [{ subscriptionIds: [globexSub] }, 'subscriptionIds/0'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const res = await acme('POST', '/v1/portal-sessions', body);
      expect(res.status).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
  });

  it('read-only: reads everything but the secret, changes nothing', async () => {
    const portal = client(api.url, (await open(acme, { readOnly: true })).token);
    expect((await portal('GET', '/v1/subscriptions')).status).toBe(200);
    expect((await portal('GET', `/v1/subscriptions/${subA}/stats`)).status).toBe(200);
    expect((await portal('GET', '/v1/deliveries')).status).toBe(200);
    expect((await portal('GET', '/v1/event-types')).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', `/v1/subscriptions/${subA}/secret`, undefined],
      ['PATCH', `/v1/subscriptions/${subA}`, { description: 'x' }],
      ['DELETE', `/v1/subscriptions/${subA}`, undefined],
      ['POST', '/v1/subscriptions', { url: PUBLIC_URL, eventTypes: ['a'] }],
      ['POST', `/v1/subscriptions/${subA}/rotate-secret`, {}],
      ['POST', `/v1/subscriptions/${subA}/test`, undefined],
      ['POST', '/v1/dead-letters/redrive', {}],
    ] as const) {
      const res = await portal(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 403]);
      expect(res.body.detail).toMatch(/portal session is read-only/);
    }
    expect((await acme('GET', `/v1/subscriptions/${subA}`)).body.description).not.toBe('x');
  });

  it('limited: sees only its subscriptions, cannot create new ones', async () => {
    const portal = client(api.url, (await open(acme, { subscriptionIds: [subA] })).token);
    const list = await portal('GET', '/v1/subscriptions');
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([subA]);
    expect((await portal('GET', `/v1/subscriptions/${subA}`)).status).toBe(200);
    expect((await portal('GET', `/v1/subscriptions/${subB}`)).status).toBe(404);
    expect((await portal('GET', `/v1/subscriptions/${subB}/stats`)).status).toBe(404);
    expect((await portal('DELETE', `/v1/subscriptions/${subB}`)).status).toBe(404);
    const created = await portal('POST', '/v1/subscriptions', {
      url: PUBLIC_URL,
      eventTypes: ['a'],
    });
    expect(created.status).toBe(403);
    const deliveries = await portal('GET', `/v1/deliveries?subscriptionId=${subB}`);
    expect(deliveries.body.items).toEqual([]);
    expect(
      (await portal('POST', '/v1/dead-letters/redrive', { subscriptionId: subB })).body,
    ).toEqual({ redriven: 0, deliveryIds: [] });
    expect((await acme('GET', `/v1/subscriptions/${subB}`)).status).toBe(200);
  });

  it('never reaches API keys, event ingest, new sessions or the catalogue’s changes', async () => {
    const portal = client(api.url, (await open(acme, {})).token);
    for (const [method, path, body] of [
      ['GET', '/v1/api-keys', undefined],
      ['POST', '/v1/api-keys', {}],
      ['POST', '/v1/portal-sessions', {}],
      ['POST', '/v1/events', { specversion: '1.0', id: 'e', source: 's', type: 'order.created' }],
      ['POST', '/v1/event-types', { name: 'x.y' }],
      ['GET', '/v1/tenants', undefined],
    ] as const) {
      const res = await portal(method, path, body);
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
  });

  it('revoked (by the tenant, or by itself) and expired sessions are refused at once', async () => {
    const a = await open(acme, {});
    expect((await client(api.url, a.token)('GET', '/v1/subscriptions')).status).toBe(200);
    expect((await globex('DELETE', `/v1/portal-sessions/${a.id}`)).status).toBe(404);
    expect((await acme('DELETE', `/v1/portal-sessions/${a.id}`)).status).toBe(204);
    const refused = await client(api.url, a.token)('GET', '/v1/subscriptions');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/portal session/);

    const b = await open(acme, {});
    const other = await open(acme, {});
    expect(
      (await client(api.url, b.token)('DELETE', `/v1/portal-sessions/${other.id}`)).status,
    ).toBe(404);
    expect((await client(api.url, b.token)('DELETE', `/v1/portal-sessions/${b.id}`)).status).toBe(
      204,
    );
    expect((await client(api.url, b.token)('GET', '/v1/subscriptions')).status).toBe(401);

    const c = await open(acme, { expiresIn: 60 });
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      await pg.query(
        `UPDATE portal_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [c.id],
      );
    } finally {
      await pg.end();
    }
    expect((await client(api.url, c.token)('GET', '/v1/subscriptions')).status).toBe(401);
    expect((await client(api.url, 'hps_forged')('GET', '/v1/subscriptions')).status).toBe(401);
    expect((await client(api.url, c.token)('GET', '/v1/tenants')).status).toBe(403);
  });

  // Serving a built page and its CSP: portal-routes.integration-spec.ts, on a folder it builds.
  it('never serves a file outside the build under /portal', async () => {
    for (const path of [
      '/portal/../package.json',
      '/portal/%2e%2e/package.json',
      '/portal/nope.js',
    ]) {
      const res = await fetch(`${api.url}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });
});
