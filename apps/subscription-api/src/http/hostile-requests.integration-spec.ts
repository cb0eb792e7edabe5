import fc from 'fast-check';
import { connect } from 'net';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { TestDatabase, createTestDatabase, propertyRunSettings } from '@herald/testing';
import { ROUTES } from '../openapi/openapi-document';
import { SubscriptionApiModule } from '../subscription-api.module';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';
import {
  hostileNumber,
  hostileString,
  hostileValue,
  nestedJsonText,
  pathSegment,
} from '../testing/hostile-input';
import { LogCapture } from '../testing/log-capture';
import { SCHEMAS, SchemaName } from './schemas';

/**
 * Every route of the API (enumerated from the OpenAPI route table, which this spec checks
 * against the controllers) gets generated hostile path parameters, query parameters, bodies,
 * raw bodies and headers, over HTTP into the real app on real PostgreSQL. Each answer must be
 * below 500, and every refusal problem+json naming a field; nothing may be logged with a stack.
 * Seeded (HERALD_PROPERTY_SEED) so a failure reproduces; HERALD_PROPERTY_RUNS scales the runs.
 */
const { seed: SEED, runs: RUNS } = propertyRunSettings();
const ADMIN = 'hadm_hostile_admin_token';
const PUBLIC_URL = 'https://93.184.215.14/hook';

// A few hundred requests per class on a shared machine: seconds each, more when it is busy.
jest.setTimeout(120_000);

type Route = (typeof ROUTES)[number];
type Outcome = Map<string, Map<number, number>>;

const BASE_BODIES: Record<SchemaName, Record<string, unknown>> = {
  TenantCreate: { name: 'Tenant' },
  TenantPatch: { name: 'Tenant 2' },
  ApiKeyCreate: { name: 'key' },
  ApiKeyPatch: { name: 'key 2' },
  EventTypeCreate: { name: 'order.created' },
  EventTypePatch: { description: 'd' },
  EventCatalogueSettings: { strict: false },
  PayloadFormatCreate: { name: 'packt', template: '{"id": id}' },
  PayloadFormatPatch: { description: 'd' },
  PayloadFormatPreview: {},
  SubscriptionCreate: { url: PUBLIC_URL, eventTypes: ['order.*'] },
  SubscriptionPatch: { description: 'd' },
  RotateSecret: {},
  RotateKey: { type: 'ed25519' },
  Replay: { since: '2026-01-01T00:00:00Z' },
  ReplayJobCreate: { subscriptionId: 'sub_none', since: '2026-01-01T00:00:00Z' },
  Redrive: { limit: 1 },
  PortalSessionCreate: { readOnly: true },
  CloudEvent: { specversion: '1.0', id: 'evt_1', source: 'shop', type: 'order.created', data: {} },
  // An array: withValue walks it by index ('0.type').
  CloudEventBatch: [
    { specversion: '1.0', id: 'evt_b1', source: 'shop', type: 'order.created', data: {} },
  ] as unknown as Record<string, unknown>,
};

/** Dotted field paths of a schema, two levels deep, plus a free key in every open object. */
function fieldPaths(schema: Record<string, unknown>, prefix = '', depth = 0): string[] {
  if (schema.type === 'array' && schema.items) {
    return fieldPaths(schema.items as Record<string, unknown>, prefix ? `${prefix}.0` : '0', depth);
  }
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const paths: string[] = [];
  for (const [name, child] of Object.entries(properties)) {
    const here = prefix ? `${prefix}.${name}` : name;
    paths.push(here);
    if (depth < 1 && child.type === 'object') paths.push(...fieldPaths(child, here, depth + 1));
    if (
      depth < 1 &&
      (child.additionalProperties || child.type === 'object' || Array.isArray(child.type))
    )
      paths.push(`${here}.X-Free`);
  }
  return paths.length > 0 ? paths : ['field'];
}

function withValue(base: Record<string, unknown>, path: string, value: unknown) {
  const body = structuredClone(base);
  const keys = path.split('.');
  let at = body;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]] = value;
  return body;
}

