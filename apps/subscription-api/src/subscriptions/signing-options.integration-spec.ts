import fc from 'fast-check';
import { SubscriptionRecord, TOPICS } from '@herald/contracts';
import { TestDatabase, createTestDatabase, propertyRunSettings } from '@herald/testing';
import { OutboxRelay } from '../outbox/outbox-relay';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';
import { hostileValue } from '../testing/hostile-input';

const ADMIN = 'hadm_signing_options_admin';
const PUBLIC_URL = 'https://93.184.215.14/hook';
const { seed: SEED, runs: RUNS } = propertyRunSettings({ seed: 20, runs: 150 });

jest.setTimeout(120_000);

/**
 * `signing.options` over HTTP into the real app on real PostgreSQL: each option set is stored,
 * shown and carried on the changelog; old request shapes keep working; every bad value is a
 * problem+json 400 naming its field.
 */
describe('signing options through the API (real PostgreSQL)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let bus: RecordingBus;
  let acme: ReturnType<typeof client>;

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = new RecordingBus();
    api = await startApi(
      { DATABASE_URL: db.url, HERALD_ADMIN_TOKEN: ADMIN, HERALD_DATABASE_POOL_SIZE: '4' },
      { bus, resolver: async () => ['93.184.215.14'] },
    );
    const admin = client(api.url, ADMIN);
    await admin('POST', '/v1/tenants', { id: 'acme', name: 'Acme' });
    acme = client(api.url, (await admin('POST', '/v1/tenants/acme/api-keys', {})).body.key);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const create = (signing: unknown, extra: Record<string, unknown> = {}) =>
    acme('POST', '/v1/subscriptions', {
      url: PUBLIC_URL,
      eventTypes: ['order.*'],
      signing,
      ...extra,
    });

  /** The subscription the property patches. */
  let target: string;
  beforeAll(async () => {
    target = (await create({ options: { standardWebhooks: { asymmetric: true } } })).body.id;
  });

  async function lastRecord(id: string): Promise<SubscriptionRecord['subscription']> {
    await api.app.get(OutboxRelay).drain();
    const records = bus.on(TOPICS.subscriptionsChangelog).filter((m) => m.key === id);
    return (records[records.length - 1].value as SubscriptionRecord).subscription;
  }

  it.each<[string, Record<string, unknown>]>([
    ['v1a beside v1', { standardWebhooks: { asymmetric: true } }],
    ['v1a instead of v1', { standardWebhooks: { symmetric: false, asymmetric: true } }],
    ...(['ed25519', 'ecdsa-p256-sha256', 'rsa-pss-sha512', 'hmac-sha256'] as const).map(
      (algorithm): [string, Record<string, unknown>] => [
        `RFC 9421 ${algorithm}`,
        {
          httpMessageSignatures: {
            algorithm,
            components: ['@method', '@authority', '@path', 'content-digest', 'content-type'],
            digest: 'sha-512',
            expiresInSeconds: 300,
            nonce: true,
            tag: 'herald-webhooks',
          },
          keyScope: 'subscription',
        },
      ],
    ),
    ['draft-cavage rsa-sha256', { cavage: { algorithm: 'rsa-sha256' } }],
    ['draft-cavage hs2019', { cavage: { algorithm: 'hs2019', headers: ['(created)', 'digest'] } }],
  ])('stores, shows and publishes %s', async (_name, options) => {
    const created = await create({ options });
    expect(created.status).toBe(201);
    const shown = await acme('GET', `/v1/subscriptions/${created.body.id}`);
    expect(shown.body.signing.options).toMatchObject(options);
    expect(shown.body.signing.options).not.toHaveProperty('keys');
    const record = await lastRecord(created.body.id);
    expect(record.signing.options).toMatchObject(options);
    expect(record.signing.scheme).toBe(
      'httpMessageSignatures' in options ? 'http-message-signatures' : 'standard-webhooks',
    );
  });

  it('signs the Copernica way: its header set with the account id among the custom headers', async () => {
    const headers = ['(request-target)', 'host', 'date', 'x-copernica-id', 'digest'];
    const created = await create(
      {
        options: {
          standardWebhooks: { symmetric: false },
          cavage: { algorithm: 'rsa-sha256', headers },
        },
      },
      { headers: { 'X-Copernica-ID': '4711' } },
    );
    expect(created.status).toBe(201);
    expect(created.body.signing.options.cavage).toEqual({ algorithm: 'rsa-sha256', headers });
  });

  it('keeps the old request shape and old subscriptions working, and upgrades them by PATCH', async () => {
    const old = await create({ scheme: 'http-message-signatures' });
    expect(old.status).toBe(201);
    expect(old.body.signing.options).toMatchObject({
      standardWebhooks: { symmetric: true, asymmetric: false },
      httpMessageSignatures: { algorithm: 'hmac-sha256' },
      cavage: null,
    });
    expect((await lastRecord(old.body.id)).signing).not.toHaveProperty('options');
    const patched = await acme('PATCH', `/v1/subscriptions/${old.body.id}`, {
      signing: { options: { standardWebhooks: { asymmetric: true } } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.signing).toMatchObject({
      scheme: 'http-message-signatures',
      options: {
        standardWebhooks: { symmetric: true, asymmetric: true },
        httpMessageSignatures: { algorithm: 'hmac-sha256' },
      },
    });
    const back = await acme('PATCH', `/v1/subscriptions/${old.body.id}`, {
      signing: { options: null, scheme: 'standard-webhooks' },
    });
    expect(back.body.signing.scheme).toBe('standard-webhooks');
    expect((await lastRecord(old.body.id)).signing).not.toHaveProperty('options');
  });

  const rfc9421 = (patch: Record<string, unknown>) => ({
    options: { httpMessageSignatures: { algorithm: 'ed25519', ...patch } },
  });
  it.each<[string, unknown, string, RegExp]>([
    [
      'an unknown derived component',
      rfc9421({ components: ['@method', '@status'] }),
      'signing.options.httpMessageSignatures.components.1',
      /not a derived component/,
    ],
    [
      'CR/LF in a covered header name',
      rfc9421({ components: ['x-a\r\nx-injected: 1'] }),
      'signing.options.httpMessageSignatures.components.0',
      /lower-case header name/,
    ],
    [
      'an upper-case header name',
      rfc9421({ components: ['Content-Type'] }),
      'signing.options.httpMessageSignatures.components.0',
      /lower-case header name/,
    ],
    [
      'a huge component list',
      rfc9421({ components: Array.from({ length: 5000 }, (_, i) => `x-h${i}`) }),
      'signing.options.httpMessageSignatures.components',
      /must NOT have more than 32 items/,
    ],
    [
      'a repeated component',
      rfc9421({ components: ['date', 'date'] }),
      'signing.options.httpMessageSignatures.components',
      /duplicate/,
    ],
    [
      'components that are not a list',
      rfc9421({ components: '@method' }),
      'signing.options.httpMessageSignatures.components',
      /must be array/,
    ],
    [
      'an unknown algorithm',
      rfc9421({ algorithm: 'none' }),
      'signing.options.httpMessageSignatures.algorithm',
      /allowed values/,
    ],
    [
      'a missing algorithm',
      { options: { httpMessageSignatures: {} } },
      'signing.options.httpMessageSignatures.algorithm',
      /is required/,
    ],
    [
      'a tag with a line break',
      rfc9421({ tag: 'a\nb' }),
      'signing.options.httpMessageSignatures.tag',
      /printable ASCII/,
    ],
    [
      'an expiry of zero',
      rfc9421({ expiresInSeconds: 0 }),
      'signing.options.httpMessageSignatures.expiresInSeconds',
      /must be >= 1/,
    ],
    [
      'a digest Herald does not make',
      rfc9421({ digest: 'md5' }),
      'signing.options.httpMessageSignatures.digest',
      /allowed values/,
    ],
    [
      'a covered header that is not sent',
      rfc9421({ components: ['x-account-id'] }),
      'signing.options.httpMessageSignatures.components.0',
      /not sent/,
    ],
    [
      'a cavage pseudo-header Herald does not know',
      { options: { cavage: { algorithm: 'hs2019', headers: ['(request-target)', '(status)'] } } },
      'signing.options.cavage.headers.1',
      /not a pseudo-header/,
    ],
    [
      'a cavage header name with a space',
      { options: { cavage: { algorithm: 'hs2019', headers: ['x a'] } } },
      'signing.options.cavage.headers.0',
      /lower-case header name/,
    ],
    [
      '(expires) with rsa-sha256',
      { options: { cavage: { algorithm: 'rsa-sha256', headers: ['(expires)'] } } },
      'signing.options.cavage.headers.0',
      /rsa-sha256/,
    ],
    [
      'an unknown key scope',
      { options: { keyScope: 'global' } },
      'signing.options.keyScope',
      /allowed values/,
    ],
    [
      'an unknown member',
      { options: { keys: [{ kid: 'mine' }] } },
      'signing.options.keys',
      /not a known field/,
    ],
    [
      'a flag that is not a boolean',
      { options: { standardWebhooks: { asymmetric: 'yes' } } },
      'signing.options.standardWebhooks.asymmetric',
      /must be boolean/,
    ],
    [
      'no signature at all',
      { options: { standardWebhooks: { symmetric: false } } },
      'signing.options',
      /at least one signature/,
    ],
    [
      'a scheme the options contradict',
      { scheme: 'http-message-signatures', options: { httpMessageSignatures: null } },
      'signing.scheme',
      /must be standard-webhooks/,
    ],
  ])('refuses %s naming the field', async (_what, signing, field, message) => {
    const response = await create(signing);
    expect(response.status).toBe(400);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toContainEqual({
      field,
      message: expect.stringMatching(message),
    });
  });

  it('refuses the same values on PATCH, leaving the subscription as it was', async () => {
    const { body } = await create({ options: { standardWebhooks: { asymmetric: true } } });
    const refused = await acme('PATCH', `/v1/subscriptions/${body.id}`, {
      signing: { options: { cavage: { algorithm: 'rsa-sha256', headers: ['x-missing'] } } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'signing.options.cavage.headers.0', message: expect.stringMatching(/not sent/) },
    ]);
    const now = await acme('GET', `/v1/subscriptions/${body.id}`);
    expect(now.body.signing.options.cavage).toBeNull();
    expect(now.body.revision).toBe(1);
  });

  const SIGNING_PATHS = [
    'signing',
    'signing.scheme',
    'signing.options',
    'signing.options.standardWebhooks',
    'signing.options.standardWebhooks.symmetric',
    'signing.options.httpMessageSignatures',
    'signing.options.httpMessageSignatures.algorithm',
    'signing.options.httpMessageSignatures.components',
    'signing.options.httpMessageSignatures.components.0',
    'signing.options.httpMessageSignatures.digest',
    'signing.options.httpMessageSignatures.expiresInSeconds',
    'signing.options.httpMessageSignatures.nonce',
    'signing.options.httpMessageSignatures.tag',
    'signing.options.cavage',
    'signing.options.cavage.algorithm',
    'signing.options.cavage.headers',
    'signing.options.cavage.headers.1',
    'signing.options.keyScope',
  ];

  it('answers any hostile value at any signing path with a 201 or a 400 naming a field (property)', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SIGNING_PATHS),
        hostileValue,
        fc.constantFrom('POST', 'PATCH'),
        async (path, { value }, method) => {
          const signing: Record<string, unknown> = {
            options: {
              httpMessageSignatures: { algorithm: 'ed25519', components: ['@method', 'date'] },
              cavage: { algorithm: 'hs2019', headers: ['(request-target)', 'digest'] },
            },
          };
          setPath(signing, path.split('.').slice(1), value);
          const body = { signing: path === 'signing' ? value : signing };
          const response =
            method === 'POST'
              ? await create(body.signing)
              : await acme('PATCH', `/v1/subscriptions/${target}`, body);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect([200, 201, 400]).toContain(response.status);
          if (response.status === 400) {
            expect(response.contentType).toMatch(/^application\/problem\+json/);
            expect(response.body.errors.length).toBeGreaterThan(0);
            for (const e of response.body.errors as { field: string }[]) {
              expect(e.field).toMatch(/^(signing|headers|\$)/);
            }
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    process.stdout.write(`signing hostile values (seed ${SEED}): ${[...statuses].join(' ')}\n`);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });
});

function setPath(at: Record<string, unknown>, keys: string[], value: unknown): void {
  if (keys.length === 0) return;
  let here: Record<string, unknown> = at;
  for (const key of keys.slice(0, -1)) {
    if (typeof here[key] !== 'object' || here[key] === null) here[key] = {};
    here = here[key] as Record<string, unknown>;
  }
  here[keys[keys.length - 1]] = value;
}
