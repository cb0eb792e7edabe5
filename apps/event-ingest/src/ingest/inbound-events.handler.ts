import { BatchContext, ConsumedMessage, TopicHandler } from '@herald/kafka';
import { IngestEvents } from './ingest-events.usecase';
import { IngestMetrics } from './ingest-metrics';

/** Messages handled per use-case call (one Kafka request and one INSERT each). */
const CHUNK = 500;

/**
 * The Kafka shell around IngestEvents: hands it the batch in chunks and resolves the offsets
 * of a chunk only after the use-case has written it everywhere. A throw (broker or database
 * down) leaves the chunk unresolved: the runner rewinds and retries it after a back-off.
 */
export function inboundEventsHandler(
  topics: readonly (string | RegExp)[],
  ingest: IngestEvents,
  metrics: IngestMetrics,
): TopicHandler {
  return {
    name: 'inbound-events',
    topics,
    async handleBatch(messages: ConsumedMessage[], context: BatchContext): Promise<void> {
      for (let start = 0; start < messages.length; start += CHUNK) {
        if (!context.isActive()) return;
        const chunk = messages.slice(start, start + CHUNK);
        const outcome = await ingest.execute(chunk);
        metrics.record({
          accepted: outcome.accepted.length,
          duplicates: outcome.duplicates.length,
          invalid: outcome.invalid.map((i) => i.rejection.reason),
        });
        context.resolveOffset(chunk[chunk.length - 1].offset);
        await context.heartbeat();
      }
    },
  };
}
