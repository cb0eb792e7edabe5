import fc from 'fast-check';
import { IHeaders, Producer } from 'kafkajs';
import { HEADERS, TOPICS } from '@herald/contracts';
import { createKafkaForBrokers } from '@herald/kafka';
import { RunningStack } from '@herald/stack';
import { DemoReceiver, TopicCollector, startDemoReceiver } from '@herald/testing';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * Events PostgreSQL cannot store (a NUL or a lone surrogate in any string or key, nesting too
 * deep), sent as a tenant would: through POST /v1/events they get a 400 naming the field;
 * straight to Kafka (structured and binary mode) they go to herald.events.invalid with the
 * reason, and the normal event behind each one on the same partition is delivered once, within
 * the latency normal events have.
 */
jest.setTimeout(240_000);

let platform: E2ePlatform;
let stack: RunningStack;
let receiver: DemoReceiver;
let api: PublicApi;
let tenant: { id: string; key: string };
let producer: Producer;
let invalid: TopicCollector;

const NUL = '\u0000';
const deep = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

beforeAll(async () => {
  platform = await startE2ePlatform({ name: 'poison' });
  ({ stack, api } = platform);
  receiver = await startDemoReceiver({ port: 0 });
  tenant = await api.tenant(stack.adminToken, 'poison');
  await api.ok(tenant.key, 'POST', '/v1/subscriptions', {
    url: `${receiver.url}/ok`,
    eventTypes: ['order.*'],
  });
  const kafka = createKafkaForBrokers(stack.brokers, 'herald-poison-e2e');
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  invalid = new TopicCollector(kafka);
  await invalid.start([TOPICS.eventsInvalid]);
  // Subscriptions reach the matcher and dispatcher through the changelog.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
}, 240_000);

afterAll(async () => {
  await invalid?.stop();
  await producer?.disconnect();
  await receiver?.close();
  await platform?.stop();
});

const event = (id: string, fields: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id,
  source: '/poison',
  type: 'order.created',
  data: { total: 1 },
  ...fields,
});

