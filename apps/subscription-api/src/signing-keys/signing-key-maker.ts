import { randomBytes } from 'crypto';
import { SigningKeyType } from '@herald/contracts';
import { SecretBox, generateSigningKey } from '@herald/delivery';
import { NewSigningKey, SigningKeyMaker } from '@herald/persistence';

/** The kind's part of a kid: `key_ed25519_…`, `key_p256_…`, `key_rsa_…`. */
const KID_KIND: Record<SigningKeyType, string> = {
  ed25519: 'ed25519',
  'ecdsa-p256': 'p256',
  rsa: 'rsa',
};

/** A fresh kid: the kind and 80 random bits, nothing about the tenant or subscription. */
export function newKid(type: SigningKeyType): string {
  return `key_${KID_KIND[type]}_${randomBytes(10).toString('hex')}`;
}

/**
 * Key pairs made with node:crypto (off the event loop), the PKCS#8 private key sealed at once
 * with the secrets keyring (as signing secrets are), the public half kept as its JWK with the
 * kid receivers look up.
 */
export function signingKeyMaker(box: SecretBox): SigningKeyMaker {
  return async (type: SigningKeyType): Promise<NewSigningKey> => {
    const kid = newKid(type);
    const pair = await generateSigningKey(type);
    return {
      kid,
      type,
      sealed: box.seal(pair.privatePem),
      publicJwk: { kid, ...pair.publicJwk } as Record<string, string>,
    };
  };
}
