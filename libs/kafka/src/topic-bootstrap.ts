import { ITopicConfig, Kafka } from 'kafkajs';
import { TopicSpec } from '@herald/contracts';

/** Kafka topic configs for a catalogue entry. */
export function topicConfigOf(spec: TopicSpec): ITopicConfig {
  const configEntries: { name: string; value: string }[] = [];
  if (spec.compacted) configEntries.push({ name: 'cleanup.policy', value: 'compact' });
  if (spec.retentionMs !== undefined)
    configEntries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  return { topic: spec.name, numPartitions: spec.partitions, configEntries };
}

/**
 * Creates every missing topic of the catalogue. Idempotent: existing topics are left as they
 * are, so every service can call it at start-up.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map(topicConfigOf), waitForLeaders: true });
    }
    return missing.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}
