import { Subscription } from '@herald/contracts';
import { baseSubscription } from '@herald/contracts/testing';
import { SecretBox, SigningKeyring } from '@herald/delivery';
import { checkSealedSecretsOpen } from './sealed-secrets-check';
import { SubscriptionReplica } from './subscription-replica';

const A = { id: 'a', key: Buffer.alloc(32, 1) };
const B = { id: 'b', key: Buffer.alloc(32, 2) };
const sealedWith = (key: typeof A, plain: string) => new SecretBox([key]).seal(plain);

/** Signed with b's whsec_, and one other value, of each kind in turn, sealed with a. */
function subscriptions(): [string, Subscription][] {
  const base = baseSubscription();
  const secret = { sealed: sealedWith(B, 'whsec_x'), fingerprint: 'sha256:0', expiresAt: null };
  const value = { sealed: sealedWith(A, 'plain'), fingerprint: 'sha256:1' };
  const signing = { scheme: 'standard-webhooks' as const, secrets: [secret] };
  return [
    [
      'a signing key pair',
      {
        ...base,
        signing: {
          ...signing,
          options: {
            standardWebhooks: { symmetric: true, asymmetric: true },
            httpMessageSignatures: null,
            cavage: null,
            keyScope: 'tenant',
            keys: [{ kid: 'k', type: 'ed25519', sealed: value.sealed, expiresAt: null }],
          },
        },
      },
    ],
    [
      'a header credential',
      { ...base, signing, credential: { type: 'header', name: 'X-Key', value } },
    ],
    [
      'a Basic password',
      { ...base, signing, credential: { type: 'basic', username: 'u', password: value } },
    ],
    [
      'a TLS client key',
      { ...base, signing, tls: { clientCertificate: 'PEM', clientKey: value, ca: null } },
    ],
  ];
}

describe('the dispatcher start-up check opens every kind of sealed value', () => {
  it.each(subscriptions())('refuses a key set without the key of %s', (_what, s) => {
    const view = new SubscriptionReplica();
    view.upsert(s);
    const onlyB = new SigningKeyring(new SecretBox([B]));
    expect(() => checkSealedSecretsOpen(view.sealedSecretSamples(), onlyB)).toThrow(
      /sealed secrets cannot be decrypted: .*"a"/,
    );
    const both = new SigningKeyring(new SecretBox([B, A]));
    expect(() => checkSealedSecretsOpen(view.sealedSecretSamples(), both)).not.toThrow();
  });
});
