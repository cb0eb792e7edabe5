import { DeliveryJob, HeraldEvent, isDeliverable } from '@herald/contracts';
import { SubscriptionIndex } from '@herald/matching';
import { DeliveryRecord } from '@herald/persistence';
import { firstDeliveryJob } from './delivery-job';
import { MatchedSubscription } from './matched-subscription';

/**
 * An event from herald.events with its JSON as it came (null: not at hand), which its jobs carry
 * as it is: the matcher parses an event to match it, and never encodes it again.
 */
export interface ReceivedEvent {
  event: HeraldEvent;
  json: Buffer | null;
}

/** A job to publish, with its event's JSON as received (null: encode the event). */
export interface JobToPublish {
  job: DeliveryJob;
  eventJson: Buffer | null;
}

export interface MatchPorts {
  index: SubscriptionIndex<MatchedSubscription>;
  /** Records deliveries in the delivery log (idempotent on the delivery id). */
  recordPending(records: DeliveryRecord[]): Promise<void>;
  recordHeld(records: DeliveryRecord[]): Promise<void>;
  /** Writes jobs to herald.deliveries keyed by subscription id, acks=all. */
  publish(jobs: JobToPublish[]): Promise<void>;
  now(): Date;
  /** Called with each event's match time in seconds (its share of its batch's). */
  observeMatch(seconds: number): void;
}

export interface MatchOutcome {
  jobs: DeliveryJob[];
  held: DeliveryRecord[];
}

/**
 * Matches a batch of events against the in-memory index and turns every match into exactly one
 * outcome: a pending delivery (recorded, then a job on herald.deliveries) or a held one
 * (recorded only: the subscription is inactive, paused or disabled, so it can be replayed).
 * Recording comes first so the dispatcher always finds the row it updates; delivery ids are
 * stable, so running a batch again after a failure writes nothing twice to the log.
 */
export class MatchEvents {
  constructor(private readonly ports: MatchPorts) {}

  async execute(received: readonly ReceivedEvent[]): Promise<MatchOutcome> {
    const now = this.ports.now();
    const jobs: JobToPublish[] = [];
    const held: DeliveryRecord[] = [];
    const started = process.hrtime.bigint();
    const matchesPerEvent = this.ports.index.matchMany(received.map((r) => r.event));
    const secondsPerEvent = Number(process.hrtime.bigint() - started) / 1e9 / received.length;
    received.forEach(({ event, json }, i) => {
      this.ports.observeMatch(secondsPerEvent);
      for (const subscription of matchesPerEvent[i]) {
        const job = firstDeliveryJob(event, subscription, now);
        if (isDeliverable(subscription, now)) jobs.push({ job, eventJson: json });
        else held.push(recordOf(job, now));
      }
    });
    await Promise.all([
      this.ports.recordPending(jobs.map(({ job }) => recordOf(job, now))),
      this.ports.recordHeld(held),
    ]);
    await this.ports.publish(jobs);
    return { jobs: jobs.map(({ job }) => job), held };
  }
}

function recordOf(job: DeliveryJob, now: Date): DeliveryRecord {
  return {
    deliveryId: job.deliveryId,
    tenantId: job.tenantId,
    subscriptionId: job.subscriptionId,
    eventId: job.event.id,
    eventType: job.event.type,
    createdAt: now.toISOString(),
  };
}
