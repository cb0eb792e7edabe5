import { Message } from 'kafkajs';
import { HEADERS, InvalidReason } from '@herald/contracts';
import type { ConsumedMessage, Poison } from './consumer-runner';

const MAX_REASON_LENGTH = 1_000;

/** Where a forwarded message came from: enough of a consumed message to say so. */
export type SourceMessage = Pick<
  ConsumedMessage,
  'topic' | 'partition' | 'offset' | 'key' | 'value' | 'headers'
>;

/**
 * The one shape of a message for herald.events.invalid (ingest, matcher, quarantine): the message
 * byte for byte, the reason code and detail, and where it came from, in headers.
 */
export function invalidMessage(
  message: SourceMessage,
  code: InvalidReason,
  detail: string,
  extra: Record<string, string> = {},
): Message {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [HEADERS.invalidCode]: code,
      [HEADERS.invalidReason]: detail.slice(0, MAX_REASON_LENGTH),
      ...extra,
      [HEADERS.originalTopic]: message.topic,
      [HEADERS.originalPartition]: String(message.partition),
      [HEADERS.originalOffset]: message.offset,
    },
  };
}

function origin(message: ConsumedMessage, poison: Poison): Record<string, string> {
  return {
    [HEADERS.poisonReason]: poison.reason,
    [HEADERS.originalTopic]: message.topic,
    [HEADERS.originalPartition]: String(message.partition),
    [HEADERS.originalOffset]: message.offset,
  };
}

/** A quarantined event for herald.events.invalid: byte for byte, the reason in headers. */
export function invalidEventMessage(message: ConsumedMessage, poison: Poison): Message {
  return invalidMessage(message, 'unprocessable', `${poison.reason}: ${poison.detail}`, {
    [HEADERS.poisonReason]: poison.reason,
  });
}

/** A quarantined delivery job for herald.deliveries.dlq: byte for byte, the reason in headers. */
export function deadJobMessage(message: ConsumedMessage, poison: Poison): Message {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [HEADERS.deadReason]: `${poison.reason}: ${poison.detail}`.slice(0, MAX_REASON_LENGTH),
      ...origin(message, poison),
    },
  };
}
