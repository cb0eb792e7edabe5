import { Admin, ITopicConfig, Kafka } from 'kafkajs';
import { TopicSpec } from '@herald/contracts';
import { explainKafkaConnectionError } from './connection-errors';

/** Kafka topic configs for a catalogue entry. */
export function topicConfigOf(spec: TopicSpec): ITopicConfig {
  const configEntries: { name: string; value: string }[] = [];
  if (spec.compacted) configEntries.push({ name: 'cleanup.policy', value: 'compact' });
  if (spec.retentionMs !== undefined)
    configEntries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  return { topic: spec.name, numPartitions: spec.partitions, configEntries };
}

export interface EnsureTopicsOptions {
  /** How long to wait for the topics it created to be served (default 30 s). */
  readyTimeoutMs?: number;
}

/**
 * Creates every missing topic of the catalogue, then waits until every partition of each one
 * it created answers ListOffsets. Idempotent: existing topics are left as they are, so every
 * service can call it at start-up.
 *
 * The wait is Herald's, not kafkajs's: right after CreateTopics, Apache Kafka answers Metadata
 * with UNKNOWN_TOPIC_OR_PARTITION and ListOffsets with NOT_LEADER_OR_FOLLOWER for a moment
 * (the node applies the new leadership asynchronously), and kafkajs's `waitForLeaders` retries
 * neither: `createTopics` and a following `fetchTopicOffsets` threw in 2 of 5 tries.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: readonly TopicSpec[],
  options: EnsureTopicsOptions = {},
): Promise<string[]> {
  const admin = kafka.admin();
  // The first call every service makes to Kafka: a refused password or an untrusted
  // certificate is reported here, naming the setting to fix.
  await admin.connect().catch((error: unknown) => {
    throw explainKafkaConnectionError(error);
  });
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      // Resolves false when another service created them first: as good.
      await admin.createTopics({ topics: missing.map(topicConfigOf), waitForLeaders: false });
      await waitUntilServed(
        admin,
        missing.map((t) => t.name),
        options.readyTimeoutMs ?? 30_000,
      );
    }
    return missing.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}

/** What a new topic answers until its leaders are in place: ask again. */
const NOT_READY_YET = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
]);

/** The Kafka error type of a kafkajs error, looking through its causes. */
function kafkaErrorType(error: unknown): string | undefined {
  type Cause = { type?: string; cause?: unknown } | undefined;
  for (let e = error as Cause; e; e = e.cause as Cause) {
    if (e.type) return e.type;
  }
  return undefined;
}

async function waitUntilServed(admin: Admin, names: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = names;
  for (let delayMs = 20; ; delayMs = Math.min(delayMs * 2, 500)) {
    const failures = (
      await Promise.all(
        pending.map((name) =>
          admin.fetchTopicOffsets(name).then(
            () => undefined,
            (error: Error) => ({ name, error }),
          ),
        ),
      )
    ).filter((f) => f !== undefined);
    if (failures.length === 0) return;
    const lasting = failures.find((f) => !NOT_READY_YET.has(kafkaErrorType(f.error) ?? ''));
    if (lasting) throw lasting.error;
    if (Date.now() > deadline) {
      throw new Error(
        `Kafka topics ${failures.map((f) => f.name).join(', ')} not served ${timeoutMs} ms after ` +
          `creation: ${failures[0].error.message}`,
      );
    }
    pending = failures.map((f) => f.name);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
