import { HEADERS, HeraldEvent, TOPICS } from '@herald/contracts';
// Integration specs use the shared test kit and the embedded broker.
import { startEmbeddedKafka } from '@herald/embedded-kafka';
import { EventTypeInput, EventTypeStore, PUBLIC_TENANT_ID, TenantStore } from '@herald/persistence';
import { eventually } from '@herald/testing';
import { IngestHarness, startIngestHarness } from '../testing/ingest-harness';

/** One tenant's event types never decide whether another tenant's events are valid. */
describe('event-ingest: one tenant’s schemas apply to its own events only', () => {
  let harness: IngestHarness;

  const type = (name: string, schema: Record<string, unknown> | null): EventTypeInput => ({
    name,
    description: null,
    code: null,
    schema,
    visibility: 'tenant',
  });
  const SAME_ID = 'https://schemas.example/invoice.json';

  beforeAll(async () => {
    harness = await startIngestHarness({
      broker: () => startEmbeddedKafka({ port: 0 }),
      clientId: 'tenant-schemas-spec',
      settings: { maxEventBytes: 8_192, catalogTtlMs: 60_000 },
      seed: async (dataSource) => {
        const tenants = new TenantStore(dataSource);
        await tenants.create({ id: 'mallory', name: 'Mallory' });
        await tenants.create({ id: 'bob', name: 'Bob' });
        const types = new EventTypeStore(dataSource);
        // A row a tenant marked public before public types became the operator's (what the old API
        // stored for `visibility: public`): a schema that rejects everything.
        await types.create('mallory', {
          ...type('order.created', { not: {} }),
          visibility: 'public',
        });
        // The same $id in two tenants' schemas: mallory's rejects everything, bob's wants a total.
        await types.create('mallory', type('invoice.paid', { $id: SAME_ID, not: {} }));
        await types.create(
          'bob',
          type('invoice.paid', { $id: SAME_ID, type: 'object', required: ['total'] }),
        );
        // The operator's public type for broadcasts.
        await types.create(PUBLIC_TENANT_ID, {
          ...type('fx.rates-updated', { type: 'object', required: ['base'] }),
          visibility: 'public',
        });
      },
      collect: [TOPICS.events, TOPICS.eventsInvalid],
    });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const cloudEvent = (id: string, tenantid: string | undefined, typeName: string, data: unknown) =>
    JSON.stringify({
      specversion: '1.0',
      id,
      source: 'urn:spec',
      type: typeName,
      ...(tenantid ? { tenantid } : {}),
      datacontenttype: 'application/json',
      data,
    });

  const outcomeOf = (id: string): string | undefined => {
    if (
      harness.collector
        .on(TOPICS.events)
        .some((m) => (JSON.parse(m.value!) as HeraldEvent).id === id)
    ) {
      return 'accepted';
    }
    const invalid = harness.collector
      .on(TOPICS.eventsInvalid)
      .find((m) => (JSON.parse(m.value!) as { id: string }).id === id);
    return invalid ? String(invalid.headers[HEADERS.invalidCode]) : undefined;
  };

  it('checks each tenant’s events against its own schema, and broadcasts against the operator’s', async () => {
    const cases: [
      id: string,
      tenant: string | undefined,
      type: string,
      data: unknown,
      outcome: string,
    ][] = [
      // mallory's "public" reject-all schema is consulted for mallory's own events only.
      ['bob-order', 'bob', 'order.created', { total: 1 }, 'accepted'],
      ['mallory-order', 'mallory', 'order.created', { total: 1 }, 'schema_violation'],
      // ... and never for a broadcast: only the operator's public types count there.
      ['public-order', undefined, 'order.created', { total: 1 }, 'unknown_event_type'],
      // The same $id in two tenants (mallory's compiled first): neither sees the other's.
      ['mallory-invoice', 'mallory', 'invoice.paid', { total: 1 }, 'schema_violation'],
      ['bob-invoice', 'bob', 'invoice.paid', { total: 1 }, 'accepted'],
      ['bob-invoice-bad', 'bob', 'invoice.paid', {}, 'schema_violation'],
      ['public-fx', undefined, 'fx.rates-updated', { base: 'EUR' }, 'accepted'],
      ['public-fx-bad', undefined, 'fx.rates-updated', {}, 'schema_violation'],
      // A tenant without a type of that name gets the operator's public one.
      ['bob-fx-bad', 'bob', 'fx.rates-updated', {}, 'schema_violation'],
    ];
    await harness.producer.send({
      topic: TOPICS.eventsInbound,
      acks: -1,
      messages: cases.map(([id, tenant, name, data]) => ({
        key: 'one-partition',
        value: cloudEvent(id, tenant, name, data),
      })),
    });
    await eventually(
      () => cases.every(([id]) => outcomeOf(id) !== undefined),
      'every event accepted or rejected',
    );
    expect(cases.map(([id]) => [id, outcomeOf(id)])).toEqual(
      cases.map(([id, , , , outcome]) => [id, outcome]),
    );
    const violation = harness.collector
      .on(TOPICS.eventsInvalid)
      .find((m) => (JSON.parse(m.value!) as { id: string }).id === 'bob-invoice-bad')!;
    expect(violation.headers[HEADERS.invalidReason]).toContain(
      "must have required property 'total'",
    );
  });
});
