import { Kafka, Producer, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { HeraldEvent, TOPICS } from '@herald/contracts';
// Integration specs use the shared test kit; its broker is HERALD_TEST_KAFKA's.
import { EventStore, TenantStore, migrateDatabase, openDatabase } from '@herald/persistence';
import {
  TestDatabase,
  createTestDatabase,
  TopicCollector,
  eventually,
  TestKafka,
  startTestKafka,
} from '@herald/testing';
import { EventIngestRuntime } from './event-ingest.runtime';

describe('event-ingest holds a tenant to its Kafka rate without delaying the others', () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let runtime: EventIngestRuntime;
  let collector: TopicCollector;
  const registry = new Registry();

  beforeAll(async () => {
    [broker, database] = await Promise.all([startTestKafka(), createTestDatabase()]);
    dataSource = await openDatabase({ url: database.url, poolSize: 3 });
    await migrateDatabase(dataSource, { retentionDays: 7 });
    const tenants = new TenantStore(dataSource);
    await tenants.create({ id: 'noisy', name: 'Noisy', limits: { kafkaEventsPerSecond: 10 } });
    await tenants.create({ id: 'quiet', name: 'Quiet' });
    kafka = new Kafka({
      clientId: 'rate-spec',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
    runtime = new EventIngestRuntime(kafka, dataSource, registry, {
      domainTopics: [],
      domainTopicPattern: undefined,
      maxEventBytes: 4_096,
      dedupWindowMs: 60 * 60_000,
      catalogTtlMs: 1_000,
      tenantLimits: {
        defaults: {
          httpEventsPerSecond: 100,
          kafkaEventsPerSecond: 1_000,
          burstSeconds: 1,
          maxSubscriptions: 0,
          maxEventTypes: 0,
          maxInFlightDeliveries: 0,
        },
        refreshMs: 1_000,
        overLimit: 'defer',
      },
    });
    await runtime.start();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    collector = new TopicCollector(kafka);
    await collector.start([TOPICS.events, TOPICS.eventsDeferred]);
  });

  afterAll(async () => {
    await collector?.stop();
    await producer?.disconnect();
    await runtime?.stop();
    await dataSource?.destroy();
    await Promise.all([broker?.stop(), database?.drop()]);
  });

  const cloudEvent = (tenant: string, id: string) =>
    JSON.stringify({
      specversion: '1.0',
      id,
      source: 'urn:spec',
      type: 'order.created',
      tenantid: tenant,
      data: { n: id },
    });

  const forwardedIds = (tenant: string) =>
    collector
      .on(TOPICS.events)
      .map((m) => JSON.parse(m.value!) as HeraldEvent)
      .filter((e) => e.tenantId === tenant)
      .map((e) => e.id);

  it('defers the noisy tenant past its burst, forwards every event once at its rate, and lets the quiet one through at once', async () => {
    const noisyIds = Array.from({ length: 40 }, (_, i) => `n${i}`);
    const quietIds = Array.from({ length: 5 }, (_, i) => `q${i}`);
    const started = Date.now();
    // One key, so one partition: the quiet tenant's events are queued behind the flood.
    await producer.send({
      topic: TOPICS.eventsInbound,
      acks: -1,
      messages: [
        ...noisyIds.map((id) => ({ key: 'shared', value: cloudEvent('noisy', id) })),
        ...quietIds.map((id) => ({ key: 'shared', value: cloudEvent('quiet', id) })),
      ],
    });

    await eventually(() => forwardedIds('quiet').length === quietIds.length, 'the quiet tenant');
    const quietMs = Date.now() - started;
    // Its burst (10 events) went straight on; the rest waits on herald.events.deferred.
    expect(forwardedIds('noisy').length).toBeLessThan(20);
    expect(quietMs).toBeLessThan(2_000);

    await eventually(
      () => forwardedIds('noisy').length === noisyIds.length,
      'every noisy event',
      15_000,
    );
    const noisyMs = Date.now() - started;
    await eventually(() => collector.on(TOPICS.eventsDeferred).length >= 30, 'the deferred events');
    expect(collector.on(TOPICS.eventsDeferred)).toHaveLength(30);
    // 30 deferred events at 10/s: about 3 s, never all at once.
    expect(noisyMs).toBeGreaterThan(2_000);
    expect([...forwardedIds('noisy')].sort()).toEqual([...noisyIds].sort());
    // Deferred events are stored when their turn comes.
    const events = new EventStore(dataSource);
    await eventually(
      async () =>
        (await Promise.all(noisyIds.map((id) => events.findById('noisy', id)))).every(Boolean),
      'every noisy event stored',
    );

    const overLimit = await registry.getSingleMetricAsString(
      'herald_events_over_tenant_rate_total',
    );
    expect(overLimit).toContain('action="deferred"} 30');
    expect(
      await registry.getSingleMetricAsString('herald_events_deferred_forwarded_total'),
    ).toMatch(/ 30$/m);
  });
});
