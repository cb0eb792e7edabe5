import { Producer } from 'kafkajs';
import { Client } from 'pg';
import { HEADERS, TOPICS } from '@herald/contracts';
import { createKafkaForBrokers } from '@herald/kafka';
import type { InvalidEventRecord } from '@herald/persistence';
import { RunningStack } from '@herald/stack';
import { TopicCollector } from '@herald/testing';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * A tenant's event catalogue, through the public interfaces only (HTTP API, a kafkajs producer
 * and consumer) on the whole platform: strict catalogues refuse unregistered types on both
 * paths, and HTTP ingest answers a schema violation with 422 instead of 202.
 */
jest.setTimeout(120_000);

let platform: E2ePlatform;
let stack: RunningStack;
let api: PublicApi;
let collector: TopicCollector;
let strict: { id: string; key: string };
let open: { id: string; key: string };

const ORDER_SCHEMA = {
  type: 'object',
  required: ['total'],
  properties: { total: { type: 'number' } },
};

const cloudEvent = (id: string, type: string, data: unknown = { total: 1 }) => ({
  specversion: '1.0',
  id,
  source: '/shop',
  type,
  data,
});

const forwarded = (id: string) =>
  collector.on(TOPICS.events).find((m) => JSON.parse(m.value ?? '{}').id === id);
/** The id of a message's JSON value (inbound holds the hostile messages too: null then). */
const idOf = (value: string | null): string | null => {
  try {
    const id: unknown = JSON.parse(value ?? '{}')?.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
};
const inbound = (id: string) =>
  collector.on(TOPICS.eventsInbound).filter((m) => idOf(m.value) === id);
const rejected = (id: string) =>
  collector.on(TOPICS.eventsInvalid).find((m) => (m.value ?? '').includes(`"${id}"`));

beforeAll(async () => {
  // event-ingest re-reads a tenant's catalogue within 200 ms, so a change shows at once.
  platform = await startE2ePlatform({
    name: 'catalogue',
    env: { HERALD_INGEST_CATALOG_TTL_MS: '200' },
  });
  ({ stack, api } = platform);
  strict = await api.tenant(stack.adminToken, 'strict-co');
  open = await api.tenant(stack.adminToken, 'open-co');
  for (const tenant of [strict, open]) {
    await api.ok(tenant.key, 'POST', '/v1/event-types', {
      name: 'order.created',
      code: '100',
      schema: ORDER_SCHEMA,
    });
  }
  collector = new TopicCollector(createKafkaForBrokers(stack.brokers, 'herald-catalogue-e2e'));
  await collector.start([TOPICS.eventsInbound, TOPICS.events, TOPICS.eventsInvalid]);
}, 240_000);

afterAll(async () => {
  await collector?.stop();
  await platform?.stop();
});

describe('a strict event catalogue', () => {
  it('is off by default and turned on by the tenant', async () => {
    expect(await api.ok(strict.key, 'GET', '/v1/event-catalogue')).toEqual({ strict: false });
    expect(await api.ok(strict.key, 'PATCH', '/v1/event-catalogue', { strict: true })).toEqual({
      strict: true,
    });
    expect(await api.ok(strict.key, 'GET', '/v1/event-catalogue')).toEqual({ strict: true });
    // The other tenant's catalogue is its own.
    expect(await api.ok(open.key, 'GET', '/v1/event-catalogue')).toEqual({ strict: false });
    const bad = await api.call(strict.key, 'PATCH', '/v1/event-catalogue', { strict: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ field: 'strict' }] });
  });

  it('refuses an unregistered type on POST /v1/events with 422 naming type', async () => {
    const refused = await api.call(
      strict.key,
      'POST',
      '/v1/events',
      cloudEvent('http-unknown', 'order.shipped'),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      status: 422,
      errors: [{ field: 'type', message: expect.stringContaining('order.shipped') }],
    });
    // The open tenant may send types it never registered.
    const accepted = await api.call(
      open.key,
      'POST',
      '/v1/events',
      cloudEvent('http-open-unknown', 'order.shipped'),
    );
    expect(accepted.status).toBe(202);
    await eventuallyValue('the open tenant’s event on herald.events', () =>
      forwarded('http-open-unknown'),
    );
  });

  it('sends an unregistered Kafka event to herald.events.invalid, and a registered one on', async () => {
    await api.produce({ id: 'kafka-unknown', type: 'order.shipped', tenantid: strict.id });
    await api.produce({
      id: 'kafka-known',
      type: 'order.created',
      tenantid: strict.id,
      data: { total: 3 },
    });
    const invalid = await eventuallyValue('the unregistered event on herald.events.invalid', () =>
      rejected('kafka-unknown'),
    );
    expect(invalid.headers[HEADERS.invalidCode]).toBe('unknown_event_type');
    expect(invalid.headers[HEADERS.invalidReason]).toContain('order.shipped');
    const known = await eventuallyValue('the registered event on herald.events', () =>
      forwarded('kafka-known'),
    );
    // It carries its type's code for payload templates.
    expect(JSON.parse(known.value ?? '{}')).toMatchObject({ typeCode: '100' });
    expect(forwarded('kafka-unknown')).toBeUndefined();
  });

  it('lets unregistered types in again once the tenant opens it', async () => {
    await api.ok(strict.key, 'PATCH', '/v1/event-catalogue', { strict: false });
    const accepted = await api.call(
      strict.key,
      'POST',
      '/v1/events',
      cloudEvent('http-reopened', 'order.shipped'),
    );
    expect(accepted.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await api.produce({ id: 'kafka-reopened', type: 'order.shipped', tenantid: strict.id });
    await eventuallyValue('the reopened Kafka event on herald.events', () =>
      forwarded('kafka-reopened'),
    );
    await api.ok(strict.key, 'PATCH', '/v1/event-catalogue', { strict: true });
  });
});

