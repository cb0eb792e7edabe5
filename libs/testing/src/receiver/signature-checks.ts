import {
  verifyCavageWithPackage,
  verifyRfc9421WithPackage,
} from '../verifiers/http-message-signatures.verifier';
import { Jwks, ReceivedRequest, Verification, fetchJwks } from '../verifiers/received-request';
import { verifyRfc9421WithCrypto } from '../verifiers/rfc9421-crypto.verifier';
import {
  verifyV1WithStandardWebhooks,
  verifyV1aWithJwks,
} from '../verifiers/standard-webhooks.verifier';

/**
 * What a receiver verifies one path's deliveries with (`POST /_secrets`): the `whsec_` secret
 * (Standard Webhooks `v1,`, RFC 9421 hmac-sha256) and the public keys, as the URL of the JWKS
 * Herald publishes (`/v1/tenants/{id}/jwks.json`, or a subscription's own) or inline.
 */
export interface ReceiverKeys {
  path: string;
  secret?: string;
  jwksUrl?: string;
  jwks?: Jwks;
}

/** One scheme checked on a delivery: `v1`, `v1a`, `rfc9421/<alg>` or `cavage/<algorithm>`. */
export interface SignatureCheck {
  scheme: string;
  valid: boolean;
  /** The keys whose signature verified (none for `v1`: the secret has no id). */
  keyIds: string[];
  /** Why it was refused. */
  reason?: string;
}

/** How long a fetched JWKS is used before it is fetched again (Herald's `max-age`). */
const JWKS_MAX_AGE_MS = 300_000;

/**
 * The public keys of each JWKS URL, as a receiver should keep them: cached for `max-age`, and
 * fetched again once when a signature names a key id the cached set lacks (a key rotation).
 */
export class JwksCache {
  private readonly fetched = new Map<string, { at: number; jwks: Promise<Jwks> }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(url: string, needKeyIds: readonly string[] = []): Promise<Jwks> {
    const known = this.fetched.get(url);
    if (known && this.now() - known.at < JWKS_MAX_AGE_MS) {
      const jwks = await known.jwks;
      if (needKeyIds.every((kid) => jwks.keys.some((k) => k.kid === kid))) return jwks;
    }
    return this.refresh(url);
  }

  /** Fetches the set again now. */
  refresh(url: string): Promise<Jwks> {
    const jwks = fetchJwks(url);
    this.fetched.set(url, { at: this.now(), jwks });
    return jwks;
  }
}

const keyIdsIn = (header: string | undefined, pattern: RegExp) =>
  [...(header ?? '').matchAll(pattern)].map((m) => m[1]);

/**
 * Verifies each scheme the request is signed with that `keys` can check, with the verifiers of
 * docs/verifying.md (`libs/testing/src/verifiers/`): `v1,` with `standardwebhooks`, `v1a,` and
 * RFC 9421 asymmetric signatures with `crypto.verify` and the JWKS, RFC 9421 hmac-sha256 and
 * draft-cavage with `http-message-signatures`. Keys registered but nothing they can check is an
 * `unsigned` failure.
 */
export async function checkSignatures(
  request: ReceivedRequest,
  keys: ReceiverKeys,
  cache: JwksCache,
): Promise<SignatureCheck[]> {
  const h = request.headers;
  const checks: SignatureCheck[] = [];
  const add = (scheme: string, v: Verification) =>
    checks.push(
      v.valid
        ? { scheme, valid: true, keyIds: v.keyIds }
        : { scheme, valid: false, keyIds: [], reason: v.reason },
    );
  const jwksFor = async (keyIds: string[]): Promise<Jwks | undefined> =>
    keys.jwks ?? (keys.jwksUrl ? cache.get(keys.jwksUrl, keyIds) : undefined);
  const entries = (h['webhook-signature'] ?? '').split(' ');
  if (keys.secret && entries.some((e) => e.startsWith('v1,'))) {
    add('v1', verifyV1WithStandardWebhooks(keys.secret, request));
  }
  if (entries.some((e) => e.startsWith('v1a,'))) {
    const jwks = await jwksFor([]);
    if (jwks) {
      let v = verifyV1aWithJwks(jwks, request);
      // v1a names no key: a rotation shows as no key verifying; fetch the set again once.
      if (!v.valid && keys.jwksUrl && !keys.jwks) {
        v = verifyV1aWithJwks(await cache.refresh(keys.jwksUrl), request);
      }
      add('v1a', v);
    }
  }
  if (h['signature-input']) {
    const alg = /;alg="([^"]+)"/.exec(h['signature-input'])?.[1] ?? 'unknown';
    if (alg === 'hmac-sha256') {
      if (keys.secret) {
        add(`rfc9421/${alg}`, await verifyRfc9421WithPackage(request, { whsec: keys.secret }));
      }
    } else {
      const jwks = await jwksFor(keyIdsIn(h['signature-input'], /keyid="([^"]+)"/g));
      if (jwks) add(`rfc9421/${alg}`, verifyRfc9421WithCrypto(request, jwks));
    }
  } else if (h.signature?.startsWith('keyId=')) {
    const algorithm = /algorithm="([^"]+)"/.exec(h.signature)?.[1] ?? 'unknown';
    const jwks = await jwksFor(keyIdsIn(h.signature, /keyId="([^"]+)"/g));
    if (jwks) {
      add(
        `cavage/${algorithm}`,
        algorithm === 'rsa-sha256' || algorithm === 'hs2019'
          ? await verifyCavageWithPackage(request, jwks, algorithm)
          : { valid: false, reason: `algorithm ${algorithm} is not one Herald signs with` },
      );
    }
  }
  if (checks.length === 0) {
    checks.push({ scheme: 'unsigned', valid: false, keyIds: [], reason: 'no signature to check' });
  }
  return checks;
}

/**
 * One line for a delivery's checks: `signature=valid verified=v1 verified=rfc9421/ed25519
 * keyid=hk_...`, or `signature=INVALID` naming the schemes that failed and why.
 */
export function describeSignatureChecks(delivery: {
  verified: boolean | null;
  checks: readonly SignatureCheck[];
}): string {
  if (delivery.verified === null) return 'signature=not checked';
  const each = delivery.checks.map((c) =>
    c.valid
      ? `verified=${c.scheme}${c.keyIds.length > 0 ? ` keyid=${c.keyIds.join(',')}` : ''}`
      : `INVALID=${c.scheme} (${c.reason ?? 'refused'})`,
  );
  return [`signature=${delivery.verified ? 'valid' : 'INVALID'}`, ...each].join(' ');
}
