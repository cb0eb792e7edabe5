import { HeraldEvent, TOPICS } from '@herald/contracts';
// Integration specs use the shared test kit; its broker is HERALD_TEST_KAFKA's.
import { EventStore, TenantStore } from '@herald/persistence';
import { eventually, startTestKafka } from '@herald/testing';
import { IngestHarness, startIngestHarness } from '../testing/ingest-harness';

describe('event-ingest holds a tenant to its Kafka rate without delaying the others', () => {
  let harness: IngestHarness;

  beforeAll(async () => {
    harness = await startIngestHarness({
      broker: () => startTestKafka(),
      clientId: 'rate-spec',
      settings: {
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
      },
      seed: async (dataSource) => {
        const tenants = new TenantStore(dataSource);
        await tenants.create({ id: 'noisy', name: 'Noisy', limits: { kafkaEventsPerSecond: 10 } });
        await tenants.create({ id: 'quiet', name: 'Quiet' });
      },
      collect: [TOPICS.events, TOPICS.eventsDeferred],
    });
  });

  afterAll(async () => {
    await harness?.stop();
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
    harness.collector
      .on(TOPICS.events)
      .map((m) => JSON.parse(m.value!) as HeraldEvent)
      .filter((e) => e.tenantId === tenant)
      .map((e) => e.id);

  it('defers the noisy tenant past its burst, forwards every event once at its rate, and lets the quiet one through at once', async () => {
    const noisyIds = Array.from({ length: 40 }, (_, i) => `n${i}`);
    const quietIds = Array.from({ length: 5 }, (_, i) => `q${i}`);
    const started = Date.now();
    // One key, so one partition: the quiet tenant's events are queued behind the flood.
    await harness.producer.send({
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
    await eventually(
      () => harness.collector.on(TOPICS.eventsDeferred).length >= 30,
      'the deferred events',
    );
    expect(harness.collector.on(TOPICS.eventsDeferred)).toHaveLength(30);
    // 30 deferred events at 10/s: about 3 s, never all at once.
    expect(noisyMs).toBeGreaterThan(2_000);
    expect([...forwardedIds('noisy')].sort()).toEqual([...noisyIds].sort());
    // Deferred events are stored when their turn comes.
    const events = new EventStore(harness.dataSource);
    await eventually(
      async () =>
        (await Promise.all(noisyIds.map((id) => events.findById('noisy', id)))).every(Boolean),
      'every noisy event stored',
    );

    const overLimit = await harness.registry.getSingleMetricAsString(
      'herald_events_over_tenant_rate_total',
    );
    expect(overLimit).toContain('action="deferred"} 30');
    expect(
      await harness.registry.getSingleMetricAsString('herald_events_deferred_forwarded_total'),
    ).toMatch(/ 30$/m);
  });
});
