import { int } from '../variable';

/** Limits on an inbound event, shared by the HTTP door (subscription-api) and event-ingest. */
export const eventLimitsSchema = {
  HERALD_EVENT_MAX_DEPTH: int({
    description:
      'subscription-api and event-ingest: deepest nesting of objects and arrays accepted in an event (deeper ones get 400 or go to herald.events.invalid)',
    default: '64',
    min: 2,
    max: 1_000,
  }),
};
