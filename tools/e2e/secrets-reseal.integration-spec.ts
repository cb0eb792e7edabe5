import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { IncomingMessage } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { promisify } from 'util';
import { RunningStack, startStack } from '@herald/stack';
import {
  AuthorizedRequest,
  AuthorizingReceiver,
  Jwks,
  OAuthTokenServer,
  ReceivedRequest,
  TestDatabase,
  TestKafka,
  TestPki,
  createTestDatabase,
  fetchJwks,
  generateTestPki,
  startTestKafka,
  verifyRfc9421WithCrypto,
  verifyV1WithStandardWebhooks,
  verifyV1aWithJwks,
  serviceLogsShown,
  withInheritedPath,
} from '@herald/testing';
import { PublicApi, eventuallyValue } from './public-api';

/**
 * Issue 20, resealing: every sealed secret (the `whsec_` secrets, the signing key pairs' private
 * keys, the header, Basic and OAuth 2.0 credentials, the mutual TLS client key) is sealed with
 * key `a`, `npm run secrets:reseal` moves all of them to key `b` (and says how many), and after
 * the rotation steps of docs/secrets-at-rest.md a platform that has only `b` still delivers every
 * subscription authenticated and signed with the same keys (the JWKS is unchanged), while the
 * reseal's start-up check refuses key `a` alone. Real PostgreSQL, the test broker, the five
 * services restarted on the same data, loopback receivers, a token endpoint and an mTLS server.
 */
jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');
const A = `a:${randomBytes(32).toString('base64')}`;
const B = `b:${randomBytes(32).toString('base64')}`;
const API_KEY = 'key-3e6b7a2d';
const PASSWORD = 'pa55-word-91c4';
const CLIENT_SECRET = 'client-s3cret-5d0f';

let home: string;
let database: TestDatabase;
let testKafka: TestKafka;
let stack: RunningStack | undefined;
let api: PublicApi | undefined;
let pki: TestPki;
let tokens: OAuthTokenServer;
const receivers: Record<string, AuthorizingReceiver> = {};
const urls: Record<string, string> = {};
let tenant: { id: string; key: string };
const subscriptions: Record<string, { id: string; secret: string }> = {};

async function startWith(keys: string): Promise<PublicApi> {
  writeFileSync(join(home, 'secrets-keys'), `${keys}\n`, { mode: 0o600 });
  stack = await startStack({
    externalKafka: { connection: testKafka.connection },
    databaseUrl: database.url,
    home,
    persistent: false,
    kafkaPort: 0,
    postgresPort: 0,
    servicePorts: 'free',
    env: { HERALD_LOG_LEVEL: 'warn' },
    log: (source, line) => {
      if (serviceLogsShown() || /"level":"(error|fatal)"/.test(line)) {
        process.stderr.write(`[${source}] ${line}\n`);
      }
    },
  });
  api = new PublicApi(stack.apiUrl, stack.brokers);
  return api;
}

async function stop(): Promise<void> {
  await api?.close();
  await stack?.stop();
  api = undefined;
  stack = undefined;
}

function reseal(keys: string): Promise<{ code: number; out: string }> {
  return promisify(execFile)(
    process.execPath,
    ['scripts/run-ts.cjs', 'apps/subscription-api/src/secrets/reseal.cli.ts'],
    {
      cwd: ROOT,
      env: withInheritedPath({ DATABASE_URL: database.url, HERALD_SECRETS_KEYS: keys }),
    },
  ).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      out: e.stdout + e.stderr,
    }),
  );
}

/** Every value sealed at rest, by key id, and the whole text (for plain-text searches). */
async function atRest(): Promise<{ keyIds: Record<string, number>; text: string }> {
  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  try {
    const columns = await sql.query<{ t: string }>(
      `SELECT signing_secrets::text || coalesce(delivery_credential::text, '')
              || coalesce(delivery_tls::text, '') AS t FROM subscriptions
       UNION ALL SELECT sealed_private_key FROM signing_keys`,
    );
    const text = columns.rows.map((r) => r.t).join('\n');
    const keyIds: Record<string, number> = {};
    for (const m of text.matchAll(/hsk1:([A-Za-z0-9_-]+):/g))
      keyIds[m[1]] = (keyIds[m[1]] ?? 0) + 1;
    return { keyIds, text };
  } finally {
    await sql.end();
  }
}

