import { ConfigOf, dispatcherSchema } from '@herald/config';

export type DispatcherConfig = ConfigOf<typeof dispatcherSchema>;
/** Injection token for the validated dispatcher configuration. */
export const DispatcherConfig = Symbol('DispatcherConfig');
