import { ConsumerMetrics } from './consumer-metrics';
import type { BatchContext, ConsumedMessage, Poison, TopicHandler } from './consumer-runner';
import { classifyFailure } from './failure-class';

export interface FailurePolicyOptions {
  /** Failures of one message of no known class before it is quarantined. */
  maxMessageRetries: number;
  metrics?: ConsumerMetrics;
  onPoison?: (message: ConsumedMessage, poison: Poison) => void;
}

/**
 * What the consumer runner does when a handler throws: tells a failure of the message from a
 * failure of the infrastructure (`classifyFailure`), finds the one message a permanent failure
 * is about, and bounds the retries of a message that fails for an unknown reason.
 */
export class FailurePolicy {
  /** Per partition: the message it is retrying and how many times it failed. */
  private readonly retries = new Map<string, { offset: string; failures: number }>();

  constructor(private readonly options: FailurePolicyOptions) {}

  /**
   * Runs `messages` through the handler. Resolves once each is handled or quarantined, or the
   * handler paused part-way; throws when the partition must rewind to its first unresolved
   * message and retry after a back-off (`willRetry`).
   */
  async run(
    handler: TopicHandler,
    messages: ConsumedMessage[],
    context: BatchContext,
    isResolved: (offset: string) => boolean,
  ): Promise<void> {
    await this.isolate(handler, messages, context, isResolved, false);
    const key = keyOf(context);
    const retry = this.retries.get(key);
    if (retry && isResolved(retry.offset)) this.forget(key);
  }

  /** Counts a failure that will be retried at `offset`; returns its number, for the back-off. */
  willRetry(context: BatchContext, offset: string | undefined, error: unknown): number {
    const key = keyOf(context);
    const kind = classifyFailure(error).kind === 'transient' ? 'transient' : 'unknown';
    this.options.metrics?.retried(key, kind);
    if (offset === undefined) return 1;
    const previous = this.retries.get(key);
    const failures = previous?.offset === offset ? previous.failures + 1 : 1;
    this.retries.set(key, { offset, failures });
    return failures;
  }

  /** Partitions may have moved (a rebalance): nothing is being retried here any more. */
  forgetAll(): void {
    this.retries.clear();
    this.options.metrics?.settledAll();
  }

  /**
   * A permanent failure (or an unknown one that used up the message's retries) is narrowed down
   * by halving what is unresolved until one message is left, which is quarantined. Any other
   * failure is thrown.
   */
  private async isolate(
    handler: TopicHandler,
    messages: ConsumedMessage[],
    context: BatchContext,
    isResolved: (offset: string) => boolean,
    exhausted: boolean,
  ): Promise<void> {
    try {
      await handler.handleBatch(messages, context);
      return;
    } catch (error) {
      const pending = messages.filter((m) => !isResolved(m.offset));
      if (pending.length === 0 || !context.isActive()) throw error;
      const failure = classifyFailure(error);
      let poison: Poison;
      if (failure.kind === 'permanent') {
        poison = { reason: failure.reason, detail: failure.detail };
      } else if (
        failure.kind === 'unknown' &&
        (exhausted || this.hasExhausted(keyOf(context), pending[0].offset))
      ) {
        poison = { reason: 'retries_exhausted', detail: failure.detail };
        exhausted = true;
      } else {
        throw error;
      }
      if (pending.length === 1) return this.quarantine(handler, pending[0], poison, context);
      const half = Math.ceil(pending.length / 2);
      const first = pending.slice(0, half);
      await this.isolate(handler, first, context, isResolved, exhausted);
      // The handler paused (waiting for a due time) or the partition moved: stop here.
      if (!context.isActive() || first.some((m) => !isResolved(m.offset))) return;
      await this.isolate(handler, pending.slice(half), context, isResolved, exhausted);
    }
  }

  private async quarantine(
    handler: TopicHandler,
    message: ConsumedMessage,
    poison: Poison,
    context: BatchContext,
  ): Promise<void> {
    await handler.quarantine(message, poison);
    context.resolveOffset(message.offset);
    this.options.metrics?.quarantined(poison.reason);
    this.options.onPoison?.(message, poison);
  }

  private hasExhausted(key: string, offset: string): boolean {
    const retry = this.retries.get(key);
    return retry?.offset === offset && retry.failures >= this.options.maxMessageRetries;
  }

  private forget(key: string): void {
    this.retries.delete(key);
    this.options.metrics?.settled(key);
  }
}

function keyOf(context: BatchContext): string {
  return `${context.topic}/${context.partition}`;
}
