import { Subscription } from '@herald/contracts';
import { secretHint } from './signing-secrets';

/** A subscription as the API shows it: secrets only as hints (the secret is shown once). */
export function subscriptionView(s: Subscription) {
  return {
    ...s,
    signing: {
      scheme: s.signing.scheme,
      secrets: s.signing.secrets.map((x) => ({
        hint: secretHint(x.secret),
        expiresAt: x.expiresAt,
      })),
    },
  };
}
