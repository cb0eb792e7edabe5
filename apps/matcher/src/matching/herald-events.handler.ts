import { Ctx, Payload } from '@nestjs/microservices';
import { HeraldEvent, TOPICS, validateHeraldEvent } from '@herald/contracts';
import {
  BatchContext,
  ConsumedMessage,
  KafkaBatch,
  KafkaBatchHandler,
  KafkaConsumers,
  Poison,
  TopicBinding,
  invalidEventMessage,
  jsonCodec,
} from '@herald/kafka';
import { Message } from 'kafkajs';
import { MatchEvents } from './match-events.usecase';
import { MatcherMetrics } from './matcher-metrics';

const CHUNK = 500;

/**
 * How the transport reads herald.events for the matcher: a valid Herald event, or the message
 * forwarded to herald.events.invalid with the reason rather than stalling the partition. An
 * event that can never be matched or recorded (the runner finds it) goes there too.
 */
export function heraldEventsBinding(
  forwardInvalid: (messages: Message[]) => Promise<void>,
): TopicBinding {
  return {
    codec: jsonCodec(TOPICS.events, validateHeraldEvent),
    forwardInvalid,
    async quarantine(message: ConsumedMessage, poison: Poison): Promise<void> {
      await forwardInvalid([invalidEventMessage(message, poison)]);
    },
  };
}

/**
 * The Kafka shell around MatchEvents: the batch handler of herald.events. Offsets of a chunk
 * are resolved only once its jobs and records are written.
 */
@KafkaConsumers()
export class HeraldEventsConsumer {
  constructor(
    private readonly matchEvents: MatchEvents,
    private readonly metrics: MatcherMetrics,
  ) {}

  @KafkaBatchHandler(TOPICS.events)
  async events(
    @Payload() batch: KafkaBatch<HeraldEvent>,
    @Ctx() context: BatchContext,
  ): Promise<void> {
    this.metrics.undecodable.inc(batch.invalid);
    const { messages } = batch;
    for (let start = 0; start < messages.length; start += CHUNK) {
      if (!context.isActive()) return;
      const chunk = messages.slice(start, start + CHUNK);
      const outcome = await this.matchEvents.execute(
        chunk.map((m) => ({ event: m.value, json: m.message.value })),
      );
      this.metrics.matches.inc({ result: 'pending' }, outcome.jobs.length);
      this.metrics.matches.inc({ result: 'held' }, outcome.held.length);
      context.resolveOffset(chunk[chunk.length - 1].message.offset);
      await context.heartbeat();
    }
  }
}