describe('HTTP ingest and JSON Schema', () => {
  it('answers a schema violation with 422 and the JSON Schema errors, publishing nothing', async () => {
    const refused = await api.call(
      open.key,
      'POST',
      '/v1/events',
      cloudEvent('http-bad-total', 'order.created', { total: 'ten' }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      type: 'about:blank',
      status: 422,
      errors: [{ field: 'data.total', message: 'must be number' }],
    });
    const missing = await api.call(
      open.key,
      'POST',
      '/v1/events',
      cloudEvent('http-no-total', 'order.created', {}),
    );
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      errors: [{ field: 'data', message: "must have required property 'total'" }],
    });
    const good = await api.call(
      open.key,
      'POST',
      '/v1/events',
      cloudEvent('http-good-total', 'order.created', { total: 10 }),
    );
    expect(good.status).toBe(202);
    await eventuallyValue('the valid HTTP event on herald.events', () =>
      forwarded('http-good-total'),
    );
    expect(forwarded('http-bad-total')).toBeUndefined();
    expect(rejected('http-bad-total')).toBeUndefined();
  });
});

describe('GET /v1/invalid-events', () => {
  /** What the API lists: the store's record without the tenant (InvalidEventView). */
  type Listed = Omit<InvalidEventRecord, 'tenantId'>;
  type ListedPage = { items: Listed[]; nextCursor: string | null };
  const list = (key: string, query = '') =>
    api.ok<ListedPage>(key, 'GET', `/v1/invalid-events${query}`);
  const listedFor = async (key: string, eventId: string) =>
    (await list(key, '?limit=200')).items.find((i) => i.eventId === eventId);

  let producer: Producer;
  beforeAll(async () => {
    producer = createKafkaForBrokers(stack.brokers, 'herald-invalid-e2e').producer({
      idempotent: true,
    });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
  });
  const send = (value: string, headers: Record<string, string> = {}, key = strict.id) =>
    producer.send({ topic: TOPICS.eventsInbound, acks: -1, messages: [{ key, value, headers }] });

  it("lists a tenant's rejected Kafka events with their reasons, and only its own", async () => {
    // kafka-unknown was refused by the strict catalogue above.
    const unknown = await eventuallyValue('kafka-unknown listed', () =>
      listedFor(strict.key, 'kafka-unknown'),
    );
    expect(unknown).toMatchObject({
      id: expect.stringMatching(/^inv_[0-9a-f]{24}$/),
      type: 'order.shipped',
      source: '/e2e',
      reason: 'unknown_event_type',
      detail: expect.stringContaining('order.shipped'),
      topic: TOPICS.eventsInbound,
      offset: expect.stringMatching(/^\d+$/),
    });
    expect(Date.parse(unknown.rejectedAt)).not.toBeNaN();
    await api.produce({
      id: 'open-bad-total',
      type: 'order.created',
      tenantid: open.id,
      data: { total: 'x' },
    });
    const bad = await eventuallyValue('open-bad-total listed', () =>
      listedFor(open.key, 'open-bad-total'),
    );
    expect(bad).toMatchObject({ reason: 'schema_violation', detail: 'data.total must be number' });
    // Each tenant sees its own only.
    expect(await listedFor(strict.key, 'open-bad-total')).toBeUndefined();
    expect(await listedFor(open.key, 'kafka-unknown')).toBeUndefined();
    // A filter by reason.
    const schemaOnly = await list(open.key, '?reason=schema_violation');
    expect(schemaOnly.items.every((i) => i.reason === 'schema_violation')).toBe(true);
    expect((await list(open.key, '?reason=unknown_event_type')).items).toEqual([]);
  });

  it('stores hostile rejected events cleaned and without their payload or headers', async () => {
    const secret = 'hunter2-do-not-store';
    // One partition (one key), in order: once the last is listed, all were judged.
    // Not JSON at all, and a claim to a tenant that does not exist: listed nowhere.
    await send('{"tenantid": "' + strict.id + '", oops');
    await send(JSON.stringify({ specversion: '1.0', tenantid: 'nobody-here' }));
    await send(
      JSON.stringify({
        specversion: '1.0',
        id: 'nul\u0000id',
        source: '/e2e',
        type: 'order.created',
        tenantid: strict.id,
        data: { password: secret, bad: 'a\u0000b' },
      }),
      { authorization: `Bearer ${secret}` },
    );
    // Binary mode with a broken ce_time header and a lone surrogate in ce_id.
    await send(JSON.stringify({ total: 1, password: secret }), {
      ce_specversion: '1.0',
      ce_id: 'lone-\ud800',
      ce_source: '/e2e',
      ce_type: 'order.created',
      ce_tenantid: strict.id,
      ce_time: 'yesterday',
      'content-type': 'application/json',
    });
    const nul = await eventuallyValue('the NUL event listed', () =>
      listedFor(strict.key, 'nul\ufffdid'),
    );
    expect(nul).toMatchObject({ reason: 'unstorable', type: 'order.created' });
    const binary = await eventuallyValue('the binary event listed', () =>
      listedFor(strict.key, 'lone-\ufffd'),
    );
    expect(binary).toMatchObject({
      reason: 'invalid_envelope',
      detail: expect.stringContaining('time'),
    });
    const all = await list(strict.key, '?limit=200');
    expect(JSON.stringify(all)).not.toContain(secret);
    expect(all.items.filter((i) => i.reason === 'malformed_json')).toEqual([]);
    // Nothing secret in the table either (read straight from PostgreSQL).
    const db = new Client({ connectionString: platform.database.url });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT * FROM invalid_events');
      expect(rows.length).toBeGreaterThan(3);
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(rows.some((r) => r.tenant_id === 'nobody-here')).toBe(false);
    } finally {
      await db.end();
    }
  });

  it('pages newest first with the cursor, and refuses hostile query parameters by name', async () => {
    for (let i = 0; i < 3; i++) {
      await api.produce({
        id: `page-${i}`,
        type: 'order.created',
        tenantid: open.id,
        data: { total: 'x' },
      });
    }
    await eventuallyValue('page-2 listed', () => listedFor(open.key, 'page-2'));
    const seen: string[] = [];
    const all = new Map<string, string>();
    let cursor: string | null = null;
    do {
      const page: ListedPage = await list(
        open.key,
        `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.eventId ?? ''));
      for (const i of page.items) all.set(i.eventId ?? '', i.rejectedAt);
      cursor = page.nextCursor;
    } while (cursor);
    const paged = seen.filter((id) => id.startsWith('page-'));
    // Newest first; rejections of one batch share their time and follow their ids.
    expect([...paged].sort()).toEqual(['page-0', 'page-1', 'page-2']);
    const times = seen.map((id) => all.get(id) ?? '');
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(seen).size).toBe(seen.length);

    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=100000000000000000000', 'limit'],
      ['?reason=%00', 'reason'],
      ['?reason=' + 'x'.repeat(5_000), 'reason'],
      ['?cursor=not-a-cursor', 'cursor'],
    ] as const) {
      const answer = await api.call<{ errors: { field: string }[] }>(
        open.key,
        'GET',
        `/v1/invalid-events${query}`,
      );
      expect([query, answer.status]).toEqual([query, 400]);
      expect(answer.body.errors.map((e) => e.field)).toContain(field);
    }
  });
});

describe('Idempotency-Key under truly concurrent requests (real PostgreSQL)', () => {
  const post = (
    _what: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: { id?: string; errors?: { field: string }[] } }> =>
    fetch(`${stack.apiUrl}/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${open.key}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id?: string } }));

  /** Every message on herald.events.inbound has arrived once the event is on herald.events. */
  const settle = async (id: string) => {
    await eventuallyValue(`${id} on herald.events`, () => forwarded(id));
    await new Promise((resolve) => setTimeout(resolve, 500));
  };

  it('publishes once for 20 concurrent requests with one key and one body', async () => {
    const body = cloudEvent('idem-same', 'order.created', { total: 5 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('key-same', body, { 'idempotency-key': 'key-same' })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    expect(new Set(answers.map((a) => JSON.stringify(a.body)))).toEqual(
      new Set([JSON.stringify({ id: 'idem-same', status: 'accepted' })]),
    );
    await settle('idem-same');
    expect(inbound('idem-same')).toHaveLength(1);
  });

  it('publishes one of 10 concurrent requests with one key and different bodies', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post('key-diff', cloudEvent(`idem-diff-${i}`, 'order.created', { total: i }), {
          'idempotency-key': 'key-diff',
        }),
      ),
    );
    const won = answers.filter((a) => a.status === 202);
    expect(won).toHaveLength(1);
    const lost = answers.filter((a) => a.status !== 202);
    expect(lost.map((a) => a.status)).toEqual(Array(9).fill(422));
    expect(lost[0].body).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
    const winner = won[0].body.id as string;
    await settle(winner);
    const published = collector
      .on(TOPICS.eventsInbound)
      .filter((m) => idOf(m.value)?.startsWith('idem-diff-'));
    expect(published.map((m) => idOf(m.value))).toEqual([winner]);
  });

  it('lets a refused request free its key, and refuses a hostile key by name', async () => {
    const bad = await post('key-retry', cloudEvent('idem-retry', 'order.created', { total: 'x' }), {
      'idempotency-key': 'key-retry',
    });
    expect(bad.status).toBe(422);
    const good = await post('key-retry', cloudEvent('idem-retry', 'order.created', { total: 1 }), {
      'idempotency-key': 'key-retry',
    });
    expect(good.status).toBe(202);
    const long = await post('k', cloudEvent('idem-long', 'order.created'), {
      'idempotency-key': 'k'.repeat(256),
    });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
  });
});

