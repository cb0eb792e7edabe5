import { generateKeyPairSync } from 'crypto';
import {
  DemoReceiver,
  Jwks,
  ReceivedDelivery,
  ReceivedRequest,
  Verification,
  describeSignatureChecks,
  fetchJwks,
  startDemoReceiver,
  verifyCavageWithPackage,
  verifyRfc9421WithCrypto,
  verifyRfc9421WithPackage,
  verifyV1WithStandardWebhooks,
  verifyV1WithSvix,
  verifyV1aWithJwks,
} from '@herald/testing';
import { E2ePlatform, startE2ePlatform } from './e2e-platform';
import { eventuallyValue } from './public-api';

/**
 * Issue 20: subscriptions made through the public API with every signing scheme deliver real
 * webhooks (the whole platform: real PostgreSQL, the test broker, the five services, a loopback
 * receiver), and code that is not Herald's verifies each one: `standardwebhooks` and `svix`
 * (v1), `node:crypto` with the key from the published, unauthenticated JWKS (v1a, RFC 9421
 * asymmetric), the `http-message-signatures` package (RFC 9421, draft-cavage). Every verifier
 * must also refuse a changed body, a wrong key and an expired signature, and during a key
 * rotation overlap each of the two signatures verifies with its own key from the JWKS.
 */
jest.setTimeout(300_000);

/** What a receiver holds: the subscription's `whsec_` secret and the JWKS it signs with. */
interface Keys {
  whsec: string;
  jwks: Jwks;
}
type Verifier = (r: ReceivedRequest, keys: Keys) => Promise<Verification> | Verification;

const v1Verifiers: Record<string, Verifier> = {
  'v1 by standardwebhooks': (r, k) => verifyV1WithStandardWebhooks(k.whsec, r),
  'v1 by svix': (r, k) => verifyV1WithSvix(k.whsec, r),
};
const rfc9421ByPackage: Verifier = (r, k) =>
  verifyRfc9421WithPackage(r, { jwks: k.jwks, whsec: k.whsec });
const rfc9421ByCrypto: Verifier = (r, k) => verifyRfc9421WithCrypto(r, k.jwks);

/** Every component a subscription can cover, a custom header included. */
const COMPONENTS = [
  '@method',
  '@target-uri',
  '@authority',
  '@scheme',
  '@path',
  '@query',
  'content-digest',
  'content-type',
  'content-length',
  'date',
  'x-account-id',
];

interface Case {
  name: string;
  options: Record<string, unknown>;
  headers?: Record<string, string>;
  verifiers: Record<string, Verifier>;
  /** What the demo receiver says it checked (`verified=<scheme>`). */
  demo: string[];
}

const rfc9421 = (
  algorithm: string,
  verifiers: Record<string, Verifier>,
  keyScope: 'tenant' | 'subscription' = 'tenant',
): Case => ({
  name: `rfc9421-${algorithm}`,
  options: {
    standardWebhooks: { symmetric: true, asymmetric: false },
    httpMessageSignatures: {
      algorithm,
      components: COMPONENTS,
      digest: algorithm === 'rsa-pss-sha512' ? 'sha-512' : 'sha-256',
      expiresInSeconds: 300,
      nonce: true,
      tag: 'herald',
    },
    keyScope,
  },
  headers: { 'X-Account-Id': 'acct-7' },
  verifiers: { ...v1Verifiers, ...verifiers },
  demo: ['v1', `rfc9421/${algorithm}`],
});

const CASES: Case[] = [
  {
    name: 'standard-webhooks',
    options: { standardWebhooks: { symmetric: true, asymmetric: true } },
    verifiers: {
      ...v1Verifiers,
      'v1a by crypto.verify with the JWKS': (r, k) => verifyV1aWithJwks(k.jwks, r),
    },
    demo: ['v1', 'v1a'],
  },
  rfc9421('ed25519', {
    'rfc9421 by http-message-signatures': rfc9421ByPackage,
    'rfc9421 by crypto.verify with the JWKS': rfc9421ByCrypto,
  }),
  rfc9421(
    'ecdsa-p256-sha256',
    {
      'rfc9421 by http-message-signatures': rfc9421ByPackage,
      'rfc9421 by crypto.verify with the JWKS': rfc9421ByCrypto,
    },
    'subscription',
  ),
  rfc9421('rsa-pss-sha512', {
    'rfc9421 by http-message-signatures': rfc9421ByPackage,
    'rfc9421 by crypto.verify with the JWKS': rfc9421ByCrypto,
  }),
  rfc9421('hmac-sha256', { 'rfc9421 by http-message-signatures': rfc9421ByPackage }),
  {
    name: 'cavage-rsa-sha256',
    options: {
      cavage: {
        algorithm: 'rsa-sha256',
        headers: ['(request-target)', 'host', 'date', 'x-copernica-id', 'digest'],
      },
    },
    headers: { 'X-Copernica-ID': 'account-1234' },
    verifiers: {
      ...v1Verifiers,
      'cavage by http-message-signatures': (r, k) =>
        verifyCavageWithPackage(r, k.jwks, 'rsa-sha256'),
    },
    demo: ['v1', 'cavage/rsa-sha256'],
  },
  {
    name: 'cavage-hs2019',
    options: {
      cavage: {
        algorithm: 'hs2019',
        headers: ['(request-target)', '(created)', '(expires)', 'host', 'date', 'digest'],
      },
    },
    verifiers: {
      ...v1Verifiers,
      'cavage by http-message-signatures': (r, k) => verifyCavageWithPackage(r, k.jwks, 'hs2019'),
    },
    demo: ['v1', 'cavage/hs2019'],
  },
];

