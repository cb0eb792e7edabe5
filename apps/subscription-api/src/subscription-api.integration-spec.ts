import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TOPICS } from '@herald/contracts';
import { OPERATIONAL_EVENT_TYPES, secretFingerprint } from '@herald/delivery';
import {
  AttemptLog,
  DeadLetterStore,
  DeliveryLog,
  EventStore,
  SubscriptionStateStore,
} from '@herald/persistence';
// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { RecordingBus, RunningApi, client, endedReplay, startApi } from './testing/api-harness';
import { OutboxRelay } from './outbox/outbox-relay';

const ADMIN = 'hadm_test_admin_token';
const PUBLIC_URL = 'https://93.184.215.14/hook';

describe('subscription-api over HTTP (real PostgreSQL)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let bus: RecordingBus;
  let admin: ReturnType<typeof client>;
  let acme: ReturnType<typeof client>;
  let globex: ReturnType<typeof client>;
  let acmeKey: string;
  let acmeKeyId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = new RecordingBus();
    api = await startApi(
      {
        DATABASE_URL: db.url,
        HERALD_ADMIN_TOKEN: ADMIN,
        HERALD_API_BODY_LIMIT_BYTES: '4096',
        HERALD_OUTBOX_POLL_MS: '20',
        HERALD_DATABASE_POOL_SIZE: '4',
      },
      { bus },
    );
    admin = client(api.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: 'acme', name: 'Acme' });
    await admin('POST', '/v1/tenants', { id: 'globex', name: 'Globex' });
    const k1 = await admin('POST', '/v1/tenants/acme/api-keys', { name: 'ci' });
    const k2 = await admin('POST', '/v1/tenants/globex/api-keys', { name: 'ci' });
    acmeKey = k1.body.key;
    acmeKeyId = k1.body.id;
    acme = client(api.url, acmeKey);
    globex = client(api.url, k2.body.key);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const subscriptionBody = (overrides: Record<string, unknown> = {}) => ({
    url: PUBLIC_URL,
    eventTypes: ['order.*'],
    ...overrides,
  });

  describe('auth and tenants', () => {
    it('requires a bearer token, and the admin token for tenant routes', async () => {
      expect((await client(api.url)('GET', '/v1/subscriptions')).status).toBe(401);
      expect((await client(api.url, 'hk_nope')('GET', '/v1/subscriptions')).status).toBe(401);
      const forbidden = await acme('GET', '/v1/tenants');
      expect(forbidden.status).toBe(403);
      expect(forbidden.contentType).toMatch(/application\/problem\+json/);
      expect((await admin('GET', '/v1/subscriptions')).status).toBe(401);
    });

    it('creates and lists tenants with a cursor, refusing duplicates', async () => {
      const created = await admin('POST', '/v1/tenants', { name: 'Initech' });
      expect(created.status).toBe(201);
      expect(created.body.id).toMatch(/^ten_/);
      expect((await admin('POST', '/v1/tenants', { id: 'acme', name: 'again' })).status).toBe(409);
      const first = await admin('GET', '/v1/tenants?limit=2');
      const second = await admin('GET', `/v1/tenants?limit=2&cursor=${first.body.nextCursor}`);
      expect([...first.body.items, ...second.body.items].map((t: { id: string }) => t.id)).toEqual([
        'acme',
        'globex',
        created.body.id,
      ]);
      expect(second.body.nextCursor).toBeNull();
      expect((await admin('POST', '/v1/tenants/nobody/api-keys', {})).status).toBe(404);
    });

    it('stores API keys hashed: the plain key appears nowhere in the database', async () => {
      expect(acmeKey).toMatch(/^hk_/);
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      const { rows } = await pg.query<{ t: string }>(
        'SELECT row_to_json(k)::text AS t FROM api_keys k',
      );
      await pg.end();
      expect(rows).toHaveLength(2);
      expect(rows.map((r) => r.t).join('\n')).not.toContain(acmeKey);
      expect(rows.map((r) => r.t).join('\n')).not.toContain(acmeKey.slice(12));
    });

    it('revokes a key at once', async () => {
      const issued = await admin('POST', '/v1/tenants/acme/api-keys', { name: 'temp' });
      const temp = client(api.url, issued.body.key);
      expect((await temp('GET', '/v1/subscriptions')).status).toBe(200);
      expect((await admin('DELETE', `/v1/api-keys/${issued.body.id}`)).status).toBe(204);
      expect((await temp('GET', '/v1/subscriptions')).status).toBe(401);
      expect((await admin('DELETE', `/v1/api-keys/${issued.body.id}`)).status).toBe(404);
      expect(acmeKeyId).toMatch(/^key_/);
    });
  });

  describe('event types', () => {
    it('supports create, list, get, patch and delete, scoped by tenant', async () => {
      const created = await acme('POST', '/v1/event-types', {
        name: 'order.created',
        description: 'An order was placed',
        code: '100',
        schema: { type: 'object', required: ['total'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'order.created',
        code: '100',
        visibility: 'tenant',
      });
      expect((await acme('POST', '/v1/event-types', { name: 'order.created' })).status).toBe(409);
      const publicByTenant = await acme('POST', '/v1/event-types', {
        name: 'order.updated',
        visibility: 'public',
      });
      expect(publicByTenant.status).toBe(403);
      expect(publicByTenant.body.errors[0].field).toBe('visibility');
      await acme('POST', '/v1/event-types', { name: 'order.updated', visibility: 'tenant' });
      const list = await acme('GET', '/v1/event-types?limit=1');
      expect(list.body.items.map((e: { name: string }) => e.name)).toEqual(['order.created']);
      const next = await acme('GET', `/v1/event-types?limit=1&cursor=${list.body.nextCursor}`);
      expect(next.body.items.map((e: { name: string }) => e.name)).toEqual(['order.updated']);
      expect((await acme('GET', '/v1/event-types/order.created')).body.description).toBe(
        'An order was placed',
      );
      expect((await globex('GET', '/v1/event-types/order.created')).status).toBe(404);
      const patched = await acme('PATCH', '/v1/event-types/order.created', {
        description: 'changed',
      });
      expect(patched.body.description).toBe('changed');
      expect(
        (await globex('PATCH', '/v1/event-types/order.created', { description: 'x' })).status,
      ).toBe(404);
      expect((await globex('DELETE', '/v1/event-types/order.updated')).status).toBe(404);
      expect((await acme('DELETE', '/v1/event-types/order.updated')).status).toBe(204);
      expect((await acme('GET', '/v1/event-types/order.updated')).status).toBe(404);
    });

    it('validates names and data schemas, naming the field', async () => {
      const bad = await acme('POST', '/v1/event-types', { name: 'bad name!' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('name');
      const badSchema = await acme('POST', '/v1/event-types', {
        name: 'x.y',
        schema: { type: 'nope' },
      });
      expect(badSchema.body.errors[0].field).toBe('schema');
    });
  });

  describe('subscriptions', () => {
    it('creates with 201, returns the whsec_ secret once, and applies defaults', async () => {
      const created = await acme(
        'POST',
        '/v1/subscriptions',
        subscriptionBody({ description: 'orders' }),
      );
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(created.body).toMatchObject({
        tenantId: 'acme',
        active: true,
        state: 'active',
        timeoutMs: 5000,
        retryPolicy: { maxAttempts: 10 },
        revision: 1,
      });
      const fetched = await acme('GET', `/v1/subscriptions/${created.body.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body.secret).toBeUndefined();
      expect(JSON.stringify(fetched.body)).not.toContain(created.body.secret);
      expect(fetched.body.signing.secrets[0]).toEqual({
        fingerprint: secretFingerprint(created.body.secret),
        expiresAt: null,
      });
      const revealed = await acme('GET', `/v1/subscriptions/${created.body.id}/secret`);
      expect(revealed.body).toEqual({
        secret: created.body.secret,
        fingerprint: secretFingerprint(created.body.secret),
      });
      expect((await globex('GET', `/v1/subscriptions/${created.body.id}/secret`)).status).toBe(404);
    });

    it('answers 404 for another tenant’s subscription on every route', async () => {
      const { body } = await acme('POST', '/v1/subscriptions', subscriptionBody());
      const id = body.id;
      const attempts = await Promise.all([
        globex('GET', `/v1/subscriptions/${id}`),
        globex('PATCH', `/v1/subscriptions/${id}`, { description: 'x' }),
        globex('DELETE', `/v1/subscriptions/${id}`),
        globex('POST', `/v1/subscriptions/${id}/rotate-secret`, {}),
        globex('POST', `/v1/subscriptions/${id}/activate`),
        globex('POST', `/v1/subscriptions/${id}/test`),
        globex('GET', `/v1/subscriptions/${id}/stats`),
        globex('POST', `/v1/subscriptions/${id}/replay`, { since: '2020-01-01T00:00:00Z' }),
        globex('GET', `/v1/subscriptions/${id}/state-history`),
      ]);
      expect(attempts.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404]);
      expect(attempts[0].body.detail).not.toContain('acme');
      expect((await globex('GET', '/v1/subscriptions')).body.items).toEqual([]);
      expect((await acme('GET', `/v1/subscriptions/${id}`)).status).toBe(200);
    });

    it('pages with a cursor and filters', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push(
          (
            await globex(
              'POST',
              '/v1/subscriptions',
              subscriptionBody({ eventTypes: [`invoice.e${i}`] }),
            )
          ).body.id,
        );
      }
      await globex('PATCH', `/v1/subscriptions/${ids[1]}`, { active: false });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await globex(
          'GET',
          `/v1/subscriptions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.body.items.map((s) => s.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);
      expect(
        (await globex('GET', '/v1/subscriptions?active=false')).body.items.map(
          (s: { id: string }) => s.id,
        ),
      ).toEqual([ids[1]]);
      expect(
        (await globex('GET', '/v1/subscriptions?eventType=invoice.e2')).body.items.map(
          (s: { id: string }) => s.id,
        ),
      ).toEqual([ids[2]]);
      expect((await globex('GET', '/v1/subscriptions?limit=0')).body.errors[0].field).toBe('limit');
      expect((await globex('GET', '/v1/subscriptions?cursor=garbage')).body.errors[0].field).toBe(
        'cursor',
      );
    });

    it('refuses invalid bodies with problem+json naming every field', async () => {
      const res = await acme('POST', '/v1/subscriptions', {
        url: 'not a url',
        eventTypes: [],
        timeoutMs: 5,
        actions: ['exploded'],
        retryPolicy: { maxAttempts: 0 },
        surprise: true,
      });
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'url',
          'eventTypes',
          'timeoutMs',
          'actions.0',
          'retryPolicy.maxAttempts',
          'surprise',
        ]),
      );
      expect(
        (
          await acme(
            'POST',
            '/v1/subscriptions',
            subscriptionBody({ condition: { 'data.x': { $where: '1' } } }),
          )
        ).body.errors[0].field,
      ).toBe('condition.data.x.$where');
      expect(
        (
          await acme(
            'POST',
            '/v1/subscriptions',
            subscriptionBody({ payloadFormat: 'template', payloadTemplate: '{ "a": ' }),
          )
        ).body.errors[0].field,
      ).toBe('payloadTemplate');
      expect(
        (
          await acme(
            'POST',
            '/v1/subscriptions',
            subscriptionBody({ headers: { 'webhook-id': 'x' } }),
          )
        ).body.errors[0].field,
      ).toBe('headers.webhook-id');
      const missing = await acme('POST', '/v1/subscriptions', { eventTypes: ['a'] });
      expect(missing.body.errors).toEqual([{ field: 'url', message: 'is required' }]);
      const notJson = await acme('POST', '/v1/subscriptions', '{"url":');
      expect(notJson.status).toBe(400);
      expect(notJson.contentType).toMatch(/problem\+json/);
    });

    it('accepts herald.* and the operational types in eventTypes, refusing dead herald names', async () => {
      const types = ['herald.*', ...OPERATIONAL_EVENT_TYPES, 'herald.subscription.*'];
      const ok = await acme('POST', '/v1/subscriptions', subscriptionBody({ eventTypes: types }));
      expect(ok.status).toBe(201);
      expect(ok.body.eventTypes).toEqual(types);
      const bad = await acme(
        'POST',
        '/v1/subscriptions',
        subscriptionBody({ eventTypes: ['order.*', 'herald.subscription.exploded', 'herald'] }),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'eventTypes.1',
        'eventTypes.2',
      ]);
      expect(bad.body.errors[0].message).toMatch(/herald\.subscription\.paused/);
      await acme('DELETE', `/v1/subscriptions/${ok.body.id}`);
    });

    it('accepts a valid condition and a JSONata template', async () => {
      const res = await acme(
        'POST',
        '/v1/subscriptions',
        subscriptionBody({
          condition: { $and: [{ 'data.total': { $gte: 100 } }, { action: { $in: ['created'] } }] },
          payloadFormat: 'template',
          payloadTemplate: '{ "code": "100", "id": id, "timestamp": time, "description": type }',
          actions: ['created'],
          triggers: ['rest'],
          entityType: 'order',
          entityId: 'o-1',
          successRule: { statuses: ['200'], body: { Success: true } },
          retryPolicy: { preset: 'aggressive' },
          canary: { enabled: true },
          signing: { scheme: 'http-message-signatures' },
          rateLimitPerSecond: 5,
          maxConcurrency: 2,
          metadata: { team: 'shop' },
          contentType: 'form',
          headers: { 'X-Team': 'shop' },
        }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        payloadFormat: 'template',
        canary: { enabled: true, intervalMs: 28800000 },
      });
    });

    it('refuses callback URLs that resolve to private, loopback or link-local addresses', async () => {
      for (const url of [
        'http://localhost:4000/x',
        'http://127.0.0.1/x',
        'http://10.0.0.5/x',
        'http://169.254.169.254/latest',
        'http://[::1]/x',
      ]) {
        const res = await acme('POST', '/v1/subscriptions', subscriptionBody({ url }));
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('url');
      }
      const created = (await acme('POST', '/v1/subscriptions', subscriptionBody())).body;
      const patched = await acme('PATCH', `/v1/subscriptions/${created.id}`, {
        url: 'http://192.168.1.10/',
      });
      expect(patched.body.errors[0].field).toBe('url');
    });

    it('updates with PATCH (revision increases) and deletes with 204', async () => {
      const { body } = await acme('POST', '/v1/subscriptions', subscriptionBody());
      const patched = await acme('PATCH', `/v1/subscriptions/${body.id}`, {
        timeoutMs: 2000,
        disablePolicy: { failureThreshold: 3 },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        timeoutMs: 2000,
        revision: 2,
        disablePolicy: { failureThreshold: 3, pauseMs: 3600000 },
      });
      expect((await acme('PATCH', `/v1/subscriptions/${body.id}`, {})).status).toBe(400);
      expect((await acme('DELETE', `/v1/subscriptions/${body.id}`)).status).toBe(204);
      expect((await acme('GET', `/v1/subscriptions/${body.id}`)).status).toBe(404);
    });

    it('rotates the secret: the new one shown once, the old one kept until the overlap ends', async () => {
      const { body } = await acme('POST', '/v1/subscriptions', subscriptionBody());
      const before = Date.now();
      const rotated = await acme('POST', `/v1/subscriptions/${body.id}/rotate-secret`, {
        overlapMs: 3_600_000,
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(body.secret);
      const [current, old] = rotated.body.signing.secrets;
      expect(current).toEqual({
        fingerprint: secretFingerprint(rotated.body.secret),
        expiresAt: null,
      });
      expect(old.fingerprint).toBe(secretFingerprint(body.secret));
      expect(JSON.stringify(rotated.body.signing)).not.toContain(body.secret.slice(6, 12));
      expect(Date.parse(old.expiresAt) - before).toBeGreaterThanOrEqual(3_600_000 - 5_000);
      expect(Date.parse(old.expiresAt) - before).toBeLessThanOrEqual(3_600_000 + 5_000);
      expect(
        (await acme('POST', `/v1/subscriptions/${body.id}/rotate-secret`, { overlapMs: -1 })).body
          .errors[0].field,
      ).toBe('overlapMs');
    });

    it('reactivates through PATCH {"active": true} and /activate alike, keeping the state history', async () => {
      const { body } = await acme('POST', '/v1/subscriptions', subscriptionBody());
      const id = body.id as string;
      // What the dispatcher does: pause, then disable, through the subscriptions table.
      const states = new SubscriptionStateStore(api.app.get(DataSource));
      const until = new Date(Date.now() + 3_600_000);
      await states.setState('acme', id, 'paused', '11 failures within 600s', until);
      expect((await acme('GET', `/v1/subscriptions/${id}`)).body.status).toEqual({
        state: 'paused',
        reason: `paused until ${until.toISOString()} (11 failures within 600s)`,
      });
      const resumed = await acme('PATCH', `/v1/subscriptions/${id}`, { active: true });
      expect(resumed.body).toMatchObject({
        state: 'active',
        pausedUntil: null,
        status: { state: 'active', reason: null },
      });

      await states.setState('acme', id, 'disabled', '410 Gone');
      const stats = await acme('GET', `/v1/subscriptions/${id}/stats`);
      expect(stats.body).toMatchObject({
        state: 'disabled',
        status: { state: 'disabled', reason: 'disabled: 410 Gone' },
        deliveries: { total: 0, successRate: null },
      });
      const activated = await acme('POST', `/v1/subscriptions/${id}/activate`);
      expect(activated.body).toMatchObject({ state: 'active', stateReason: null, active: true });
      const off = await acme('PATCH', `/v1/subscriptions/${id}`, { active: false });
      expect(off.body.status).toEqual({ state: 'inactive', reason: 'deactivated by the tenant' });
      await acme('PATCH', `/v1/subscriptions/${id}`, { description: 'no state change' });
      await acme('PATCH', `/v1/subscriptions/${id}`, { active: true });

      const first = await acme('GET', `/v1/subscriptions/${id}/state-history?limit=4`);
      const rest = await acme(
        'GET',
        `/v1/subscriptions/${id}/state-history?cursor=${first.body.nextCursor}`,
      );
      const history = [...first.body.items, ...rest.body.items].reverse();
      expect(rest.body.nextCursor).toBeNull();
      expect(
        history.map((c: { fromState: string; toState: string; changedBy: { kind: string } }) => [
          c.fromState,
          c.toState,
          c.changedBy.kind,
        ]),
      ).toEqual([
        [null, 'active', 'tenant'],
        ['active', 'paused', 'dispatcher'],
        ['paused', 'active', 'tenant'],
        ['active', 'disabled', 'dispatcher'],
        ['disabled', 'active', 'tenant'],
        ['active', 'inactive', 'tenant'],
        ['inactive', 'active', 'tenant'],
      ]);
      expect(history[2].changedBy.id).toBe(acmeKeyId);
      expect(history[3].reason).toBe('disabled: 410 Gone');
      expect(Date.parse(history[1].changedAt)).toBeLessThanOrEqual(
        Date.parse(history[2].changedAt),
      );
      const bad = await acme('GET', `/v1/subscriptions/${id}/state-history?cursor=nope`);
      expect(bad.status).toBe(400);

      // Each transition that announces itself went to herald.events.operational with the change.
      await api.app.get(OutboxRelay).drain();
      const announced = bus
        .on(TOPICS.eventsOperational)
        .map(
          (m) =>
            m.value as {
              type: string;
              subject: string;
              tenantid: string;
              data: Record<string, unknown>;
            },
        )
        .filter((e) => e.subject === id);
      expect(announced.map((e) => e.type)).toEqual([
        'herald.subscription.paused',
        'herald.subscription.resumed',
        'herald.subscription.disabled',
        'herald.subscription.reactivated',
        'herald.subscription.reactivated',
      ]);
      expect(announced.every((e) => e.tenantid === 'acme')).toBe(true);
      expect(announced[1].data).toMatchObject({
        previousState: 'paused',
        state: 'active',
        changedBy: 'tenant',
      });
    });

    it('writes every change to the outbox and the relay publishes it to the changelog (tombstone on delete)', async () => {
      const { body } = await acme('POST', '/v1/subscriptions', subscriptionBody());
      await acme('PATCH', `/v1/subscriptions/${body.id}`, { description: 'v2' });
      await acme('DELETE', `/v1/subscriptions/${body.id}`);
      await api.app.get(OutboxRelay).drain();
      const records = bus.on(TOPICS.subscriptionsChangelog).filter((m) => m.key === body.id);
      expect(
        records.map((r) =>
          r.value === null
            ? null
            : (r.value as { subscription: { revision: number } }).subscription.revision,
        ),
      ).toEqual([1, 2, null]);
      expect((records[0].value as { kind: string }).kind).toBe('herald.subscription');
    });

    it('drain waits for a relay that holds the lock elsewhere instead of reporting an empty outbox', async () => {
      const otherRelay = new Client({ connectionString: db.url });
      await otherRelay.connect();
      await otherRelay.query('BEGIN');
      await otherRelay.query('SELECT pg_advisory_xact_lock($1)', [0x4845_5242]);
      const { body } = await acme('POST', '/v1/subscriptions', subscriptionBody());
      let drained = false;
      const draining = api.app
        .get(OutboxRelay)
        .drain()
        .then(() => (drained = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(drained).toBe(false);
      await otherRelay.query('COMMIT');
      await otherRelay.end();
      await draining;
      expect(bus.on(TOPICS.subscriptionsChangelog).some((m) => m.key === body.id)).toBe(true);
    });
  });

  describe('events, deliveries and dead letters', () => {
    const cloudEvent = (id: string) => ({
      specversion: '1.0',
      id,
      source: '/shop',
      type: 'order.created',
      entitytype: 'order',
      entityid: 'o-1',
      action: 'created',
      data: { total: 42 },
    });

    it('accepts a CloudEvent with 202 onto herald.events.inbound, with the key’s tenant', async () => {
      const res = await acme('POST', '/v1/events', cloudEvent('evt-1'));
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ id: 'evt-1', status: 'accepted' });
      const sent = bus
        .on(TOPICS.eventsInbound)
        .filter((m) => (m.value as { id: string }).id === 'evt-1');
      expect(sent).toEqual([
        {
          topic: TOPICS.eventsInbound,
          key: 'acme',
          value: expect.objectContaining({ tenantid: 'acme', type: 'order.created' }),
        },
      ]);
      expect(
        (await acme('POST', '/v1/events', { ...cloudEvent('evt-x'), tenantid: 'globex' })).body
          .errors[0].field,
      ).toBe('tenantid');
      const invalid = await acme('POST', '/v1/events', {
        specversion: '0.3',
        id: 'x',
        type: 'bad type',
        source: 's',
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['specversion', 'type']),
      );
    });

    it('refuses herald.* types from tenants (single and batch) so nobody forges the feed', async () => {
      const before = bus.on(TOPICS.eventsInbound).length;
      const forged = { ...cloudEvent('evt-forged'), type: 'herald.subscription.paused' };
      const res = await acme('POST', '/v1/events', forged);
      expect(res.status).toBe(422);
      expect(res.contentType).toMatch(/problem\+json/);
      expect(res.body.errors).toEqual([
        { field: 'type', message: expect.stringMatching(/reserved/) },
      ]);
      const batch = await acme('POST', '/v1/events/batch', [
        { ...cloudEvent('evt-b1'), type: 'herald.delivery.exhausted' },
        cloudEvent('evt-b2'),
      ]);
      expect(batch.body.results.map((r: { status: number }) => r.status)).toEqual([422, 202]);
      expect(batch.body.results[0].problem.errors[0].field).toBe('type');
      const sent = bus.on(TOPICS.eventsInbound).slice(before);
      expect(sent.map((m) => (m.value as { id: string }).id)).toEqual(['evt-b2']);
      // An ordinary type that merely contains the word is the tenant's own.
      expect(
        (await acme('POST', '/v1/events', { ...cloudEvent('evt-h'), type: 'heralded.x' })).status,
      ).toBe(202);
    });

    it('honours Idempotency-Key: a repeat is answered without producing again', async () => {
      const before = bus.on(TOPICS.eventsInbound).length;
      const headers = { 'idempotency-key': 'abc-1' };
      const first = await acme('POST', '/v1/events', cloudEvent('evt-2'), headers);
      const again = await acme('POST', '/v1/events', cloudEvent('evt-2'), headers);
      expect(first.status).toBe(202);
      expect(again).toEqual(first);
      expect(bus.on(TOPICS.eventsInbound).length).toBe(before + 1);
      expect((await acme('POST', '/v1/events', cloudEvent('evt-3'), headers)).status).toBe(422);
      expect((await globex('POST', '/v1/events', cloudEvent('evt-2'), headers)).status).toBe(202);
    });

    it('answers 413 with problem+json over the body limit', async () => {
      const res = await acme('POST', '/v1/events', {
        ...cloudEvent('big'),
        data: { blob: 'x'.repeat(5000) },
      });
      expect(res.status).toBe(413);
      expect(res.contentType).toMatch(/problem\+json/);
      expect(res.body.detail).toMatch(/HERALD_API_BODY_LIMIT_BYTES/);
    });

    it('lists, shows, retries, replays and redrives deliveries, scoped by tenant', async () => {
      const dataSource = api.app.get(DataSource);
      const sub = (await acme('POST', '/v1/subscriptions', subscriptionBody())).body;
      const now = Date.now();
      const event = (id: string) => ({
        kind: 'herald.event' as const,
        version: 1 as const,
        id,
        tenantId: 'acme',
        type: 'order.created',
        source: '/shop',
        subject: null,
        time: new Date(now).toISOString(),
        receivedAt: new Date(now).toISOString(),
        entityType: 'order',
        entityId: 'o-1',
        action: 'created' as const,
        trigger: null,
        dataContentType: 'application/json',
        data: { total: 1 },
      });
      await new EventStore(dataSource).insertMany([event('e-1'), event('e-2'), event('e-3')]);
      const base = { tenantId: 'acme', subscriptionId: sub.id, eventType: 'order.created' };
      await new DeliveryLog(dataSource).recordPendingMany([
        {
          ...base,
          deliveryId: 'dl-1',
          eventId: 'e-1',
          createdAt: new Date(now - 3000).toISOString(),
        },
        {
          ...base,
          deliveryId: 'dl-2',
          eventId: 'e-2',
          createdAt: new Date(now - 2000).toISOString(),
        },
        {
          ...base,
          deliveryId: 'dl-3',
          eventId: 'e-3',
          createdAt: new Date(now - 1000).toISOString(),
        },
      ]);
      await new AttemptLog(dataSource).appendMany([
        {
          ...base,
          deliveryId: 'dl-1',
          eventId: 'e-1',
          attempt: 1,
          attemptedAt: new Date(now).toISOString(),
          outcome: 'failed',
          statusCode: 503,
          latencyMs: 40,
          errorClass: 'http_status',
          errorMessage: 'HTTP 503',
          responseHeaders: { 'retry-after': '1' },
          responseBody: 'busy',
          requestHeaders: { 'webhook-id': 'dl-1', authorization: '[redacted]' },
          requestBody: '{"n":1}',
          deliveryStatus: 'failed',
        },
      ]);
      const job = {
        kind: 'herald.delivery-job' as const,
        version: 1 as const,
        deliveryId: 'dl-2',
        subscriptionId: sub.id,
        tenantId: 'acme',
        event: event('e-2'),
        attempt: 10,
        firstEnqueuedAt: new Date(now).toISOString(),
        dueAt: new Date(now).toISOString(),
        deferrals: 0,
        lastError: 'HTTP 500',
      };
      await new DeadLetterStore(dataSource).addMany([{ job, reason: 'max_attempts' }]);

      const page1 = await acme('GET', `/v1/deliveries?subscriptionId=${sub.id}&limit=2`);
      const page2 = await acme(
        'GET',
        `/v1/deliveries?subscriptionId=${sub.id}&limit=2&cursor=${page1.body.nextCursor}`,
      );
      expect([...page1.body.items, ...page2.body.items].map((d: { id: string }) => d.id)).toEqual([
        'dl-3',
        'dl-2',
        'dl-1',
      ]);
      expect(
        (await acme('GET', `/v1/deliveries?status=dead`)).body.items.map(
          (d: { id: string }) => d.id,
        ),
      ).toEqual(['dl-2']);
      expect(
        (await acme('GET', `/v1/deliveries?eventId=e-3`)).body.items.map(
          (d: { id: string }) => d.id,
        ),
      ).toEqual(['dl-3']);
      expect((await acme('GET', `/v1/deliveries?status=weird`)).body.errors[0].field).toBe(
        'status',
      );
      expect((await globex('GET', '/v1/deliveries')).body.items).toEqual([]);

      const detail = await acme('GET', '/v1/deliveries/dl-1');
      expect(detail.body).toMatchObject({
        id: 'dl-1',
        status: 'failed',
        attempts: 1,
        lastStatusCode: 503,
      });
      expect(detail.body.attemptLog[0]).toMatchObject({
        attempt: 1,
        statusCode: 503,
        latencyMs: 40,
        errorClass: 'http_status',
        responseBody: 'busy',
        responseHeaders: { 'retry-after': '1' },
        requestHeaders: { 'webhook-id': 'dl-1', authorization: '[redacted]' },
        requestBody: '{"n":1}',
      });
      expect((await globex('GET', '/v1/deliveries/dl-1')).status).toBe(404);

      const retried = await acme('POST', '/v1/deliveries/dl-1/retry');
      expect(retried.status).toBe(202);
      const retryJob = bus
        .on(TOPICS.deliveries)
        .find((m) => (m.value as { deliveryId: string }).deliveryId === 'dl-1');
      expect(retryJob).toMatchObject({ key: sub.id, value: { attempt: 1, event: { id: 'e-1' } } });
      expect((await acme('GET', '/v1/deliveries/dl-1')).body.status).toBe('pending');
      expect((await acme('POST', '/v1/deliveries/dl-1/retry')).status).toBe(409);
      expect((await globex('POST', '/v1/deliveries/dl-3/retry')).status).toBe(404);

      const dead = await acme('GET', `/v1/dead-letters?subscriptionId=${sub.id}`);
      expect(dead.body.items.map((l: { deliveryId: string }) => l.deliveryId)).toEqual(['dl-2']);
      expect((await globex('GET', '/v1/dead-letters')).body.items).toEqual([]);
      expect(
        (await globex('POST', '/v1/dead-letters/redrive', { deliveryIds: ['dl-2'] })).body.redriven,
      ).toBe(0);
      const redriven = await acme('POST', '/v1/dead-letters/redrive', { subscriptionId: sub.id });
      expect(redriven.body).toEqual({ redriven: 1, deliveryIds: ['dl-2'] });
      expect((await acme('GET', `/v1/dead-letters?subscriptionId=${sub.id}`)).body.items).toEqual(
        [],
      );

      // replay `failed`: only the failed, dead or held deliveries (none left: dl-1 and dl-2 are pending again)
      const replayFailed = await acme('POST', `/v1/subscriptions/${sub.id}/replay`, {
        since: new Date(now - 60_000).toISOString(),
      });
      expect(replayFailed.status).toBe(202);
      expect(replayFailed.body).toMatchObject({ subscriptionId: sub.id, status: 'failed' });
      expect(['queued', 'running', 'succeeded']).toContain(replayFailed.body.state);
      expect(await endedReplay(acme, replayFailed.body.id)).toMatchObject({
        state: 'succeeded',
        progress: { scanned: 0, enqueued: 0, skipped: 0 },
      });
      // replay `all`: every stored event in the window the subscription matches, with or without a delivery
      await new EventStore(dataSource).insertMany([
        { ...event('e-4'), type: 'invoice.paid' },
        { ...event('e-5'), type: 'order.updated' },
      ]);
      const sentBefore = bus.on(TOPICS.deliveries).length;
      const replayAll = await acme('POST', `/v1/subscriptions/${sub.id}/replay`, {
        since: new Date(now - 60_000).toISOString(),
        status: 'all',
      });
      expect(await endedReplay(acme, replayAll.body.id)).toMatchObject({
        state: 'succeeded',
        status: 'all',
        progress: { scanned: 5, enqueued: 4, skipped: 1 },
      });
      expect((await globex('GET', `/v1/replays/${replayAll.body.id}`)).status).toBe(404);
      const replayed = bus.on(TOPICS.deliveries).slice(sentBefore);
      expect(replayed.map((m) => (m.value as { event: { id: string } }).event.id).sort()).toEqual([
        'e-1',
        'e-2',
        'e-3',
        'e-5',
      ]);
      const e5 = (await acme('GET', `/v1/deliveries?eventId=e-5`)).body.items;
      expect(e5).toMatchObject([{ status: 'pending', subscriptionId: sub.id }]);
      expect(replayed.map((m) => (m.value as { deliveryId: string }).deliveryId)).toContain(
        e5[0].id,
      );
      expect(
        (await acme('POST', `/v1/subscriptions/${sub.id}/replay`, { since: 'yesterday' })).body
          .errors[0].field,
      ).toBe('since');

      const stats = await acme('GET', `/v1/subscriptions/${sub.id}/stats`);
      expect(stats.body.deliveries.total).toBe(4);
    });

    it('sends a test event through the pipeline: stored, logged, and a job on herald.deliveries', async () => {
      const sub = (await acme('POST', '/v1/subscriptions', subscriptionBody())).body;
      const res = await acme('POST', `/v1/subscriptions/${sub.id}/test`);
      expect(res.status).toBe(202);
      const job = bus
        .on(TOPICS.deliveries)
        .find((m) => (m.value as { deliveryId: string }).deliveryId === res.body.deliveryId);
      expect(job).toMatchObject({
        key: sub.id,
        value: { subscriptionId: sub.id, event: { type: 'herald.test', tenantId: 'acme' } },
      });
      expect((await acme('GET', `/v1/events/${res.body.eventId}`)).body.type).toBe('herald.test');
      expect((await globex('GET', `/v1/events/${res.body.eventId}`)).status).toBe(404);
      expect((await acme('GET', `/v1/deliveries/${res.body.deliveryId}`)).body.status).toBe(
        'pending',
      );
    });
  });

  describe('metrics', () => {
    it('counts requests by route template and status class, never by id', async () => {
      await acme('GET', '/v1/subscriptions/sub_does_not_exist');
      const text = await (await fetch(`${api.url}/metrics`)).text();
      expect(text).toMatch(
        /herald_http_requests_total\{[^}]*method="GET",route="\/v1\/subscriptions\/:id",status="4xx"[^}]*\} [1-9]/,
      );
      expect(text).not.toContain('sub_does_not_exist');
      expect(text).toMatch(/herald_outbox_published_total/);
    });
  });

  describe('documentation', () => {
    it('serves the OpenAPI document with every route and the request schemas, and Swagger UI', async () => {
      const doc = await client(api.url)('GET', '/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe('3.1.0');
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/v1/tenants',
          '/v1/subscriptions/{id}/rotate-secret',
          '/v1/events',
          '/v1/dead-letters/redrive',
        ]),
      );
      expect(doc.body.components.schemas.SubscriptionCreate.required).toEqual([
        'url',
        'eventTypes',
      ]);
      const refs = [...JSON.stringify(doc.body).matchAll(/#\/components\/schemas\/(\w+)/g)].map(
        (m) => m[1],
      );
      for (const name of refs) expect(Object.keys(doc.body.components.schemas)).toContain(name);
      // real answers conform to the published response schemas
      const ajv = new Ajv({ strict: false });
      addFormats(ajv);
      ajv.addSchema({ $id: 'doc', components: doc.body.components });
      const created = await acme('POST', '/v1/subscriptions', subscriptionBody());
      const fetched = await acme('GET', `/v1/subscriptions/${created.body.id}`);
      const listed = await acme('GET', '/v1/subscriptions?limit=2');
      for (const [schema, body] of [
        ['SubscriptionWithSecret', created.body],
        ['Subscription', fetched.body],
        ['SubscriptionPage', listed.body],
      ]) {
        const validate = ajv.compile({ $ref: `doc#/components/schemas/${schema}` });
        expect({ schema, valid: validate(body), errors: validate.errors ?? null }).toEqual({
          schema,
          valid: true,
          errors: null,
        });
      }
      const ui = await fetch(`${api.url}/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toMatch(/swagger/i);
    });
  });
});
