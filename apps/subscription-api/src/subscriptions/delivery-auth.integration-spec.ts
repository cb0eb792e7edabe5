import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { openDatabase } from '@herald/persistence';
import {
  TestDatabase,
  TestPki,
  createTestDatabase,
  generateTestPki,
  resolveFromTable,
  testSecretBox,
} from '@herald/testing';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';
import { LogCapture } from '../testing/log-capture';

const ADMIN = 'hadm_delivery_auth_admin';
const URL_OK = 'https://public.example/hook';
const TOKEN_URL = 'https://public.example/oauth/token';
const SECRETS = ['hdr-value-5e1f', 'basic-pw-77a0', 'client-secret-c3d9'];

/**
 * Delivery credentials and TLS material through the real API on real PostgreSQL: what is
 * accepted, what is stored (sealed), what is shown (fingerprints), what is refused (400 naming
 * the field), and the tenant switch that requires https.
 */
describe('delivery credentials and mutual TLS through the API (real PostgreSQL)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let dataSource: DataSource;
  let pki: TestPki;
  const logs = new LogCapture();
  let tenant: ReturnType<typeof client>;
  const admin = () => client(api.url, ADMIN);

  beforeAll(async () => {
    pki = generateTestPki();
    db = await createTestDatabase();
    api = await startApi(
      { DATABASE_URL: db.url, HERALD_ADMIN_TOKEN: ADMIN, HERALD_DATABASE_POOL_SIZE: '3' },
      { bus: new RecordingBus(), resolver: resolveFromTable },
      { logger: logs },
    );
    dataSource = await openDatabase({ url: db.url, poolSize: 1 });
    await admin()('POST', '/v1/tenants', { id: 'acme', name: 'Acme' });
    tenant = client(api.url, (await admin()('POST', '/v1/tenants/acme/api-keys', {})).body.key);
  }, 60_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await api?.close();
    await db?.drop();
  });

  const create = (extra: Record<string, unknown>, who = tenant) =>
    who('POST', '/v1/subscriptions', { url: URL_OK, eventTypes: ['order.*'], ...extra });
  const stored = async (id: string) =>
    (
      await dataSource.query(
        'SELECT delivery_credential, delivery_tls FROM subscriptions WHERE id = $1',
        [id],
      )
    )[0];

  it('stores each credential type sealed and shows only its fingerprint', async () => {
    const bodies = [
      { type: 'header', name: 'X-Api-Key', value: SECRETS[0] },
      { type: 'basic', username: 'herald', password: SECRETS[1] },
      {
        type: 'oauth2',
        tokenUrl: TOKEN_URL,
        clientId: 'herald-client',
        clientSecret: SECRETS[2],
        scope: 'webhooks:write read',
      },
    ];
    const box = testSecretBox();
    for (const [i, credential] of bodies.entries()) {
      const created = await create({ credential });
      expect(created.status).toBe(201);
      const got = await tenant('GET', `/v1/subscriptions/${created.body.id}`);
      const listed = await tenant('GET', '/v1/subscriptions');
      for (const view of [created.body, got.body, listed.body]) {
        expect(JSON.stringify(view)).not.toContain(SECRETS[i]);
      }
      expect(got.body.credential).toMatchObject({
        type: credential.type,
        fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{16}$/),
      });
      const row = await stored(created.body.id);
      expect(JSON.stringify(row)).not.toContain(SECRETS[i]);
      const sealedPart =
        row.delivery_credential.value ??
        row.delivery_credential.password ??
        row.delivery_credential.clientSecret;
      expect(sealedPart.sealed).toMatch(/^hsk1:test1:/);
      expect(box.open(sealedPart.sealed)).toBe(SECRETS[i]);
    }
    const oauthView = (await tenant('GET', '/v1/subscriptions')).body.items[2].credential;
    expect(oauthView).toEqual({
      type: 'oauth2',
      tokenUrl: TOKEN_URL,
      clientId: 'herald-client',
      scope: 'webhooks:write read',
      audience: null,
      clientAuthMethod: 'client_secret_basic',
      fingerprint: expect.any(String),
    });
    expect(logs.lines.join('\n')).not.toMatch(new RegExp(SECRETS.join('|')));
  });

  it('replaces a credential on patch and removes it with null; the changelog carries it sealed', async () => {
    const created = await create({ credential: { type: 'header', name: 'X-Key', value: 'one' } });
    const patched = await tenant('PATCH', `/v1/subscriptions/${created.body.id}`, {
      credential: { type: 'basic', username: 'u', password: 'two' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.credential).toMatchObject({ type: 'basic', username: 'u' });
    const outbox = await dataSource.query(
      `SELECT value FROM outbox WHERE message_key = $1 ORDER BY id DESC LIMIT 1`,
      [created.body.id],
    );
    expect(JSON.stringify(outbox)).toMatch(/"password":\{"sealed":"hsk1:test1:/);
    expect(JSON.stringify(outbox)).not.toContain('"two"');
    const removed = await tenant('PATCH', `/v1/subscriptions/${created.body.id}`, {
      credential: null,
    });
    expect(removed.body.credential).toBeNull();
    expect((await stored(created.body.id)).delivery_credential).toBeNull();
  });

  it('accepts a client certificate with its key and a CA, storing the key sealed', async () => {
    const created = await create({
      tls: {
        clientCertificate: pki.clientCertificate,
        clientKey: pki.clientKey,
        ca: pki.caCertificate,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.tls).toMatchObject({
      clientCertificate: { subject: 'CN=client', issuer: 'CN=Herald test ca' },
      clientKey: { fingerprint: expect.stringMatching(/^sha256:/) },
      ca: { subject: 'CN=Herald test ca' },
    });
    const keyBody = pki.clientKey.split('\n')[1];
    expect(JSON.stringify(created.body)).not.toContain(keyBody);
    const row = await stored(created.body.id);
    expect(JSON.stringify(row)).not.toContain(keyBody);
    expect(testSecretBox().open(row.delivery_tls.clientKey.sealed)).toBe(pki.clientKey);
  });

  const refusals: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'a CRLF in a header value',
      { credential: { type: 'header', name: 'X-Key', value: 'a\r\nInjected: 1' } },
      'credential.value',
      /no CR, LF/,
    ],
    [
      'a bad header name',
      { credential: { type: 'header', name: 'X Key:', value: 'v' } },
      'credential.name',
      /not a valid header name/,
    ],
    [
      'a header Herald sets',
      { credential: { type: 'header', name: 'Webhook-Signature', value: 'v' } },
      'credential.name',
      /Herald sets itself/,
    ],
    [
      'an oversized value',
      { credential: { type: 'header', name: 'X-Key', value: 'v'.repeat(4097) } },
      'credential.value',
      /4096/,
    ],
    [
      'a missing password',
      { credential: { type: 'basic', username: 'u' } },
      'credential.password',
      /required for type basic/,
    ],
    [
      'a colon in the user',
      { credential: { type: 'basic', username: 'u:x', password: 'p' } },
      'credential.username',
      /colon/,
    ],
    [
      'a field of another type',
      { credential: { type: 'basic', username: 'u', password: 'p', clientId: 'c' } },
      'credential.clientId',
      /not used by type basic/,
    ],
    [
      'a NUL in the client secret',
      {
        credential: {
          type: 'oauth2',
          tokenUrl: TOKEN_URL,
          clientId: 'c',
          clientSecret: 'a\u0000b',
        },
      },
      'credential.clientSecret',
      /NUL/,
    ],
    [
      'a token URL on the metadata address',
      {
        credential: {
          type: 'oauth2',
          tokenUrl: 'http://169.254.169.254/token',
          clientId: 'c',
          clientSecret: 's',
        },
      },
      'credential.tokenUrl',
      /169\.254\.169\.254/,
    ],
    [
      'a token URL resolving to a private address',
      {
        credential: {
          type: 'oauth2',
          tokenUrl: 'https://rebind.example/token',
          clientId: 'c',
          clientSecret: 's',
        },
      },
      'credential.tokenUrl',
      /10\.0\.0\.1/,
    ],
    [
      'a custom header the credential sets',
      {
        headers: { Authorization: 'x' },
        credential: { type: 'basic', username: 'u', password: 'p' },
      },
      'headers.Authorization',
      /basic credential/,
    ],
    [
      'a certificate without its key',
      { tls: { clientCertificate: 'PKI:client' } },
      'tls.clientKey',
      /required/,
    ],
    [
      'a certificate that is not PEM',
      { tls: { clientCertificate: 'hello', clientKey: 'PKI:clientKey' } },
      'tls.clientCertificate',
      /not PEM/,
    ],
    [
      'a key of another certificate',
      { tls: { clientCertificate: 'PKI:client', clientKey: 'PKI:strangerKey' } },
      'tls.clientKey',
      /not the key of/,
    ],
    ['a CA that is a key', { tls: { ca: 'PKI:clientKey' } }, 'tls.ca', /not a CERTIFICATE/],
    [
      'a garbled certificate',
      { tls: { ca: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' } },
      'tls.ca',
      /not a readable X\.509/,
    ],
    ['an empty tls', { tls: {} }, 'tls', /clientCertificate and clientKey, or ca/],
  ];

  it.each(refusals)(
    'refuses %s (400 problem+json naming the field)',
    async (_what, body, field, message) => {
      const pem = JSON.parse(
        JSON.stringify(body)
          .replace(/"PKI:client"/, JSON.stringify(pki.clientCertificate))
          .replace(/"PKI:clientKey"/, JSON.stringify(pki.clientKey))
          .replace(/"PKI:strangerKey"/, JSON.stringify(pki.strangerKey)),
      );
      const created = await create(pem);
      expect(created.status).toBe(400);
      expect(created.contentType).toMatch(/application\/problem\+json/);
      expect(created.body.errors).toEqual(
        expect.arrayContaining([{ field, message: expect.stringMatching(message) }]),
      );
    },
  );

  it('refuses generated header values with control characters, and accepts the clean ones', async () => {
    const controls = fc.constantFrom('\r', '\n', '\u0000', '\u0007', '\u007f', '\r\n');
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 20 }),
        controls,
        fc.string({ maxLength: 20 }),
        async (before, control, after) => {
          const value = `${before}${control}${after}`;
          const created = await create({ credential: { type: 'header', name: 'X-Key', value } });
          expect(created.status).toBe(400);
          expect(created.body.errors.map((e: { field: string }) => e.field)).toContain(
            'credential.value',
          );
        },
      ),
      { numRuns: 40, seed: 20 },
    );
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[!-~]{1,64}$/), async (value) => {
        const created = await create({ credential: { type: 'header', name: 'X-Key', value } });
        expect(created.status).toBe(201);
        expect(JSON.stringify(created.body)).not.toContain(`"${value}"`);
      }),
      { numRuns: 20, seed: 20 },
    );
  });

  it("another tenant's subscription with a credential is 404", async () => {
    await admin()('POST', '/v1/tenants', { id: 'other', name: 'Other' });
    const other = client(
      api.url,
      (await admin()('POST', '/v1/tenants/other/api-keys', {})).body.key,
    );
    const created = await create({ credential: { type: 'header', name: 'X-Key', value: 'v' } });
    expect((await other('GET', `/v1/subscriptions/${created.body.id}`)).status).toBe(404);
    expect(
      (await other('PATCH', `/v1/subscriptions/${created.body.id}`, { credential: null })).status,
    ).toBe(404);
  });

  it('a tenant that requires https refuses http callback and token URLs, naming the field', async () => {
    await admin()('POST', '/v1/tenants', { id: 'strict', name: 'Strict', requireHttps: true });
    const strict = client(
      api.url,
      (await admin()('POST', '/v1/tenants/strict/api-keys', {})).body.key,
    );
    const plain = await strict('POST', '/v1/subscriptions', {
      url: 'http://public.example/hook',
      eventTypes: ['a'],
    });
    expect(plain.status).toBe(400);
    expect(plain.body.errors).toEqual([
      { field: 'url', message: expect.stringMatching(/must use https/) },
    ]);
    const token = await create(
      {
        credential: {
          type: 'oauth2',
          tokenUrl: 'http://public.example/token',
          clientId: 'c',
          clientSecret: 's',
        },
      },
      strict,
    );
    expect(token.body.errors).toEqual([
      { field: 'credential.tokenUrl', message: expect.stringMatching(/must use https/) },
    ]);
    expect((await create({}, strict)).status).toBe(201);
  });

  it('refuses to require https while a subscription of the tenant uses http (409 naming requireHttps)', async () => {
    await admin()('POST', '/v1/tenants', { id: 'mixed', name: 'Mixed' });
    const mixed = client(
      api.url,
      (await admin()('POST', '/v1/tenants/mixed/api-keys', {})).body.key,
    );
    const created = await mixed('POST', '/v1/subscriptions', {
      url: 'http://public.example/x',
      eventTypes: ['a'],
    });
    const refused = await admin()('PATCH', '/v1/tenants/mixed', { requireHttps: true });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].field).toBe('requireHttps');
    expect(refused.body.detail).toContain(created.body.id);
    await mixed('PATCH', `/v1/subscriptions/${created.body.id}`, { url: URL_OK });
    const accepted = await admin()('PATCH', '/v1/tenants/mixed', { requireHttps: true });
    expect([accepted.status, accepted.body.requireHttps]).toEqual([200, true]);
  });
});
