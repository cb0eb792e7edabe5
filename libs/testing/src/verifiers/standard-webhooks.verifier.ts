import { createPublicKey, verify } from 'crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import {
  Jwks,
  ReceivedRequest,
  TOLERANCE_SECONDS,
  Verification,
  refused,
} from './received-request';

/**
 * Standard Webhooks `v1,` (HMAC with the `whsec_` secret) with the `standardwebhooks` package.
 * It checks the signature over `id.timestamp.body` and the 5-minute timestamp tolerance.
 */
export function verifyV1WithStandardWebhooks(whsec: string, r: ReceivedRequest): Verification {
  return throwing(() => new StandardWebhook(whsec).verify(r.rawBody, r.headers));
}

/** The same check with Svix's own library (`svix`), which accepts Standard Webhooks headers. */
export function verifyV1WithSvix(whsec: string, r: ReceivedRequest): Verification {
  return throwing(() => new SvixWebhook(whsec).verify(r.rawBody, r.headers));
}

function throwing(check: () => unknown): Verification {
  try {
    check();
    return { valid: true, keyIds: [] };
  } catch (error) {
    return refused((error as Error).message);
  }
}

/**
 * Standard Webhooks `v1a,` (ed25519) with nothing but `node:crypto`: each `v1a,` signature over
 * `id.timestamp.body` against each Ed25519 key of the JWKS. Valid when one verifies; `keyIds`
 * names every key that verified one (two during a rotation overlap).
 */
export function verifyV1aWithJwks(jwks: Jwks, r: ReceivedRequest): Verification {
  const timestamp = r.headers['webhook-timestamp'] ?? '';
  if (!/^\d+$/.test(timestamp)) return refused('no webhook-timestamp');
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) >= TOLERANCE_SECONDS) {
    return refused('webhook-timestamp outside the tolerance');
  }
  const signed = Buffer.from(`${r.headers['webhook-id']}.${timestamp}.${r.rawBody}`);
  const signatures = (r.headers['webhook-signature'] ?? '')
    .split(' ')
    .filter((s) => s.startsWith('v1a,'))
    .map((s) => Buffer.from(s.slice('v1a,'.length), 'base64'));
  if (signatures.length === 0) return refused('no v1a signature');
  const keyIds = jwks.keys
    .filter((jwk) => jwk.kty === 'OKP' && jwk.crv === 'Ed25519')
    .filter((jwk) => {
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      return signatures.some((signature) => verify(null, signed, key, signature));
    })
    .map((jwk) => jwk.kid ?? '');
  return keyIds.length > 0 ? { valid: true, keyIds } : refused('no v1a signature verifies');
}

/** A `whpk_` public key (the specification's form) as a JWK, for the same code. */
export const jwkOfWhpk = (whpk: string) => ({
  kty: 'OKP',
  crv: 'Ed25519',
  x: Buffer.from(whpk.slice('whpk_'.length), 'base64').toString('base64url'),
});
