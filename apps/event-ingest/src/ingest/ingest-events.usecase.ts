import { Message } from 'kafkajs';
import { HeraldEvent, TOPICS } from '@herald/contracts';
import { encodedFor, invalidMessage, jsonFor } from '@herald/kafka';
import { isOperationalType } from '@herald/matching';
import { EventCatalog, judgeByCatalogue } from '@herald/tenant-schemas';
import { InboundMessage, Rejection, decodeInbound } from './inbound-decoder';
import { Admission } from './tenant-admission';
import { RejectedEvent, claimedIdentity, listedReason, rejectedEvent } from './rejected-events';

/** An event with its JSON text (`jsonFor`): encoded once, for herald.events and the store. */
export interface EncodedEvent {
  event: HeraldEvent;
  json: string;
}

export interface IngestPorts {
  catalog: EventCatalog;
  /** Writes the accepted events and the rejected messages to Kafka, together, acks=all. */
  publish(batches: { topic: string; messages: Message[] }[]): Promise<void>;
  /**
   * Whether a decoded event goes on now, waits on herald.events.deferred, or is dropped.
   * Events drained back from herald.events.deferred took their token already: 'forward'.
   */
  admit(tenantId: string | null): Admission;
  /**
   * De-duplicates and stores in one statement: the events not accepted since `since` (nor
   * repeated earlier in the list) are `accepted`, and stored for replay; the transaction commits
   * only once `beforeCommit(accepted)` (the publish) has resolved: a failed insert publishes
   * nothing, a failed publish stores and claims nothing.
   */
  accept(
    events: readonly EncodedEvent[],
    since: Date,
    beforeCommit: (accepted: EncodedEvent[]) => Promise<void>,
  ): Promise<{ accepted: EncodedEvent[]; duplicates: EncodedEvent[] }>;
  /**
   * Keeps the rejections of existing tenants' messages for `GET /v1/invalid-events` (no payload,
   * no headers); idempotent per message, so a retried batch stores each once.
   */
  recordRejected(records: readonly RejectedEvent[]): Promise<void>;
  now(): Date;
}

export interface IngestSettings {
  maxEventBytes: number;
  maxEventDepth: number;
  dedupWindowMs: number;
}

export interface IngestOutcome {
  /** Forwarded to herald.events. */
  accepted: HeraldEvent[];
  /**
   * Over the tenant's rate: the message as it came, on herald.events.deferred until its turn,
   * when it is validated, de-duplicated and stored like any other.
   */
  deferred: { message: InboundMessage; tenantId: string }[];
  /** Rejected, with the decoded event when it got that far. */
  invalid: { message: InboundMessage; rejection: Rejection; event?: HeraldEvent }[];
  duplicates: HeraldEvent[];
}

/**
 * Validates, de-duplicates, forwards and stores one batch of inbound messages. When it returns,
 * every message is safely in `herald.events` (and the event store), or in `herald.events.invalid`,
 * or was a duplicate, or (over its tenant's rate) waits on `herald.events.deferred`: the caller
 * may then commit all their offsets. The rate is checked right after decoding, so a flood over
 * its tenant's rate costs no catalog, de-duplication or store work until its turn comes.
 * If any write fails it throws and nothing should be committed; re-running the batch is safe.
 *
 * Order matters: in one transaction, the events are de-duplicated and inserted (one statement),
 * Kafka is written with the accepted ones, and the transaction commits. An insert PostgreSQL
 * refuses (the runner then finds the one message by splitting the batch) or a database outage
 * publishes nothing, so retrying delivers nothing twice; a failed Kafka write rolls the insert
 * back, so the retry does not take the events for duplicates and lose them. Only a failure of the commit
 * itself, after the publish, re-sends events (same ids, so the matcher produces the same
 * delivery ids and receivers see the same webhook-id).
 */
export class IngestEvents {
  constructor(
    private readonly ports: IngestPorts,
    private readonly settings: IngestSettings,
  ) {}