/** `check` with the receiver's clock (Date.now, which every verifier reads) at `atMs`. */
async function at<T>(atMs: number, check: () => Promise<T> | T): Promise<T> {
  const clock = jest.spyOn(Date, 'now').mockReturnValue(atMs);
  try {
    return await check();
  } finally {
    clock.mockRestore();
  }
}

/** A JWKS with other keys under the same kids: what a receiver holding the wrong keys has. */
function strangerJwks(jwks: Jwks): Jwks {
  return {
    keys: jwks.keys.map((jwk) => {
      const { publicKey } =
        jwk.kty === 'OKP'
          ? generateKeyPairSync('ed25519')
          : jwk.kty === 'EC'
            ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
            : generateKeyPairSync('rsa', { modulusLength: 2048 });
      return { ...publicKey.export({ format: 'jwk' }), kid: jwk.kid, alg: jwk.alg, use: 'sig' };
    }),
  };
}

const OTHER_SECRET = `whsec_${Buffer.from('another-secret-of-the-same-size!').toString('base64')}`;

let platform: E2ePlatform;
let receiver: DemoReceiver;
let tenant: { id: string; key: string };
const created = new Map<string, { id: string; secret: string }>();

const requestOf = (d: ReceivedDelivery): ReceivedRequest => ({
  method: 'POST',
  url: `${receiver.url}${d.path}`,
  headers: d.headers,
  rawBody: d.body,
});

/** When the delivery was signed (webhook-timestamp), in ms. */
const signedAt = (r: ReceivedRequest) => Number(r.headers['webhook-timestamp']) * 1000;

/** Where the JWKS a case signs with is published (no credential needed). */
function jwksUrlOf(c: Case): string {
  const scoped = (c.options as { keyScope?: string }).keyScope === 'subscription';
  const path = scoped
    ? `/v1/tenants/${tenant.id}/subscriptions/${created.get(c.name)!.id}/jwks.json`
    : `/v1/tenants/${tenant.id}/jwks.json`;
  return `${platform.stack.apiUrl}${path}`;
}

const jwksOf = (c: Case): Promise<Jwks> => fetchJwks(jwksUrlOf(c));

/** Sends a test event through the API and returns the delivery that reaches `/<name>` next. */
async function deliver(
  name: string,
  accept: (d: ReceivedDelivery) => boolean = () => true,
): Promise<ReceivedDelivery> {
  const { id } = created.get(name)!;
  return eventuallyValue(
    `a delivery to /${name}`,
    async () => {
      const seen = receiver.deliveries.length;
      const sent = await platform.api.ok<{ deliveryId: string }>(
        tenant.key,
        'POST',
        `/v1/subscriptions/${id}/test`,
      );
      const arrived = await eventuallyValue(`test delivery ${sent.deliveryId}`, () =>
        receiver.deliveries.slice(seen).find((d) => d.webhookId === sent.deliveryId),
      );
      return accept(arrived) ? arrived : undefined;
    },
    60_000,
  );
}

beforeAll(async () => {
  platform = await startE2ePlatform({ name: 'verifiers' });
  receiver = await startDemoReceiver({ port: 0 });
  tenant = await platform.api.tenant(platform.stack.adminToken, 'verifiers');
  for (const c of CASES) {
    const subscription = await platform.api.ok<{ id: string; secret: string }>(
      tenant.key,
      'POST',
      '/v1/subscriptions',
      {
        url: `${receiver.url}/${c.name}`,
        eventTypes: ['order.*'],
        ...(c.headers ? { headers: c.headers } : {}),
        signing: { options: c.options },
      },
    );
    created.set(c.name, subscription);
  }
  // The demo receiver verifies each path with the secret and the published JWKS it fetches.
  for (const c of CASES) {
    await fetch(`${receiver.url}/_secrets`, {
      method: 'POST',
      body: JSON.stringify({
        path: `/${c.name}`,
        secret: created.get(c.name)!.secret,
        jwksUrl: jwksUrlOf(c),
      }),
    });
  }
}, 300_000);

