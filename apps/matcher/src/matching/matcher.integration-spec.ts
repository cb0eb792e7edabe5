import { Kafka, Producer, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  DeliveryJob,
  HEADERS,
  HeraldEvent,
  Subscription,
  SubscriptionRecord,
  TOPICS,
  allTopics,
} from '@herald/contracts';
// Integration specs use the shared test kit; its broker is HERALD_TEST_KAFKA's.
import { ensureTopics } from '@herald/kafka';
import { DeliveryLog, migrateDatabase, openDatabase } from '@herald/persistence';
import {
  TestDatabase,
  createTestDatabase,
  TopicCollector,
  eventually,
  TestKafka,
  startTestKafka,
} from '@herald/testing';
import { eventFixture, subscriptionFixture } from '../testing/matching-fixtures';
import { deliveryIdFor } from '@herald/delivery';
import { MatcherRuntime } from './matcher.runtime';

describe('matcher on the test broker and PostgreSQL', () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let runtime: MatcherRuntime;
  let collector: TopicCollector;
  const registry = new Registry();

  const publishSubscription = (subscription: Subscription) => {
    const record: SubscriptionRecord = { kind: 'herald.subscription', version: 2, subscription };
    return producer.send({
      topic: TOPICS.subscriptionsChangelog,
      acks: -1,
      messages: [{ key: subscription.id, value: JSON.stringify(record) }],
    });
  };
  const deleteSubscription = (id: string) =>
    producer.send({
      topic: TOPICS.subscriptionsChangelog,
      acks: -1,
      messages: [{ key: id, value: null }],
    });
  const publishEvents = (...events: HeraldEvent[]) =>
    producer.send({
      topic: TOPICS.events,
      acks: -1,
      messages: events.map((e) => ({ key: e.tenantId ?? e.id, value: JSON.stringify(e) })),
    });
  const jobsFor = (eventId: string) =>
    collector
      .on(TOPICS.deliveries)
      .map((m) => ({ key: m.key, job: JSON.parse(m.value!) as DeliveryJob }))
      .filter((m) => m.job.event.id === eventId);
  const subscriptionsOf = (eventId: string) =>
    jobsFor(eventId)
      .map((m) => m.job.subscriptionId)
      .sort();

  beforeAll(async () => {
    [broker, database] = await Promise.all([startTestKafka(), createTestDatabase()]);
    dataSource = await openDatabase({ url: database.url, poolSize: 3 });
    await migrateDatabase(dataSource, { retentionDays: 7 });
    kafka = new Kafka({
      clientId: 'matcher-spec',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
    await ensureTopics(kafka, allTopics());
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    // Subscriptions that exist before the matcher starts: it must load them from the changelog.
    await publishSubscription(subscriptionFixture('sub_orders'));
    await publishSubscription(
      subscriptionFixture('sub_paused', {
        eventTypes: ['order.created'],
        state: 'paused',
        pausedUntil: '2099-01-01T00:00:00.000Z',
      }),
    );
    await publishSubscription(subscriptionFixture('sub_inactive', { active: false }));
    await publishSubscription(subscriptionFixture('sub_globex', { tenantId: 'globex' }));
    await publishSubscription(
      subscriptionFixture('sub_big_orders', { condition: { 'data.total': { $gte: 100 } } }),
    );
    collector = new TopicCollector(kafka);
    await collector.start([TOPICS.deliveries, TOPICS.eventsInvalid]);
    runtime = new MatcherRuntime(kafka, dataSource, registry);
    expect(runtime.isReady).toBe(false);
    await runtime.start();
  });

  afterAll(async () => {
    await collector?.stop();
    await producer?.disconnect();
    await runtime?.stop();
    await dataSource?.destroy();
    await Promise.all([broker?.stop(), database?.drop()]);
  });

  it('is ready only with the changelog loaded, and writes one job per deliverable match', async () => {
    expect(runtime.index.size).toBe(5);
    expect(runtime.isReady).toBe(true);

    await publishEvents(eventFixture('e1'), eventFixture('e2', { data: { total: 250 } }));
    await eventually(() => jobsFor('e2').length === 2, 'jobs for e2');
    await eventually(() => jobsFor('e1').length === 1, 'jobs for e1');

    expect(subscriptionsOf('e1')).toEqual(['sub_orders']);
    expect(subscriptionsOf('e2')).toEqual(['sub_big_orders', 'sub_orders']);
    const [{ key, job }] = jobsFor('e1');
    expect(key).toBe('sub_orders');
    expect(job).toMatchObject({
      kind: 'herald.delivery-job',
      deliveryId: deliveryIdFor(eventFixture('e1'), 'sub_orders'),
      tenantId: 'acme',
      attempt: 1,
      deferrals: 0,
      event: { id: 'e1', type: 'order.created', data: { total: 42 } },
    });

    const log = new DeliveryLog(dataSource);
    const pending = await log.findById('acme', job.deliveryId);
    expect(pending?.status).toBe('pending');
    await eventually(
      async () =>
        (await log.findById('acme', deliveryIdFor(eventFixture('e1'), 'sub_paused')))?.status ===
        'held',
      'the held delivery of the paused subscription',
    );
    expect(
      (await log.findById('acme', deliveryIdFor(eventFixture('e1'), 'sub_inactive')))?.status,
    ).toBe('held');
    expect(await registry.getSingleMetricAsString('herald_subscription_index_size')).toContain(
      ' 5',
    );
  });

  it('matches a new subscription within a second and stops matching a deleted one', async () => {
    const created = Date.now();
    await publishSubscription(subscriptionFixture('sub_new', { eventTypes: ['invoice.paid'] }));
    await eventually(
      () => runtime.index.get('sub_new') !== undefined,
      'the new subscription',
      1_000,
    );
    expect(Date.now() - created).toBeLessThan(1_000);

    await publishEvents(eventFixture('e3', { type: 'invoice.paid' }));
    await eventually(() => jobsFor('e3').length === 1, 'a job for the new subscription');
    expect(subscriptionsOf('e3')).toEqual(['sub_new']);

    await deleteSubscription('sub_new');
    await eventually(() => runtime.index.get('sub_new') === undefined, 'the deletion', 1_000);
    // Same partition (key acme) and behind e4: once the marker has its job, e4 was matched.
    await publishEvents(eventFixture('e4', { type: 'invoice.paid' }), eventFixture('e4-marker'));
    await eventually(() => jobsFor('e4-marker').length === 1, 'the marker event');
    expect(jobsFor('e4')).toEqual([]);
  });

  it('delivers a public event to every tenant subscribed to its type', async () => {
    await publishEvents(eventFixture('pub1', { tenantId: null, type: 'order.created' }));
    await eventually(() => jobsFor('pub1').length === 2, 'jobs for both tenants');
    expect(
      jobsFor('pub1')
        .map((m) => m.job.tenantId)
        .sort(),
    ).toEqual(['acme', 'globex']);
  });

  it('gives a re-processed event the same delivery ids', async () => {
    await publishEvents(eventFixture('e5'));
    await eventually(() => jobsFor('e5').length === 1, 'the first job');
    await publishEvents(eventFixture('e5'));
    await eventually(() => jobsFor('e5').length === 2, 'the second job');
    const [first, second] = jobsFor('e5');
    expect(second.job.deliveryId).toBe(first.job.deliveryId);
  });

  it('sends a message that is not a Herald event to the invalid topic and keeps going', async () => {
    await producer.send({
      topic: TOPICS.events,
      acks: -1,
      messages: [{ key: 'acme', value: '{"kind":"herald.event"}' }],
    });
    await publishEvents(eventFixture('e6'));
    await eventually(() => jobsFor('e6').length === 1, 'the event behind the bad one');
    await eventually(() => collector.on(TOPICS.eventsInvalid).length === 1, 'the invalid message');
    const [invalid] = collector.on(TOPICS.eventsInvalid);
    expect(invalid.headers[HEADERS.originalTopic]).toBe(TOPICS.events);
    expect(invalid.headers[HEADERS.invalidReason]).toContain('version');
  });
});
