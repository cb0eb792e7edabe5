import { createPublicKey, randomBytes } from 'crypto';
import { cavage, createVerifier, httpbis } from 'http-message-signatures';
import { Webhook } from 'standardwebhooks';
import { SealedSigningKey, SigningOptions, Subscription } from '@herald/contracts';
import { SecretBox, secretFingerprint } from './secret-box';
import { SigningKeyring } from './signing-secret';
import { GeneratedKeyPair, generateSigningKey } from './signing-keys';
import { COPERNICA_CAVAGE_HEADERS } from './cavage-signature';
import { SigningKeyMissingError, signatureHeaders } from './request-signer';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const box = new SecretBox([{ id: 'k1', key: randomBytes(32) }]);
const keyring = new SigningKeyring(box);
const body = '{"type":"order.created","data":{"id":42}}';
const url = 'https://hooks.example.com/in?x=1';

let ed: GeneratedKeyPair[];
let rsa: GeneratedKeyPair;
beforeAll(async () => {
  ed = [await generateSigningKey('ed25519'), await generateSigningKey('ed25519')];
  rsa = await generateSigningKey('rsa');
});

const sealedKey = (kid: string, pair: GeneratedKeyPair, expiresAt: string | null = null) =>
  ({
    kid,
    type: pair.publicJwk.kty === 'OKP' ? 'ed25519' : 'rsa',
    sealed: box.seal(pair.privatePem),
    expiresAt,
  }) as SealedSigningKey;

function subscription(
  options: Partial<SigningOptions> | undefined,
): Pick<Subscription, 'id' | 'url' | 'signing'> {
  return {
    id: 'sub_1',
    url,
    signing: {
      scheme: 'standard-webhooks',
      secrets: [
        { sealed: box.seal(SECRET), fingerprint: secretFingerprint(SECRET), expiresAt: null },
      ],
      ...(options
        ? {
            options: {
              standardWebhooks: { symmetric: true, asymmetric: false },
              httpMessageSignatures: null,
              cavage: null,
              keyScope: 'tenant',
              keys: [],
              ...options,
            },
          }
        : {}),
    },
  };
}

const keyLookupOf =
  (pairs: Record<string, GeneratedKeyPair>) => async (params: { keyid?: string; alg?: string }) => {
    const pair = pairs[String(params.keyid)];
    if (!pair) return null;
    return {
      id: String(params.keyid),
      algs: [params.alg as never],
      verify: createVerifier(
        createPublicKey({ key: pair.publicJwk as never, format: 'jwk' }),
        params.alg as never,
      ),
    };
  };

