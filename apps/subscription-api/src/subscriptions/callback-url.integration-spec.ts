import {
  CALLBACK_TARGET_CASES,
  TestDatabase,
  createTestDatabase,
  resolveFromTable,
} from '@herald/testing';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_callback_admin_token';

/**
 * The table of hostile callback URLs through POST /v1/subscriptions: the API refuses on save
 * exactly what the dispatcher refuses on connect (the dispatcher's spec runs the same table),
 * under the strict policy and with a loopback allow-list.
 */
describe('callback URLs on save (real PostgreSQL)', () => {
  let db: TestDatabase;
  const apis: RunningApi[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.close()));
    await db?.drop();
  });

  async function tenantOn(env: Record<string, string>, tenantId: string) {
    const api = await startApi(
      { DATABASE_URL: db.url, HERALD_ADMIN_TOKEN: ADMIN, HERALD_DATABASE_POOL_SIZE: '2', ...env },
      { bus: new RecordingBus(), resolver: resolveFromTable },
    );
    apis.push(api);
    const admin = client(api.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: tenantId, name: tenantId });
    return client(api.url, (await admin('POST', `/v1/tenants/${tenantId}/api-keys`, {})).body.key);
  }

  it.each([
    ['strict', {}, 'refused' as const],
    [
      'loopback allow-listed',
      { HERALD_PRIVATE_TARGET_ALLOWLIST: '127.0.0.0/8,::1/128' },
      'loopbackAllowed' as const,
    ],
  ])('%s', async (_name, env, column) => {
    const tenant = await tenantOn(env, column === 'refused' ? 'strict' : 'listed');
    for (const c of CALLBACK_TARGET_CASES) {
      const refused = c.notRfc3986 || (column === 'refused' ? c.refused : !c.loopbackAllowed);
      const created = await tenant('POST', '/v1/subscriptions', { url: c.url, eventTypes: ['a'] });
      const seen = {
        url: c.url,
        status: created.status,
        field: created.body.errors?.[0]?.field,
      };
      expect(seen).toEqual(
        refused
          ? { url: c.url, status: 400, field: 'url' }
          : { url: c.url, status: 201, field: undefined },
      );
    }
  });
});