  async execute(messages: readonly InboundMessage[]): Promise<IngestOutcome> {
    const now = this.ports.now();
    const outcome: IngestOutcome = { accepted: [], deferred: [], invalid: [], duplicates: [] };
    const candidates: { message: InboundMessage; event: HeraldEvent }[] = [];
    for (const message of messages) {
      const decoded = decodeInbound(
        message,
        { maxBytes: this.settings.maxEventBytes, maxDepth: this.settings.maxEventDepth },
        now,
      );
      if (!decoded.ok) {
        outcome.invalid.push({ message, rejection: decoded.rejection });
        continue;
      }
      const misplaced = operationalTopicProblem(message.topic, decoded.event.type);
      if (misplaced) {
        outcome.invalid.push({ message, rejection: misplaced, event: decoded.event });
        continue;
      }
      const admission = this.ports.admit(decoded.event.tenantId);
      if (admission !== 'forward') {
        // Only tenants' events are limited, so a deferred event has a tenant id.
        if (admission === 'defer')
          outcome.deferred.push({ message, tenantId: decoded.event.tenantId ?? '' });
        else outcome.invalid.push({ message, rejection: RATE_LIMITED });
        continue;
      }
      const rejection = await this.checkCatalog(decoded.event);
      if (rejection) outcome.invalid.push({ message, rejection, event: decoded.event });
      else candidates.push({ message, event: decoded.event });
    }

    const rejected = await this.listedRejections(outcome.invalid, now);
    const { accepted, duplicates } = await this.ports.accept(
      candidates.map(({ event }) => ({ event, json: jsonFor(TOPICS.events, event) })),
      new Date(now.getTime() - this.settings.dedupWindowMs),
      async (fresh) => {
        await this.ports.recordRejected(rejected);
        await this.ports.publish([
          { topic: TOPICS.events, messages: fresh.map(eventMessage) },
          { topic: TOPICS.eventsDeferred, messages: outcome.deferred.map(deferredMessage) },
          { topic: TOPICS.eventsInvalid, messages: outcome.invalid.map(rejectedMessage) },
        ]);
      },
    );
    outcome.accepted = accepted.map((a) => a.event);
    outcome.duplicates = duplicates.map((d) => d.event);
    return outcome;
  }

  /**
   * The rejections a tenant may list: of messages naming an existing tenant (a decoded event's
   * tenant exists unless that was the reason; a claimed one is looked up in the catalogue).
   */
  private async listedRejections(
    invalid: IngestOutcome['invalid'],
    now: Date,
  ): Promise<RejectedEvent[]> {
    const records: RejectedEvent[] = [];
    for (const { message, rejection, event } of invalid) {
      if (!listedReason(rejection.reason)) continue;
      const claimed = claimedIdentity(message, event, this.settings.maxEventBytes);
      const tenantId = claimed.tenantId;
      if (tenantId === null) continue;
      if (!event && (await this.ports.catalog.tenant(tenantId)) === null) continue;
      records.push(rejectedEvent(message, rejection, { ...claimed, tenantId }, now));
    }
    return records;
  }

  private async checkCatalog(event: HeraldEvent): Promise<Rejection | null> {
    const verdict = await judgeByCatalogue(this.ports.catalog, event);
    if (!verdict.ok) return verdict.refusal;
    // The registered type's code and description travel with the event (payload templates).
    if (verdict.type?.code != null) event.typeCode = verdict.type.code;
    if (verdict.type?.description != null) event.typeDescription = verdict.type.description;
    return null;
  }
}

/**
 * Herald's operational types (`herald.*`) come only from `herald.events.operational`, which only
 * the dispatcher and the outbox write, and that topic carries nothing else: a producer cannot
 * forge a pause or a disable by writing one to `herald.events.inbound` or a domain topic.
 */
export function operationalTopicProblem(topic: string, type: string): Rejection | null {
  const operational = isOperationalType(type);
  if (operational === (topic === TOPICS.eventsOperational)) return null;
  return {
    reason: 'invalid_envelope',
    detail: operational
      ? `type: ${type.slice(0, 256)} is reserved: herald.* types are Herald's own events`
      : `type: ${TOPICS.eventsOperational} carries only Herald's own herald.* types`,
  };
}

const RATE_LIMITED: Rejection = {
  reason: 'rate_limited',
  detail: "tenantid: over the tenant's kafkaEventsPerSecond limit (HERALD_INGEST_OVER_LIMIT=drop)",
};

function eventMessage({ event, json }: EncodedEvent): Message {
  return encodedFor(TOPICS.events, { key: event.tenantId ?? event.id, value: event }, json);
}

/**
 * The inbound message as it came (value and headers: structured or binary mode), keyed by its
 * tenant so one tenant's deferred events share a partition and the drain knows whose token to
 * take.
 */
function deferredMessage({ message, tenantId }: IngestOutcome['deferred'][number]): Message {
  return { key: tenantId, value: message.value, headers: message.headers };
}

/** The rejected message, byte for byte, with the reason and where it came from in headers. */
function rejectedMessage({ message, rejection }: IngestOutcome['invalid'][number]): Message {
  return invalidMessage(message, rejection.reason, rejection.detail);
}
