import { Gauge, Registry } from 'prom-client';

/**
 * `herald_consumer_lag{topic,group}`: messages behind the high watermark, summed over the
 * partitions this instance owns, updated from every fetched batch (no extra broker calls).
 */
export class ConsumerLag {
  private readonly gauge: Gauge<'topic' | 'group'>;
  private readonly byPartition = new Map<string, Map<number, number>>();

  constructor(
    registry: Registry,
    private readonly group: string,
  ) {
    const name = 'herald_consumer_lag';
    this.gauge =
      (registry.getSingleMetric(name) as Gauge<'topic' | 'group'> | undefined) ??
      new Gauge({
        name,
        help: 'Messages between the last consumed offset and the high watermark',
        labelNames: ['topic', 'group'],
        registers: [registry],
      });
  }

  record(topic: string, partition: number, highWatermark: string, nextOffset: string): void {
    const lag = Math.max(0, Number(BigInt(highWatermark) - BigInt(nextOffset)));
    const partitions = this.byPartition.get(topic) ?? new Map<number, number>();
    partitions.set(partition, lag);
    this.byPartition.set(topic, partitions);
    let total = 0;
    for (const value of partitions.values()) total += value;
    this.gauge.set({ topic, group: this.group }, total);
  }

  forget(topic: string, partition: number): void {
    this.byPartition.get(topic)?.delete(partition);
  }
}
