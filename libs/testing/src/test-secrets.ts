import { SigningSecret } from '@herald/contracts';
import { SecretBox, SecretsKey, secretFingerprint } from '@herald/delivery';

/** The `HERALD_SECRETS_KEYS` of tests: one fixed key (32 bytes of 0x42) under the id `test1`. */
export const TEST_SECRETS_KEY: SecretsKey = { id: 'test1', key: Buffer.alloc(32, 0x42) };
export const TEST_SECRETS_KEYS = `${TEST_SECRETS_KEY.id}:${TEST_SECRETS_KEY.key.toString('base64')}`;

export function testSecretBox(): SecretBox {
  return new SecretBox([TEST_SECRETS_KEY]);
}

/** A signing secret as stored: `plain` sealed with the test key. */
export function sealedSigningSecret(
  plain: string,
  expiresAt: string | null = null,
  box: SecretBox = testSecretBox(),
): SigningSecret {
  return { sealed: box.seal(plain), fingerprint: secretFingerprint(plain), expiresAt };
}
