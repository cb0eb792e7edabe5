import { ConfigOf, eventIngestSchema } from '@herald/config';

export type EventIngestConfig = ConfigOf<typeof eventIngestSchema>;
/** Injection token for the validated event-ingest configuration. */
export const EventIngestConfig = Symbol('EventIngestConfig');
