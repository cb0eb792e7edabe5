import { Kafka, Producer, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DeliveryJob, TOPICS, allTopics } from '@herald/contracts';
// Integration specs use the shared test kit; its broker is HERALD_TEST_KAFKA's.
import { ensureTopics } from '@herald/kafka';
import { OutboxStore, SubscriptionStore, migrateDatabase, openDatabase } from '@herald/persistence';
import {
  TEST_SECRETS_KEY,
  TestDatabase,
  createTestDatabase,
  eventually,
  TestKafka,
  startTestKafka,
} from '@herald/testing';
import { jobFor, subscriptionFixture } from '../testing/delivery-fixtures';
import { OutboxPump } from '../testing/outbox-pump';
import { ScriptedReceiver } from '../testing/scripted-receiver';
import { DispatcherRuntime } from './dispatcher.runtime';

/**
 * One tenant with many hanging endpoints must not take every delivery slot of an instance: with
 * 20 slots and a tenant cap of 5, another tenant's deliveries go out at once.
 */
describe('dispatcher: one tenant cannot hold every delivery slot', () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let dispatcher: DispatcherRuntime;
  let pump: OutboxPump;
  let base: string;
  const registry = new Registry();
  const receiver = new ScriptedReceiver();

  beforeAll(async () => {
    [broker, database] = await Promise.all([startTestKafka(), createTestDatabase()]);
    base = await receiver.start();
    dataSource = await openDatabase({ url: database.url, poolSize: 4 });
    await migrateDatabase(dataSource, { retentionDays: 7 });
    kafka = new Kafka({
      clientId: 'fair-share',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
    await ensureTopics(kafka, allTopics());
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    pump = new OutboxPump(new OutboxStore(dataSource), producer);
    pump.start(50);
    dispatcher = new DispatcherRuntime(kafka, dataSource, registry, {
      allowPrivateTargets: true,
      maxRetryAfterMs: 10_000,
      maxInFlightPerInstance: 20,
      partitionsConcurrently: 4,
      flushMs: 10,
      secretsKeys: [TEST_SECRETS_KEY],
      tenantLimits: {
        defaults: {
          httpEventsPerSecond: 0,
          kafkaEventsPerSecond: 0,
          burstSeconds: 1,
          maxSubscriptions: 0,
          maxEventTypes: 0,
          maxInFlightDeliveries: 5,
        },
        refreshMs: 1_000,
      },
      version: 'test',
    });
    await dispatcher.start();
  }, 60_000);

  afterAll(async () => {
    await dispatcher?.stop();
    await pump?.stop();
    await producer?.disconnect();
    await receiver.stop();
    await dataSource?.destroy();
    await Promise.all([broker?.stop(), database?.drop()]);
  }, 30_000);

  const enqueue = (jobs: DeliveryJob[]) =>
    producer.send({
      topic: TOPICS.deliveries,
      acks: -1,
      messages: jobs.map((job) => ({ key: job.subscriptionId, value: JSON.stringify(job) })),
    });

  it("delivers another tenant's jobs at once while a greedy tenant's endpoints hang", async () => {
    const store = new SubscriptionStore(dataSource);
    const greedy = Array.from({ length: 10 }, (_, i) =>
      subscriptionFixture(`sub_greedy_${i}`, `${base}/greedy/${i}`, {
        tenantId: 'greedy',
        timeoutMs: 4_000,
        maxConcurrency: 10,
      }),
    );
    const fair = subscriptionFixture('sub_fair', `${base}/fair`, { tenantId: 'fair' });
    greedy.forEach((_, i) => receiver.script(`/greedy/${i}`, [{ status: 200, hang: true }]));
    for (const s of [...greedy, fair]) await store.create(s);
    await eventually(() => dispatcher.view.get('sub_fair') !== undefined, 'the changelog');

    await enqueue(greedy.flatMap((s) => Array.from({ length: 10 }, () => jobFor(s))));
    await eventually(
      () => receiver.requests.filter((r) => r.path.startsWith('/greedy/')).length >= 5,
      'the greedy requests',
    );
    const sentAt = Date.now();
    await enqueue(Array.from({ length: 5 }, () => jobFor(fair)));
    await eventually(() => receiver.on('/fair').length === 5, 'the fair deliveries', 10_000);
    const fairMs = Date.now() - sentAt;

    // The greedy tenant never had more than its 5 slots; its other jobs were deferred.
    expect(receiver.requests.filter((r) => r.path.startsWith('/greedy/')).length).toBe(5);
    expect(fairMs).toBeLessThan(2_000);
    expect(await registry.getSingleMetricAsString('herald_deliveries_deferred_total')).toMatch(
      /reason="tenant_busy"\} (9[0-9]|1[0-9]{2})/,
    );
  });
});