const SIGNING_V1_V1A = { standardWebhooks: { symmetric: true, asymmetric: true } };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : (v ?? ''));
const requestOf = (url: string, r: AuthorizedRequest): ReceivedRequest => ({
  method: 'POST',
  url,
  headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, one(v)])),
  rawBody: r.body,
});

/** What one delivery of each subscription proved: its credential and its signatures. */
async function deliverEach(): Promise<Record<string, Record<string, unknown>>> {
  const tenantJwks = await fetchJwks(`${stack!.apiUrl}/v1/tenants/${tenant.id}/jwks.json`);
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, s] of Object.entries(subscriptions)) {
    const receiver = receivers[name];
    const url = `${urls[name]}/${name}`;
    const got = await eventuallyValue(
      `an authenticated delivery to ${name}`,
      async () => {
        const sent = await api!.ok<{ deliveryId: string }>(
          tenant.key,
          'POST',
          `/v1/subscriptions/${s.id}/test`,
        );
        return eventuallyValue(`delivery ${sent.deliveryId}`, () =>
          receiver.requests.find((r) => r.headers['webhook-id'] === sent.deliveryId),
        );
      },
      60_000,
    );
    const request = requestOf(url, got);
    const own = await fetchJwks(
      `${stack!.apiUrl}/v1/tenants/${tenant.id}/subscriptions/${s.id}/jwks.json`,
    );
    out[name] = {
      credential:
        name === 'header'
          ? got.headers['x-api-key'] === API_KEY
          : name === 'basic'
            ? got.authorization === `Basic ${Buffer.from(`herald:${PASSWORD}`).toString('base64')}`
            : name === 'oauth2'
              ? tokens.issued.includes(got.authorization?.replace(/^Bearer /, '') ?? '')
              : got.clientCertificate === 'client',
      v1: verifyV1WithStandardWebhooks(s.secret, request).valid,
      ...(name === 'mtls'
        ? { rfc9421: verifyRfc9421WithCrypto(request, own).valid }
        : { v1a: verifyV1aWithJwks(tenantJwks, request).valid }),
    };
  }
  return out;
}

const ALL_GOOD = {
  header: { credential: true, v1: true, v1a: true },
  basic: { credential: true, v1: true, v1a: true },
  oauth2: { credential: true, v1: true, v1a: true },
  mtls: { credential: true, v1: true, rfc9421: true },
};

/** The published public keys (kid and key material), to compare before and after. */
async function publishedKeys(): Promise<Jwks['keys']> {
  const urls = [
    `/v1/tenants/${tenant.id}/jwks.json`,
    `/v1/tenants/${tenant.id}/subscriptions/${subscriptions.mtls.id}/jwks.json`,
  ];
  const sets = await Promise.all(urls.map((u) => fetchJwks(`${stack!.apiUrl}${u}`)));
  return sets.flatMap((s) => s.keys);
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'herald-reseal-'));
  [database, testKafka] = await Promise.all([createTestDatabase(), startTestKafka()]);
  pki = generateTestPki();
  tokens = new OAuthTokenServer('herald-client', CLIENT_SECRET);
  tokens.expiresInSeconds = 3600;
  const accepts: Record<string, (req: IncomingMessage) => boolean> = {
    header: (req) => req.headers['x-api-key'] === API_KEY,
    basic: (req) =>
      req.headers.authorization === `Basic ${Buffer.from(`herald:${PASSWORD}`).toString('base64')}`,
    oauth2: (req) => tokens.issued.includes((req.headers.authorization ?? '').slice(7)),
    mtls: () => true, // the TLS handshake already required a certificate of the CA
  };
  for (const [name, accept] of Object.entries(accepts)) {
    receivers[name] =
      name === 'mtls'
        ? new AuthorizingReceiver(accept, {
            key: pki.serverKey,
            cert: pki.serverCertificate,
            ca: pki.caCertificate,
          })
        : new AuthorizingReceiver(accept);
    urls[name] = await receivers[name].start();
  }
  const tokenUrl = `${await tokens.start()}/token`;

  const first = await startWith(A);
  tenant = await first.tenant(stack!.adminToken, 'reseal');
  const bodies: Record<string, Record<string, unknown>> = {
    header: {
      credential: { type: 'header', name: 'X-Api-Key', value: API_KEY },
      signing: { options: SIGNING_V1_V1A },
    },
    basic: {
      credential: { type: 'basic', username: 'herald', password: PASSWORD },
      signing: { options: SIGNING_V1_V1A },
    },
    oauth2: {
      credential: {
        type: 'oauth2',
        tokenUrl,
        clientId: 'herald-client',
        clientSecret: CLIENT_SECRET,
      },
      signing: { options: SIGNING_V1_V1A },
    },
    mtls: {
      tls: {
        clientCertificate: pki.clientCertificate,
        clientKey: pki.clientKey,
        ca: pki.caCertificate,
      },
      signing: {
        options: {
          httpMessageSignatures: { algorithm: 'ecdsa-p256-sha256', expiresInSeconds: 300 },
          keyScope: 'subscription',
        },
      },
    },
  };
  for (const [name, body] of Object.entries(bodies)) {
    const url = `${urls[name]}/${name}`;
    subscriptions[name] = await first.ok<{ id: string; secret: string }>(
      tenant.key,
      'POST',
      '/v1/subscriptions',
      { url, eventTypes: ['order.*'], ...body },
    );
  }
}, 300_000);

