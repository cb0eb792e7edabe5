import { Ctx, Payload } from '@nestjs/microservices';
import { Message } from 'kafkajs';
import { TOPICS } from '@herald/contracts';
import {
  BatchContext,
  ConsumedMessage,
  KafkaBatch,
  KafkaBatchHandler,
  KafkaConsumers,
  Poison,
  TopicBinding,
  asReceived,
  invalidEventMessage,
} from '@herald/kafka';
import { DeferredDrain } from './deferred-drain';
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
 * How the transport reads event-ingest's topics: each message as it came (a CloudEvent in
 * structured or binary mode is read by the use-case, which records its rejections in the same
 * transaction as the publish). A message that can never be written (the runner finds it) goes
 * to herald.events.invalid as `unprocessable`, with the reason.
 */
export function ingestBinding(
  sendInvalid: (messages: Message[]) => Promise<void>,
  onQuarantine: () => void,
  extra: Pick<TopicBinding, 'alsoOwns' | 'onRebalance'> = {},
): TopicBinding {
  return {
    codec: asReceived(),
    forwardInvalid: sendInvalid,
    async quarantine(message: ConsumedMessage, poison: Poison): Promise<void> {
      await sendInvalid([invalidEventMessage(message, poison)]);
      onQuarantine();
    },
    ...extra,
  };
}

/**
 * The Kafka shell around IngestEvents: the batch handlers of the inbound, operational and
 * configured domain topics (`alsoOwns` of the inbound binding) and of herald.events.deferred.
 * Each hands the use-case the batch in chunks and resolves the offsets of a chunk only after it
 * has been written everywhere. A throw (broker or database down) leaves the chunk unresolved:
 * the runner rewinds and retries it after a back-off.
 */
@KafkaConsumers()
export class IngestConsumers {
  constructor(
    private readonly ingest: IngestEvents,
    private readonly metrics: IngestMetrics,
    private readonly drain: DeferredDrain,
    private readonly rateLimits?: RateLimitMetrics,
  ) {}

  @KafkaBatchHandler(TOPICS.eventsInbound)
  inbound(
    @Payload() batch: KafkaBatch<ConsumedMessage>,
    @Ctx() context: BatchContext,
  ): Promise<void> {
    return this.ingestInChunks(batch, context);
  }

  @KafkaBatchHandler(TOPICS.eventsOperational)
  operational(
    @Payload() batch: KafkaBatch<ConsumedMessage>,
    @Ctx() context: BatchContext,
  ): Promise<void> {
    return this.ingestInChunks(batch, context);
  }

  @KafkaBatchHandler(TOPICS.eventsDeferred)
  deferred(
    @Payload() batch: KafkaBatch<ConsumedMessage>,
    @Ctx() context: BatchContext,
  ): Promise<void> {
    return this.drain.handleBatch(
      batch.messages.map((m) => m.value),
      context,
    );
  }

  private async ingestInChunks(
    batch: KafkaBatch<ConsumedMessage>,
    context: BatchContext,
  ): Promise<void> {
    for (const chunk of chunksOf(batch.messages.map((m) => m.value))) {
      if (!context.isActive()) return;
      const outcome = await this.ingest.execute(chunk);
      this.metrics.recordOutcome(outcome);
      this.rateLimits?.overLimit.inc({ action: 'deferred' }, outcome.deferred.length);
      this.rateLimits?.overLimit.inc(
        { action: 'dropped' },
        outcome.invalid.filter((i) => i.rejection.reason === 'rate_limited').length,
      );
      context.resolveOffset(chunk[chunk.length - 1].offset);
      await context.heartbeat();
    }
  }
}