describe('POST /v1/events refuses what PostgreSQL cannot store, naming the field', () => {
  it.each([
    ['a NUL in data', { data: { s: `a${NUL}b` } }, 'data.s'],
    ['a NUL deep in data', { data: { a: [{ b: [1, `x${NUL}`] }] } }, 'data.a.0.b.1'],
    ['a NUL in a data key', { data: { [`k${NUL}`]: 1 } }, 'data.k\\u0000'],
    ['a NUL in the id', { id: `id${NUL}` }, 'id'],
    ['a NUL in the source', { source: `/s${NUL}` }, 'source'],
    ['a NUL in the subject', { subject: NUL }, 'subject'],
    ['a NUL in the type', { type: `order.created${NUL}` }, 'type'],
    ['a lone high surrogate', { data: { s: '\ud800' } }, 'data.s'],
    ['a lone low surrogate in a key', { data: { '\udc00': true } }, 'data.\\udc00'],
    // The API's request guard refuses any body nested deeper than its own limit, first.
    ['nesting 65 levels deep', { data: deep(64) }, /^data(\.a)+$/],
  ])('%s: 400 problem+json naming the field', async (_kind, fields, field) => {
    const response = await fetch(`${stack.apiUrl}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(event(`api-${Math.random()}`, fields)),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors[0].field).toEqual(
      typeof field === 'string' ? field : expect.stringMatching(field),
    );
  });

  it('still accepts valid Unicode everywhere (paired surrogates, U+FFFF, escaped text)', async () => {
    const { status } = await api.call(
      tenant.key,
      'POST',
      '/v1/events',
      event(`api-ok-😀`, { subject: '\ufffe\uffff', data: { s: '😀 \\u0000', '😀': [] } }),
    );
    expect(status).toBe(202);
  });
});

interface Poison {
  name: string;
  value: Buffer | string | null;
  headers?: IHeaders;
  /** What the herald-invalid-reason header must name. */
  reason: string;
}

const binary = (id: string, headers: Record<string, string>, tenantId = tenant.id): IHeaders => ({
  ce_specversion: '1.0',
  ce_id: id,
  ce_source: '/poison',
  ce_type: 'order.created',
  ce_tenantid: tenantId,
  'content-type': 'application/json',
  ...headers,
});

/** The fixed poison cases for a tenant (called with a placeholder to name the tests). */
function poisons(tenantId: string): Poison[] {
  const binaryOf = (id: string, headers: Record<string, string>) => binary(id, headers, tenantId);
  const structured = (name: string, fields: Record<string, unknown>, reason: string): Poison => ({
    name,
    value: JSON.stringify(event(`kafka-${name}`, { tenantid: tenantId, ...fields })),
    reason,
  });
  return [
    structured('nul-data', { data: { s: `a${NUL}b` } }, 'data.s: contains a NUL'),
    structured('nul-key', { data: { [`k${NUL}`]: 1 } }, 'data.k\\u0000: has a key'),
    {
      ...structured('nul-id', {}, 'id: contains a NUL'),
      value: JSON.stringify(event(`kafka-id${NUL}`, { tenantid: tenantId })),
    },
    structured('lone-surrogate', { data: ['\udbff'] }, 'data.0: contains a lone UTF-16'),
    structured('deep', { data: deep(80) }, 'is nested more than 64 levels deep'),
    structured('base64-nul', { data: undefined, data_base64: 'YQBi' }, 'data: contains a NUL'),
    {
      name: 'binary-nul-header',
      headers: binaryOf(`bin-id${NUL}`, {}),
      value: '{"total":1}',
      reason: 'id: contains a NUL',
    },
    {
      name: 'binary-nul-subject',
      headers: binaryOf('bin-subject', { ce_subject: `s${NUL}` }),
      value: '{"total":1}',
      reason: 'subject: contains a NUL',
    },
    {
      name: 'binary-nul-in-json-data',
      headers: binaryOf('bin-data', {}),
      value: '{"s":"\\u0000"}',
      reason: 'data.s: contains a NUL',
    },
    {
      name: 'binary-nul-byte-in-text',
      headers: binaryOf('bin-text', { 'content-type': 'text/plain' }),
      value: Buffer.from([0x61, 0x00, 0x62]),
      reason: 'data: contains a NUL',
    },
  ];
}

/** Sends `poison` and then a normal event to partition 0 of herald.events.inbound. */
async function sendPair(poison: Poison, normalId: string): Promise<number> {
  const sentAt = Date.now();
  await producer.send({
    topic: TOPICS.eventsInbound,
    acks: -1,
    messages: [
      { partition: 0, key: tenant.id, value: poison.value, headers: poison.headers },
      {
        partition: 0,
        key: tenant.id,
        value: JSON.stringify(event(normalId, { tenantid: tenant.id })),
      },
    ],
  });
  return sentAt;
}

async function deliveredWithin(eventId: string, sentAt: number): Promise<number> {
  const delivery = await eventuallyValue(`the delivery of ${eventId}`, () =>
    receiver.deliveries.find((d) => d.path === '/ok' && d.body.includes(`"${eventId}"`)),
  );
  return Date.parse(delivery.receivedAt) - sentAt;
}

describe('poison events on Kafka go to herald.events.invalid and the partition keeps flowing', () => {
  const latencies: number[] = [];
  let usual = 0;

  beforeAll(async () => {
    // The usual latency on this machine now: three normal events on the same partition.
    const baseline: number[] = [];
    for (let i = 0; i < 3; i++) {
      const id = `baseline-${i}`;
      const sentAt = Date.now();
      await producer.send({
        topic: TOPICS.eventsInbound,
        acks: -1,
        messages: [
          {
            partition: 0,
            key: tenant.id,
            value: JSON.stringify(event(id, { tenantid: tenant.id })),
          },
        ],
      });
      baseline.push(await deliveredWithin(id, sentAt));
    }
    usual = Math.max(...baseline);
  });

  it.each(poisons('placeholder').map((p) => p.name))(
    '%s: invalid with its reason; the next event is delivered as usual',
    async (name) => {
      const poison = poisons(tenant.id).find((p) => p.name === name)!;
      const normalId = `after-${name}`;
      const sentAt = await sendPair(poison, normalId);
      const latency = await deliveredWithin(normalId, sentAt);
      latencies.push(latency);
      const rejected = await eventuallyValue(`${name} on herald.events.invalid`, () =>
        invalid.on(TOPICS.eventsInvalid).find((m) => {
          const source = poison.value === null ? '' : poison.value.toString();
          const ceId = poison.headers?.ce_id?.toString();
          return m.value === source && (ceId === undefined || m.headers.ce_id === ceId);
        }),
      );
      expect(rejected.headers[HEADERS.invalidCode]).toBe('unstorable');
      expect(rejected.headers[HEADERS.invalidReason]).toContain(poison.reason);
      expect(rejected.headers[HEADERS.originalTopic]).toBe(TOPICS.eventsInbound);
      expect(latency).toBeLessThanOrEqual(Math.max(5_000, 3 * usual));
    },
  );

  it('generated hostile events, each followed by a normal one: all delivered once, in time', async () => {
    const hostile = fc
      .array(
        fc.oneof(
          fc.constant(0),
          fc.integer({ min: 0xd800, max: 0xdfff }),
          fc.integer({ min: 1, max: 0xffff }),
        ),
        { minLength: 1, maxLength: 12 },
      )
      .map((units) => String.fromCharCode(...units))
      .filter((text) => text.includes(NUL) || Buffer.from(text).toString() !== text);
    const place = fc.constantFrom('data', 'key', 'id', 'subject', 'ce_id', 'ce_subject');
    const cases = fc.sample(fc.tuple(hostile, place), { numRuns: 40, seed: 18 });
    const sent: { normalId: string; sentAt: number }[] = [];
    for (const [index, [text, where]] of cases.entries()) {
      const id = `gen-${index}`;
      // A header is UTF-8 on the wire: a lone surrogate becomes U+FFFD, only a NUL survives.
      const headerText = text.includes(NUL) ? text : `${text}${NUL}`;
      const poison: Poison =
        where === 'ce_id' || where === 'ce_subject'
          ? {
              name: id,
              headers: binary(where === 'ce_id' ? `${id}${headerText}` : id, {
                ...(where === 'ce_subject' ? { ce_subject: headerText } : {}),
              }),
              value: '{"total":1}',
              reason: '',
            }
          : {
              name: id,
              value: JSON.stringify(
                event(where === 'id' ? `${id}${text}` : id, {
                  tenantid: tenant.id,
                  ...(where === 'subject' ? { subject: text } : {}),
                  ...(where === 'data' ? { data: { s: text } } : {}),
                  ...(where === 'key' ? { data: { [text]: 1 } } : {}),
                }),
              ),
              reason: '',
            };
      sent.push({
        normalId: `gen-after-${index}`,
        sentAt: await sendPair(poison, `gen-after-${index}`),
      });
    }
    for (const { normalId, sentAt } of sent) await deliveredWithin(normalId, sentAt);
    // Give a wrongly retried batch the time to be delivered again, then count.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    for (const { normalId } of sent) {
      const copies = receiver.deliveries.filter((d) => d.body.includes(`"${normalId}"`));
      expect(copies).toHaveLength(1);
    }
    const unstorable = invalid
      .on(TOPICS.eventsInvalid)
      .filter((m) => m.headers[HEADERS.invalidCode] === 'unstorable');
    expect(unstorable.length).toBe(cases.length + poisons(tenant.id).length);
    process.stdout.write(
      `poison e2e: usual latency ${usual} ms; after each fixed poison ${latencies.join(', ')} ms; ` +
        `${cases.length} generated hostile events\n`,
    );
  });
});
