import { TOPICS } from '@herald/contracts';
import { BatchContext, ConsumedMessage, TopicHandler } from '@herald/kafka';
import { DispatchJob } from './dispatch-job.usecase';
import { PartitionWindow } from './partition-window';

/** How long a batch waits for its deliveries before handing control back to kafkajs. */
const SETTLE_MS = 500;

/**
 * The Kafka shell around DispatchJob. Jobs of a partition are delivered concurrently (the
 * per-subscription limits live in the gates); the handler returns after at most SETTLE_MS so a
 * slow receiver never holds the partition: its jobs stay in the window, the commit waits at the
 * first unfinished one, and re-fetched messages already in the window are skipped.
 */
export class DeliveriesHandler implements TopicHandler {
  readonly name = 'deliveries';
  readonly topics = [TOPICS.deliveries];
  private windows = new Map<string, PartitionWindow>();

  constructor(
    private readonly dispatch: DispatchJob,
    private readonly maxInFlight: number,
  ) {}

  async handleBatch(messages: ConsumedMessage[], context: BatchContext): Promise<void> {
    const key = `${context.topic}/${context.partition}`;
    let window = this.windows.get(key);
    if (!window) {
      window = new PartitionWindow();
      this.windows.set(key, window);
    }
    for (const message of messages) {
      if (!context.isActive() || window.size >= this.maxInFlight) break;
      if (window.has(message.offset)) continue;
      window.start(message.offset, () => this.dispatch.execute(message));
    }
    await window.settle(SETTLE_MS);
    if (this.windows.get(key) !== window) return; // rebalanced meanwhile
    const { lastOffset, error } = window.takeFinishedPrefix();
    if (lastOffset !== undefined && context.isActive()) context.resolveOffset(lastOffset);
    if (error) {
      // The runner rewinds to the first unresolved job and retries after a back-off.
      this.windows.delete(key);
      throw error;
    }
    await context.heartbeat();
  }

  onRebalance(): void {
    this.windows = new Map();
  }

  /** Jobs in flight across partitions (for draining on shutdown). */
  get inFlight(): number {
    let n = 0;
    for (const w of this.windows.values()) n += w.size;
    return n;
  }
}
