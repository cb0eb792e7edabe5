import { ConfigOf, retrySchedulerSchema } from '@herald/config';

export type RetrySchedulerConfig = ConfigOf<typeof retrySchedulerSchema>;
/** Injection token for the validated retry-scheduler configuration. */
export const RetrySchedulerConfig = Symbol('RetrySchedulerConfig');