afterAll(async () => {
  await stop();
  await tokens?.stop();
  await Promise.all(Object.values(receivers).map((r) => r.stop()));
  await testKafka?.stop();
  await database?.drop();
  if (home) rmSync(home, { recursive: true, force: true });
});

it('reseals every sealed secret from key a to key b; deliveries still authenticate and sign, and a alone is refused', async () => {
  // Key a: every delivery authenticates and is signed; everything at rest is sealed with a.
  expect(await deliverEach()).toEqual(ALL_GOOD);
  const before = await atRest();
  // 4 subscriptions x 1 whsec_, 3 credential secrets, 1 TLS key; 2 key pairs (the tenant's
  // ed25519 and the mTLS subscription's own P-256).
  expect(before.keyIds).toEqual({ a: 10 });
  for (const plain of [API_KEY, PASSWORD, CLIENT_SECRET, 'PRIVATE KEY']) {
    expect({ plain, stored: before.text.includes(plain) }).toEqual({ plain, stored: false });
  }
  const keysBefore = await publishedKeys();
  expect(keysBefore).toHaveLength(2);
  await stop();

  // Rotation step 3 of docs/secrets-at-rest.md with the platform down: b first, a still known.
  const resealed = await reseal(`${B},${A}`);
  expect(resealed).toMatchObject({ code: 0 });
  expect(resealed.out).toContain(
    'resealed the stored secrets of 4 subscription(s) and 2 signing key(s) with key "b" (4 subscription(s) re-published with the resealed keys)',
  );
  expect(resealed.out).toMatch(/key b: 10 secret\(s\)/);
  expect(resealed.out).not.toMatch(/key a:/);
  expect((await atRest()).keyIds).toEqual({ b: 10 });

  // The old key alone is refused: the check subscription-api runs at start-up names key b.
  const old = await reseal(A);
  expect(old.code).toBe(1);
  expect(old.out).toMatch(/HERALD_SECRETS_KEYS has no key "b", which seals 10 stored secret\(s\)/);
  for (const plain of [API_KEY, PASSWORD, CLIENT_SECRET, A.slice(2), B.slice(2)]) {
    expect(old.out).not.toContain(plain);
  }

  // Roll out b,a (the API's relay publishes the resealed records), then b alone.
  await startWith(`${B},${A}`);
  expect(await deliverEach()).toEqual(ALL_GOOD);
  await stop();
  await startWith(B);
  const fetchedBefore = tokens.fetches;
  expect(await deliverEach()).toEqual(ALL_GOOD);
  // A fresh dispatcher opened the client secret sealed with b to fetch a new token.
  expect(tokens.fetches).toBeGreaterThan(fetchedBefore);
  // The same key pairs sign: resealing changed how they are stored, not the keys.
  expect(await publishedKeys()).toEqual(keysBefore);
});
