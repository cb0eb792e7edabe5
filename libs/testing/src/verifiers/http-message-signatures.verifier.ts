import { KeyObject, createHash, createPublicKey } from 'crypto';
import { cavage, createVerifier, httpbis } from 'http-message-signatures';
import {
  Jwks,
  ReceivedRequest,
  TOLERANCE_SECONDS,
  Verification,
  refused,
} from './received-request';

type Jwk = Jwks['keys'][number];

/** The key decides the algorithm, never the request (Herald signs RSA keys with RSA-PSS). */
export function rfc9421AlgorithmOf(jwk: Jwk): string | undefined {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'ed25519';
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ecdsa-p256-sha256';
  if (jwk.kty === 'RSA') return 'rsa-pss-sha512';
  return undefined;
}

/** The signature covers `Content-Digest`, not the body: the digest of the raw body must match. */
export function contentDigestMatches(r: ReceivedRequest): boolean {
  const digest = /^(sha-256|sha-512)=:([^:]*):$/.exec(r.headers['content-digest'] ?? '');
  if (!digest) return false;
  const hash = digest[1] === 'sha-512' ? 'sha512' : 'sha256';
  return digest[2] === createHash(hash).update(r.rawBody).digest('base64');
}

/**
 * RFC 9421 with the `http-message-signatures` package (`httpbis.verifyMessage`): a signature by
 * a key of the JWKS (kid = keyid), or with the `whsec_` secret for `hmac-sha256` (keyid = the
 * subscription id). `created` at most 5 minutes old, `expires` not past, `content-digest`
 * covered and equal to the body's. With several signatures (a rotation overlap), the package
 * decides on the last one whose key it finds: pass a JWKS of one key to check that key's.
 */
export async function verifyRfc9421WithPackage(
  r: ReceivedRequest,
  keys: { jwks?: Jwks; whsec?: string },
): Promise<Verification> {
  if (!contentDigestMatches(r)) return refused('content-digest does not match the body');
  const found: string[] = [];
  const keyLookup = async (params: { keyid?: string; alg?: string }) => {
    const jwk = keys.jwks?.keys.find((k) => k.kid === params.keyid);
    let key: KeyObject | Buffer;
    let alg: string | undefined;
    if (jwk) {
      alg = rfc9421AlgorithmOf(jwk);
      key = createPublicKey({ key: jwk, format: 'jwk' });
    } else if (keys.whsec && params.alg === 'hmac-sha256') {
      alg = 'hmac-sha256';
      key = Buffer.from(keys.whsec.slice('whsec_'.length), 'base64');
    } else {
      return null;
    }
    if (!alg) return null;
    found.push(params.keyid ?? '');
    return { id: params.keyid, algs: [alg], verify: createVerifier(key, alg) };
  };
  const now = Math.floor(Date.now() / 1000);
  try {
    const result = await httpbis.verifyMessage(
      {
        keyLookup,
        maxAge: TOLERANCE_SECONDS - 1, // `created` at most this old (and `expires` not past)
        notAfter: now + TOLERANCE_SECONDS, // nor this far ahead of our clock
        requiredParams: ['created'],
        requiredFields: ['content-digest'],
      },
      { method: r.method, url: r.url, headers: r.headers },
    );
    if (result === true) return { valid: true, keyIds: found };
    return refused(result === null ? 'no signature by a known key' : 'signature does not verify');
  } catch (error) {
    return refused((error as Error).message); // expired, too old, another algorithm, malformed
  }
}

/**
 * draft-cavage with the package's `cavage.verifyMessage`: the tenant's RSA key (kid = keyId), the
 * algorithm the receiver configured (`rsa-sha256` = RSASSA-PKCS1-v1_5 SHA-256, `hs2019` =
 * RSASSA-PSS SHA-512), `Digest` and `Date` signed, the digest equal to the body's, `Date`
 * within 5 minutes (the package checks `(expires)` when it is signed).
 */
export async function verifyCavageWithPackage(
  r: ReceivedRequest,
  jwks: Jwks,
  algorithm: 'rsa-sha256' | 'hs2019',
): Promise<Verification> {
  const signature = r.headers.signature ?? '';
  const signed = /headers="([^"]*)"/.exec(signature)?.[1].split(' ') ?? [];
  if (!signed.includes('digest') || !signed.includes('date')) {
    return refused('digest and date are not signed');
  }
  const digest = `SHA-256=${createHash('sha256').update(r.rawBody).digest('base64')}`;
  if (r.headers.digest !== digest) return refused('digest does not match the body');
  const date = Date.parse(r.headers.date ?? '');
  if (!(Math.abs(Date.now() - date) < TOLERANCE_SECONDS * 1000)) {
    return refused('date outside the tolerance');
  }
  const alg = algorithm === 'hs2019' ? 'rsa-pss-sha512' : 'rsa-v1_5-sha256';
  const found: string[] = [];
  const keyLookup = async (params: { keyid?: string; alg?: string }) => {
    const jwk = jwks.keys.find((k) => k.kid === params.keyid && k.kty === 'RSA');
    if (!jwk || params.alg !== alg) return null;
    found.push(params.keyid ?? '');
    return {
      id: params.keyid,
      algs: [alg],
      verify: createVerifier(createPublicKey({ key: jwk, format: 'jwk' }), alg),
    };
  };
  try {
    const result = await cavage.verifyMessage(
      { keyLookup },
      { method: r.method, url: r.url, headers: r.headers },
    );
    if (result === true) return { valid: true, keyIds: found };
    return refused(result === null ? 'no signature by a known key' : 'signature does not verify');
  } catch (error) {
    return refused((error as Error).message);
  }
}