describe('signatureHeaders', () => {
  it('a subscription stored before these options signs as before: v1 only', () => {
    const headers = signatureHeaders(subscription(undefined), 'msg_1', body, new Date(), keyring);
    expect(Object.keys(headers).sort()).toEqual([
      'webhook-id',
      'webhook-signature',
      'webhook-timestamp',
    ]);
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('RFC 9421 ed25519 over a named header, both keys of a rotation overlap', async () => {
    const s = subscription({
      standardWebhooks: { symmetric: true, asymmetric: true },
      httpMessageSignatures: {
        algorithm: 'ed25519',
        components: [
          '@method',
          '@authority',
          '@path',
          'content-digest',
          'content-type',
          'content-length',
          'x-account-id',
        ],
        digest: 'sha-512',
        expiresInSeconds: 60,
        nonce: true,
        tag: null,
      },
      keys: [
        sealedKey('hk_old', ed[0], new Date(Date.now() + 60_000).toISOString()),
        sealedKey('hk_new', ed[1]),
      ],
    });
    const sent = { 'content-type': 'application/json', 'x-account-id': 'acct-7' };
    const headers: Record<string, string> = {
      ...sent,
      ...signatureHeaders(s, 'msg_2', body, new Date(), keyring, sent),
    };
    expect(headers['webhook-signature'].split(' ').map((x) => x.split(',')[0])).toEqual([
      'v1',
      'v1a',
      'v1a',
    ]);
    expect(headers['content-digest']).toMatch(/^sha-512=:/);
    expect(headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(headers['signature-input']).toMatch(/^sig1=.*keyid="hk_new".*, sig2=.*keyid="hk_old"/);
    const request = { method: 'POST', url, headers: { ...headers, host: 'hooks.example.com' } };
    for (const only of [{ hk_new: ed[1] }, { hk_old: ed[0] }] as Record<
      string,
      GeneratedKeyPair
    >[]) {
      // Each receiver knows one of the two keys; the signature by the other is not checked.
      const verified = await httpbis.verifyMessage({ keyLookup: keyLookupOf(only) }, request);
      expect(verified).toBe(true);
    }
    const tampered = { ...request, headers: { ...request.headers, 'x-account-id': 'acct-8' } };
    expect(
      await httpbis.verifyMessage({ keyLookup: keyLookupOf({ hk_new: ed[1] }) }, tampered),
    ).toBe(false);
  });

  it('draft-cavage over the Copernica header set with the RSA key', async () => {
    const s = subscription({
      cavage: { algorithm: 'rsa-sha256', headers: [...COPERNICA_CAVAGE_HEADERS] },
      keys: [sealedKey('hk_rsa', rsa)],
    });
    const sent = { 'X-Copernica-ID': '4711', 'content-type': 'application/json' };
    const headers: Record<string, string> = {
      ...sent,
      ...signatureHeaders(s, 'msg_3', body, new Date(), keyring, sent),
    };
    expect(headers.signature).toMatch(
      /^keyId="hk_rsa",algorithm="rsa-sha256",headers="\(request-target\) host date x-copernica-id digest"/,
    );
    const request = { method: 'POST', url, headers: { ...headers, host: 'hooks.example.com' } };
    expect(await cavage.verifyMessage({ keyLookup: keyLookupOf({ hk_rsa: rsa }) }, request)).toBe(
      true,
    );
  });

  it('draft-cavage during a rotation overlap signs with the previous RSA key, then the new one', async () => {
    const rsa2 = await generateSigningKey('rsa');
    const now = new Date('2026-12-03T08:00:00Z');
    const overlapEnds = new Date(now.getTime() + 60_000);
    const s = subscription({
      cavage: { algorithm: 'hs2019', headers: ['(request-target)', 'host', 'date', 'digest'] },
      keys: [
        sealedKey('hk_rsa_new', rsa2),
        sealedKey('hk_rsa_old', rsa, overlapEnds.toISOString()),
      ],
    });
    const signedAt = async (at: Date) => {
      const headers = signatureHeaders(s, 'msg_5', body, at, keyring);
      const request = { method: 'POST', url, headers: { ...headers, host: 'hooks.example.com' } };
      const keyId = /^keyId="([^"]+)"/.exec(headers.signature)?.[1];
      const lookup = keyLookupOf({ hk_rsa_old: rsa, hk_rsa_new: rsa2 });
      const verified = await cavage.verifyMessage({ keyLookup: lookup }, request);
      return { keyId, verified };
    };
    expect(await signedAt(now)).toEqual({ keyId: 'hk_rsa_old', verified: true });
    expect(await signedAt(new Date(overlapEnds.getTime() - 1))).toEqual({
      keyId: 'hk_rsa_old',
      verified: true,
    });
    expect(await signedAt(overlapEnds)).toEqual({ keyId: 'hk_rsa_new', verified: true });
  });

  it('says which key is missing rather than sending an unsigned request', () => {
    const s = subscription({ standardWebhooks: { symmetric: false, asymmetric: true } });
    expect(() => signatureHeaders(s, 'msg_4', body, new Date(), keyring)).toThrow(
      SigningKeyMissingError,
    );
  });
});
