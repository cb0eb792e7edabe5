import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The matcher's metrics. */
export class MatcherMetrics {
  readonly matches: Counter<'result'>;
  readonly duration: Histogram;
  readonly rejected: Counter;
  readonly undecodable: Counter;

  constructor(registry: Registry, indexSize: () => number) {
    this.matches = new Counter({
      name: 'herald_matches_total',
      help: 'Event-subscription matches, by result (pending: job written; held: subscription not deliverable)',
      labelNames: ['result'],
      registers: [registry],
    });
    this.matches.inc({ result: 'pending' }, 0);
    this.matches.inc({ result: 'held' }, 0);
    this.duration = new Histogram({
      name: 'herald_match_duration_seconds',
      help: 'Time to find the matching subscriptions of one event in the in-memory index (its share of its batch)',
      buckets: [0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.001, 0.005, 0.025],
      registers: [registry],
    });
    new Gauge({
      name: 'herald_subscription_index_size',
      help: 'Subscriptions in the in-memory index',
      registers: [registry],
      collect() {
        this.set(indexSize());
      },
    });
    this.rejected = new Counter({
      name: 'herald_subscription_index_rejected_total',
      help: 'Changelog records that could not be indexed (invalid record, pattern or condition)',
      registers: [registry],
    });
    this.undecodable = new Counter({
      name: 'herald_matcher_undecodable_events_total',
      help: 'herald.events messages that are not a valid Herald event (forwarded to herald.events.invalid)',
      registers: [registry],
    });
  }
}
