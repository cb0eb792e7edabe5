import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** retry-scheduler metrics. No tenant or subscription ids as labels. */
export class RetryMetrics {
  readonly overdue: Gauge<'topic'>;
  readonly forwarded: Counter<'topic'>;
  readonly reparked: Counter<'topic'>;
  readonly lateness: Histogram;
  readonly waiting: Gauge;
  readonly canaries: Counter;

  constructor(registry: Registry, waitingPartitions: () => number) {
    const registers = [registry];
    this.overdue = new Gauge({
      name: 'herald_retry_overdue_seconds',
      help: 'Age past its due time of the oldest job waiting on a retry topic (0 = on time)',
      labelNames: ['topic'],
      registers,
    });
    this.forwarded = new Counter({
      name: 'herald_retries_forwarded_total',
      help: 'Retry jobs handed back to herald.deliveries once due',
      labelNames: ['topic'],
      registers,
    });
    this.reparked = new Counter({
      name: 'herald_retries_reparked_total',
      help: 'Jittered retry jobs parked again on a shorter retry topic (label: that topic) for the rest of their wait',
      labelNames: ['topic'],
      registers,
    });
    this.lateness = new Histogram({
      name: 'herald_retry_forward_lateness_seconds',
      help: 'How long after its due time a retry job was handed back',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    });
    this.waiting = new Gauge({
      name: 'herald_retry_partitions_waiting',
      help: 'Retry partitions paused until their head job is due',
      registers,
      collect() {
        this.set(waitingPartitions());
      },
    });
    this.canaries = new Counter({
      name: 'herald_canaries_sent_total',
      help: 'Canary (heartbeat) events enqueued for delivery',
      registers,
    });
  }
}
