import { Subscription, subscriptionStatus } from '@herald/contracts';
import { signingOptionsOf } from '@herald/delivery';
import { credentialView, tlsView } from './delivery-auth';

/**
 * A subscription as the API shows it: each signing secret only as its fingerprint (the first
 * bytes of its SHA-256) and expiry. The secret itself is in the create and rotate responses
 * and behind `GET /v1/subscriptions/{id}/secret`. `options` are the signatures sent (for a
 * subscription stored before options, what its scheme amounts to), without key material: the
 * public keys are in the JWKS documents. `status` says what it is doing and why
 * (`paused until …`, `disabled: 410 Gone`, `deactivated by the tenant`).
 */
export function subscriptionView(s: Subscription) {
  return {
    ...s,
    status: subscriptionStatus(s),
    signing: {
      scheme: s.signing.scheme,
      secrets: s.signing.secrets.map((x) => ({
        fingerprint: x.fingerprint,
        expiresAt: x.expiresAt,
      })),
      options: signingOptionsView(s.signing),
    },
    credential: credentialView(s.credential),
    tls: tlsView(s.tls),
  };
}

function signingOptionsView(signing: Subscription['signing']) {
  const { keys: _keys, ...options } = signingOptionsOf(signing);
  return options;
}
