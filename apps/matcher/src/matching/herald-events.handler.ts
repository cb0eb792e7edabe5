import { Message } from 'kafkajs';
import {
  HeraldEvent,
  TOPICS,
  decodeJson,
  describeIssues,
  validateHeraldEvent,
} from '@herald/contracts';
import {
  BatchContext,
  ConsumedMessage,
  Poison,
  TopicHandler,
  invalidEventMessage,
  invalidMessage,
} from '@herald/kafka';
import { MatchEvents } from './match-events.usecase';
import { MatcherMetrics } from './matcher-metrics';

const CHUNK = 500;

/**
 * The Kafka shell around MatchEvents. A message that is not a valid Herald event cannot be
 * matched; it is forwarded to herald.events.invalid with the reason rather than stalling the
 * partition. Offsets of a chunk are resolved only once its jobs and records are written. An
 * event that can never be matched or recorded (the runner finds it) goes there too.
 */
export function heraldEventsHandler(
  matchEvents: MatchEvents,
  forwardInvalid: (messages: Message[]) => Promise<void>,
  metrics: MatcherMetrics,
): TopicHandler {
  return {
    name: 'herald-events',
    topics: [TOPICS.events],
    async quarantine(message: ConsumedMessage, poison: Poison): Promise<void> {
      await forwardInvalid([invalidEventMessage(message, poison)]);
    },
    async handleBatch(messages: ConsumedMessage[], context: BatchContext): Promise<void> {
      for (let start = 0; start < messages.length; start += CHUNK) {
        if (!context.isActive()) return;
        const chunk = messages.slice(start, start + CHUNK);
        const events: HeraldEvent[] = [];
        const invalid: Message[] = [];
        for (const message of chunk) {
          const decoded = decodeJson(message.value, validateHeraldEvent);
          if (decoded.ok) events.push(decoded.value);
          else
            invalid.push(
              invalidMessage(message, 'invalid_envelope', describeIssues(decoded.issues)),
            );
        }
        const outcome = await matchEvents.execute(events);
        await forwardInvalid(invalid);
        metrics.matches.inc({ result: 'pending' }, outcome.jobs.length);
        metrics.matches.inc({ result: 'held' }, outcome.held.length);
        metrics.undecodable.inc(invalid.length);
        context.resolveOffset(chunk[chunk.length - 1].offset);
        await context.heartbeat();
      }
    },
  };
}
