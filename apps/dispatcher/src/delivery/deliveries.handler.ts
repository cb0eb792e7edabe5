import { Ctx, Payload } from '@nestjs/microservices';
import { TOPICS } from '@herald/contracts';
import {
  BatchContext,
  ConsumedMessage,
  DEFAULT_MAX_MESSAGE_RETRIES,
  KafkaBatch,
  KafkaBatchHandler,
  KafkaConsumers,
  PartitionPauses,
  Poison,
  TopicBinding,
  asReceived,
  backoffMs,
  classifyFailure,
} from '@herald/kafka';
import { HandleDeliveryMessage } from './handle-delivery-message.usecase';
import { PartitionWindow } from './partition-window';

/** How often finished prefixes are committed (bounds re-deliveries after a crash). */
const COMMIT_INTERVAL_MS = 200;
/** Jobs a partition may hold uncommitted (finished behind a slow one, or running). */
const MAX_UNCOMMITTED_PER_PARTITION = 5_000;
/**
 * When the instance is full, a batch waits this long for a running job to finish before it
 * pauses its partition instead. Waiting keeps kafkajs fetching (a consumer with every partition
 * paused sleeps for its whole max wait time); pausing keeps a stuck instance heartbeating.
 */
const ROOM_WAIT_MS = 1_000;

/** One partition's deliveries: what runs, and the kafkajs controls that outlive a batch. */
interface PartitionFlow {
  window: PartitionWindow;
  context: BatchContext;
  /** Set while fetching is paused because the window is full: resumes it. */
  resumeWhenRoom?: () => void;
  /** The next offset to commit once the last commit attempt failed. */
  pendingCommit?: string;
  failures: number;
  /** The job that failed for an unknown reason as often as allowed: its next failure is final. */
  lastTryOffset?: string;
}

/** A batch waiting for a free slot before it starts its next job. */
interface RoomWaiter {
  flow: PartitionFlow;
  wake(): void;
}

export interface DeliveriesHandlerOptions {
  /** Deliveries running at once in this instance (across partitions and subscriptions). */
  maxInFlight: number;
  /** Rewinds to one job failing for an unknown reason before it is dead-lettered. */
  maxMessageRetries?: number;
  onError?: (error: Error, topic: string, partition: number) => void;
  /** Called after the group rebalanced (partitions may have moved in or out). */
  onRebalance?: () => void;
}

/**
 * How the transport reads herald.deliveries for the dispatcher: each job as it came, since
 * HandleDeliveryMessage owns the reading (an undecodable job is dead-lettered as it came, through
 * the outcome recorder, and committed in its partition's order like any other outcome). A job
 * that can never be processed goes to herald.deliveries.dlq with its reason (`quarantine`).
 */
export function deliveriesBinding(
  handler: DeliveriesHandler,
  quarantine: (message: ConsumedMessage, poison: Poison) => Promise<void>,
): TopicBinding {
  return { codec: asReceived(), quarantine, onRebalance: () => handler.onRebalance() };
}

/**
 * The Kafka shell around HandleDeliveryMessage: the batch handler of herald.deliveries. A
 * batch's jobs are started and the handler returns at once, so kafkajs fetches again
 * immediately and no receiver (slow, blackholed) ever holds a partition, or the other
 * partitions that share its fetch. Resolving an offset only moves
 * the fetch position; commits are explicit, every COMMIT_INTERVAL_MS, up to the first job
 * that has not finished (delivered or handed to the retry ladder, and recorded). A job whose
 * outcome could not be recorded (database or broker down) rewinds its partition to it and
 * retries after a back-off: delivery is at least once, de-duplicated by `webhook-id`.
 */
@KafkaConsumers()
export class DeliveriesHandler {
  private flows = new Map<string, PartitionFlow>();
  private readonly backoffs = new PartitionPauses();
  private readonly committer: NodeJS.Timeout;
  private draining = false;
  private running = 0;
  private readonly roomWaiters: RoomWaiter[] = [];

  constructor(
    private readonly dispatch: HandleDeliveryMessage,
    private readonly options: DeliveriesHandlerOptions,
  ) {
    this.committer = setInterval(() => void this.commitFinished(), COMMIT_INTERVAL_MS);
    this.committer.unref();
  }

  @KafkaBatchHandler(TOPICS.deliveries)
  async deliveries(
    @Payload() batch: KafkaBatch<ConsumedMessage>,
    @Ctx() context: BatchContext,
  ): Promise<void> {
    if (this.draining) return;
    const flow = this.flowFor(context);
    for (const { value: message } of batch.messages) {
      if (!context.isActive()) return;
      if (flow.window.has(message.offset)) continue;
      if (!this.hasRoom(flow) && !(await this.roomWithin(flow, ROOM_WAIT_MS))) {
        // Fetching resumes at this message (the position after the last started one).
        flow.resumeWhenRoom ??= context.pause();
        return;
      }
      if (!context.isActive() || this.draining || !this.isCurrent(flow)) return;
      this.running++;
      const key = `${flowKey(context)}/${message.offset}`;
      const lastTry = flow.lastTryOffset === message.offset;
      flow.window.start(message.offset, () =>
        this.dispatch.execute(message, key, lastTry).finally(() => this.onJobFinished()),
      );
      context.resolveOffset(message.offset);
    }
  }

