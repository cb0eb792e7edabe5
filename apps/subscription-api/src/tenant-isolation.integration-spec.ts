import { Message } from 'kafkajs';
import { getHeapStatistics, setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { DataSource } from 'typeorm';
import { HeraldEvent, HeraldTopic, PayloadOf, TOPICS } from '@herald/contracts';
import type { OutgoingMessage } from '@herald/kafka';
import { EventStore } from '@herald/persistence';
// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { MessageBus } from './infrastructure/message-bus';
import { RunningApi, client, endedReplay, startApi } from './testing/api-harness';

const ADMIN = 'hadm_test_admin_token';
const PAGE_SIZE = 500;

jest.setTimeout(600_000);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Live heap after full collections (what is retained, not garbage waiting for a GC). */
function liveHeapBytes(): number {
  gc();
  gc();
  return getHeapStatistics().used_heap_size;
}

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

/** Counts what the API sends, batch by batch, without keeping the messages (and their events). */
class CountingBus implements MessageBus {
  readonly batches: { topic: string; size: number }[] = [];

  async send<T extends HeraldTopic>(
    topic: T,
    messages: OutgoingMessage<PayloadOf<T>>[],
  ): Promise<void> {
    this.batches.push({ topic, size: messages.length });
  }

  async sendRaw(topic: string, messages: Message[]): Promise<void> {
    this.batches.push({ topic, size: messages.length });
  }
}

/** Hostile data schemas, each class a way the old shared ajv kept memory or stalled. */
const HOSTILE_SCHEMAS: Record<string, (i: number) => Record<string, unknown>> = {
  // Over HERALD_SCHEMA_MAX_BYTES (about 100 KB): refused before it is parsed as a schema.
  oversized: (i) => ({
    $id: `https://schemas.example/big-${i}.json`,
    properties: Object.fromEntries(
      Array.from({ length: 2_500 }, (_, k) => [`p${k}`, { pattern: `^${i}-${k}$` }]),
    ),
  }),
  // 4,000 levels of `not`: refused by the depth walk, never by a recursive one.
  deep: (i) => {
    let schema: Record<string, unknown> = { const: i };
    for (let k = 0; k < 4_000; k++) schema = { not: schema };
    return schema;
  },
  // 20 KB of valid properties, then an invalid type: fails the meta-schema check.
  invalidAtTheEnd: (i) => ({
    $id: `https://schemas.example/invalid-${i}.json`,
    properties: {
      ...Object.fromEntries(Array.from({ length: 900 }, (_, k) => [`p${k}`, { minLength: i + k }])),
      last: { type: 'no-such-type' },
    },
  }),
  // Unique $id and patterns, then a $ref to nowhere: compiles half-way, then fails.
  unresolvableRef: (i) => ({
    $id: `https://schemas.example/ref-${i}.json`,
    properties: {
      ...Object.fromEntries(
        Array.from({ length: 60 }, (_, k) => [`p${k}`, { pattern: `^${i}~${k}$` }]),
      ),
      z: { $ref: `https://schemas.example/elsewhere-${i}.json` },
    },
  }),
  // 60 references to one 60-property definition: ajv's default would inline every one.
  // Valid: accepted (as a PATCH of one type).
  refBomb: (i) => ({
    $id: `https://schemas.example/bomb-${i}.json`,
    definitions: {
      big: {
        properties: Object.fromEntries(
          Array.from({ length: 60 }, (_, k) => [`p${k}`, { type: 'string', maxLength: i + 1 }]),
        ),
      },
    },
    properties: Object.fromEntries(
      Array.from({ length: 60 }, (_, k) => [`a${k}`, { $ref: '#/definitions/big' }]),
    ),
  }),
  // Valid, with a unique $id and patterns: accepted (as a PATCH of one type), nothing kept.
  validUnique: (i) => ({
    $id: `https://schemas.example/valid-${i}.json`,
    type: 'object',
    properties: Object.fromEntries(
      Array.from({ length: 40 }, (_, k) => [`p${k}`, { type: 'string', pattern: `^v${i}_${k}$` }]),
    ),
  }),
};

describe('subscription-api: tenants cannot exhaust its memory or steer each other', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let bus: CountingBus;
  let admin: ReturnType<typeof client>;
  let acme: ReturnType<typeof client>;
  let globex: ReturnType<typeof client>;

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = new CountingBus();
    api = await startApi(
      {
        DATABASE_URL: db.url,
        HERALD_ADMIN_TOKEN: ADMIN,
        HERALD_API_BODY_LIMIT_BYTES: '262144',
        HERALD_OUTBOX_POLL_MS: '50',
        HERALD_DATABASE_POOL_SIZE: '4',
        HERALD_REPLAY_PAGE_SIZE: String(PAGE_SIZE),
        HERALD_ALLOW_PRIVATE_TARGETS: 'true',
      },
      { bus },
    );
    admin = client(api.url, ADMIN);
    for (const id of ['acme', 'globex']) {
      await admin('POST', '/v1/tenants', { id, name: id });
    }
    acme = client(api.url, (await admin('POST', '/v1/tenants/acme/api-keys', {})).body.key);
    globex = client(api.url, (await admin('POST', '/v1/tenants/globex/api-keys', {})).body.key);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('keeps its heap flat across 2,000 hostile schema requests, each refused by class', async () => {
    expect((await acme('POST', '/v1/event-types', { name: 'target.type' })).status).toBe(201);
    const classes = Object.keys(HOSTILE_SCHEMAS);
    const send = async (i: number) => {
      const kind = classes[i % classes.length];
      const schema = HOSTILE_SCHEMAS[kind](i);
      const response =
        kind === 'validUnique' || kind === 'refBomb'
          ? await acme('PATCH', '/v1/event-types/target.type', { schema })
          : await acme('POST', '/v1/event-types', { name: `hostile.t${i}`, schema });
      return { kind, response };
    };
    const run = async (from: number, count: number) => {
      const outcomes = new Map<string, Set<string>>();
      for (let i = from; i < from + count; i += 4) {
        const batch = await Promise.all([0, 1, 2, 3].map((k) => send(i + k)));
        for (const { kind, response } of batch) {
          expect(response.status).not.toBeGreaterThanOrEqual(500);
          const summary =
            response.status === 200
              ? '200'
              : `${response.status} ${response.contentType?.split(';')[0]} ${response.body.errors?.[0]?.field}: ${String(response.body.errors?.[0]?.message).replace(/\d+/g, 'N').slice(0, 90)}`;
          outcomes.set(kind, (outcomes.get(kind) ?? new Set()).add(summary));
        }
      }
      return outcomes;
    };
    await run(0, 120); // warm up: JIT, pools, the meta-schema
    const before = liveHeapBytes();
    const started = performance.now();
    const outcomes = await run(1_000, 2_000);
    const seconds = (performance.now() - started) / 1_000;
    const after = liveHeapBytes();
    // Reported for the resolution of issue 18.
    process.stdout.write(
      `hostile schemas: 2000 requests in ${seconds.toFixed(1)} s, live heap ${mb(before)} MB -> ${mb(after)} MB (${mb(after - before)} MB)\n`,
    );
    expect(Object.fromEntries([...outcomes].map(([k, v]) => [k, [...v]]))).toEqual({
      oversized: ['400 application/problem+json schema: is N bytes, more than the limit of N'],
      // The API's body depth limit or the schema's, whichever is lower: a 400 naming the path.
      deep: [
        expect.stringMatching(
          /^400 application\/problem\+json schema(\.not)*: is nested deeper than/,
        ),
      ],
      invalidAtTheEnd: [
        expect.stringMatching(
          /^400 application\/problem\+json schema: is not a valid JSON Schema: data\/properties\/last/,
        ),
      ],
      unresolvableRef: [
        expect.stringMatching(/^400 application\/problem\+json schema: .*can't resolve reference/),
      ],
      refBomb: ['200'],
      validUnique: ['200'],
    });
    expect(after - before).toBeLessThan(8 * 1_048_576);
  });

  it('leaves public event types to the operator: a tenant gets 403 naming visibility', async () => {
    const create = await acme('POST', '/v1/event-types', {
      name: 'order.created',
      visibility: 'public',
      schema: { not: {} },
    });
    expect(create.status).toBe(403);
    expect(create.contentType).toMatch(/application\/problem\+json/);
    expect(create.body.errors).toEqual([{ field: 'visibility', message: expect.any(String) }]);
    expect((await acme('GET', '/v1/event-types/order.created')).status).toBe(404);

    expect((await acme('POST', '/v1/event-types', { name: 'order.created' })).status).toBe(201);
    const change = await acme('PATCH', '/v1/event-types/order.created', { visibility: 'public' });
    expect(change.status).toBe(403);
    expect(change.body.errors[0].field).toBe('visibility');
    expect((await acme('GET', '/v1/event-types/order.created')).body.visibility).toBe('tenant');

    // The admin routes are the operator's only.
    expect((await acme('POST', '/v1/public-event-types', { name: 'x.y' })).status).toBe(403);
    expect((await acme('GET', '/v1/public-event-types')).status).toBe(403);
    const made = await admin('POST', '/v1/public-event-types', {
      name: 'fx.rates-updated',
      schema: { type: 'object', required: ['base'] },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ tenantId: '', visibility: 'public' });
    const patched = await admin('PATCH', '/v1/public-event-types/fx.rates-updated', {
      description: 'FX rates',
    });
    expect(patched.body).toMatchObject({ description: 'FX rates', visibility: 'public' });
    const listed = await admin('GET', '/v1/public-event-types');
    expect(listed.body.items.map((t: { name: string }) => t.name)).toEqual(['fx.rates-updated']);
    const tooBig = await admin('PATCH', '/v1/public-event-types/fx.rates-updated', {
      schema: HOSTILE_SCHEMAS.oversized(0),
    });
    expect([tooBig.status, tooBig.body.errors[0].field]).toEqual([400, 'schema']);
    // A public type is not a tenant's: it is not in, and cannot be changed through, tenant routes.
    expect((await acme('GET', '/v1/event-types/fx.rates-updated')).status).toBe(404);
    expect((await acme('DELETE', '/v1/event-types/fx.rates-updated')).status).toBe(404);
    expect((await admin('DELETE', '/v1/public-event-types/fx.rates-updated')).status).toBe(204);
  });

  it('scopes $id to the tenant’s schema: two tenants use the same one, neither reaches the other’s', async () => {
    const $id = 'https://schemas.example/shared/invoice.json';
    const forAcme = { $id, type: 'object', required: ['total'] };
    const forGlobex = { $id, not: {} };
    expect(
      (await acme('POST', '/v1/event-types', { name: 'invoice.paid', schema: forAcme })).status,
    ).toBe(201);
    expect(
      (await globex('POST', '/v1/event-types', { name: 'invoice.paid', schema: forGlobex })).status,
    ).toBe(201);
    // The same $id again, by the same tenant, is no clash either.
    expect(
      (await acme('PATCH', '/v1/event-types/invoice.paid', { schema: { ...forAcme, title: 'v2' } }))
        .status,
    ).toBe(200);
    // A $ref to the other tenant's $id resolves to nothing.
    const stolen = await globex('POST', '/v1/event-types', {
      name: 'invoice.copied',
      schema: { $ref: $id },
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors[0]).toEqual({
      field: 'schema',
      message: expect.stringContaining("can't resolve reference"),
    });
    expect((await globex('GET', '/v1/event-types/invoice.paid')).body.schema).toEqual(forGlobex);
    expect((await acme('GET', '/v1/event-types/invoice.paid')).body.schema.title).toBe('v2');
  });

  it('replays 5,000 large stored events a page at a time, holding one page in memory', async () => {
    const subscription = await acme('POST', '/v1/subscriptions', {
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['bulk.*'],
    });
    expect(subscription.status).toBe(201);
    const store = new EventStore(api.app.get(DataSource));
    const receivedAt = Date.now() - 60_000;
    const padding = 'x'.repeat(16_384);
    const event = (i: number): HeraldEvent => ({
      kind: 'herald.event',
      version: 1,
      id: `bulk-${i}`,
      tenantId: 'acme',
      type: 'bulk.created',
      source: '/spec',
      subject: null,
      time: new Date(receivedAt).toISOString(),
      receivedAt: new Date(receivedAt + i).toISOString(),
      entityType: null,
      entityId: null,
      action: null,
      trigger: null,
      dataContentType: 'application/json',
      data: { i, padding },
    });
    for (let i = 0; i < 5_000; i += 250) {
      await store.insertMany(Array.from({ length: 250 }, (_, k) => event(i + k)));
    }
    const before = liveHeapBytes();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, liveHeapBytes())), 25);
    const sentBefore = bus.batches.length;
    const started = performance.now();
    const replay = await acme('POST', `/v1/subscriptions/${subscription.body.id}/replay`, {
      since: new Date(receivedAt - 1_000).toISOString(),
      status: 'all',
    });
    const ended = await endedReplay(acme, replay.body.id, 120_000);
    const seconds = (performance.now() - started) / 1_000;
    clearInterval(sampler);
    expect(ended).toMatchObject({
      state: 'succeeded',
      progress: { scanned: 5_000, enqueued: 5_000, skipped: 0 },
    });
    const batches = bus.batches.slice(sentBefore).filter((b) => b.topic === TOPICS.deliveries);
    expect(batches.map((b) => b.size)).toEqual(Array(5_000 / PAGE_SIZE).fill(PAGE_SIZE));
    process.stdout.write(
      `replay: 5000 events of 16 KB (${mb(5_000 * padding.length)} MB of data) in ${seconds.toFixed(1)} s, live heap peak +${mb(peak - before)} MB over ${mb(before)} MB\n`,
    );
    // All 5,000 at once would hold about 80 MB of event data (and its parsed copies).
    expect(peak - before).toBeLessThan(40 * 1_048_576);
  });
});
