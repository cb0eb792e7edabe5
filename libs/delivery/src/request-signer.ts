import { SigningOptions, SigningKeyType, Subscription } from '@herald/contracts';
import { SigningKeyring, activeSecrets, secretKey } from './signing-secret';
import { signStandardWebhooks } from './standard-webhooks';
import {
  DEFAULT_COMPONENTS,
  HttpMessageSigner,
  MessageToSign,
  contentDigest,
  signHttpMessage,
} from './http-message-signature';
import { bodyDigest, signCavage } from './cavage-signature';
import { activeKeys, keyForSingleSignature } from './signing-keys';

/** A subscription asks for a signature it has no key for (its key set is still being made). */
export class SigningKeyMissingError extends Error {
  constructor(readonly keyType: SigningKeyType) {
    super(`no ${keyType} signing key for this subscription yet`);
    this.name = 'SigningKeyMissingError';
  }
}

/** Which key kind an RFC 9421 algorithm signs with (null: the `whsec_` secrets). */
export const KEY_TYPE_OF_ALGORITHM = {
  ed25519: 'ed25519',
  'ecdsa-p256-sha256': 'ecdsa-p256',
  'rsa-pss-sha512': 'rsa',
  'hmac-sha256': null,
} as const;

/** What a subscription stored before asymmetric signing signs with: `v1,`, RFC 9421 HMAC. */
export function signingOptionsOf(signing: Subscription['signing']): SigningOptions {
  if (signing.options) return signing.options;
  return {
    standardWebhooks: { symmetric: true, asymmetric: false },
    httpMessageSignatures:
      signing.scheme === 'http-message-signatures'
        ? {
            algorithm: 'hmac-sha256',
            components: [...DEFAULT_COMPONENTS],
            digest: 'sha-256',
            expiresInSeconds: null,
            nonce: false,
            tag: null,
          }
        : null,
    cavage: null,
    keyScope: 'tenant',
    keys: [],
  };
}

/**
 * The signature headers for one request, in every scheme the subscription asks for. The
 * Standard Webhooks `webhook-id`/`webhook-timestamp` are always sent (`webhook-id` is the
 * idempotency key receivers rely on), with `v1,` and/or `v1a,` signatures; RFC 9421 adds
 * `Content-Digest`, `Date`, `Signature-Input`/`Signature`; draft-cavage adds `Digest`, `Date`
 * and its `Signature`. `headers` are the other headers sent (custom ones, `content-type`), which
 * covered components read. Sealed secrets and keys are opened by `keyring` (which throws
 * `SecretDecryptionError` when it cannot).
 */
export function signatureHeaders(
  subscription: Pick<Subscription, 'id' | 'url' | 'signing'>,
  deliveryId: string,
  body: string,
  now: Date,
  keyring: SigningKeyring,
  headers: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const options = signingOptionsOf(subscription.signing);
  const secrets = () =>
    activeSecrets(subscription.signing.secrets, now).map((s) => keyring.open(s));
  const keysOf = (type: SigningKeyType) => {
    const keys = activeKeys(options.keys, type, now);
    if (keys.length === 0) throw new SigningKeyMissingError(type);
    return keys.map((k) => ({ kid: k.kid, key: keyring.privateKey(k.sealed) }));
  };
  const out = signStandardWebhooks({
    id: deliveryId,
    now,
    body,
    secrets: options.standardWebhooks.symmetric ? secrets() : [],
    ed25519Keys: options.standardWebhooks.asymmetric ? keysOf('ed25519').map((k) => k.key) : [],
  });
  const sent: Record<string, string> = lowerCased(headers);
  sent.host = new URL(subscription.url).host;
  sent['content-length'] = String(Buffer.byteLength(body));
  const hms = options.httpMessageSignatures;
  if (hms) {
    out['content-digest'] = contentDigest(body, hms.digest);
    out.date = now.toUTCString();
    if (hms.components.includes('content-length')) {
      out['content-length'] = sent['content-length'];
    }
    const message: MessageToSign = {
      method: 'POST',
      url: subscription.url,
      headers: { ...sent, ...out },
    };
    const keyType = KEY_TYPE_OF_ALGORITHM[hms.algorithm];
    const signers: HttpMessageSigner[] =
      keyType === null
        ? secrets().map((s) => ({ keyId: subscription.id, key: secretKey(s) }))
        : keysOf(keyType).map((k) => ({ keyId: k.kid, key: k.key }));
    Object.assign(
      out,
      signHttpMessage({
        message,
        now,
        algorithm: hms.algorithm,
        components: hms.components,
        signers,
        expiresInSeconds: hms.expiresInSeconds,
        nonce: hms.nonce,
        tag: hms.tag,
      }),
    );
  }
  if (options.cavage) {
    out.digest = bodyDigest(body);
    out.date = now.toUTCString();
    if (options.cavage.headers.includes('content-length')) {
      out['content-length'] = sent['content-length'];
    }
    // One signature fits: the key that has signed longest (see `keyForSingleSignature`).
    const current = keyForSingleSignature(keysOf('rsa'));
    const message: MessageToSign = {
      method: 'POST',
      url: subscription.url,
      headers: { ...sent, ...out },
    };
    Object.assign(
      out,
      signCavage({ message, now, options: options.cavage, keyId: current.kid, key: current.key }),
    );
  }
  return out;
}

function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
