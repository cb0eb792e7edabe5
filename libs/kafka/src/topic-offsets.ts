import { Admin } from 'kafkajs';

export interface PartitionOffsets {
  partition: number;
  offset: string;
  high: string;
  low: string;
}

export interface RetryOptions {
  /** Give up (and rethrow the last error) after this long (default 30 s). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * A Kafka error that says "not yet, ask again": KafkaJS marks the protocol errors Kafka expects
 * clients to retry (NOT_LEADER_FOR_PARTITION, LEADER_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION,
 * REQUEST_TIMED_OUT, ...) as retriable.
 */
export function isRetriableKafkaError(error: unknown): boolean {
  const e = error as { name?: string; retriable?: boolean } | null;
  return e?.name === 'KafkaJSProtocolError' && e.retriable === true;
}

/**
 * `admin.fetchTopicOffsets`, asked again while Kafka answers a retriable error. KafkaJS 2.2.4
 * retries only UNKNOWN_TOPIC_OR_PARTITION there and gives up at once on NOT_LEADER_FOR_PARTITION
 * and LEADER_NOT_AVAILABLE, which Apache Kafka answers for a while after a topic is created (its
 * metadata names the leader before that broker has made the partition) and during a leader
 * election. The embedded broker never answers them, so only Apache Kafka showed this.
 */
export async function fetchTopicOffsetsRetrying(
  admin: Pick<Admin, 'fetchTopicOffsets'>,
  topic: string,
  options: RetryOptions = {},
): Promise<PartitionOffsets[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 30_000);
  for (let backoff = 50; ; backoff = Math.min(backoff * 2, 1_000)) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (!isRetriableKafkaError(error) || now() + backoff > deadline) throw error;
      await sleep(backoff);
    }
  }
}
