import { BatchContext, ConsumedMessage, PartitionPauses } from '@herald/kafka';
import { RateLimitMetrics } from './rate-limit-metrics';
import { TenantAdmission } from './tenant-admission';

const CHUNK = 500;
/**
 * A paused partition waits at least this long, so a few tokens gather and the next fetch is
 * ingested as one batch (one query, one produce, one INSERT) instead of one event at a time.
 */
export const MIN_DRAIN_WAIT_MS = 200;

/**
 * Drains herald.events.deferred (keyed by tenant) at each tenant's rate: each message takes a
 * token of its tenant's bucket and is then ingested like a fresh one (validated, de-duplicated,
 * stored, forwarded to herald.events). When the head message's tenant has no token, what was
 * taken is ingested, the partition is paused and resumed from a timer once a token is due:
 * nothing is skipped or lost, and the handler never sleeps. Called by the batch handler of
 * herald.events.deferred (`IngestConsumers.deferred`).
 */
export class DeferredDrain {
  private readonly pauses = new PartitionPauses();

  constructor(
    private readonly admission: TenantAdmission,
    /** Ingests messages whose tokens were taken; throws (and is retried) on infrastructure faults. */
    private readonly ingest: (messages: ConsumedMessage[]) => Promise<void>,
    private readonly metrics: RateLimitMetrics,
  ) {}

  async handleBatch(messages: ConsumedMessage[], context: BatchContext): Promise<void> {
    let ready: ConsumedMessage[] = [];
    for (const message of messages) {
      if (!context.isActive()) return;
      const tenantId = message.key?.toString();
      const take = tenantId ? this.admission.take(tenantId) : { taken: true as const };
      if (!take.taken) {
        await this.send(ready, context);
        if (context.isActive()) {
          this.pauses.waitAt(context, message.offset, Math.max(MIN_DRAIN_WAIT_MS, take.waitMs));
        }
        return;
      }
      ready.push(message);
      if (ready.length >= CHUNK) {
        await this.send(ready, context);
        ready = [];
      }
    }
    await this.send(ready, context);
  }

  /** Partitions may have moved: drop every timer and resume, the next fetch decides again. */
  onRebalance(): void {
    this.pauses.resumeAll();
  }

  stop(): void {
    this.pauses.clear();
  }

  private async send(ready: ConsumedMessage[], context: BatchContext): Promise<void> {
    if (ready.length === 0 || !context.isActive()) return;
    await this.ingest(ready);
    context.resolveOffset(ready[ready.length - 1].offset);
    this.metrics.drained.inc(ready.length);
    await context.heartbeat();
  }
}
