import { TOPICS } from '@herald/contracts';
import { createKafkaForBrokers, fetchTopicOffsetsRetrying } from '@herald/kafka';
import { LatencySamples, LatencySummary } from '@herald/bench-kit';

export interface HopBreakdown {
  /** Produced to herald.events.inbound -> written to herald.events (event-ingest). */
  ingestMs: LatencySummary;
  /** Produced to herald.events.inbound -> written to herald.deliveries (ingest + matcher). */
  ingestAndMatchMs: LatencySummary;
  /** Seconds from `from` until event-ingest wrote the last of these events. */
  ingestDoneSeconds: number;
  /** Seconds from `from` until the matcher wrote the last of their delivery jobs. */
  matchDoneSeconds: number;
}

interface HasSentAt {
  data?: { sentAt?: number };
  event?: { data?: { sentAt?: number } };
}

/**
 * Where an event's time goes: each record's broker timestamp (set by the producing service)
 * minus the `data.sentAt` the bench put in the event, for events sent within [from, to].
 * Together with the receiver's end-to-end figure it splits latency into ingest, matcher and
 * dispatcher shares without touching the services.
 */
export async function measureHops(
  brokers: string,
  from: number,
  to: number,
): Promise<HopBreakdown> {
  const [ingest, match] = await Promise.all([
    timestampsMinusSentAt(brokers, TOPICS.events, (v) => v.data?.sentAt, from, to),
    timestampsMinusSentAt(brokers, TOPICS.deliveries, (v) => v.event?.data?.sentAt, from, to),
  ]);
  return {
    ingestMs: ingest.samples.summary(),
    ingestAndMatchMs: match.samples.summary(),
    ingestDoneSeconds: (ingest.lastWrite - from) / 1000,
    matchDoneSeconds: (match.lastWrite - from) / 1000,
  };
}

async function timestampsMinusSentAt(
  brokers: string,
  topic: string,
  sentAtOf: (value: HasSentAt) => number | undefined,
  from: number,
  to: number,
): Promise<{ samples: LatencySamples; lastWrite: number }> {
  const kafka = createKafkaForBrokers(brokers, 'herald-bench-hops');
  const admin = kafka.admin();
  await admin.connect();
  const ends = await fetchTopicOffsetsRetrying(admin, topic).finally(() => admin.disconnect());
  const remaining = new Map(
    ends.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high) - 1n]),
  );
  const samples = new LatencySamples();
  let lastWrite = from;
  if (remaining.size === 0) return { samples, lastWrite };
  const consumer = kafka.consumer({ groupId: `herald-bench-hops-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const sentAt = sentAtOf(JSON.parse(message.value?.toString() ?? '{}') as HasSentAt);
          if (sentAt !== undefined && sentAt >= from && sentAt <= to) {
            samples.add(Number(message.timestamp) - sentAt);
            lastWrite = Math.max(lastWrite, Number(message.timestamp));
          }
        }
        const last = remaining.get(batch.partition);
        if (last !== undefined && BigInt(batch.lastOffset()) >= last) {
          remaining.delete(batch.partition);
          if (remaining.size === 0) resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return { samples, lastWrite };
}
