import {
  KeyObject,
  createPrivateKey,
  createPublicKey,
  generateKeyPair as generateKeyPairCallback,
} from 'crypto';
import { promisify } from 'util';
import { SealedSigningKey, SigningKeyType } from '@herald/contracts';

const generateKeyPair = promisify(generateKeyPairCallback);

/** Standard Webhooks prefixes of an ed25519 secret key and public key (base64 after them). */
export const ED25519_SECRET_KEY_PREFIX = 'whsk_';
export const ED25519_PUBLIC_KEY_PREFIX = 'whpk_';

const PKCS8_ED25519_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

/** RSA modulus of generated keys: RFC 9421's `rsa-pss-sha512` asks for at least 2048 bits. */
const RSA_MODULUS_BITS = 2048;

/** A fresh key pair: the PKCS#8 PEM private key (to seal at once) and its public JWK. */
export interface GeneratedKeyPair {
  privatePem: string;
  publicJwk: PublicJwk;
}

/** A public key as JWKS publishes it (RFC 7517; OKP per RFC 8037). */
export interface PublicJwk {
  kty: string;
  kid?: string;
  use?: 'sig';
  alg?: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
}

/** A key pair of the kind asked for (off the event loop: RSA generation takes tens of ms). */
export async function generateSigningKey(type: SigningKeyType): Promise<GeneratedKeyPair> {
  const encoding = { privateKeyEncoding: { type: 'pkcs8', format: 'pem' } } as const;
  const pair =
    type === 'ed25519'
      ? await generateKeyPair('ed25519', {
          ...encoding,
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        })
      : type === 'ecdsa-p256'
        ? await generateKeyPair('ec', {
            namedCurve: 'P-256',
            ...encoding,
            publicKeyEncoding: { type: 'spki', format: 'pem' },
          })
        : await generateKeyPair('rsa', {
            modulusLength: RSA_MODULUS_BITS,
            ...encoding,
            publicKeyEncoding: { type: 'spki', format: 'pem' },
          });
  return { privatePem: pair.privateKey, publicJwk: publicJwkOf(createPrivateKey(pair.privateKey)) };
}

/** The JWK `alg` of a key kind; RSA keys sign both RSA-PSS and PKCS#1 v1.5 (cavage), so none. */
const JWK_ALG: Record<SigningKeyType, string | undefined> = {
  ed25519: 'EdDSA',
  'ecdsa-p256': 'ES256',
  rsa: undefined,
};

/** The kind of a private or public key, or undefined when Herald does not sign with it. */
export function signingKeyTypeOf(key: KeyObject): SigningKeyType | undefined {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return 'ecdsa-p256';
  }
  if (key.asymmetricKeyType === 'rsa') return 'rsa';
  return undefined;
}

/** The public half of a key as a JWK (no private members, whatever the input). */
export function publicJwkOf(key: KeyObject, kid?: string): PublicJwk {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = pub.export({ format: 'jwk' }) as PublicJwk;
  const type = signingKeyTypeOf(pub);
  const alg = type ? JWK_ALG[type] : undefined;
  const only: PublicJwk = { kty: jwk.kty };
  for (const member of ['crv', 'x', 'y', 'n', 'e'] as const) {
    if (jwk[member] !== undefined) only[member] = jwk[member];
  }
  return { ...(kid ? { kid } : {}), use: 'sig', ...(alg ? { alg } : {}), ...only };
}

/** `whpk_<base64 of the 32-byte ed25519 public key>`, as Standard Webhooks serialises it. */
export function standardWebhooksPublicKey(key: KeyObject): string {
  const jwk = publicJwkOf(key);
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('whpk_ keys are ed25519 keys');
  return ED25519_PUBLIC_KEY_PREFIX + Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** `whsk_<base64 of seed ‖ public key>` (the 64-byte ed25519 secret key of libsodium). */
export function standardWebhooksSecretKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as PublicJwk & { d?: string };
  if (key.type !== 'private' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.x) {
    throw new Error('whsk_ keys are ed25519 private keys');
  }
  const bytes = Buffer.concat([Buffer.from(jwk.d, 'base64url'), Buffer.from(jwk.x, 'base64url')]);
  return ED25519_SECRET_KEY_PREFIX + bytes.toString('base64');
}

/** The private key of a `whsk_` secret key (64 bytes seed ‖ public, or the 32-byte seed). */
export function keyFromStandardWebhooksSecretKey(whsk: string): KeyObject {
  if (!whsk.startsWith(ED25519_SECRET_KEY_PREFIX)) {
    throw new Error(`secret key must start with "${ED25519_SECRET_KEY_PREFIX}"`);
  }
  const bytes = Buffer.from(whsk.slice(ED25519_SECRET_KEY_PREFIX.length), 'base64');
  if (bytes.length !== 64 && bytes.length !== 32) {
    throw new Error('an ed25519 secret key has 64 bytes (seed and public key) or 32 (seed)');
  }
  // PKCS#8 of an ed25519 seed: a fixed 16-byte header (RFC 8410) and the 32 bytes.
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_HEADER, bytes.subarray(0, 32)]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** The public key of a `whpk_` public key. */
export function keyFromStandardWebhooksPublicKey(whpk: string): KeyObject {
  if (!whpk.startsWith(ED25519_PUBLIC_KEY_PREFIX)) {
    throw new Error(`public key must start with "${ED25519_PUBLIC_KEY_PREFIX}"`);
  }
  const raw = Buffer.from(whpk.slice(ED25519_PUBLIC_KEY_PREFIX.length), 'base64');
  if (raw.length !== 32) throw new Error('an ed25519 public key has 32 bytes');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

/**
 * The keys to sign with now, per kind: every key not yet expired (a rotation overlap gives two),
 * newest first; when every key of a kind has expired, the one that expired last, so nothing goes
 * out unsigned.
 */
export function activeKeys(
  keys: readonly SealedSigningKey[],
  type: SigningKeyType,
  now: Date,
): SealedSigningKey[] {
  const ofType = keys.filter((k) => k.type === type);
  const valid = ofType.filter(
    (k) => k.expiresAt === null || Date.parse(k.expiresAt) > now.getTime(),
  );
  const expiry = (k: SealedSigningKey) =>
    k.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(k.expiresAt);
  const newestFirst = (a: SealedSigningKey, b: SealedSigningKey) => expiry(b) - expiry(a);
  if (valid.length > 0) return [...valid].sort(newestFirst);
  return [...ofType].sort(newestFirst).slice(0, 1);
}

/**
 * The key of a scheme that carries one signature (draft-cavage), among `activeKeys` (newest
 * first): during a rotation overlap the previous key, until the overlap ends; then the new one.
 * The new key is in the JWKS from the moment of the rotation, so a receiver that caches the JWKS
 * (max-age 300 s) or pinned the old key keeps verifying through the overlap, and has the new key
 * by the time it is used, as long as the overlap outlasts its cache. Signing with the new key at
 * once would send a keyId such a receiver does not know yet. An emergency rotation (`overlapMs:
 * 0`) switches at once.
 */
export function keyForSingleSignature<T>(newestFirst: readonly T[]): T {
  if (newestFirst.length === 0) throw new Error('no key to sign with');
  return newestFirst[newestFirst.length - 1];
}
