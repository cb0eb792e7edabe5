import { Counter, Gauge, Registry } from 'prom-client';
import { POISON_REASONS, PoisonReason } from './failure-class';

/** One metric per registry, whichever runner of the process declares it first. */
function shared<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * The consumer runner's failure metrics. Labels are bounded: the consumer group (one per
 * service), the failure kind, and the poison reason class.
 */
export class ConsumerMetrics {
  private readonly retries: Counter<'group' | 'failure'>;
  private readonly retrying: Gauge<'group'>;
  private readonly poison: Counter<'group' | 'reason'>;
  private readonly retryingPartitions = new Set<string>();

  constructor(
    registry: Registry,
    private readonly group: string,
  ) {
    this.retries = shared(
      registry,
      'herald_consumer_message_retries_total',
      () =>
        new Counter({
          name: 'herald_consumer_message_retries_total',
          help: 'Times a consumer rewound to a message that failed and retried it, by failure kind (transient: broker or database unavailable; unknown: bounded by HERALD_CONSUMER_MAX_MESSAGE_RETRIES)',
          labelNames: ['group', 'failure'],
          registers: [registry],
        }),
    );
    this.retrying = shared(
      registry,
      'herald_consumer_messages_retrying',
      () =>
        new Gauge({
          name: 'herald_consumer_messages_retrying',
          help: 'Messages currently being retried (one per partition waiting on a failed message)',
          labelNames: ['group'],
          registers: [registry],
        }),
    );
    this.poison = shared(
      registry,
      'herald_consumer_poison_messages_total',
      () =>
        new Counter({
          name: 'herald_consumer_poison_messages_total',
          help: 'Messages that can never be processed, sent to the invalid-events topic or the DLQ, by reason class',
          labelNames: ['group', 'reason'],
          registers: [registry],
        }),
    );
    for (const failure of ['transient', 'unknown']) this.retries.inc({ group, failure }, 0);
    for (const reason of POISON_REASONS) this.poison.inc({ group, reason }, 0);
    this.retrying.set({ group }, 0);
  }

  retried(partition: string, failure: 'transient' | 'unknown'): void {
    this.retries.inc({ group: this.group, failure });
    this.retryingPartitions.add(partition);
    this.retrying.set({ group: this.group }, this.retryingPartitions.size);
  }

  /** The partition moved past its failed message (handled, or quarantined), or was lost. */
  settled(partition: string): void {
    if (!this.retryingPartitions.delete(partition)) return;
    this.retrying.set({ group: this.group }, this.retryingPartitions.size);
  }

  settledAll(): void {
    this.retryingPartitions.clear();
    this.retrying.set({ group: this.group }, 0);
  }

  quarantined(reason: PoisonReason): void {
    this.poison.inc({ group: this.group, reason });
  }
}
