import {
  HeraldEvent,
  InvalidReason,
  KafkaHeaders,
  ValidationIssue,
  describeIssues,
  findUnstorable,
  normaliseCloudEvent,
  parseKafkaCloudEvent,
} from '@herald/contracts';

/** A message as read from an inbound topic. */
export interface InboundMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: KafkaHeaders;
}

export interface Rejection {
  reason: InvalidReason;
  /** Human-readable, naming the field: goes into the invalid topic's headers. */
  detail: string;
}

export type Decoded = { ok: true; event: HeraldEvent } | { ok: false; rejection: Rejection };

/** Bytes a message occupies: its value plus header names and values. */
export function messageSize(message: Pick<InboundMessage, 'value' | 'headers'>): number {
  let size = message.value?.length ?? 0;
  for (const [name, raw] of Object.entries(message.headers)) {
    size += name.length;
    for (const value of Array.isArray(raw) ? raw : [raw]) size += value?.length ?? 0;
  }
  return size;
}

export interface DecodeLimits {
  /** Largest message (value plus headers), in bytes. */
  maxBytes: number;
  /** Deepest nesting of objects and arrays in the event. */
  maxDepth: number;
}

/**
 * Reads one inbound message (structured or binary CloudEvent) into the normalised event, or
 * says why it is rejected. An event PostgreSQL could not store (a NUL or lone surrogate in an
 * attribute, in `data` or in one of its keys, from the body or a `ce_*` header; nesting deeper
 * than the limit) is rejected as `unstorable`, naming the field. Pure: the time is passed in.
 */
export function decodeInbound(
  message: InboundMessage,
  limits: DecodeLimits,
  receivedAt: Date,
): Decoded {
  const size = messageSize(message);
  if (size > limits.maxBytes) {
    return reject(
      'oversized',
      `message is ${size} bytes, more than the limit of ${limits.maxBytes}`,
    );
  }
  const parsed = parseKafkaCloudEvent(message.headers, message.value);
  if (!parsed.ok) return reject(reasonOf(parsed.issues), describeIssues(parsed.issues));
  const unstorable = findUnstorable(parsed.value, limits.maxDepth);
  if (unstorable) return reject('unstorable', `${unstorable.path}: ${unstorable.problem}`);
  return { ok: true, event: normaliseEvent(parsed.value, receivedAt) };
}

function reasonOf(issues: ValidationIssue[]): InvalidReason {
  return issues.some((i) => i.message.startsWith('is not valid JSON'))
    ? 'malformed_json'
    : 'invalid_envelope';
}

function reject(reason: InvalidReason, detail: string): Decoded {
  return { ok: false, rejection: { reason, detail } };
}

/** The CloudEvent as Herald's internal event (see `normaliseCloudEvent` in libs/contracts). */
export const normaliseEvent = normaliseCloudEvent;
