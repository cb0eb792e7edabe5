import { Message } from 'kafkajs';
import { RETRY_TOPIC_PREFIX } from '@herald/contracts';
import { BatchContext, ConsumedMessage, Poison, TopicHandler, deadJobMessage } from '@herald/kafka';
import { dueTimeOf, splitDue } from './due-time';
import { RetryMetrics } from './retry-metrics';

const CHUNK = 500;

/**
 * Holds each retry partition paused until its head job is due, then hands the due prefix back
 * to herald.deliveries (never early: a job is forwarded only once its due time has passed).
 * Never sleeps or throws to wait: it resolves what it forwarded, pauses the partition and
 * resumes it from a timer, which a rebalance clears.
 */
export class RetryTopicsHandler implements TopicHandler {
  readonly name = 'retry-topics';
  readonly topics = [new RegExp(`^${RETRY_TOPIC_PREFIX.replace(/\./g, '\\.')}`)];
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; resume: () => void }>();
  private readonly overdue = new Map<string, Map<number, number>>();

  constructor(
    private readonly forward: (messages: Message[]) => Promise<void>,
    private readonly deadLetter: (messages: Message[]) => Promise<void>,
    private readonly metrics: RetryMetrics,
    private readonly now: () => number = Date.now,
  ) {}

  /** A job that can never be forwarded goes to herald.deliveries.dlq with the reason. */
  async quarantine(message: ConsumedMessage, poison: Poison): Promise<void> {
    await this.deadLetter([deadJobMessage(message, poison)]);
  }

  get waitingPartitions(): number {
    return this.timers.size;
  }

  async handleBatch(messages: ConsumedMessage[], context: BatchContext): Promise<void> {
    const { topic, partition } = context;
    const now = this.now();
    const { due, waiting } = splitDue(messages, now);
    this.setOverdue(topic, partition, due.length > 0 ? now - dueTimeOf(due[0]) : 0);
    for (let start = 0; start < due.length; start += CHUNK) {
      if (!context.isActive()) return;
      const chunk = due.slice(start, start + CHUNK);
      await this.forward(chunk.map((m) => ({ key: m.key, value: m.value, headers: m.headers })));
      context.resolveOffset(chunk[chunk.length - 1].offset);
      this.metrics.forwarded.inc({ topic }, chunk.length);
      const forwardedAt = this.now();
      for (const m of chunk) this.metrics.lateness.observe((forwardedAt - dueTimeOf(m)) / 1000);
      await context.heartbeat();
    }
    if (waiting && context.isActive()) {
      this.setOverdue(topic, partition, 0);
      const key = `${topic}/${partition}`;
      this.clear(key);
      const resume = context.pause();
      context.seek(waiting.message.offset);
      const timer = setTimeout(
        () => {
          this.timers.delete(key);
          resume();
        },
        Math.max(1, waiting.dueAt - this.now()),
      );
      this.timers.set(key, { timer, resume });
    }
  }

  /** Partitions may have moved: drop every timer and resume, the next fetch decides again. */
  onRebalance(): void {
    for (const key of [...this.timers.keys()]) this.clear(key, true);
    this.overdue.clear();
  }

  stop(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private clear(key: string, resume = false): void {
    const entry = this.timers.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.timers.delete(key);
    if (resume) entry.resume();
  }

  private setOverdue(topic: string, partition: number, ms: number): void {
    const partitions = this.overdue.get(topic) ?? new Map<number, number>();
    partitions.set(partition, Math.max(0, ms));
    this.overdue.set(topic, partitions);
    this.metrics.overdue.set({ topic }, Math.max(...partitions.values()) / 1000);
  }
}
