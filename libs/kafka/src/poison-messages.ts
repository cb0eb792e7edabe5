import { Message } from 'kafkajs';
import { HEADERS } from '@herald/contracts';
import type { ConsumedMessage, Poison } from './consumer-runner';

const MAX_REASON_LENGTH = 1_000;

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
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [HEADERS.invalidCode]: 'unprocessable',
      [HEADERS.invalidReason]: `${poison.reason}: ${poison.detail}`.slice(0, MAX_REASON_LENGTH),
      ...origin(message, poison),
    },
  };
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
