import { Counter, Gauge, Registry } from 'prom-client';

/** Metrics of the release of held deliveries. No tenant or subscription ids as labels. */
export class HeldReleaseMetrics {
  readonly released: Counter;
  readonly discarded: Counter<'reason'>;

  constructor(registry: Registry, waiting: () => number) {
    const registers = [registry];
    this.released = new Counter({
      name: 'herald_held_deliveries_released_total',
      help: 'Held deliveries put back on herald.deliveries once their subscription could deliver again',
      registers,
    });
    this.discarded = new Counter({
      name: 'herald_held_deliveries_discarded_total',
      help: 'Held deliveries never sent: discarded by the tenant (tenant) or their event past retention (retention)',
      labelNames: ['reason'],
      registers,
    });
    new Gauge({
      name: 'herald_held_release_subscriptions',
      help: 'Subscriptions this dispatcher watches for held deliveries to release',
      registers,
      collect() {
        this.set(waiting());
      },
    });
  }
}
