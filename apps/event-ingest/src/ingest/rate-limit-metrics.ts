import { Counter, Registry } from 'prom-client';

/** Events over their tenant's Kafka rate, and how the deferred ones drain (bounded labels). */
export class RateLimitMetrics {
  readonly overLimit: Counter<'action'>;
  readonly drained: Counter;

  constructor(registry: Registry) {
    this.overLimit = new Counter({
      name: 'herald_events_over_tenant_rate_total',
      help: "Inbound events over their tenant's kafkaEventsPerSecond, by action (deferred, dropped)",
      labelNames: ['action'],
      registers: [registry],
    });
    this.drained = new Counter({
      name: 'herald_events_deferred_forwarded_total',
      help: 'Deferred events forwarded from herald.events.deferred to herald.events at their rate',
      registers: [registry],
    });
    for (const action of ['deferred', 'dropped']) this.overLimit.inc({ action }, 0);
  }
}
