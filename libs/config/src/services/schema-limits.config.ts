import { int } from '../variable';

/** Size limits of a tenant's JSON Schema: subscription-api refuses, event-ingest never compiles, more. */
export const schemaLimitsSchema = {
  HERALD_SCHEMA_MAX_BYTES: int({
    description:
      'Largest event type data schema (JSON, in bytes): the API refuses a larger one with 400, event-ingest rejects events of a type whose stored schema is larger',
    default: '32768',
    min: 256,
    max: 1_048_576,
  }),
  HERALD_SCHEMA_MAX_DEPTH: int({
    description:
      'Deepest nesting of objects and arrays in an event type data schema (checked before it is compiled)',
    default: '32',
    min: 2,
    max: 256,
  }),
};
