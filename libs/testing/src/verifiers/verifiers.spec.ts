import { createPrivateKey, createPublicKey } from 'crypto';
import {
  B23,
  B26,
  CAVAGE_ALL_HEADERS_TEST,
  CAVAGE_TEST_PRIVATE,
  RFC9421_CREATED,
  RFC9421_ED25519_PUBLIC,
  RFC9421_REQUEST,
  RFC9421_RSA_PSS_PUBLIC,
  STANDARD_WEBHOOKS_ASYMMETRIC_EXAMPLE,
  STANDARD_WEBHOOKS_EXAMPLE,
} from '@herald/delivery/vectors';
import {
  verifyCavageWithPackage,
  verifyRfc9421WithPackage,
} from './http-message-signatures.verifier';
import { Jwks, ReceivedRequest } from './received-request';
import { verifyRfc9421WithCrypto } from './rfc9421-crypto.verifier';
import {
  verifyV1WithStandardWebhooks,
  verifyV1WithSvix,
  verifyV1aWithJwks,
} from './standard-webhooks.verifier';

/**
 * The verifiers of docs/verifying.md (which the e2e spec and the demo receiver run on Herald's
 * deliveries) against the published examples, signed by others: RFC 9421 Appendix B, the
 * draft-cavage Appendix C All Headers Test, the Standard Webhooks examples. So they agree with
 * the specifications, not merely with Herald's signers.
 */

const jwk = (pem: string, kid: string) => ({
  ...createPublicKey(pem).export({ format: 'jwk' }),
  kid,
});

/** `check` with Date.now (what every verifier reads) at `seconds`. */
function at<T>(seconds: number, check: () => T): T {
  const clock = jest.spyOn(Date, 'now').mockReturnValue(seconds * 1000);
  try {
    return check();
  } finally {
    clock.mockRestore();
  }
}

const changed = (r: ReceivedRequest): ReceivedRequest => ({
  ...r,
  rawBody: r.rawBody.replace('world', 'World'),
});

describe('RFC 9421 Appendix B', () => {
  const jwks: Jwks = {
    keys: [
      jwk(RFC9421_RSA_PSS_PUBLIC, 'test-key-rsa-pss'),
      jwk(RFC9421_ED25519_PUBLIC, 'test-key-ed25519'),
    ],
  };
  const signed = (label: string, params: string, signature: string): ReceivedRequest => ({
    method: RFC9421_REQUEST.method,
    url: RFC9421_REQUEST.url,
    headers: {
      ...RFC9421_REQUEST.headers,
      'signature-input': `${label}=${params}`,
      signature: `${label}=:${signature}:`,
    },
    rawBody: RFC9421_REQUEST.body,
  });
  const b23 = signed('sig-b23', B23.params, B23.signature);

  it('B.2.3 (rsa-pss-sha512 over every component, content-digest included) verifies with both', async () => {
    expect(at(RFC9421_CREATED + 10, () => verifyRfc9421WithCrypto(b23, jwks))).toEqual({
      valid: true,
      keyIds: ['test-key-rsa-pss'],
    });
    const clock = jest.spyOn(Date, 'now').mockReturnValue((RFC9421_CREATED + 10) * 1000);
    try {
      expect(await verifyRfc9421WithPackage(b23, { jwks })).toEqual({
        valid: true,
        keyIds: ['test-key-rsa-pss'],
      });
      expect((await verifyRfc9421WithPackage(changed(b23), { jwks })).valid).toBe(false);
    } finally {
      clock.mockRestore();
    }
  });

  it('B.2.3 is refused with a changed body, another key under its kid, or 301 s late', () => {
    const other: Jwks = { keys: [{ ...jwks.keys[1], kid: 'test-key-rsa-pss' }] };
    const outcomes = [
      at(RFC9421_CREATED + 10, () => verifyRfc9421WithCrypto(changed(b23), jwks)),
      at(RFC9421_CREATED + 10, () => verifyRfc9421WithCrypto(b23, other)),
      at(RFC9421_CREATED + 301, () => verifyRfc9421WithCrypto(b23, jwks)),
    ];
    expect(outcomes.map((o) => o.valid)).toEqual([false, false, false]);
  });

  it('B.2.6 (ed25519) is genuine but refused: it does not cover content-digest, so not the body', () => {
    const b26 = signed('sig-b26', B26.params, B26.signature);
    const outcome = at(RFC9421_CREATED + 10, () => verifyRfc9421WithCrypto(b26, jwks));
    expect(outcome).toEqual({ valid: false, reason: 'sig-b26: no digest' });
    // Its signature base and signature are right: without that rule it verifies.
    const lax = { requireContentDigest: false };
    expect(at(RFC9421_CREATED + 10, () => verifyRfc9421WithCrypto(b26, jwks, lax))).toEqual({
      valid: true,
      keyIds: ['test-key-ed25519'],
    });
  });
});

