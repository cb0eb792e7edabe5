import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AttemptResult } from '@herald/delivery';

/** Dispatcher metrics. No tenant or subscription ids as labels. */
export class DispatcherMetrics {
  readonly attempts: Counter<'outcome' | 'status_class'>;
  readonly duration: Histogram;
  readonly eventToDelivery: Histogram;
  readonly retries: Counter<'delay'>;
  readonly deadLetters: Counter<'reason'>;
  readonly deferred: Counter<'reason'>;
  readonly held: Counter<'reason'>;
  readonly dropped: Counter<'reason'>;
  readonly stateChanges: Counter<'state'>;
  readonly rerecorded: Counter;

  constructor(registry: Registry, inFlight: () => number, paused: () => number) {
    const registers = [registry];
    this.attempts = new Counter({
      name: 'herald_delivery_attempts_total',
      help: 'HTTP delivery attempts by outcome (succeeded, failed, dead) and status class (2xx..5xx or the error class)',
      labelNames: ['outcome', 'status_class'],
      registers,
    });
    this.duration = new Histogram({
      name: 'herald_delivery_duration_seconds',
      help: 'Time from sending a delivery to its response or error',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60],
      registers,
    });
    this.eventToDelivery = new Histogram({
      name: 'herald_event_to_delivery_seconds',
      help: 'Time from the event to its first successful delivery',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3_600, 86_400, 604_800],
      registers,
    });
    this.retries = new Counter({
      name: 'herald_retries_scheduled_total',
      help: 'Failed attempts put on a retry topic, by delay',
      labelNames: ['delay'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'herald_dead_letters_total',
      help: 'Deliveries dead-lettered, by reason (exhausted, gone, ssrf, invalid, unrecordable)',
      labelNames: ['reason'],
      registers,
    });
    this.deferred = new Counter({
      name: 'herald_deliveries_deferred_total',
      help: 'Jobs put back on the retry ladder without an attempt (rate limit, concurrency, open circuit)',
      labelNames: ['reason'],
      registers,
    });
    this.held = new Counter({
      name: 'herald_deliveries_held_total',
      help: 'Jobs held (not sent, replayable) because the subscription is paused, disabled or inactive',
      labelNames: ['reason'],
      registers,
    });
    this.dropped = new Counter({
      name: 'herald_deliveries_dropped_total',
      help: 'Jobs acknowledged without delivery because their subscription no longer exists',
      labelNames: ['reason'],
      registers,
    });
    this.stateChanges = new Counter({
      name: 'herald_subscription_state_changes_total',
      help: 'Subscription health changes made by the dispatcher (paused, disabled, active)',
      labelNames: ['state'],
      registers,
    });
    this.rerecorded = new Counter({
      name: 'herald_delivery_outcomes_rerecorded_total',
      help: 'Outcomes recorded after a rewind without calling the receiver again (their first record failed)',
      registers,
    });
    new Gauge({
      name: 'herald_deliveries_in_flight',
      help: 'HTTP deliveries in flight on this instance',
      registers,
      collect() {
        this.set(inFlight());
      },
    });
    new Gauge({
      name: 'herald_subscriptions_paused',
      help: 'Subscriptions currently paused by the circuit breaker',
      registers,
      collect() {
        this.set(paused());
      },
    });
  }

  observeAttempt(outcome: 'succeeded' | 'failed' | 'dead', result: AttemptResult): void {
    const statusClass =
      result.kind === 'response' ? `${Math.floor(result.status / 100)}xx` : result.errorClass;
    this.attempts.inc({ outcome, status_class: statusClass });
    this.duration.observe(result.latencyMs / 1000);
  }
}
