import { JsonWebKey, constants, createPrivateKey, createPublicKey, sign, verify } from 'crypto';
import { DataSource } from 'typeorm';
import { SealedSigningKey, Subscription, SubscriptionRecord, TOPICS } from '@herald/contracts';
import { SecretBox, SigningKeyring, signatureHeaders } from '@herald/delivery';
import { SubscriptionStateStore } from '@herald/persistence';
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { OutboxRelay } from '../outbox/outbox-relay';
import { RecordingBus, RunningApi, client, startApi } from '../testing/api-harness';

const ADMIN = 'hadm_signing_keys_admin';
const PUBLIC_URL = 'https://93.184.215.14/hook';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

jest.setTimeout(120_000);

type Jwk = JsonWebKey & { kid: string; alg?: string; use?: string };

/**
 * Key pairs through the real API on real PostgreSQL: made when a subscription first needs a
 * kind, carried sealed on the changelog, rotated with an overlap, published as JWKS that
 * node:crypto verifies the stored private keys' signatures with, and kept per tenant.
 */
describe('signing keys, rotation and JWKS (real PostgreSQL)', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let bus: RecordingBus;
  let box: SecretBox;
  let acme: ReturnType<typeof client>;
  let globex: ReturnType<typeof client>;
  const anonymous = () => client(api.url);

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = new RecordingBus();
    api = await startApi(
      { DATABASE_URL: db.url, HERALD_ADMIN_TOKEN: ADMIN, HERALD_DATABASE_POOL_SIZE: '4' },
      { bus, resolver: async () => ['93.184.215.14'] },
    );
    box = api.app.get(SecretBox);
    const admin = client(api.url, ADMIN);
    for (const id of ['acme', 'globex']) await admin('POST', '/v1/tenants', { id, name: id });
    acme = client(api.url, (await admin('POST', '/v1/tenants/acme/api-keys', {})).body.key);
    globex = client(api.url, (await admin('POST', '/v1/tenants/globex/api-keys', {})).body.key);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const create = async (
    tenant: ReturnType<typeof client>,
    options: unknown,
    extra: Record<string, unknown> = {},
  ): Promise<string> => {
    const response = await tenant('POST', '/v1/subscriptions', {
      url: PUBLIC_URL,
      eventTypes: ['order.*'],
      signing: { options },
      ...extra,
    });
    expect(response.status).toBe(201);
    return response.body.id;
  };

  async function record(id: string): Promise<Subscription> {
    await api.app.get(OutboxRelay).drain();
    const records = bus.on(TOPICS.subscriptionsChangelog).filter((m) => m.key === id);
    return (records[records.length - 1].value as SubscriptionRecord).subscription;
  }
  const keysOf = async (id: string) => (await record(id)).signing.options!.keys;

  async function jwks(path: string): Promise<Jwk[]> {
    const response = await anonymous()('GET', path);
    expect(response.status).toBe(200);
    return response.body.keys;
  }

  /**
   * A signature made with the sealed private key verifies against the published JWK (each
   * algorithm the kind signs with), and a tampered message does not.
   */
  function expectVerifies(key: SealedSigningKey, jwk: Jwk): void {
    const privateKey = createPrivateKey(box.open(key.sealed));
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    const data = Buffer.from(
      `"@method": POST\n"@signature-params": ("@method");keyid="${key.kid}"`,
    );
    const tampered = Buffer.from(data.toString().replace('POST', 'PUT'));
    const schemes: [string | null, object][] =
      key.type === 'ed25519'
        ? [[null, {}]]
        : key.type === 'ecdsa-p256'
          ? [['sha256', { dsaEncoding: 'ieee-p1363' }]]
          : [
              ['sha512', { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 }],
              ['sha256', { padding: constants.RSA_PKCS1_PADDING }],
            ];
    for (const [hash, options] of schemes) {
      const signature = sign(hash, data, { key: privateKey, ...options });
      expect(verify(hash, data, { key: publicKey, ...options }, signature)).toBe(true);
      expect(verify(hash, tampered, { key: publicKey, ...options }, signature)).toBe(false);
    }
  }

  it.each([
    ['v1a', { standardWebhooks: { asymmetric: true } }, ['ed25519']],
    ['RFC 9421 ed25519', { httpMessageSignatures: { algorithm: 'ed25519' } }, ['ed25519']],
    [
      'RFC 9421 ecdsa-p256-sha256',
      { httpMessageSignatures: { algorithm: 'ecdsa-p256-sha256' } },
      ['ecdsa-p256'],
    ],
    [
      'RFC 9421 rsa-pss-sha512',
      { httpMessageSignatures: { algorithm: 'rsa-pss-sha512' } },
      ['rsa'],
    ],
    ['draft-cavage', { cavage: { algorithm: 'rsa-sha256' } }, ['rsa']],
    ['RFC 9421 hmac-sha256', { httpMessageSignatures: { algorithm: 'hmac-sha256' } }, []],
    [
      'everything at once',
      {
        standardWebhooks: { asymmetric: true },
        httpMessageSignatures: { algorithm: 'ecdsa-p256-sha256' },
        cavage: { algorithm: 'hs2019' },
      },
      ['ed25519', 'ecdsa-p256', 'rsa'],
    ],
  ])(
    '%s: the changelog record carries the sealed tenant keys the JWKS publishes',
    async (_name, options, types) => {
      const id = await create(acme, options);
      const keys = await keysOf(id);
      expect(keys.map((k) => k.type).sort()).toEqual([...types].sort());
      const published = await jwks('/v1/tenants/acme/jwks.json');
      for (const key of keys) {
        expect(key.sealed).toMatch(/^hsk1:/);
        expect(key.expiresAt).toBeNull();
        const jwk = published.find((j) => j.kid === key.kid);
        expect(jwk).toBeDefined();
        expectVerifies(key, jwk!);
      }
    },
  );

  it('makes one key per kind for the tenant, shared by its tenant-scope subscriptions', async () => {
    const a = await keysOf(await create(acme, { standardWebhooks: { asymmetric: true } }));
    const b = await keysOf(await create(acme, { httpMessageSignatures: { algorithm: 'ed25519' } }));
    expect(b.map((k) => k.kid)).toEqual(a.map((k) => k.kid));
    const published = await jwks('/v1/tenants/acme/jwks.json');
    expect(published.filter((j) => j.kty === 'OKP')).toHaveLength(1);
  });

  it('publishes JWKs with public members only, the kind, use and Cache-Control', async () => {
    await create(acme, {
      standardWebhooks: { asymmetric: true },
      httpMessageSignatures: { algorithm: 'ecdsa-p256-sha256' },
      cavage: { algorithm: 'rsa-sha256' },
    });
    const response = await fetch(`${api.url}/v1/tenants/acme/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, stale-if-error=86400');
    expect(response.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
    const body = (await response.json()) as { keys: Jwk[] };
    expect(Object.keys(body)).toEqual(['keys']);
    const byKty = Object.fromEntries(body.keys.map((k) => [k.kty, k]));
    expect(Object.keys(byKty).sort()).toEqual(['EC', 'OKP', 'RSA']);
    expect(byKty.OKP).toMatchObject({ use: 'sig', alg: 'EdDSA', crv: 'Ed25519' });
    expect(byKty.EC).toMatchObject({ use: 'sig', alg: 'ES256', crv: 'P-256' });
    expect(byKty.RSA).toMatchObject({ use: 'sig', e: 'AQAB' });
    for (const jwk of body.keys) {
      expect(jwk.kid).toMatch(/^key_(ed25519|p256|rsa)_[0-9a-f]{20}$/);
      for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
      expect(
        Object.keys(jwk).every((m) =>
          ['kid', 'use', 'alg', 'kty', 'crv', 'x', 'y', 'n', 'e'].includes(m),
        ),
      ).toBe(true);
    }
    expect(JSON.stringify(body)).not.toMatch(/acme|hsk1|sub_/);
  });

  it('answers an unknown tenant or subscription with a 404 problem, without authentication', async () => {
    for (const path of [
      '/v1/tenants/nobody/jwks.json',
      '/v1/tenants/acme/subscriptions/sub_nope/jwks.json',
    ]) {
      const response = await anonymous()('GET', path);
      expect(response.status).toBe(404);
      expect(response.contentType).toMatch(/^application\/problem\+json/);
      expect(response.body.errors[0].field).toBe('id');
    }
  });

  it('gives a subscription-scope subscription its own keys and JWKS, gone when it is deleted', async () => {
    const id = await create(acme, {
      httpMessageSignatures: { algorithm: 'rsa-pss-sha512' },
      keyScope: 'subscription',
    });
    const [own] = await keysOf(id);
    expect(own.type).toBe('rsa');
    const tenantKids = (await jwks('/v1/tenants/acme/jwks.json')).map((j) => j.kid);
    expect(tenantKids).not.toContain(own.kid);
    const published = await jwks(`/v1/tenants/acme/subscriptions/${id}/jwks.json`);
    expect(published.map((j) => j.kid)).toEqual([own.kid]);
    expectVerifies(own, published[0]);
    expect(
      (await anonymous()('GET', `/v1/tenants/globex/subscriptions/${id}/jwks.json`)).status,
    ).toBe(404);
    expect((await acme('DELETE', `/v1/subscriptions/${id}`)).status).toBe(204);
    expect(
      (await acme('GET', '/v1/signing-keys')).body.items.map((k: { kid: string }) => k.kid),
    ).not.toContain(own.kid);
  });

  it('rotates a tenant key with an overlap: both keys sign, both are published, every user re-published', async () => {
    const users = [
      await create(globex, { standardWebhooks: { asymmetric: true } }),
      await create(globex, { httpMessageSignatures: { algorithm: 'ed25519' } }),
    ];
    const other = await create(globex, {
      httpMessageSignatures: { algorithm: 'ecdsa-p256-sha256' },
    });
    const own = await create(globex, {
      standardWebhooks: { asymmetric: true },
      keyScope: 'subscription',
    });
    const before = await Promise.all(
      [...users, other, own].map(async (id) => (await record(id)).revision),
    );
    const [old] = await keysOf(users[0]);

    const rotated = await globex('POST', '/v1/signing-keys/rotate', {
      type: 'ed25519',
      overlapMs: 3_600_000,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({
      type: 'ed25519',
      scope: 'tenant',
      previous: { kid: old.kid, expiresAt: expect.any(String) },
      republishedSubscriptions: 2,
    });
    expect(rotated.body.publicJwk).not.toHaveProperty('d');
    const fresh = rotated.body.kid as string;

    for (const [i, id] of users.entries()) {
      const s = await record(id);
      expect(s.revision).toBe(before[i] + 1);
      expect(s.signing.options!.keys.map((k) => [k.kid, k.expiresAt === null])).toEqual([
        [fresh, true],
        [old.kid, false],
      ]);
    }
    expect((await record(other)).revision).toBe(before[2]);
    expect((await record(own)).revision).toBe(before[3]);
    const published = await jwks('/v1/tenants/globex/jwks.json');
    expect(published.map((j) => j.kid)).toEqual(expect.arrayContaining([fresh, old.kid]));

    // The dispatcher's signer sends two v1a signatures; each verifies against the JWKS.
    const s = await record(users[0]);
    const now = new Date();
    const body = '{"type":"order.created"}';
    const headers = signatureHeaders(s, 'dlv_rotation', body, now, new SigningKeyring(box));
    const v1a = headers['webhook-signature'].split(' ').filter((x) => x.startsWith('v1a,'));
    expect(v1a).toHaveLength(2);
    const content = Buffer.from(`dlv_rotation.${headers['webhook-timestamp']}.${body}`);
    const verifiedBy = published.filter((jwk) =>
      v1a.some((sig) =>
        verify(
          null,
          content,
          createPublicKey({ key: jwk, format: 'jwk' }),
          Buffer.from(sig.slice(4), 'base64'),
        ),
      ),
    );
    expect(verifiedBy.map((j) => j.kid).sort()).toEqual([fresh, old.kid].sort());
  });

  it('drops the old key at once with overlap 0, from the record and from the JWKS', async () => {
    const id = await create(globex, { httpMessageSignatures: { algorithm: 'ecdsa-p256-sha256' } });
    const [old] = await keysOf(id);
    const rotated = await globex('POST', '/v1/signing-keys/rotate', {
      type: 'ecdsa-p256',
      overlapMs: 0,
    });
    expect(rotated.status).toBe(200);
    expect((await keysOf(id)).map((k) => k.kid)).toEqual([rotated.body.kid]);
    const kids = (await jwks('/v1/tenants/globex/jwks.json')).map((j) => j.kid);
    expect(kids).toContain(rotated.body.kid);
    expect(kids).not.toContain(old.kid);
  });

  it('keeps at most two keys of a kind signing, however often a tenant rotates', async () => {
    // A tenant rotating in a loop must not multiply the signatures every delivery carries.
    const id = await create(globex, {
      cavage: { algorithm: 'rsa-sha256', headers: ['(request-target)', 'host', 'date', 'digest'] },
    });
    const kids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const rotated = await globex('POST', '/v1/signing-keys/rotate', {
        type: 'rsa',
        overlapMs: 7 * 86_400_000,
      });
      expect(rotated.status).toBe(200);
      kids.push(rotated.body.kid);
    }
    const onRecord = (await keysOf(id)).filter((k) => k.type === 'rsa').map((k) => k.kid);
    expect(onRecord.sort()).toEqual(kids.slice(-2).sort());
    const published = (await jwks('/v1/tenants/globex/jwks.json'))
      .filter((j) => j.kty === 'RSA')
      .map((j) => j.kid);
    expect(published.sort()).toEqual(kids.slice(-2).sort());
  });

  it("rotates a subscription's own key, and refuses one that uses the tenant's keys", async () => {
    const own = await create(acme, { cavage: { algorithm: 'hs2019' }, keyScope: 'subscription' });
    const [old] = await keysOf(own);
    const rotated = await acme('POST', `/v1/subscriptions/${own}/rotate-key`, { type: 'rsa' });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({
      scope: 'subscription',
      previous: { kid: old.kid },
      republishedSubscriptions: 1,
    });
    expect((await keysOf(own)).map((k) => k.kid)).toEqual([rotated.body.kid, old.kid]);
    const published = await jwks(`/v1/tenants/acme/subscriptions/${own}/jwks.json`);
    expect(published.map((j) => j.kid)).toEqual([rotated.body.kid, old.kid]);

    const wrongKind = await acme('POST', `/v1/subscriptions/${own}/rotate-key`, {
      type: 'ed25519',
    });
    expect(wrongKind.status).toBe(409);
    expect(wrongKind.body.errors).toEqual([{ field: 'type', message: expect.any(String) }]);
    const shared = await create(acme, { cavage: { algorithm: 'hs2019' } });
    const tenantScope = await acme('POST', `/v1/subscriptions/${shared}/rotate-key`, {
      type: 'rsa',
    });
    expect(tenantScope.status).toBe(409);
    expect(tenantScope.body.errors[0].field).toBe('signing.options.keyScope');
  });

  it('keeps tenants apart: no rotating, listing or publishing of another tenant’s keys', async () => {
    const own = await create(acme, {
      standardWebhooks: { asymmetric: true },
      keyScope: 'subscription',
    });
    const [acmeKey] = await keysOf(own);
    const refused = await globex('POST', `/v1/subscriptions/${own}/rotate-key`, {
      type: 'ed25519',
    });
    expect(refused.status).toBe(404);
    expect((await keysOf(own)).map((k) => k.kid)).toEqual([acmeKey.kid]);
    const acmeKids = new Set(
      (await acme('GET', '/v1/signing-keys')).body.items.map((k: { kid: string }) => k.kid),
    );
    expect(acmeKids).toContain(acmeKey.kid);
    const globexListed = (await globex('GET', '/v1/signing-keys')).body.items as { kid: string }[];
    const globexPublished = await jwks('/v1/tenants/globex/jwks.json');
    for (const kid of [...globexListed.map((k) => k.kid), ...globexPublished.map((j) => j.kid)]) {
      expect(acmeKids.has(kid)).toBe(false);
    }
    // Rotating globex's ed25519 key leaves acme's tenant key and records alone.
    const acmeShared = await create(acme, { standardWebhooks: { asymmetric: true } });
    const acmeBefore = await record(acmeShared);
    await globex('POST', '/v1/signing-keys/rotate', { type: 'ed25519' });
    expect((await record(acmeShared)).revision).toBe(acmeBefore.revision);
  });

  it('lists keys with their public halves only (GET /v1/signing-keys)', async () => {
    const listed = await acme('GET', '/v1/signing-keys');
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBeGreaterThan(0);
    for (const item of listed.body.items) {
      expect(Object.keys(item).sort()).toEqual(
        ['createdAt', 'expiresAt', 'kid', 'publicJwk', 'subscriptionId', 'type'].sort(),
      );
      for (const member of PRIVATE_MEMBERS) expect(item.publicJwk).not.toHaveProperty(member);
    }
    expect(JSON.stringify(listed.body)).not.toMatch(/hsk1|PRIVATE KEY/);
  });

  it("keeps the keys on records a state change re-publishes (the dispatcher's pause)", async () => {
    const id = await create(acme, { httpMessageSignatures: { algorithm: 'ed25519' } });
    const keys = await keysOf(id);
    const states = new SubscriptionStateStore(api.app.get(DataSource));
    await states.setState('acme', id, 'paused', 'too many failures', new Date(Date.now() + 60_000));
    const paused = await record(id);
    expect(paused.state).toBe('paused');
    expect(paused.signing.options!.keys).toEqual(keys);
  });

  it('makes the key a PATCH first asks for', async () => {
    const id = await create(acme, { standardWebhooks: { asymmetric: true } });
    expect((await keysOf(id)).map((k) => k.type)).toEqual(['ed25519']);
    const patched = await acme('PATCH', `/v1/subscriptions/${id}`, {
      signing: { options: { cavage: { algorithm: 'rsa-sha256' }, keyScope: 'subscription' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.signing).not.toHaveProperty('options.keys');
    expect(JSON.stringify(patched.body)).not.toMatch(/hsk1/);
    const keys = await keysOf(id);
    expect(keys.map((k) => k.type)).toEqual(['ed25519', 'rsa']);
    const published = await jwks(`/v1/tenants/acme/subscriptions/${id}/jwks.json`);
    expect(published.map((j) => j.kid)).toEqual(keys.map((k) => k.kid));
  });
});
