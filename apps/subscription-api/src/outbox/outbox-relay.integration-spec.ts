import { TOPICS } from '@herald/contracts';
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_test_admin_token';

describe('outbox relay', () => {
  let db: TestDatabase;
  let api: RunningApi;
  const bus = new RecordingBus();

  beforeAll(async () => {
    db = await createTestDatabase();
    // A poll far longer than the test: only a kick can publish in time.
    api = await startApi(
      { DATABASE_URL: db.url, HERALD_ADMIN_TOKEN: ADMIN, HERALD_OUTBOX_POLL_MS: '60000' },
      { bus },
    );
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('publishes a subscription change as soon as it is committed, not at the next poll', async () => {
    const admin = client(api.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: 'acme', name: 'Acme' });
    const key = (await admin('POST', '/v1/tenants/acme/api-keys', { name: 'ci' })).body.key;
    const acme = client(api.url, key);
    const published = (id: string) =>
      bus.on(TOPICS.subscriptionsChangelog).filter((m) => m.key === id).length;

    const created = await acme('POST', '/v1/subscriptions', {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['order.*'],
    });
    const id: string = created.body.id;
    await until(() => published(id) === 1);
    await acme('PATCH', `/v1/subscriptions/${id}`, { description: 'v2' });
    await until(() => published(id) === 2);
    await acme('DELETE', `/v1/subscriptions/${id}`);
    await until(() => published(id) === 3);
  });

  it('encodes the deepest subscription the API accepts; 10,000 levels are refused at the door and the outbox keeps flowing', async () => {
    const admin = client(api.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: 'deep', name: 'Deep' });
    const key = (await admin('POST', '/v1/tenants/deep/api-keys', {})).body.key;
    const tenant = client(api.url, key);
    const published = (id: string) =>
      bus.on(TOPICS.subscriptionsChangelog).filter((m) => m.key === id);
    const nested = (depth: number) => {
      let condition: Record<string, unknown> = { 'data.x': 1 };
      // Each $and adds two levels (the object and its array).
      for (let i = 1; i < depth / 2; i++) condition = { $and: [condition] };
      return condition;
    };
    const body = (depth: number) =>
      `{"url":"https://93.184.215.14/hook","eventTypes":["a"],"successRule":{"body":${
        '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
      }}}`;

    const refused = await tenant('POST', '/v1/subscriptions', body(10_000));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toMatch(/^successRule\.body\.a\.a/);
    const tooDeepCondition = await tenant('POST', '/v1/subscriptions', {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['a'],
      condition: nested(30),
    });
    expect(tooDeepCondition.status).toBe(400);
    expect(tooDeepCondition.body.errors[0].message).toMatch(/nested deeper than 12/);

    // The limits: 30 levels under successRule.body (32 in the whole body), 12 in a condition.
    const deepest = await tenant('POST', '/v1/subscriptions', {
      ...JSON.parse(body(29)),
      condition: nested(12),
    });
    expect(deepest.status).toBe(201);
    await until(() => published(deepest.body.id).length === 1);
    const record = published(deepest.body.id)[0].value as {
      subscription: { condition: unknown; successRule: { body: unknown } };
    };
    expect(record.subscription.condition).toEqual(nested(12));
    expect(record.subscription.successRule.body).toEqual(JSON.parse(body(29)).successRule.body);
  });
});

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not published within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
