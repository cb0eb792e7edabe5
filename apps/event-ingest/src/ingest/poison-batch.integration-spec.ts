import { HEADERS, HeraldEvent, TOPICS } from '@herald/contracts';
import { startEmbeddedKafka } from '@herald/embedded-kafka';
import { EventStore, TenantStore } from '@herald/persistence';
import { eventually } from '@herald/testing';
import { IngestHarness, startIngestHarness } from '../testing/ingest-harness';

/**
 * A message that passes validation but can never be written (here: nesting so deep that
 * serialising it overflows the stack, with the depth limit lifted for the test) used to be
 * retried with its whole batch for ever. Now the consumer runner finds it by splitting the
 * batch, it goes to herald.events.invalid as `unprocessable` with its reason, and every other
 * event of the batch is stored and forwarded exactly once.
 */
describe('event-ingest with a message that can never be written', () => {
  let harness: IngestHarness;

  beforeAll(async () => {
    harness = await startIngestHarness({
      broker: () => startEmbeddedKafka({ port: 0 }),
      clientId: 'poison-spec',
      settings: {
        maxEventBytes: 1_048_576,
        maxEventDepth: 1_000_000,
        maxMessageRetries: 3,
      },
      seed: async (dataSource) => {
        await new TenantStore(dataSource).create({ id: 'acme', name: 'Acme' });
      },
      collect: [TOPICS.events, TOPICS.eventsInvalid],
    });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const event = (id: string, data: unknown = { total: 1 }) =>
    JSON.stringify({
      specversion: '1.0',
      id,
      source: '/s',
      type: 'order.created',
      tenantid: 'acme',
      data,
    });

  it('quarantines only that message; the rest of its batch is forwarded and stored once', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const ids = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    await harness.producer.send({
      topic: TOPICS.eventsInbound,
      acks: -1,
      messages: [
        ...ids.slice(0, 3).map((id) => ({ key: 'acme', value: event(id) })),
        { key: 'acme', value: event('too-deep').replace('{"total":1}', deep) },
        ...ids.slice(3).map((id) => ({ key: 'acme', value: event(id) })),
      ],
    });
    await eventually(
      () => harness.collector.on(TOPICS.eventsInvalid).length === 1,
      'the unwritable event on herald.events.invalid',
    );
    const [rejected] = harness.collector.on(TOPICS.eventsInvalid);
    expect(rejected.headers[HEADERS.invalidCode]).toBe('unprocessable');
    expect(rejected.headers[HEADERS.poisonReason]).toBe('limit_exceeded');
    expect(rejected.headers[HEADERS.invalidReason]).toMatch(/^limit_exceeded: RangeError/);
    expect(rejected.value).toContain('"too-deep"');
    await eventually(
      () => harness.collector.on(TOPICS.events).length >= ids.length,
      'the other events',
    );
    // Give a wrongly retried batch the time to be published again, then count.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const forwarded = harness.collector
      .on(TOPICS.events)
      .map((m) => (JSON.parse(m.value!) as HeraldEvent).id);
    expect(forwarded).toEqual(ids);
    const stored = await new EventStore(harness.dataSource).findByIds('acme', [...ids, 'too-deep']);
    expect(stored.map((e) => e.id).sort()).toEqual(ids);
    const metrics = await harness.registry.metrics();
    expect(metrics).toContain(
      'herald_consumer_poison_messages_total{group="herald-event-ingest",reason="limit_exceeded"} 1',
    );
    expect(metrics).toContain('herald_events_invalid_total{reason="unprocessable"} 1');
  });
});
