import { ConfigOf, matcherSchema } from '@herald/config';

export type MatcherConfig = ConfigOf<typeof matcherSchema>;
/** Injection token for the validated matcher configuration. */
export const MatcherConfig = Symbol('MatcherConfig');