describe('POST /v1/events/batch', () => {
  type BatchAnswer = {
    accepted: number;
    refused: number;
    results: {
      index: number;
      id: string | null;
      status: number;
      problem?: { errors: { field: string }[] };
    }[];
  };
  const batch = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.apiUrl}/v1/events/batch`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${open.key}`,
        'content-type': 'application/cloudevents-batch+json',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as BatchAnswer }));

  it('answers each event on its own and produces the accepted ones', async () => {
    const answer = await batch([
      cloudEvent('batch-ok-1', 'order.created', { total: 1 }),
      cloudEvent('batch-bad-total', 'order.created', { total: 'x' }),
      { specversion: '1.0', id: 'batch-no-source', type: 'order.created' },
      { ...cloudEvent('batch-other-tenant', 'order.created'), tenantid: strict.id },
      cloudEvent('batch-ok-2', 'order.shipped'),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 2, refused: 3 });
    expect(answer.body.results.map((r) => [r.index, r.id, r.status])).toEqual([
      [0, 'batch-ok-1', 202],
      [1, 'batch-bad-total', 422],
      [2, 'batch-no-source', 400],
      [3, 'batch-other-tenant', 400],
      [4, 'batch-ok-2', 202],
    ]);
    const fields = answer.body.results.map((r) => r.problem?.errors.map((e) => e.field));
    expect(fields).toEqual([undefined, ['data.total'], ['source'], ['tenantid'], undefined]);
    await eventuallyValue('batch-ok-2 on herald.events', () => forwarded('batch-ok-2'));
    expect(forwarded('batch-ok-1')).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const id of ['batch-bad-total', 'batch-no-source', 'batch-other-tenant']) {
      expect([id, inbound(id)]).toEqual([id, []]);
    }
  });

  it('publishes a batch once for a repeated Idempotency-Key', async () => {
    const events = [cloudEvent('batch-idem-1', 'order.created'), cloudEvent('batch-idem-2', 'x.y')];
    const [first, second] = await Promise.all([
      batch(events, { 'idempotency-key': 'batch-key' }),
      batch(events, { 'idempotency-key': 'batch-key' }),
    ]);
    expect(second.body).toEqual(first.body);
    expect(first.body.accepted).toBe(2);
    await eventuallyValue('batch-idem-2 on herald.events', () => forwarded('batch-idem-2'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inbound('batch-idem-1')).toHaveLength(1);
  });

  it('refuses what is not a bounded batch, naming the body, before judging any event', async () => {
    const many = Array.from({ length: 101 }, (_, i) => cloudEvent(`batch-many-${i}`, 'a.b'));
    const deep = '[' + '['.repeat(5_000) + ']'.repeat(5_000) + ']';
    for (const [body, field, message] of [
      [many, /^\$$/, 'at most 100'],
      [[], /^\$$/, 'at least one'],
      [cloudEvent('batch-single', 'a.b'), /^\$$/, 'JSON array'],
      // Refused before it is parsed, at the path where it got too deep.
      [deep, /^0(\.0)+$/, 'deep'],
    ] as const) {
      const answer = await batch(body);
      expect(answer.status).toBe(400);
      const problem = answer.body as unknown as { errors: { field: string; message: string }[] };
      expect(problem.errors[0].field).toMatch(field);
      expect(problem.errors[0].message).toContain(message);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inbound('batch-many-0')).toEqual([]);
  });
});

