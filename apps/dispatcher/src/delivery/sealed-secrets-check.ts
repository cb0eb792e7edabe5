import { SigningKeyring } from '@herald/delivery';

/**
 * Start-up check: one sealed secret per key id in use must open with `HERALD_SECRETS_KEYS`, so a
 * missing or wrong key stops the dispatcher with a reason (naming the key id, never a secret)
 * instead of failing every delivery.
 */
export function checkSealedSecretsOpen(
  samples: Map<string, string>,
  keyring: SigningKeyring,
): void {
  for (const sealed of samples.values()) {
    try {
      keyring.open(sealed);
    } catch (error) {
      throw new Error(`sealed secrets cannot be decrypted: ${(error as Error).message}`);
    }
  }
}
