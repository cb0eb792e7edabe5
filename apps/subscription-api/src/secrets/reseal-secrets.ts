import { SigningSecret, Subscription } from '@herald/contracts';
import { SecretBox, sealedKeyId, secretFingerprint } from '@herald/delivery';
import { SealedSecretStore, SubscriptionStore } from '@herald/persistence';

/** A stored secret: sealed, or plain text from before secrets were sealed. */
type StoredSecret = SigningSecret | { secret: string; expiresAt: string | null };

const PAGE = 200;

/**
 * Refuses to start when the stored secrets use a key that `HERALD_SECRETS_KEYS` lacks or that
 * does not open them (a different key under the same id). Messages name key ids, never secrets.
 */
export async function checkSecretsKeys(store: SealedSecretStore, box: SecretBox): Promise<void> {
  for (const { keyId, count, sample } of await store.usage()) {
    if (keyId === null || sample === null) continue;
    if (!box.keyIds.includes(keyId)) {
      throw new Error(
        `HERALD_SECRETS_KEYS has no key "${keyId}", which seals ${count} stored signing secret(s): add it after the current key (${box.keyIds.join(', ')}) and start again`,
      );
    }
    try {
      box.open(sample);
    } catch (error) {
      throw new Error(`stored signing secrets cannot be decrypted: ${(error as Error).message}`);
    }
  }
}

/**
 * Seals every stored signing secret with the current key: plain-text ones (stored before
 * sealing) and ones sealed with an older key (after a rotation). Each subscription is rewritten
 * under its row lock with a new revision and an outbox record, so the changelog carries the
 * resealed secrets too. Returns how many subscriptions were rewritten.
 */
export async function resealSecrets(
  sealing: SealedSecretStore,
  subscriptions: SubscriptionStore,
  box: SecretBox,
): Promise<number> {
  let resealed = 0;
  let after = '';
  for (;;) {
    const page = await sealing.notSealedWith(box.currentKeyId, after, PAGE);
    for (const { tenantId, id } of page) {
      const changed = await subscriptions.update(tenantId, id, (s) => resealed1(s, box));
      if (changed) resealed++;
    }
    if (page.length < PAGE) return resealed;
    after = page[page.length - 1].id;
  }
}

function resealed1(s: Subscription, box: SecretBox): Subscription {
  const secrets = (s.signing.secrets as StoredSecret[]).map((x): SigningSecret => {
    if ('secret' in x) {
      return {
        sealed: box.seal(x.secret),
        fingerprint: secretFingerprint(x.secret),
        expiresAt: x.expiresAt,
      };
    }
    if (sealedKeyId(x.sealed) === box.currentKeyId) return x;
    return { ...x, sealed: box.seal(box.open(x.sealed)) };
  });
  return { ...s, signing: { ...s.signing, secrets } };
}
