import { Message } from 'kafkajs';
import { DeliveryJob, HEADERS, HeraldTopic, PayloadOf, TOPICS } from '@herald/contracts';

/** A message for topic T before encoding: its key, its typed payload, any extra headers. */
export interface OutgoingMessage<V> {
  key: string | null;
  value: V;
  headers?: Record<string, string>;
}

/** Message headers saying what a JSON value is, so a reader can route or reject it cheaply. */
export function kindHeaders(value: unknown): Record<string, string> {
  if (typeof value === 'object' && value !== null && 'kind' in value && 'version' in value) {
    const { kind, version } = value as { kind: unknown; version: unknown };
    return { [HEADERS.messageKind]: String(kind), [HEADERS.schemaVersion]: String(version) };
  }
  return {};
}

export function encodeJson(value: unknown): Buffer | null {
  return value === null ? null : Buffer.from(JSON.stringify(value));
}

/**
 * The one encoding path of every Herald producer (typed producer, ingest, outcome recorder,
 * outbox relay): a payload of topic T only (`PayloadOf<T>`), as JSON, with the kind headers and
 * then the caller's headers. Only quarantine and deferral forward bytes as they came.
 */
export function encodeFor<T extends HeraldTopic>(
  topic: T,
  message: OutgoingMessage<PayloadOf<T>>,
): Message {
  const { value } = message;
  return encodedFor(topic, message, value === null ? null : jsonFor(topic, value));
}

/** The JSON text of a payload of topic T, for a payload also written elsewhere (the event store). */
export function jsonFor<T extends HeraldTopic>(_topic: T, value: PayloadOf<T>): string {
  return JSON.stringify(value);
}

/** `encodeFor` with the value's JSON already made by `jsonFor` (encoded once, written twice). */
export function encodedFor<T extends HeraldTopic>(
  _topic: T,
  message: OutgoingMessage<PayloadOf<T>>,
  json: string | null,
): Message {
  const { key, value, headers } = message;
  return {
    key,
    value: json === null ? null : Buffer.from(json),
    headers: headers ? { ...kindHeaders(value), ...headers } : kindHeaders(value),
  };
}

const EVENT_FIELD = Buffer.from(',"event":');
const CLOSE = Buffer.from('}');

/**
 * `encodeFor` of a delivery job whose event's JSON is at hand as it came from herald.events
 * (what the matcher parsed it from): the bytes are spliced in, so the event is not encoded
 * again for each of its jobs. The same JSON value as `encodeFor`, with `event` last.
 */
export function encodeJobFor(
  topic: typeof TOPICS.deliveries,
  message: OutgoingMessage<DeliveryJob>,
  eventJson: Buffer,
): Message {
  const { event: _event, ...rest } = message.value;
  const head = Buffer.from(JSON.stringify(rest));
  const value = Buffer.concat([head.subarray(0, head.length - 1), EVENT_FIELD, eventJson, CLOSE]);
  return { ...encodedFor(topic, message, null), value };
}
