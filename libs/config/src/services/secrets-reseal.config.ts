import { commonSchema } from './common.config';
import { subscriptionApiSchema } from './subscription-api.config';

/** `npm run secrets:reseal`: reseals every stored secret (signing secrets and key pairs, delivery credentials, TLS keys) with the current key. */
export const secretsResealSchema = {
  DATABASE_URL: commonSchema.DATABASE_URL,
  HERALD_SECRETS_KEYS: subscriptionApiSchema.HERALD_SECRETS_KEYS,
};
