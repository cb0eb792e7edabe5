import { Subscription } from '@herald/contracts';
import { SigningKeyring, activeSecrets } from './signing-secret';
import { signStandardWebhooks } from './standard-webhooks';
import { signHttpMessage } from './http-message-signature';

/**
 * The signature headers for one request, in the subscription's scheme. Standard Webhooks
 * headers are always sent (`webhook-id` is the idempotency key receivers rely on); RFC 9421
 * adds `Signature-Input`/`Signature` over the same body. The subscription's secrets are sealed:
 * `keyring` opens them (and throws `SecretDecryptionError` when it cannot).
 */
export function signatureHeaders(
  subscription: Pick<Subscription, 'id' | 'url' | 'signing'>,
  deliveryId: string,
  body: string,
  now: Date,
  keyring: SigningKeyring,
): Record<string, string> {
  const secrets = activeSecrets(subscription.signing.secrets, now).map((s) => keyring.open(s));
  const headers = signStandardWebhooks({ id: deliveryId, now, body, secrets });
  if (subscription.signing.scheme === 'http-message-signatures') {
    Object.assign(
      headers,
      signHttpMessage({
        method: 'POST',
        url: subscription.url,
        body,
        now,
        secrets,
        keyId: subscription.id,
      }),
    );
  }
  return headers;
}