  onRebalance(): void {
    // Partitions may have moved: their uncommitted jobs will be fetched again by the new owner.
    for (const flow of this.flows.values()) flow.resumeWhenRoom?.();
    this.backoffs.clear();
    this.flows = new Map();
    this.options.onRebalance?.();
  }

  /** Jobs in flight across partitions. */
  get inFlight(): number {
    return this.running;
  }

  /** Stops taking jobs, waits up to `ms` for running ones, and commits what finished. */
  async drain(ms: number): Promise<void> {
    this.draining = true;
    clearInterval(this.committer);
    await Promise.all([...this.flows.values()].map((flow) => flow.window.settle(ms)));
    await this.commitFinished();
    this.backoffs.clear();
  }

  private flowFor(context: BatchContext): PartitionFlow {
    let flow = this.flows.get(flowKey(context));
    if (!flow) {
      flow = { window: new PartitionWindow(), context, failures: 0 };
      this.flows.set(flowKey(context), flow);
    }
    flow.context = context;
    return flow;
  }

  private hasRoom(flow: PartitionFlow): boolean {
    return (
      this.running < this.options.maxInFlight && flow.window.size < MAX_UNCOMMITTED_PER_PARTITION
    );
  }

  /** Resolves true as soon as the flow has room again, false after `ms`. */
  private async roomWithin(flow: PartitionFlow, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.hasRoom(flow)) {
      const left = deadline - Date.now();
      if (left <= 0 || !(await this.freedSlotWithin(flow, left))) return false;
    }
    return true;
  }

  /**
   * Waits in line for a freed slot the flow may use. Each freed slot wakes one waiter, not all
   * of them: a herd woken on every finished job would re-arm its timers thousands of times a
   * second.
   */
  private freedSlotWithin(flow: PartitionFlow, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter: RoomWaiter = {
        flow,
        wake: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.roomWaiters.splice(this.roomWaiters.indexOf(waiter), 1);
        resolve(false);
      }, ms);
      this.roomWaiters.push(waiter);
    });
  }

  private onJobFinished(): void {
    this.running--;
    const next = this.roomWaiters.findIndex((waiter) => this.hasRoom(waiter.flow));
    if (next >= 0) this.roomWaiters.splice(next, 1)[0].wake();
    this.resumeWhereRoom();
  }

  /** Resumes fetching for partitions that paused for lack of room and now have some. */
  private resumeWhereRoom(): void {
    if (this.running >= this.options.maxInFlight) return;
    for (const flow of this.flows.values()) {
      if (flow.resumeWhenRoom && this.hasRoom(flow)) {
        const resume = flow.resumeWhenRoom;
        flow.resumeWhenRoom = undefined;
        resume();
      }
    }
  }

  private isCurrent(flow: PartitionFlow): boolean {
    return this.flows.get(flowKey(flow.context)) === flow;
  }

  private async commitFinished(): Promise<void> {
    await Promise.all([...this.flows.values()].map((flow) => this.commitFlow(flow)));
  }

  private async commitFlow(flow: PartitionFlow): Promise<void> {
    const { lastOffset, error } = flow.window.takeFinishedPrefix();
    if (lastOffset !== undefined) {
      flow.pendingCommit = String(BigInt(lastOffset) + 1n);
      flow.failures = 0;
      // Committed prefixes may leave room behind a slow job.
      this.resumeWhereRoom();
    }
    const offset = flow.pendingCommit;
    if (offset !== undefined) {
      try {
        await flow.context.commit(offset);
        if (flow.pendingCommit === offset) flow.pendingCommit = undefined;
      } catch {
        // A rebalance or a broker restart: the next tick commits again (or the flow is gone).
      }
    }
    if (error && this.isCurrent(flow)) this.rewind(flow, error);
  }

  /** Fetches the partition again from the job that failed, after a back-off. */
  private rewind(flow: PartitionFlow, error: Error): void {
    const { context } = flow;
    const failedOffset = flow.window.firstOffset!;
    this.options.onError?.(error, context.topic, context.partition);
    // Jobs still running in the old window finish on their own; their messages run again.
    flow.resumeWhenRoom?.();
    const failures = flow.failures + 1;
    const maxRetries = this.options.maxMessageRetries ?? DEFAULT_MAX_MESSAGE_RETRIES;
    const fresh: PartitionFlow = {
      window: new PartitionWindow(),
      context,
      pendingCommit: flow.pendingCommit,
      failures,
      // Outages (transient) are retried for as long as they last; anything else is bounded.
      lastTryOffset:
        classifyFailure(error).kind === 'unknown' && failures >= maxRetries
          ? failedOffset
          : undefined,
    };
    this.flows.set(flowKey(context), fresh);
    this.backoffs.waitAt(context, failedOffset, backoffMs(fresh.failures));
  }
}

function flowKey(context: BatchContext): string {
  return `${context.topic}/${context.partition}`;
}
