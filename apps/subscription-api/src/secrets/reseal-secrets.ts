import { SigningSecret, Subscription } from '@herald/contracts';
import { SecretBox, sealedKeyId, secretFingerprint, withSealedValues } from '@herald/delivery';
import { KeyScope, SealedSecretStore, SubscriptionStore } from '@herald/persistence';

/** A stored secret: sealed, or plain text from before secrets were sealed. */
type StoredSecret = SigningSecret | { secret: string; expiresAt: string | null };

const PAGE = 200;

/** What one reseal did. */
export interface ResealReport {
  /** Subscriptions rewritten for their own secrets, credentials or TLS keys. */
  subscriptions: number;
  /** Private keys of signing key pairs resealed. */
  signingKeys: number;
  /** Subscriptions re-published because the key pairs they sign with were resealed. */
  republished: number;
}

/**
 * Refuses to start when a stored secret (signing secret, key pair, delivery credential, TLS
 * client key) uses a key that `HERALD_SECRETS_KEYS` lacks or that does not open it (a different
 * key under the same id). Messages name key ids, never secrets.
 */
export async function checkSecretsKeys(store: SealedSecretStore, box: SecretBox): Promise<void> {
  for (const { keyId, count, sample } of await store.usage()) {
    if (keyId === null || sample === null) continue;
    if (!box.keyIds.includes(keyId)) {
      throw new Error(
        `HERALD_SECRETS_KEYS has no key "${keyId}", which seals ${count} stored secret(s) (signing secrets, signing keys, delivery credentials, TLS keys): add it after the current key (${box.keyIds.join(', ')}) and start again`,
      );
    }
    try {
      box.open(sample);
    } catch (error) {
      throw new Error(`stored secrets cannot be decrypted: ${(error as Error).message}`);
    }
  }
}

/**
 * Seals every stored secret with the current key: the private keys of the signing key pairs
 * (each key scope in one transaction, re-publishing the subscriptions that sign with them), then
 * each subscription's signing secrets (plain-text ones stored before sealing, and ones sealed
 * with an older key after a rotation), delivery credential and TLS client key, rewritten under
 * its row lock with a new revision and an outbox record, so the changelog carries the resealed
 * values too.
 */
export async function resealSecrets(
  sealing: SealedSecretStore,
  subscriptions: SubscriptionStore,
  box: SecretBox,
  now: () => Date = () => new Date(),
): Promise<ResealReport> {
  const report: ResealReport = { subscriptions: 0, signingKeys: 0, republished: 0 };
  const current = (sealed: string) =>
    sealedKeyId(sealed) === box.currentKeyId ? sealed : box.seal(box.open(sealed));
  let scope: KeyScope | null = null;
  for (;;) {
    const page = await sealing.keyScopesNotSealedWith(box.currentKeyId, scope, PAGE);
    for (const s of page) {
      const done = await subscriptions.resealSigningKeys(s.tenantId, s.scope, current, now());
      report.signingKeys += done.keys;
      report.republished += done.republished.length;
    }
    if (page.length < PAGE) break;
    scope = page[page.length - 1];
  }
  let after = '';
  for (;;) {
    const page = await sealing.notSealedWith(box.currentKeyId, after, PAGE);
    for (const { tenantId, id } of page) {
      const changed = await subscriptions.update(tenantId, id, (s) => resealed(s, box, current));
      if (changed) report.subscriptions++;
    }
    if (page.length < PAGE) return report;
    after = page[page.length - 1].id;
  }
}

function resealed(s: Subscription, box: SecretBox, current: (sealed: string) => string) {
  const secrets = (s.signing.secrets as StoredSecret[]).map((x): SigningSecret => {
    if ('secret' in x) {
      return {
        sealed: box.seal(x.secret),
        fingerprint: secretFingerprint(x.secret),
        expiresAt: x.expiresAt,
      };
    }
    return x;
  });
  return withSealedValues({ ...s, signing: { ...s.signing, secrets } }, current);
}