describe('hostile requests to every route (property-based, real PostgreSQL)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let logs: LogCapture;
  let tenantKey: string;
  let ids: Record<string, string>;
  const outcomes: Outcome = new Map();
  const failures: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    logs = new LogCapture();
    api = await startApi(
      {
        DATABASE_URL: db.url,
        HERALD_ADMIN_TOKEN: ADMIN,
        HERALD_DATABASE_POOL_SIZE: '4',
        HERALD_API_BODY_LIMIT_BYTES: '65536',
        HERALD_LOG_LEVEL: 'info',
      },
      { bus: new RecordingBus(), resolver: async () => ['93.184.215.14'] },
      { logger: logs },
    );
    const admin = client(api.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: 'acme', name: 'Acme' });
    tenantKey = (await admin('POST', '/v1/tenants/acme/api-keys', {})).body.key;
    const tenant = client(api.url, tenantKey);
    const subscription = await tenant('POST', '/v1/subscriptions', {
      url: PUBLIC_URL,
      eventTypes: ['order.*'],
    });
    await tenant('POST', '/v1/event-types', { name: 'order.created' });
    await tenant('POST', '/v1/payload-formats', { name: 'order.created', template: '{"id": id}' });
    ids = { id: subscription.body.id, name: 'order.created', tenant: 'acme' };
    logs.captureStdio();
  });

  afterAll(async () => {
    logs?.stop();
    await api?.close();
    await db?.drop();
    const summary = [...outcomes].map(
      ([kind, statuses]) =>
        `${kind}: ${[...statuses].map(([status, n]) => `${status}×${n}`).join(' ')}`,
    );
    process.stdout.write(`hostile input outcomes (seed ${SEED}):\n  ${summary.join('\n  ')}\n`);
  });

  function tokenFor(route: Route) {
    return route.auth === 'admin' ? ADMIN : tenantKey;
  }

  function pathOf(route: Route, replace?: { param: string; raw: string }) {
    return route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (replace && replace.param === name) return replace.raw;
      return name === 'id' && route.path.startsWith('/v1/tenants')
        ? ids.tenant
        : (ids[name] ?? 'x');
    });
  }

  async function send(
    kind: string,
    request: {
      method: string;
      url: string;
      payload?: string;
      headers?: Record<string, string>;
    },
  ): Promise<void> {
    let response;
    try {
      response = await api.app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: request.method as 'GET',
          url: request.url,
          payload: request.payload,
          headers: request.headers,
        });
    } catch (error) {
      // light-my-request refuses what no HTTP client could send (e.g. a header with CR/LF).
      record(kind, 0);
      if (!/header|character/i.test((error as Error).message)) throw error;
      return;
    }
    record(kind, response.statusCode);
    const what = `${kind} ${request.method} ${request.url.slice(0, 120)} ${request.payload?.slice(0, 120) ?? ''}`;
    if (response.statusCode >= 500)
      failures.push(`${response.statusCode} for ${what}: ${response.body}`);
    if (response.statusCode >= 400) {
      if (request.method === 'HEAD') return; // no body to look at
      const body = JSON.parse(response.body) as { errors?: { field?: unknown }[] };
      const named = (body.errors ?? []).every(
        (e) => typeof e.field === 'string' && e.field.length > 0,
      );
      if (!String(response.headers['content-type']).startsWith('application/problem+json'))
        failures.push(`not problem+json for ${what}`);
      if (!body.errors || body.errors.length === 0 || !named)
        failures.push(`no field named for ${what}: ${response.body.slice(0, 300)}`);
    }
  }

  function record(kind: string, status: number) {
    const statuses = outcomes.get(kind) ?? new Map<number, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    outcomes.set(kind, statuses);
  }

  const json = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    ...extra,
  });

  function bodyOf(route: Route): string | undefined {
    if (route.body) return JSON.stringify(BASE_BODIES[route.body]);
    if (route.path === '/v1/events' && route.method === 'post')
      return JSON.stringify(BASE_BODIES.CloudEvent);
    return route.method === 'post' ? '{}' : undefined;
  }

  function schemaNameOf(route: Route): SchemaName | undefined {
    if (route.body) return route.body;
    return route.path === '/v1/events' && route.method === 'post' ? 'CloudEvent' : undefined;
  }

  const assertClean = () => {
    expect(failures).toEqual([]);
    expect(logs.suspicious).toEqual([]);
  };

  it('the route table lists every controller route', () => {
    const module = SubscriptionApiModule.register(api.config, 'test', { bus: new RecordingBus() });
    const fromControllers: string[] = [];
    for (const controller of module.controllers ?? []) {
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        if (name === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[name];
        const path =
          typeof handler === 'function'
            ? (Reflect.getMetadata(PATH_METADATA, handler) as string | undefined)
            : undefined;
        if (path === undefined) continue;
        const method =
          RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler as object) as number];
        const full = `/${prefix}/${path}`
          .replace(/\/+/g, '/')
          .replace(/\/$/, '')
          .replace(/:(\w+)/g, '{$1}');
        fromControllers.push(`${method.toLowerCase()} ${full}`);
      }
    }
    expect(fromControllers.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('hostile path parameters', async () => {
    const routes = ROUTES.filter((r) => r.path.includes('{'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), hostileString, async (route, hostile) => {
        const param = /\{(\w+)\}/.exec(route.path)![1];
        const raw = hostile.kind === 'percentJunk' ? hostile.value : pathSegment(hostile.value);
        await send(`path.${hostile.kind}`, {
          method: route.method.toUpperCase(),
          url: pathOf(route, { param, raw }),
          payload: bodyOf(route),
          headers: json(tokenFor(route)),
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    assertClean();
  });

  it('hostile query parameters (values, numbers, repeats, unknown names)', async () => {
    const routes = ROUTES.filter((r) => r.query && r.query.length > 0);
    const queryValue = fc.oneof(
      hostileString.map((h) => ({
        kind: h.kind,
        raw: h.kind === 'percentJunk' ? h.value : pathSegment(h.value),
      })),
      hostileNumber.map((h) => ({ kind: h.kind, raw: pathSegment(String(h.value)) })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(fc.tuple(fc.nat(), queryValue), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (route, picks, repeat) => {
          const names = [...route.query!, 'unknownParam'];
          const parts = picks.map(([i, v]) => `${names[i % names.length]}=${v.raw}`);
          if (repeat) parts.push(parts[0]);
          await send(`query.${picks[0][1].kind}${repeat ? '+repeat' : ''}`, {
            method: route.method.toUpperCase(),
            url: `${pathOf(route)}?${parts.join('&')}`,
            headers: { authorization: `Bearer ${tokenFor(route)}` },
          });
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    assertClean();
  });

  it('hostile values in every body field', async () => {
    const routes = ROUTES.filter((r) => schemaNameOf(r));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.nat(),
        fc.array(hostileValue, { minLength: 1, maxLength: 3 }),
        async (route, pick, values) => {
          const name = schemaNameOf(route)!;
          const paths = fieldPaths(SCHEMAS[name] as Record<string, unknown>);
          let body = BASE_BODIES[name];
          values.forEach(
            (v, i) => (body = withValue(body, paths[(pick + i * 7) % paths.length], v.value)),
          );
          await send(`body.${values[0].kind}`, {
            method: route.method.toUpperCase(),
            url: pathOf(route),
            payload: JSON.stringify(body),
            headers: json(tokenFor(route)),
          });
        },
      ),
      { seed: SEED, numRuns: RUNS * 2 },
    );
    assertClean();
  }, 60_000); // 600 requests: about 6 s on the shared 2-core machine

  it('hostile raw bodies: bad JSON, 10,000-deep nesting, prototype keys, wrong content types, too large', async () => {
    const routes = ROUTES.filter((r) => r.method === 'post' || r.method === 'patch');
    const raw = fc.oneof(
      fc
        .constantFrom(
          '{bad',
          '{"a":1,}',
          '[',
          '"',
          'nul\u0000l',
          '\u0000',
          '{"a":"\\ud800"}',
          '{"a":"\\u0000"}',
          '{"__proto__":{"admin":true}}',
          '{"constructor":{"prototype":{"x":1}}}',
          '1e400',
          '-0',
          '[]',
          'null',
          '',
          '{"a":1}{"b":2}',
          '\ufeff{}',
          '{"a":12345678901234567890123}',
        )
        .map((payload) => ({ kind: 'raw.junk', payload, contentType: 'application/json' })),
      fc
        .nat()
        .chain((i) =>
          fc
            .constantFrom(40, 1_000, 10_000)
            .map((depth) => ({ kind: `raw.nested${depth}`, field: i, depth })),
        )
        .map(({ kind, field, depth }) => ({
          kind,
          payload: `__FIELD__${field}:${depth}`,
          contentType: 'application/json',
        })),
      fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json; charset=utf-16',
          'application/jsonx',
          '*/*',
          ';;;',
          'application/json\u00e9',
        )
        .map((contentType) => ({ kind: 'raw.contentType', payload: '{"name":"x"}', contentType })),
      fc.integer({ min: 70_000, max: 300_000 }).map((n) => ({
        kind: 'raw.tooLarge',
        payload: JSON.stringify({ name: 'x'.repeat(n) }),
        contentType: 'application/json',
      })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), raw, async (route, body) => {
        let payload = body.payload;
        const deep = /^__FIELD__(\d+):(\d+)$/.exec(payload);
        if (deep) {
          const name = schemaNameOf(route) ?? 'TenantCreate';
          // Top-level fields (of a batch's first event: `0.type`).
          const fields = fieldPaths(SCHEMAS[name] as Record<string, unknown>).filter(
            (f) => !f.replace(/^0\./, '').includes('.'),
          );
          const field = fields[Number(deep[1]) % fields.length];
          payload = JSON.stringify(withValue(BASE_BODIES[name], field, '__DEEP__')).replace(
            '"__DEEP__"',
            nestedJsonText(Number(deep[2])),
          );
        }
        await send(body.kind, {
          method: route.method.toUpperCase(),
          url: pathOf(route),
          payload,
          headers: { authorization: `Bearer ${tokenFor(route)}`, 'content-type': body.contentType },
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    assertClean();
  });

  it('hostile headers: Authorization and Idempotency-Key', async () => {
    const latin1 = fc.string({
      unit: fc
        .integer({ min: 0x20, max: 0xff })
        .filter((c) => c !== 0x7f)
        .map((c) => String.fromCharCode(c)),
      maxLength: 300,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('authorization', 'idempotency-key'),
        latin1,
        async (header, value) => {
          await send(`header.${header}`, {
            method: 'POST',
            url: '/v1/events',
            payload: JSON.stringify({ ...BASE_BODIES.CloudEvent, id: `evt_${value.length}` }),
            headers: {
              ...json(tenantKey),
              [header]: header === 'authorization' ? `Bearer ${value}` : value,
            },
          });
        },
      ),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
    assertClean();
  });

  it('unknown routes and methods', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'GET',
          'POST',
          'PUT',
          'PATCH',
          'DELETE',
          'OPTIONS',
          'HEAD',
          'TRACE',
          'PROPFIND',
          'SEARCH',
          'LOCK',
          'MKCOL',
        ),
        fc.array(
          hostileString.map((h) => (h.kind === 'percentJunk' ? h.value : pathSegment(h.value))),
          { minLength: 1, maxLength: 4 },
        ),
        fc.option(fc.constantFrom(...ROUTES), { freq: 2 }),
        async (method, segments, known) => {
          // Either a path no route has, or a known route's path with any method.
          await send(known ? `route.method.${method}` : `route.unknown`, {
            method,
            url: known ? pathOf(known) : `/v1/${segments.join('/')}`,
            headers: { authorization: `Bearer ${tenantKey}` },
          });
        },
      ),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
    assertClean();
  });

  it('requests Node itself refuses (over-long URL and headers, bad methods, broken request lines) get problem+json', async () => {
    const port = Number(new URL(api.url).port);
    const rawRequest = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    const cases = [
      `GET /v1/subscriptions?cursor=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /v1/subscriptions HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      `G@T /v1/subscriptions HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /v1/sub\u0000scriptions HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /v1/subscriptions HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n`,
      `POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello`,
      `GET /v1/subscriptions HTTP/9.9\r\nHost: x\r\n\r\n`,
    ];
    for (const text of cases) {
      const answer = await rawRequest(text);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      record('socket.unparseable', status);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).errors[0].field).toEqual(
        expect.any(String),
      );
    }
    assertClean();
  });
});
