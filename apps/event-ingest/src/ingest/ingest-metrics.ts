import { Counter, Registry } from 'prom-client';
import { INVALID_REASONS, InvalidReason } from '@herald/contracts';
import type { IngestOutcome } from './ingest-events.usecase';

export type IngestResult = 'accepted' | 'deferred' | 'invalid' | 'duplicate';

/** event-ingest's counters; every consumed message lands in exactly one `result`. */
export class IngestMetrics {
  private readonly ingested: Counter<'result'>;
  private readonly invalid: Counter<'reason'>;
  private readonly duplicates: Counter;

  constructor(registry: Registry) {
    this.ingested = new Counter({
      name: 'herald_events_ingested_total',
      help: 'Inbound events consumed, by result (accepted, deferred, invalid, duplicate); a deferred event is counted again with its result when its turn comes',
      labelNames: ['result'],
      registers: [registry],
    });
    this.invalid = new Counter({
      name: 'herald_events_invalid_total',
      help: 'Inbound events rejected to herald.events.invalid, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.duplicates = new Counter({
      name: 'herald_events_duplicate_total',
      help: 'Inbound events dropped as duplicates of an event id seen within the window',
      registers: [registry],
    });
    // Publish every label value at zero so dashboards and alerts see the series from the start.
    for (const result of ['accepted', 'deferred', 'invalid', 'duplicate'])
      this.ingested.inc({ result }, 0);
    for (const reason of INVALID_REASONS) this.invalid.inc({ reason }, 0);
  }

  recordOutcome(outcome: IngestOutcome): void {
    this.record({
      accepted: outcome.accepted.length,
      deferred: outcome.deferred.length,
      duplicates: outcome.duplicates.length,
      invalid: outcome.invalid.map((i) => i.rejection.reason),
    });
  }

  record(outcome: {
    accepted: number;
    deferred?: number;
    invalid: InvalidReason[];
    duplicates: number;
  }): void {
    if (outcome.accepted > 0) this.ingested.inc({ result: 'accepted' }, outcome.accepted);
    if (outcome.deferred) this.ingested.inc({ result: 'deferred' }, outcome.deferred);
    if (outcome.duplicates > 0) {
      this.ingested.inc({ result: 'duplicate' }, outcome.duplicates);
      this.duplicates.inc(outcome.duplicates);
    }
    for (const reason of outcome.invalid) {
      this.ingested.inc({ result: 'invalid' });
      this.invalid.inc({ reason });
    }
  }
}