afterAll(async () => {
  await receiver?.close();
  await platform?.stop();
});

describe.each(CASES)('$name, subscribed through the API', (c) => {
  it(`is accepted by ${Object.keys(c.verifiers).join(', ')}; a changed body, wrong keys and an expired signature are refused`, async () => {
    const delivery = await deliver(c.name);
    const request = requestOf(delivery);
    const mine: Keys = { whsec: created.get(c.name)!.secret, jwks: await jwksOf(c) };
    const wrong: Keys = { whsec: OTHER_SECRET, jwks: strangerJwks(mine.jwks) };
    const tampered = { ...request, rawBody: request.rawBody.replace('test event', 'best event') };
    expect(tampered.rawBody).not.toBe(request.rawBody);
    const signed = signedAt(request);
    const outcomes: Record<string, Record<string, boolean>> = {};
    for (const [name, verify] of Object.entries(c.verifiers)) {
      const valid = async (r: ReceivedRequest, k: Keys, nowMs = Date.now()) =>
        (await at(nowMs, () => verify(r, k))).valid;
      outcomes[name] = {
        genuine: await valid(request, mine),
        'changed body': await valid(tampered, mine),
        'wrong keys': await valid(request, wrong),
        '250 s later': await valid(request, mine, signed + 250_000),
        '301 s later': await valid(request, mine, signed + 301_000),
      };
    }
    // The demo receiver checked every scheme, with the key the JWKS publishes for its keyid.
    expect(delivery.checks.map((check) => [check.scheme, check.valid])).toEqual(
      c.demo.map((scheme) => [scheme, true]),
    );
    // The keyid of an RFC 9421 HMAC signature is the subscription id; the others are JWKS kids.
    const published = [...mine.jwks.keys.map((k) => k.kid), created.get(c.name)!.id];
    const kids = delivery.checks.flatMap((check) => check.keyIds);
    expect(kids.filter((kid) => !published.includes(kid))).toEqual([]);
    expect(kids).toHaveLength(c.demo.length - 1);
    expect(describeSignatureChecks(delivery)).toBe(
      `signature=valid ${c.demo
        .map((scheme, i) => {
          const ids = delivery.checks[i].keyIds;
          return `verified=${scheme}${ids.length ? ` keyid=${ids.join(',')}` : ''}`;
        })
        .join(' ')}`,
    );

    const expected = { genuine: true, 'changed body': false, 'wrong keys': false };
    expect(outcomes).toEqual(
      Object.fromEntries(
        Object.keys(c.verifiers).map((name) => [
          name,
          { ...expected, '250 s later': true, '301 s later': false },
        ]),
      ),
    );
  });
});

