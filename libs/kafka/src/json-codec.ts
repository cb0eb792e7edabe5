import { Message } from 'kafkajs';
import { HEADERS, HeraldTopic, PayloadOf } from '@herald/contracts';

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
  _topic: T,
  message: OutgoingMessage<PayloadOf<T>>,
): Message {
  const { key, value, headers } = message;
  return {
    key,
    value: encodeJson(value),
    headers: headers ? { ...kindHeaders(value), ...headers } : kindHeaders(value),
  };
}