describe('CloudEvents binary mode on POST /v1/events', () => {
  const binary = (headers: Record<string, string>, body?: unknown) =>
    fetch(`${stack.apiUrl}/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${open.key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { id?: string; errors?: { field: string; message: string }[] },
    }));
  const attributes = (id: string) => ({
    'ce-specversion': '1.0',
    'ce-id': id,
    'ce-source': '/shop',
    'ce-type': 'order.created',
  });

  it('reads the attributes from ce-* headers (percent-decoded) and the data from the body', async () => {
    const answer = await binary(
      { ...attributes('bin-ok'), 'ce-subject': 'caf%C3%A9 %25', 'ce-entityid': 'ORD-7' },
      { total: 2 },
    );
    expect(answer).toEqual({ status: 202, body: { id: 'bin-ok', status: 'accepted' } });
    const event = JSON.parse(
      (await eventuallyValue('bin-ok on herald.events', () => forwarded('bin-ok'))).value ?? '{}',
    );
    expect(event).toMatchObject({
      id: 'bin-ok',
      type: 'order.created',
      source: '/shop',
      subject: 'café %',
      entityId: 'ORD-7',
      tenantId: open.id,
      dataContentType: 'application/json',
      data: { total: 2 },
      typeCode: '100',
    });
  });

  it('refuses bad ce-* headers with 400 naming the header, and bad data with 422', async () => {
    const cases: [Record<string, string>, unknown, number, string][] = [
      [{ ...attributes('bin-time'), 'ce-time': 'yesterday' }, { total: 1 }, 400, 'ce-time'],
      [{ ...attributes('bin-name'), 'ce-Bad_Name': 'x' }, { total: 1 }, 400, 'ce-bad_name'],
      [{ ...attributes('bin-pct'), 'ce-subject': '%E0%A4%A' }, { total: 1 }, 400, 'ce-subject'],
      [{ ...attributes('bin-data'), 'ce-data': '{}' }, { total: 1 }, 400, 'ce-data'],
      [
        { ...attributes('bin-long'), 'ce-subject': 'x'.repeat(5_000) },
        { total: 1 },
        400,
        'ce-subject',
      ],
      [{ ...attributes('bin-tenant'), 'ce-tenantid': strict.id }, { total: 1 }, 400, 'ce-tenantid'],
      [{ 'ce-specversion': '1.0', 'ce-id': 'bin-no-type', 'ce-source': '/s' }, {}, 400, 'ce-type'],
      [{ ...attributes('bin-version'), 'ce-specversion': '0.3' }, {}, 400, 'ce-specversion'],
      [attributes('bin-schema'), { total: 'x' }, 422, 'data.total'],
    ];
    for (const [headers, body, status, field] of cases) {
      const answer = await binary(headers, body);
      expect([headers['ce-id'], answer.status]).toEqual([headers['ce-id'], status]);
      expect(answer.body.errors?.map((e) => e.field)).toContain(field);
    }
    // Headers past the server's limit: a 4xx, never a 500.
    const huge = await fetch(`${stack.apiUrl}/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${open.key}`,
        ...attributes('bin-huge'),
        'ce-x': 'y'.repeat(70_000),
      },
    });
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const [headers] of cases) expect(inbound(headers['ce-id'] ?? '')).toEqual([]);
  });
});
