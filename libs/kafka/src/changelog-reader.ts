import { randomUUID } from 'crypto';
import { Consumer, Kafka } from 'kafkajs';
import { Subscription, TOPICS, decodeJson, validateSubscriptionRecord } from '@herald/contracts';
import { fetchTopicOffsetsRetrying } from './topic-offsets';

export interface ChangelogListener {
  upsert(subscription: Subscription): void;
  remove(subscriptionId: string): void;
}

/**
 * Reads the compacted `herald.subscriptions.changelog` from the beginning into memory and
 * follows it. Every instance reads every partition (its own throwaway group, no commits), so
 * no database query is needed per event. `loaded` resolves once the records that existed at
 * start-up have been applied: readiness waits for it.
 */
export class ChangelogReader {
  private consumer: Consumer | undefined;
  private resolveLoaded!: () => void;
  readonly loaded: Promise<void> = new Promise((resolve) => (this.resolveLoaded = resolve));
  private isLoaded = false;
  private readonly revisions = new Map<string, number>();

  constructor(
    private readonly kafka: Kafka,
    private readonly listener: ChangelogListener,
    private readonly onInvalid: (reason: string) => void = () => undefined,
    private readonly topic: string = TOPICS.subscriptionsChangelog,
  ) {}

  get ready(): boolean {
    return this.isLoaded;
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const startOffsets = await fetchTopicOffsetsRetrying(admin, this.topic).finally(() =>
      admin.disconnect(),
    );
    const remaining = new Map<number, bigint>();
    for (const p of startOffsets) {
      if (BigInt(p.high) > BigInt(p.low)) remaining.set(p.partition, BigInt(p.high));
    }
    const markIfLoaded = () => {
      if (!this.isLoaded && remaining.size === 0) {
        this.isLoaded = true;
        this.resolveLoaded();
      }
    };
    markIfLoaded();
    const consumer = this.kafka.consumer({
      groupId: `herald-changelog-${randomUUID()}`,
      maxWaitTimeInMs: 100,
      sessionTimeout: 30_000,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        for (const message of batch.messages) {
          const key = message.key?.toString() ?? '';
          try {
            this.apply(key, message.value);
          } catch (error) {
            // Applying is in memory only: a throw is about this record, never an outage, and
            // kafkajs would retry the batch for ever. Skip it, saying why (the next revision of
            // the subscription replaces it).
            this.onInvalid(`changelog record ${key}: could not be applied: ${String(error)}`);
          }
          resolveOffset(message.offset);
        }
        const target = remaining.get(batch.partition);
        if (target !== undefined && BigInt(batch.lastOffset()) + 1n >= target) {
          remaining.delete(batch.partition);
          markIfLoaded();
        }
      },
    });
  }

  private apply(key: string, value: Buffer | null): void {
    if (value === null) {
      this.revisions.delete(key);
      this.listener.remove(key);
      return;
    }
    const decoded = decodeJson(value, validateSubscriptionRecord);
    if (!decoded.ok) {
      this.onInvalid(
        `changelog record ${key}: ${decoded.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
      );
      return;
    }
    const subscription = decoded.value.subscription;
    const seen = this.revisions.get(subscription.id);
    if (seen !== undefined && seen > subscription.revision) return;
    this.revisions.set(subscription.id, subscription.revision);
    this.listener.upsert(subscription);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
