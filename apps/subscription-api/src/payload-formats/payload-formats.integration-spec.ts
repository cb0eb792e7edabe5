import fc from 'fast-check';
import { SubscriptionRecord, TOPICS } from '@herald/contracts';
import { PACKT_TEMPLATE, XENA_TEMPLATE } from '@herald/delivery';
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_formats_admin_token';
const URL = 'https://93.184.215.14/hook';

/** Named payload formats through the HTTP API on real PostgreSQL; the changelog recorded. */
describe('payload formats', () => {
  let db: TestDatabase;
  let api: RunningApi;
  const bus = new RecordingBus();
  let acme: ReturnType<typeof client>;
  let globex: ReturnType<typeof client>;

  /** The latest changelog record of a subscription. */
  const latest = (id: string) =>
    (
      bus
        .on(TOPICS.subscriptionsChangelog)
        .filter((m) => m.key === id)
        .at(-1)?.value as SubscriptionRecord | undefined
    )?.subscription;

  async function until(check: () => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi(
      { DATABASE_URL: db.url, HERALD_ADMIN_TOKEN: ADMIN, HERALD_OUTBOX_POLL_MS: '50' },
      { bus, resolver: async () => ['93.184.215.14'] },
    );
    const admin = client(api.url, ADMIN);
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

  it('previews the Packt format with the type code, the entity id and the exact bytes', async () => {
    await acme('POST', '/v1/event-types', {
      name: 'product.information-changed',
      code: '100',
      description: 'Product Information has been changed',
    });
    const created = await acme('POST', '/v1/payload-formats', {
      name: 'packt',
      description: 'Packt callbacks',
      template: PACKT_TEMPLATE,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'packt', template: PACKT_TEMPLATE });
    const preview = await acme('POST', '/v1/payload-formats/packt/preview', {
      event: {
        type: 'product.information-changed',
        time: '2020-11-18T09:58:05Z',
        entityid: '9781789955750',
        data: {
          description: 'Author biography update for Python Machine Learning - Third Edition',
        },
      },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      contentType: 'application/json',
      body: '{"code":"100","timestamp":"2020-11-18T09:58:05Z","id":"9781789955750","description":"Author biography update for Python Machine Learning - Third Edition"}',
    });
    // Another tenant has no such type and no such format.
    expect((await globex('POST', '/v1/payload-formats/packt/preview', {})).status).toBe(404);
    expect((await globex('GET', '/v1/payload-formats/packt')).status).toBe(404);
    expect((await globex('GET', '/v1/payload-formats')).body.items).toEqual([]);
  });

  it('previews an unsaved template, as form fields too, and names the failing field', async () => {
    const xena = await acme('POST', '/v1/payload-formats/preview', {
      template: XENA_TEMPLATE,
      event: { type: 'article.updated', entitytype: 'article', entityid: '7', action: 'updated' },
    });
    expect(xena.body.body).toBe('{"EntityType":"Article","EntityId":7,"EntityEvent":"Updated"}');
    const form = await acme('POST', '/v1/payload-formats/preview', {
      template: '{"id": entityId, "n": 2}',
      contentType: 'form',
    });
    expect(form.body).toEqual({
      contentType: 'application/x-www-form-urlencoded',
      body: 'id=7&n=2',
    });
    const failing = await acme('POST', '/v1/payload-formats/preview', {
      template: '$number("x")',
    });
    expect(failing.status).toBe(422);
    expect(failing.body.errors[0].field).toBe('template');
    const badEvent = await acme('POST', '/v1/payload-formats/preview', {
      template: '{"a": 1}',
      event: { type: 'no spaces allowed' },
    });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.errors[0].field).toBe('event.type');
  });

  it('refuses hostile templates when saved, naming the field, and never answers 500', async () => {
    const cases: [string, RegExp][] = [
      ['(', /not a usable JSONata expression/],
      ['($f := function($n){ $n + $f($n) }; $f(1))', /budget/],
      ['[1..100000000]', /budget|sequence/],
      ['$match("aaaa", /(a+)+\\1/)', /regular expression/],
      ['x'.repeat(20_000), /longer than|must NOT have more than/],
    ];
    for (const [template, message] of cases) {
      const refused = await acme('POST', '/v1/payload-formats', { name: 'hostile', template });
      expect([template.slice(0, 40), refused.status]).toEqual([template.slice(0, 40), 400]);
      expect(refused.body.errors[0].field).toBe('template');
      expect(refused.body.errors[0].message).toMatch(message);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 80 }),
        async (template, name) => {
          const answer = await acme('POST', '/v1/payload-formats', { name, template });
          expect(answer.status).toBeLessThan(500);
          if (answer.status === 201)
            await acme('DELETE', `/v1/payload-formats/${encodeURIComponent(name)}`);
          else expect(answer.body.errors?.[0]?.field ?? answer.body.detail).toBeTruthy();
        },
      ),
      { numRuns: 60, seed: 19 },
    );
  });

  it('lets subscriptions refer to a format by name; a change reaches every one on the changelog', async () => {
    await acme('POST', '/v1/payload-formats', { name: 'xena', template: '{"v": 1}' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await acme('POST', '/v1/subscriptions', {
        url: URL,
        eventTypes: ['article.*'],
        payloadFormatName: 'xena',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        payloadFormat: 'template',
        payloadTemplate: '{"v": 1}',
        payloadFormatName: 'xena',
      });
      ids.push(created.body.id);
    }
    const other = await acme('POST', '/v1/subscriptions', { url: URL, eventTypes: ['x'] });
    await until(() => ids.every((id) => latest(id)?.payloadTemplate === '{"v": 1}'));

    const changed = await acme('PATCH', '/v1/payload-formats/xena', { template: XENA_TEMPLATE });
    expect(changed.status).toBe(200);
    expect(changed.body.subscriptions).toBe(3);
    await until(() => ids.every((id) => latest(id)?.payloadTemplate === XENA_TEMPLATE));
    for (const id of ids) {
      expect(latest(id)).toMatchObject({
        payloadFormat: 'template',
        payloadFormatName: 'xena',
        revision: 2,
      });
      expect((await acme('GET', `/v1/subscriptions/${id}`)).body.payloadTemplate).toBe(
        XENA_TEMPLATE,
      );
    }
    expect(latest(other.body.id)?.revision).toBe(1);
    expect((await acme('GET', '/v1/payload-formats/xena')).body.subscriptions).toBe(3);

    // In use: cannot be deleted. Leaving it goes back to the Herald envelope.
    const inUse = await acme('DELETE', '/v1/payload-formats/xena');
    expect(inUse.status).toBe(409);
    for (const id of ids) {
      const left = await acme('PATCH', `/v1/subscriptions/${id}`, { payloadFormatName: null });
      expect(left.body).toMatchObject({
        payloadFormat: 'herald',
        payloadTemplate: null,
        payloadFormatName: null,
      });
    }
    expect((await acme('DELETE', '/v1/payload-formats/xena')).status).toBe(204);
  });

  it('refuses unknown, foreign and contradictory format names, naming the field', async () => {
    await globex('POST', '/v1/payload-formats', { name: 'secret', template: '{"g": 1}' });
    const foreign = await acme('POST', '/v1/subscriptions', {
      url: URL,
      eventTypes: ['a'],
      payloadFormatName: 'secret',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([
      { field: 'payloadFormatName', message: 'secret is not a payload format of this tenant' },
    ]);
    await acme('POST', '/v1/payload-formats', { name: 'mine', template: '{"m": 1}' });
    const both = await acme('POST', '/v1/subscriptions', {
      url: URL,
      eventTypes: ['a'],
      payloadFormatName: 'mine',
      payloadTemplate: '{"x": 1}',
      payloadFormat: 'cloudevents',
    });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'payloadFormat',
      'payloadTemplate',
    ]);
    const badName = await acme('POST', '/v1/payload-formats', { name: '../x', template: '1' });
    expect(badName.status).toBe(400);
    expect(badName.body.errors[0].field).toBe('name');
    const taken = await acme('POST', '/v1/payload-formats', { name: 'mine', template: '1' });
    expect(taken.status).toBe(409);
  });

  it('never leaves a subscription on an old template when it joins a format while the format changes', async () => {
    await acme('POST', '/v1/payload-formats', { name: 'racy', template: '{"v": 0}' });
    const subscribers = Array.from({ length: 8 }, () =>
      acme('POST', '/v1/subscriptions', { url: URL, eventTypes: ['r'], payloadFormatName: 'racy' }),
    );
    const changes = Array.from({ length: 4 }, (_, i) =>
      acme('PATCH', '/v1/payload-formats/racy', { template: `{"v": ${i + 1}}` }),
    );
    const [created, changed] = await Promise.all([Promise.all(subscribers), Promise.all(changes)]);
    expect(created.map((c) => c.status)).toEqual(Array(8).fill(201));
    expect(changed.map((c) => c.status)).toEqual(Array(4).fill(200));
    const final = (await acme('GET', '/v1/payload-formats/racy')).body.template;
    for (const c of created) {
      expect((await acme('GET', `/v1/subscriptions/${c.body.id}`)).body.payloadTemplate).toBe(
        final,
      );
    }
  });
});
