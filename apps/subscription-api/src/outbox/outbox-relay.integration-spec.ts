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
});

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not published within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
