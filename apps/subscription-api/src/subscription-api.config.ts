import { ConfigOf, subscriptionApiSchema } from '@herald/config';

export type SubscriptionApiConfig = ConfigOf<typeof subscriptionApiSchema>;
/** Injection token for the validated subscription-api configuration. */
export const SubscriptionApiConfig = Symbol('SubscriptionApiConfig');
