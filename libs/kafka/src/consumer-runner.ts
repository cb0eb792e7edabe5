import { Consumer, ConsumerConfig, EachBatchPayload, IHeaders, Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { ConsumerLag } from './consumer-lag';
import { ConsumerMetrics } from './consumer-metrics';
import { PoisonReason } from './failure-class';
import { FailurePolicy } from './failure-policy';
import { runPartitionBatch } from './partition-batch';
import { PartitionPauses } from './partition-pauses';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp: string;
}

export interface BatchContext {
  topic: string;
  partition: number;
  /** Marks a message handled; offsets are committed only up to what was resolved. */
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  /** False once a rebalance took the partition away: stop and leave the rest unresolved. */
  isActive(): boolean;
  /** Pause this partition (e.g. until a due time); `resume` undoes it. */
  pause(): () => void;
  /** Re-read from this offset on the next fetch (after a pause). */
  seek(offset: string): void;
  /**
   * With `explicitCommits`: commits `nextOffset` (the first message not yet finished) for this
   * partition. Callable after the batch returned, for work that outlives it.
   */
  commit(nextOffset: string): Promise<void>;
}

/** Why a message was taken out of its partition: a bounded reason class and the detail. */
export interface Poison {
  reason: PoisonReason;
  detail: string;
}

/**
 * Handles one partition's messages in order. Every message must end acknowledged, forwarded
 * or dead-lettered before the handler returns. If it throws, the runner classifies the failure
 * (`classifyFailure`). Transient (broker or database unavailable): it rewinds to the first
 * unresolved message, pauses the partition and retries after a back-off; nothing is skipped,
 * and no sleep happens in kafkajs. Permanent (the message can never be processed): it finds the
 * message by handing the handler ever smaller halves of what is unresolved, passes that one to
 * `quarantine` and moves on. Unknown: retried like a transient one, but at most
 * `maxMessageRetries` times on the same message, then treated as permanent.
 * Unresolved messages are fetched again (a handler waiting for a due time pauses and returns).
 */
export interface TopicHandler {
  name: string;
  /** The topics this handler owns: names, or a pattern (retry topics). */
  topics: readonly (string | RegExp)[];
  handleBatch(messages: ConsumedMessage[], context: BatchContext): Promise<void>;
  /**
   * Takes a message that can never be processed out of its partition: writes it, with the
   * reason, to the invalid-events topic or the DLQ. The runner resolves its offset afterwards;
   * a throw here is retried like any failure.
   */
  quarantine(message: ConsumedMessage, poison: Poison): Promise<void>;
  /** Called when the group rebalanced: drop per-partition state and timers kept between batches. */
  onRebalance?(): void;
}

export interface ConsumerDeclaration {
  kafka: Kafka;
  groupId: string;
  /**
   * The topics to consume, each with its one handler: `HeraldKafkaTransport` assigns them from
   * the declared patterns and refuses a topic claimed twice or a declared one that is missing.
   */
  handlers: ReadonlyMap<string, TopicHandler>;
  registry: Registry;
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
  /**
   * Off (default): resolving an offset marks it handled and the runner commits what was resolved.
   * On: resolving only moves the fetch position (the message was taken on); the handler commits
   * with `context.commit` once the work is finished, so a handler can return while work runs.
   */
  explicitCommits?: boolean;
  consumerConfig?: Partial<ConsumerConfig>;
  /**
   * Retries of one message failing for an unknown reason before it is quarantined
   * (HERALD_CONSUMER_MAX_MESSAGE_RETRIES). Transient failures are retried without a bound.
   */
  maxMessageRetries?: number;
  onError?: (error: Error, topic: string, partition: number) => void;
  /** Called for each quarantined message (after `quarantine` returned), e.g. to log it. */
  onPoison?: (message: ConsumedMessage, poison: Poison) => void;
}

export const DEFAULT_MAX_MESSAGE_RETRIES = 10;

export class HandlerDeclarationError extends Error {}

/** A running consumer group member with declared handlers. */
export class ConsumerRunner {
  private consumer: Consumer | undefined;
  private readonly pauses = new PartitionPauses();
  private running = false;

  constructor(private readonly declaration: ConsumerDeclaration) {}

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    const { kafka, groupId, handlers, registry } = this.declaration;
    const lag = new ConsumerLag(registry, groupId);
    const metrics = new ConsumerMetrics(registry, groupId);
    const policy = new FailurePolicy({
      maxMessageRetries: this.declaration.maxMessageRetries ?? DEFAULT_MAX_MESSAGE_RETRIES,
      metrics,
      onPoison: this.declaration.onPoison,
    });
    const consumer = kafka.consumer({
      groupId,
      // A member that dies without leaving (kill -9, OOM) holds its partitions until its session
      // expires: 10 s bounds that stall. Handlers heartbeat between messages and batches.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 100,
      ...this.declaration.consumerConfig,
    });
    this.consumer = consumer;
    await consumer.connect();
    // A rebalance resets fetch positions to committed offsets: resume every back-off now.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.pauses.resumeAll();
      policy.forgetAll();
      for (const handler of new Set(handlers.values())) handler.onRebalance?.();
    });
    await consumer.subscribe({
      topics: [...handlers.keys()],
      fromBeginning: this.declaration.fromBeginning ?? true,
    });
    await consumer.run({
      autoCommit: !this.declaration.explicitCommits,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.declaration.partitionsConsumedConcurrently ?? 3,
      eachBatch: async (payload) => {
        const handler = handlers.get(payload.batch.topic);
        if (!handler) return;
        await this.runBatch(handler, payload, lag, policy);
      },
    });
    this.running = true;
  }

  private async runBatch(
    handler: TopicHandler,
    payload: EachBatchPayload,
    lag: ConsumerLag,
    policy: FailurePolicy,
  ): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale, pause } = payload;
    const { topic, partition } = batch;
    const context: BatchContext = {
      topic,
      partition,
      resolveOffset,
      heartbeat,
      isActive: () => isRunning() && !isStale(),
      pause,
      seek: (offset) => this.consumer?.seek({ topic, partition, offset }),
      commit: async (offset) => {
        if (!this.declaration.explicitCommits)
          throw new Error('commit() needs a runner declared with explicitCommits');
        await this.consumer?.commitOffsets([{ topic, partition, offset }]);
      },
    };
    const messages: ConsumedMessage[] = batch.messages.map((m) => ({
      topic,
      partition,
      offset: m.offset,
      key: m.key,
      value: m.value,
      headers: m.headers ?? {},
      timestamp: m.timestamp,
    }));
    const next = await runPartitionBatch(messages, batch.highWatermark, context, {
      handler,
      policy,
      pauses: this.pauses,
      onError: (error, topic, partition) => this.declaration.onError?.(error, topic, partition),
    });
    lag.record(topic, partition, batch.highWatermark, next);
    await heartbeat();
  }

  async stop(): Promise<void> {
    this.pauses.clear();
    this.running = false;
    await this.consumer?.disconnect();
  }
}
