import { randomUUID } from 'crypto';
import { Consumer, KafkaMessage } from 'kafkajs';
import { SubscriptionRecord, TOPICS } from '@herald/contracts';
// Integration specs use the shared test kit; its broker is HERALD_TEST_KAFKA's.
import { createKafkaForBrokers } from '@herald/kafka';
import { TestDatabase, createTestDatabase, TestKafka, startTestKafka } from '@herald/testing';
import { RunningApi, client, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_broker_spec';

/** Collects every message of a topic from the beginning. */
async function follow(
  brokers: string,
  topic: string,
): Promise<{ messages: KafkaMessage[]; consumer: Consumer }> {
  const messages: KafkaMessage[] = [];
  const consumer = createKafkaForBrokers(brokers).consumer({
    groupId: `spec-${randomUUID()}`,
    maxWaitTimeInMs: 50,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  return { messages, consumer };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('subscription-api with the test broker', () => {
  let broker: TestKafka;
  let db: TestDatabase;
  let api: RunningApi;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    broker = await startTestKafka();
    db = await createTestDatabase();
    api = await startApi({
      DATABASE_URL: db.url,
      HERALD_ADMIN_TOKEN: ADMIN,
      HERALD_KAFKA_BROKERS: broker.brokers,
      HERALD_OUTBOX_POLL_MS: '20',
      HERALD_DATABASE_POOL_SIZE: '4',
    });
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await api?.close();
    await db?.drop();
    await broker?.stop();
  });

  it('publishes every subscription change through the outbox to the compacted changelog, tombstone on delete', async () => {
    const admin = client(api.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: 'acme', name: 'Acme' });
    const key = (await admin('POST', '/v1/tenants/acme/api-keys', {})).body.key;
    const acme = client(api.url, key);
    const created = await acme('POST', '/v1/subscriptions', {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['order.*'],
    });
    expect(created.status).toBe(201);
    await acme('PATCH', `/v1/subscriptions/${created.body.id}`, { description: 'second revision' });
    await acme('DELETE', `/v1/subscriptions/${created.body.id}`);

    const { messages, consumer } = await follow(broker.brokers, TOPICS.subscriptionsChangelog);
    consumers.push(consumer);
    await until(() => messages.length >= 3, 'three changelog records');
    expect(messages.map((m) => m.key?.toString())).toEqual([
      created.body.id,
      created.body.id,
      created.body.id,
    ]);
    const values = messages.map((m) =>
      m.value === null ? null : (JSON.parse(m.value.toString()) as SubscriptionRecord),
    );
    expect(values[0]).toMatchObject({
      kind: 'herald.subscription',
      version: 2,
      subscription: { revision: 1, tenantId: 'acme' },
    });
    expect(values[0]?.subscription.signing.secrets[0].sealed).toMatch(/^hsk1:test1:/);
    expect(created.body.secret).toMatch(/^whsec_/);
    for (const m of messages) expect(m.value?.toString() ?? '').not.toContain(created.body.secret);
    expect(values[1]?.subscription).toMatchObject({ revision: 2, description: 'second revision' });
    expect(values[2]).toBeNull();
    expect(messages[0].headers?.['herald-kind']?.toString()).toBe('herald.subscription');
  });

  it('writes POST /v1/events to herald.events.inbound keyed by tenant', async () => {
    const admin = client(api.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: 'globex', name: 'Globex' });
    const key = (await admin('POST', '/v1/tenants/globex/api-keys', {})).body.key;
    const res = await client(api.url, key)('POST', '/v1/events', {
      specversion: '1.0',
      id: 'evt-broker-1',
      source: '/shop',
      type: 'order.created',
      data: { total: 1 },
    });
    expect(res.status).toBe(202);
    const { messages, consumer } = await follow(broker.brokers, TOPICS.eventsInbound);
    consumers.push(consumer);
    await until(() => messages.some((m) => m.key?.toString() === 'globex'), 'the inbound event');
    const event = JSON.parse(
      messages.find((m) => m.key?.toString() === 'globex')!.value!.toString(),
    );
    expect(event).toMatchObject({ id: 'evt-broker-1', tenantid: 'globex', type: 'order.created' });
  });
});
