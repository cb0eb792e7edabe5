import { spawn } from 'child_process';
import { HEADERS, HeraldEvent, TOPICS } from '@herald/contracts';
// Integration specs use the shared test kit; its broker is HERALD_TEST_KAFKA's.
import { EventStore, EventTypeStore, PUBLIC_TENANT_ID, TenantStore } from '@herald/persistence';
import { eventually, startTestKafka } from '@herald/testing';
import { IngestHarness, startIngestHarness } from '../testing/ingest-harness';

describe('event-ingest on the test broker and PostgreSQL', () => {
  let harness: IngestHarness;

  beforeAll(async () => {
    harness = await startIngestHarness({
      broker: () => startTestKafka(),
      clientId: 'ingest-spec',
      settings: { domainTopicPattern: '^shop\\.' },
      seed: async (dataSource) => {
        await new TenantStore(dataSource).create({ id: 'acme', name: 'Acme' });
        const types = new EventTypeStore(dataSource);
        await types.create('acme', {
          name: 'order.created',
          description: null,
          code: null,
          visibility: 'tenant',
          schema: {
            type: 'object',
            required: ['total'],
            properties: { total: { type: 'number' }, currency: { type: 'string' } },
          },
        });
        await types.create(PUBLIC_TENANT_ID, {
          name: 'catalog.rates-updated',
          description: null,
          code: 'FX1',
          visibility: 'public',
          schema: null,
        });
      },
      beforeStart: async (kafka) => {
        const admin = kafka.admin();
        await admin.connect();
        await admin.createTopics({
          topics: [{ topic: 'shop.orders', numPartitions: 1 }],
          waitForLeaders: true,
        });
        await admin.disconnect();
      },
      collect: [TOPICS.events, TOPICS.eventsInvalid],
    });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const cloudEvent = (id: string, overrides: Record<string, unknown> = {}) => ({
    specversion: '1.0',
    id,
    source: 'urn:acme:checkout',
    type: 'order.created',
    tenantid: 'acme',
    entitytype: 'order',
    entityid: `ORD-${id}`,
    action: 'created',
    trigger: 'web',
    datacontenttype: 'application/json',
    data: { total: 12.5, currency: 'EUR' },
    ...overrides,
  });

  const forwarded = (id: string) =>
    harness.collector
      .on(TOPICS.events)
      .filter((m) => (JSON.parse(m.value!) as HeraldEvent).id === id);

  it('rejects bad events with reasons and positions while the valid ones behind them flow', async () => {
    const bad = [
      { value: '{"specversion": "1.0", "id": ', reason: 'malformed_json' },
      {
        value: JSON.stringify({ specversion: '1.0', id: 'm1', type: 'order.created' }),
        reason: 'invalid_envelope',
      },
      { value: JSON.stringify(cloudEvent('u1', { tenantid: 'nobody' })), reason: 'unknown_tenant' },
      {
        value: JSON.stringify(cloudEvent('s1', { data: { total: 'twelve' } })),
        reason: 'schema_violation',
      },
      {
        value: JSON.stringify(cloudEvent('o1', { data: { total: 1, pad: 'x'.repeat(5_000) } })),
        reason: 'oversized',
      },
      {
        value: JSON.stringify(cloudEvent('p0', { tenantid: undefined, type: 'catalog.unknown' })),
        reason: 'unknown_event_type',
      },
    ];
    await harness.producer.send({
      topic: TOPICS.eventsInbound,
      acks: -1,
      messages: [
        // One key, so one partition: the valid events are queued behind the bad ones.
        ...bad.map((b) => ({ key: 'acme', value: b.value })),
        { key: 'acme', value: JSON.stringify(cloudEvent('v1')) },
        {
          key: 'acme',
          value: JSON.stringify(
            cloudEvent('pub1', {
              tenantid: undefined,
              type: 'catalog.rates-updated',
              data: { base: 'EUR' },
            }),
          ),
        },
      ],
    });

    await eventually(
      () => harness.collector.on(TOPICS.eventsInvalid).length >= bad.length,
      'invalid events',
    );
    await eventually(
      () => forwarded('v1').length === 1 && forwarded('pub1').length === 1,
      'valid events',
    );

    const invalid = harness.collector.on(TOPICS.eventsInvalid);
    expect(invalid.map((m) => [m.key, m.headers[HEADERS.invalidCode]])).toEqual(
      bad.map((b) => ['acme', b.reason]),
    );
    const schema = invalid.find((m) => m.headers[HEADERS.invalidCode] === 'schema_violation')!;
    expect(schema.headers[HEADERS.invalidReason]).toContain('data.total must be number');
    expect(schema.headers[HEADERS.originalTopic]).toBe(TOPICS.eventsInbound);
    expect(schema.headers[HEADERS.originalPartition]).toMatch(/^\d+$/);
    expect(schema.headers[HEADERS.originalOffset]).toMatch(/^\d+$/);
    expect(invalid[1].headers[HEADERS.invalidReason]).toContain('source: is required');
    expect(invalid[0].value).toBe(bad[0].value);

    const event = JSON.parse(forwarded('v1')[0].value!) as HeraldEvent;
    expect(forwarded('v1')[0].key).toBe('acme');
    expect(event).toMatchObject({
      kind: 'herald.event',
      tenantId: 'acme',
      type: 'order.created',
      entityType: 'order',
      entityId: 'ORD-v1',
      action: 'created',
      trigger: 'web',
      data: { total: 12.5, currency: 'EUR' },
    });
    expect((JSON.parse(forwarded('pub1')[0].value!) as HeraldEvent).tenantId).toBeNull();
    // Stored too: the insert commits just after the publish it waits for.
    const store = new EventStore(harness.dataSource);
    await eventually(async () => (await store.findById('acme', 'v1')) !== undefined, 'stored v1');

    const metrics = await harness.registry.getSingleMetricAsString('herald_events_invalid_total');
    expect(metrics).toContain('reason="schema_violation"} 1');
    expect(metrics).toContain('reason="oversized"} 1');
  });

  it('forwards a duplicate event id only once', async () => {
    await harness.producer.send({
      topic: TOPICS.eventsInbound,
      acks: -1,
      messages: [
        { key: 'acme', value: JSON.stringify(cloudEvent('d1')) },
        { key: 'acme', value: JSON.stringify(cloudEvent('d1')) },
      ],
    });
    await harness.producer.send({
      topic: TOPICS.eventsInbound,
      acks: -1,
      messages: [{ key: 'acme', value: JSON.stringify(cloudEvent('d1')) }],
    });
    // A marker behind the duplicates on the same partition: once it is through, they were handled.
    await harness.producer.send({
      topic: TOPICS.eventsInbound,
      acks: -1,
      messages: [{ key: 'acme', value: JSON.stringify(cloudEvent('d1-marker')) }],
    });
    await eventually(() => forwarded('d1-marker').length === 1, 'the marker event');
    expect(forwarded('d1')).toHaveLength(1);
    // The marker is on the topic a moment before its chunk's counters are updated.
    await eventually(
      async () =>
        /herald_events_duplicate_total\{?[^}]*\}? 2/.test(
          await harness.registry.getSingleMetricAsString('herald_events_duplicate_total'),
        ),
      'two duplicates counted',
      2_000,
    );
  });

  it('accepts a binary-mode CloudEvent produced with kafkajs and with kcat, and a domain topic', async () => {
    await harness.producer.send({
      topic: 'shop.orders',
      acks: -1,
      messages: [
        {
          key: 'acme',
          value: JSON.stringify({ total: 99 }),
          headers: {
            ce_specversion: '1.0',
            ce_id: 'b1',
            ce_source: 'urn:acme:shop',
            ce_type: 'order.created',
            ce_tenantid: 'acme',
            ce_action: 'created',
            'content-type': 'application/json',
          },
        },
      ],
    });
    await kcatProduce(harness.brokers, TOPICS.eventsInbound, 'acme', JSON.stringify({ total: 7 }), {
      ce_specversion: '1.0',
      ce_id: 'k1',
      ce_source: 'urn:acme:kcat',
      ce_type: 'order.created',
      ce_tenantid: 'acme',
      ce_trigger: 'cli',
      'content-type': 'application/json',
    });
    await eventually(() => forwarded('b1').length === 1, 'the kafkajs binary event');
    await eventually(() => forwarded('k1').length === 1, 'the kcat binary event');
    const viaKcat = JSON.parse(forwarded('k1')[0].value!) as HeraldEvent;
    expect(viaKcat).toMatchObject({ source: 'urn:acme:kcat', trigger: 'cli', data: { total: 7 } });
    expect((JSON.parse(forwarded('b1')[0].value!) as HeraldEvent).action).toBe('created');
  });
});

/** Produces one binary-mode message with kcat (headers as `-H name=value`, value on stdin). */
function kcatProduce(
  brokers: string,
  topic: string,
  key: string,
  value: string,
  headers: Record<string, string>,
): Promise<void> {
  const args = ['-P', '-b', brokers, '-t', topic, '-k', key];
  for (const [name, text] of Object.entries(headers)) args.push('-H', `${name}=${text}`);
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`kcat exited with ${code}: ${stderr}`)),
    );
    child.stdin.end(`${value}\n`);
  });
}