describe('a rotation of the tenant ed25519 key, during the overlap', () => {
  it('sends both signatures, and each verifies with its own key from the JWKS', async () => {
    const rotation = await platform.api.ok<{ kid: string; previous: { kid: string } }>(
      tenant.key,
      'POST',
      '/v1/signing-keys/rotate',
      { type: 'ed25519', overlapMs: 3_600_000 },
    );
    const [current, previous] = [rotation.kid, rotation.previous.kid];
    expect(current).not.toBe(previous);
    const jwks = await fetchJwks(`${platform.stack.apiUrl}/v1/tenants/${tenant.id}/jwks.json`);
    const ed25519 = jwks.keys.filter((k) => k.crv === 'Ed25519').map((k) => k.kid);
    expect(ed25519.sort()).toEqual([current, previous].sort());
    const only = (kid: string): Jwks => ({ keys: jwks.keys.filter((k) => k.kid === kid) });

    // Standard Webhooks: two v1a signatures, one per key.
    const sw = requestOf(
      await deliver(
        'standard-webhooks',
        (d) => (d.headers['webhook-signature'].match(/v1a,/g) ?? []).length === 2,
      ),
    );
    expect(verifyV1aWithJwks(jwks, sw)).toEqual({
      valid: true,
      keyIds: expect.arrayContaining([current, previous]),
    });
    for (const kid of [current, previous]) {
      expect(verifyV1aWithJwks(only(kid), sw)).toEqual({ valid: true, keyIds: [kid] });
    }

    // RFC 9421: sig1 by the new key, sig2 by the old one, each naming its keyid.
    const hmsDelivery = await deliver('rfc9421-ed25519', (d) =>
      d.headers['signature-input'].includes('sig2='),
    );
    const hms = requestOf(hmsDelivery);
    // The demo receiver fetched the JWKS again for the new keyid and checked both signatures.
    expect(describeSignatureChecks(hmsDelivery)).toBe(
      `signature=valid verified=v1 verified=rfc9421/ed25519 keyid=${current},${previous}`,
    );
    const keyids = [...hms.headers['signature-input'].matchAll(/keyid="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(keyids).toEqual([current, previous]);
    expect(verifyRfc9421WithCrypto(hms, jwks)).toEqual({
      valid: true,
      keyIds: [current, previous],
    });
    for (const kid of [current, previous]) {
      expect(verifyRfc9421WithCrypto(hms, only(kid))).toEqual({ valid: true, keyIds: [kid] });
      expect(await verifyRfc9421WithPackage(hms, { jwks: only(kid) })).toEqual({
        valid: true,
        keyIds: [kid],
      });
      // Another key under the same kid verifies neither signature.
      expect((await verifyRfc9421WithPackage(hms, { jwks: strangerJwks(only(kid)) })).valid).toBe(
        false,
      );
    }
  });
});

describe('a rotation of the tenant RSA key (draft-cavage carries one signature)', () => {
  it('cavage keeps the previous key until the overlap ends, then the new one; both verify from the JWKS', async () => {
    const overlapMs = 4_000;
    const rotation = await platform.api.ok<{
      kid: string;
      previous: { kid: string; expiresAt: string };
    }>(tenant.key, 'POST', '/v1/signing-keys/rotate', { type: 'rsa', overlapMs });
    const [current, previous] = [rotation.kid, rotation.previous.kid];
    const jwksUrl = `${platform.stack.apiUrl}/v1/tenants/${tenant.id}/jwks.json`;
    const keyIdOf = (r: ReceivedRequest) => /keyId="([^"]+)"/.exec(r.headers.signature)?.[1];
    const rsaKids = (jwks: Jwks) => jwks.keys.filter((k) => k.kty === 'RSA').map((k) => k.kid);

    // The overlap: both keys published; RFC 9421 signs with both, cavage with the previous one,
    // which a receiver that cached the JWKS before the rotation still has.
    const during = await fetchJwks(jwksUrl);
    expect(rsaKids(during).sort()).toEqual([current, previous].sort());
    const pss = requestOf(
      await deliver('rfc9421-rsa-pss-sha512', (d) =>
        d.headers['signature-input'].includes('sig2='),
      ),
    );
    expect(verifyRfc9421WithCrypto(pss, during)).toEqual({
      valid: true,
      keyIds: [current, previous],
    });
    // Both subscriptions were republished in one transaction; give the cavage one's record the
    // moment the RSA-PSS one's took to reach the dispatcher (the unit spec pins the choice).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const beforeDelivery = await deliver('cavage-rsa-sha256');
    const before = requestOf(beforeDelivery);
    expect(describeSignatureChecks(beforeDelivery)).toBe(
      `signature=valid verified=v1 verified=cavage/rsa-sha256 keyid=${previous}`,
    );
    expect(keyIdOf(before)).toBe(previous);
    const cachedBeforeRotation: Jwks = {
      keys: during.keys.filter((k) => k.kid !== current),
    };
    expect(await verifyCavageWithPackage(before, cachedBeforeRotation, 'rsa-sha256')).toEqual({
      valid: true,
      keyIds: [previous],
    });

    // After the overlap: the new key only, in the JWKS and on the wire.
    const ends = Date.parse(rotation.previous.expiresAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ends - Date.now() + 200)));
    const after = await fetchJwks(jwksUrl);
    expect(rsaKids(after)).toEqual([current]);
    const laterDelivery = await deliver('cavage-rsa-sha256');
    const later = requestOf(laterDelivery);
    expect(describeSignatureChecks(laterDelivery)).toBe(
      `signature=valid verified=v1 verified=cavage/rsa-sha256 keyid=${current}`,
    );
    expect(keyIdOf(later)).toBe(current);
    expect(await verifyCavageWithPackage(later, after, 'rsa-sha256')).toEqual({
      valid: true,
      keyIds: [current],
    });
    expect((await verifyCavageWithPackage(later, cachedBeforeRotation, 'rsa-sha256')).valid).toBe(
      false,
    );
  });
});
