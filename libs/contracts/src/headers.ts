/** Kafka header names Herald writes. Lower-case, `herald-` prefixed. */
export const HEADERS = {
  messageKind: 'herald-kind',
  schemaVersion: 'herald-version',
  // herald.events.invalid
  invalidReason: 'herald-invalid-reason',
  invalidCode: 'herald-invalid-code',
  originalTopic: 'herald-original-topic',
  originalPartition: 'herald-original-partition',
  originalOffset: 'herald-original-offset',
  // retry topics and the DLQ
  attempt: 'herald-attempt',
  dueAt: 'herald-due-at',
  lastError: 'herald-last-error',
  deadReason: 'herald-dead-reason',
  // a message a consumer could never process (invalid topic or DLQ): the reason class
  poisonReason: 'herald-poison-reason',
} as const;

/** Why an inbound event was rejected: a bounded set, used as a metric label. */
export const INVALID_REASONS = [
  'malformed_json',
  'invalid_envelope',
  'unknown_tenant',
  'unknown_event_type',
  'schema_violation',
  'oversized',
  /** Over the tenant's Kafka rate, with HERALD_INGEST_OVER_LIMIT=drop. */
  'rate_limited',
  /** A NUL or lone surrogate in a string or key, or nesting too deep: PostgreSQL cannot store it. */
  'unstorable',
  /** Valid, but refused for good by PostgreSQL or Kafka (herald-poison-reason says why). */
  'unprocessable',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];