describe('draft-cavage Appendix C.3 (All Headers Test, rsa-sha256)', () => {
  const t = CAVAGE_ALL_HEADERS_TEST;
  const jwks: Jwks = {
    keys: [jwk(CAVAGE_TEST_PRIVATE, 'Test')], // the public half of the draft's `Test` key
  };
  const request: ReceivedRequest = {
    method: 'POST',
    url: t.url,
    headers: {
      ...t.headers,
      signature: `keyId="Test",algorithm="rsa-sha256",headers="${t.signed.join(' ')}",signature="${t.signature}"`,
    },
    rawBody: t.body,
  };
  const date = Date.parse(t.headers.date) / 1000;

  it('verifies with http-message-signatures, and refuses a changed body or another algorithm', async () => {
    const clock = jest.spyOn(Date, 'now').mockReturnValue((date + 10) * 1000);
    try {
      expect(await verifyCavageWithPackage(request, jwks, 'rsa-sha256')).toEqual({
        valid: true,
        keyIds: ['Test'],
      });
      expect((await verifyCavageWithPackage(changed(request), jwks, 'rsa-sha256')).valid).toBe(
        false,
      );
      expect((await verifyCavageWithPackage(request, jwks, 'hs2019')).valid).toBe(false);
    } finally {
      clock.mockRestore();
    }
  });
});

describe('Standard Webhooks examples', () => {
  const e = STANDARD_WEBHOOKS_EXAMPLE;
  const headers = (signature: string) => ({
    'webhook-id': e.id,
    'webhook-timestamp': String(e.timestamp),
    'webhook-signature': signature,
  });
  const v1: ReceivedRequest = {
    method: 'POST',
    url: 'https://example.com/webhook',
    headers: headers(e.signature),
    rawBody: e.body,
  };

  it('v1, verifies with standardwebhooks and svix; 301 s late or another body it does not', () => {
    for (const verify of [verifyV1WithStandardWebhooks, verifyV1WithSvix]) {
      expect(at(e.timestamp + 10, () => verify(e.secret, v1).valid)).toBe(true);
      expect(at(e.timestamp + 301, () => verify(e.secret, v1).valid)).toBe(false);
      expect(at(e.timestamp + 10, () => verify(e.secret, { ...v1, rawBody: '{}' }).valid)).toBe(
        false,
      );
    }
  });

  it('v1a, (the ed25519 example of the reference library) verifies with crypto.verify', () => {
    const a = STANDARD_WEBHOOKS_ASYMMETRIC_EXAMPLE;
    // PKCS#8 of an ed25519 seed: a fixed 16-byte header (RFC 8410) and the 32 bytes.
    const key = createPrivateKey({
      key: Buffer.concat([
        Buffer.from('302e020100300506032b657004220420', 'hex'),
        Buffer.from(a.seed, 'base64'),
      ]),
      format: 'der',
      type: 'pkcs8',
    });
    const jwks: Jwks = { keys: [{ ...createPublicKey(key).export({ format: 'jwk' }), kid: 'k' }] };
    const v1a = { ...v1, headers: headers(a.signature), rawBody: a.body };
    expect(at(a.timestamp + 10, () => verifyV1aWithJwks(jwks, v1a))).toEqual({
      valid: true,
      keyIds: ['k'],
    });
    expect(at(a.timestamp + 301, () => verifyV1aWithJwks(jwks, v1a).valid)).toBe(false);
    expect(
      at(a.timestamp + 10, () => verifyV1aWithJwks(jwks, { ...v1a, rawBody: '{}' }).valid),
    ).toBe(false);
  });
});
