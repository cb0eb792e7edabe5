import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'crypto';
import { cavage, createVerifier } from 'http-message-signatures';
import {
  COPERNICA_CAVAGE_HEADERS,
  bodyDigest,
  cavageSigningString,
  signCavage,
} from './cavage-signature';
import {
  CAVAGE_ALL_HEADERS_TEST,
  CAVAGE_BASIC_TEST,
  CAVAGE_TEST_PRIVATE,
} from './testing/signature-vectors';

const testKey = createPrivateKey(CAVAGE_TEST_PRIVATE);
/** hs2019 (RSA-PSS with SHA-512 and a 64-byte salt) needs more than the draft's 1024-bit key. */
const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

function verifiedBy(
  headers: Record<string, string>,
  url: string,
  publicKey = createPublicKey(key),
): Promise<boolean | null> {
  return cavage.verifyMessage(
    {
      keyLookup: async (params) => ({
        id: String(params.keyid),
        algs: [params.alg as never],
        verify: createVerifier(publicKey, params.alg as never),
      }),
    },
    { method: 'POST', url, headers },
  );
}

describe('draft-cavage HTTP Signatures', () => {
  it('gives the draft’s C.2 Basic Test signature (rsa-sha256) exactly', () => {
    const signed = signCavage({
      message: { method: 'POST', url: CAVAGE_BASIC_TEST.url, headers: CAVAGE_BASIC_TEST.headers },
      now: new Date(),
      options: { algorithm: 'rsa-sha256', headers: CAVAGE_BASIC_TEST.signed },
      keyId: 'Test',
      key: testKey,
    });
    expect(signed.signature).toBe(
      `keyId="Test",algorithm="rsa-sha256",headers="(request-target) host date",signature="${CAVAGE_BASIC_TEST.signature}"`,
    );
  });

  it('gives the draft’s C.3 All Headers Test signature (body digest included) exactly', async () => {
    const t = CAVAGE_ALL_HEADERS_TEST;
    expect(bodyDigest(t.body)).toBe(t.headers.digest);
    const signed = signCavage({
      message: { method: 'POST', url: t.url, headers: t.headers },
      now: new Date(),
      options: { algorithm: 'rsa-sha256', headers: t.signed },
      keyId: 'Test',
      key: testKey,
    });
    expect(signed.signature).toBe(
      `keyId="Test",algorithm="rsa-sha256",headers="${t.signed.join(' ')}",signature="${t.signature}"`,
    );
    // The package accepts the published header and refuses it once a signed header changes.
    const published = { ...t.headers, ...signed };
    const testPublic = createPublicKey(testKey);
    expect(await verifiedBy(published, t.url, testPublic)).toBe(true);
    expect(await verifiedBy({ ...published, 'content-length': '19' }, t.url, testPublic)).toBe(
      false,
    );
  });

  it('signs the Copernica header set, verified by the http-message-signatures package', async () => {
    const body = '{"id":1}';
    const url = 'https://hooks.example.com/copernica?x=1';
    const headers = {
      host: 'hooks.example.com',
      date: 'Wed, 02 Dec 2026 10:00:00 GMT',
      'x-copernica-id': '4711',
      digest: bodyDigest(body),
    };
    for (const algorithm of ['rsa-sha256', 'hs2019'] as const) {
      const signed = signCavage({
        message: { method: 'POST', url, headers },
        now: new Date(),
        options: { algorithm, headers: [...COPERNICA_CAVAGE_HEADERS] },
        keyId: 'hk_1',
        key,
      });
      expect(signed.signature).toMatch(
        new RegExp(
          `^keyId="hk_1",algorithm="${algorithm}",headers="\\(request-target\\) host date x-copernica-id digest",signature="[A-Za-z0-9+/=]+"$`,
        ),
      );
      const all = { ...headers, ...signed };
      expect(await verifiedBy(all, url)).toBe(true);
      expect(await verifiedBy({ ...all, 'x-copernica-id': '4712' }, url)).toBe(false);
      const wrong = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
      expect(await verifiedBy(all, url, wrong)).toBe(false);
    }
  });

  it('hs2019 with (created) and (expires): an expired signature is refused', async () => {
    const url = 'https://hooks.example.com/h';
    const headers = { host: 'hooks.example.com', date: new Date().toUTCString() };
    const sign = (now: Date) =>
      signCavage({
        message: { method: 'POST', url, headers },
        now,
        options: {
          algorithm: 'hs2019',
          headers: ['(request-target)', '(created)', '(expires)', 'host'],
        },
        keyId: 'hk_1',
        key,
      });
    expect(await verifiedBy({ ...headers, ...sign(new Date()) }, url)).toBe(true);
    expect(await verifiedBy({ ...headers, ...sign(new Date(Date.now() - 600_000)) }, url)).toBe(
      false,
    );
  });

  it('writes the digest of the body the way RFC 3230 receivers compare it', () => {
    expect(bodyDigest('{"hello": "world"}')).toBe(
      'SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=',
    );
  });

  it('refuses a signed header that is not sent', () => {
    expect(() =>
      cavageSigningString(
        ['x-copernica-id'],
        { method: 'POST', url: 'https://a.example/', headers: {} },
        0,
        undefined,
      ),
    ).toThrow(/x-copernica-id is not sent/);
  });
});
