import { Ctx, Payload } from '@nestjs/microservices';
import { Message } from 'kafkajs';
import { RETRY_TOPIC_PREFIX } from '@herald/contracts';
import {
  BatchContext,
  ConsumedMessage,
  KafkaBatch,
  KafkaBatchHandler,
  KafkaConsumers,
  PartitionPauses,
  Poison,
  TopicBinding,
  asReceived,
  deadJobMessage,
} from '@herald/kafka';
import { dueTimeOf, planBatch } from './due-time';
import { RetryMetrics } from './retry-metrics';

const CHUNK = 500;

/** Every retry topic: `herald.retry.*`, one pattern for the whole ladder. */
export const RETRY_TOPICS = `${RETRY_TOPIC_PREFIX}*` as const;

/**
 * How the transport reads the retry topics: each job as it came, since it is handed back byte
 * for byte (only its headers are read). A job that can never be forwarded goes to
 * herald.deliveries.dlq with the reason.
 */
export function retryTopicsBinding(
  handler: RetryTopicsHandler,
  deadLetter: (messages: Message[]) => Promise<void>,
): TopicBinding {
  return {
    codec: asReceived(),
    async quarantine(message: ConsumedMessage, poison: Poison): Promise<void> {
      await deadLetter([deadJobMessage(message, poison)]);
    },
    onRebalance: () => handler.onRebalance(),
  };
}

/**
 * The batch handler of every `herald.retry.*` topic. Holds each retry partition paused until
 * its head job's turn, then hands the due prefix back to herald.deliveries (never early: a job
 * is forwarded only once its due time has passed) and parks a jittered job that is not due yet
 * on the retry topic that fits the rest of its wait. Never sleeps or throws to wait: it resolves
 * what it forwarded, pauses the partition and resumes it from a timer, which a rebalance clears.
 */
@KafkaConsumers()
export class RetryTopicsHandler {
  private readonly overdue = new Map<string, Map<number, number>>();

  constructor(
    private readonly forward: (messages: Message[]) => Promise<void>,
    private readonly repark: (batches: { topic: string; messages: Message[] }[]) => Promise<void>,
    private readonly metrics: RetryMetrics,
    private readonly now: () => number = Date.now,
    private readonly pauses = new PartitionPauses(),
  ) {}

  get waitingPartitions(): number {
    return this.pauses.size;
  }

  @KafkaBatchHandler(RETRY_TOPICS)
  async retries(
    @Payload() batch: KafkaBatch<ConsumedMessage>,
    @Ctx() context: BatchContext,
  ): Promise<void> {
    const { topic, partition } = context;
    const now = this.now();
    const { ready, waiting } = planBatch(
      batch.messages.map((m) => m.value),
      now,
    );
    const firstDue = ready.find((r) => r.step.kind === 'forward');
    this.setOverdue(topic, partition, firstDue ? now - dueTimeOf(firstDue.message) : 0);
    for (let start = 0; start < ready.length; start += CHUNK) {
      if (!context.isActive()) return;
      const chunk = ready.slice(start, start + CHUNK);
      const due = chunk.filter((r) => r.step.kind === 'forward').map((r) => r.message);
      const parked = new Map<string, Message[]>();
      for (const { message: m, step } of chunk) {
        if (step.kind !== 'repark') continue;
        const list = parked.get(step.topic) ?? [];
        list.push({ key: m.key, value: m.value, headers: m.headers });
        parked.set(step.topic, list);
      }
      if (parked.size > 0) {
        await this.repark([...parked].map(([name, list]) => ({ topic: name, messages: list })));
        for (const [name, list] of parked) this.metrics.reparked.inc({ topic: name }, list.length);
      }
      if (due.length > 0)
        await this.forward(due.map((m) => ({ key: m.key, value: m.value, headers: m.headers })));
      context.resolveOffset(chunk[chunk.length - 1].message.offset);
      this.metrics.forwarded.inc({ topic }, due.length);
      const forwardedAt = this.now();
      for (const m of due) this.metrics.lateness.observe((forwardedAt - dueTimeOf(m)) / 1000);
      await context.heartbeat();
    }
    if (waiting && context.isActive()) {
      this.setOverdue(topic, partition, 0);
      this.pauses.waitAt(context, waiting.message.offset, Math.max(1, waiting.until - this.now()));
    }
  }

  /** Partitions may have moved: drop every timer and resume, the next fetch decides again. */
  onRebalance(): void {
    this.pauses.resumeAll();
    this.overdue.clear();
  }

  stop(): void {
    this.pauses.clear();
  }

  private setOverdue(topic: string, partition: number, ms: number): void {
    const partitions = this.overdue.get(topic) ?? new Map<number, number>();
    partitions.set(partition, Math.max(0, ms));
    this.overdue.set(topic, partitions);
    this.metrics.overdue.set({ topic }, Math.max(...partitions.values()) / 1000);
  }
}
