import { Message } from 'kafkajs';
import {
  BatchContext,
  ConsumedMessage,
  Poison,
  TopicHandler,
  invalidEventMessage,
} from '@herald/kafka';
import { IngestEvents } from './ingest-events.usecase';
import { IngestMetrics } from './ingest-metrics';
import { RateLimitMetrics } from './rate-limit-metrics';

/**
 * Messages handled per use-case call (one Kafka request and one INSERT each): up to this many,
 * and up to this many bytes, so the forwarded record batch stays under Kafka's default
 * `message.max.bytes` (1 MiB) whatever the events' size.
 */
const CHUNK_MESSAGES = 2_000;
const CHUNK_BYTES = 512 * 1024;

/** Consecutive slices of `messages` within both limits (a single oversized message alone). */
export function chunksOf(messages: ConsumedMessage[]): ConsumedMessage[][] {
  const chunks: ConsumedMessage[][] = [];
  let current: ConsumedMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = (message.value?.length ?? 0) + (message.key?.length ?? 0);
    if (current.length > 0 && (current.length >= CHUNK_MESSAGES || bytes + size > CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * The Kafka shell around IngestEvents: hands it the batch in chunks and resolves the offsets
 * of a chunk only after the use-case has written it everywhere. A throw (broker or database
 * down) leaves the chunk unresolved: the runner rewinds and retries it after a back-off. A
 * message that can never be written (the runner finds it) goes to herald.events.invalid as
 * `unprocessable`, with the reason.
 */
export function inboundEventsHandler(
  topics: readonly (string | RegExp)[],
  ingest: IngestEvents,
  metrics: IngestMetrics,
  sendInvalid: (messages: Message[]) => Promise<void>,
  rateLimits?: RateLimitMetrics,
): TopicHandler {
  return {
    name: 'inbound-events',
    topics,
    async quarantine(message: ConsumedMessage, poison: Poison): Promise<void> {
      await sendInvalid([invalidEventMessage(message, poison)]);
      metrics.record({ accepted: 0, deferred: 0, duplicates: 0, invalid: ['unprocessable'] });
    },
    async handleBatch(messages: ConsumedMessage[], context: BatchContext): Promise<void> {
      for (const chunk of chunksOf(messages)) {
        if (!context.isActive()) return;
        const outcome = await ingest.execute(chunk);
        metrics.recordOutcome(outcome);
        rateLimits?.overLimit.inc({ action: 'deferred' }, outcome.deferred.length);
        rateLimits?.overLimit.inc(
          { action: 'dropped' },
          outcome.invalid.filter((i) => i.rejection.reason === 'rate_limited').length,
        );
        context.resolveOffset(chunk[chunk.length - 1].offset);
        await context.heartbeat();
      }
    },
  };
}
