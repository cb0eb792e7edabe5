import { Subscription } from '@herald/contracts';

/**
 * A subscription as the API shows it: each signing secret only as its fingerprint (the first
 * bytes of its SHA-256) and expiry. The secret itself is in the create and rotate responses
 * and behind `GET /v1/subscriptions/{id}/secret`.
 */
export function subscriptionView(s: Subscription) {
  return {
    ...s,
    signing: {
      scheme: s.signing.scheme,
      secrets: s.signing.secrets.map((x) => ({
        fingerprint: x.fingerprint,
        expiresAt: x.expiresAt,
      })),
    },
  };
}
