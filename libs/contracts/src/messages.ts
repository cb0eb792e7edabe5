import { EVENT_ACTIONS, EventAction, InboundCloudEvent } from './cloudevent';
import { Subscription } from './subscription';
import { FieldReader, Validated, isRecord, parseJson } from './validation';

/** The normalised event on `herald.events`: what the matcher and dispatcher work from. */
export interface HeraldEventV1 {
  kind: 'herald.event';
  version: 1;
  id: string;
  /** null = a public event, delivered to every tenant subscribed to a public type. */
  tenantId: string | null;
  type: string;
  source: string;
  subject: string | null;
  /** When the event happened (the CloudEvent `time`, or when Herald received it). */
  time: string;
  receivedAt: string;
  entityType: string | null;
  entityId: string | null;
  action: EventAction | null;
  trigger: string | null;
  dataContentType: string;
  data: unknown;
  /**
   * The code of the event's registered type (`100`), set by event-ingest from the tenant's
   * catalogue (or the operator's public type); null or absent when the type has none.
   */
  typeCode?: string | null;
  /** The registered type's description ("Product Information has been changed"), or null. */
  typeDescription?: string | null;
}
export type HeraldEvent = HeraldEventV1;

/** One (event, subscription) pair on `herald.deliveries`, a retry topic or the DLQ. */
export interface DeliveryJobV1 {
  kind: 'herald.delivery-job';
  version: 1;
  /** Stable across attempts: sent as `webhook-id` so receivers can de-duplicate. */
  deliveryId: string;
  subscriptionId: string;
  tenantId: string;
  event: HeraldEvent;
  /** The attempt this job is for, starting at 1. */
  attempt: number;
  firstEnqueuedAt: string;
  /** When the job may be attempted (retry topics wait until then). */
  dueAt: string;
  /** Times the job was put back without an attempt (rate limit, open circuit). */
  deferrals: number;
  lastError: string | null;
}
export type DeliveryJob = DeliveryJobV1;

/**
 * The value of a `herald.subscriptions.changelog` record; a tombstone (null) on delete.
 * Version 2 carries signing secrets sealed (version 1 carried them in plain text: readers skip
 * such records, and subscription-api republishes every subscription sealed at start-up).
 */
export interface SubscriptionRecordV2 {
  kind: 'herald.subscription';
  version: 2;
  subscription: Subscription;
}
export type SubscriptionRecord = SubscriptionRecordV2;

/** A CloudEvent as Herald's internal event: absent attributes become null, time defaults. */
export function normaliseCloudEvent(event: InboundCloudEvent, receivedAt: Date): HeraldEvent {
  const received = receivedAt.toISOString();
  return {
    kind: 'herald.event',
    version: 1,
    id: event.id,
    tenantId: event.tenantid ?? null,
    type: event.type,
    source: event.source,
    subject: event.subject ?? null,
    time: event.time ?? received,
    receivedAt: received,
    entityType: event.entitytype ?? null,
    entityId: event.entityid ?? null,
    action: event.action ?? null,
    trigger: event.trigger ?? null,
    dataContentType: event.datacontenttype ?? 'application/json',
    data: event.data ?? null,
  };
}

export function validateHeraldEvent(input: unknown, prefix = ''): Validated<HeraldEvent> {
  if (!isRecord(input))
    return { ok: false, issues: [{ field: prefix || '$', message: 'must be an object' }] };
  const r = new FieldReader(input, prefix);
  if (input.kind !== 'herald.event') r.fail('kind', 'must be "herald.event"');
  if (input.version !== 1) r.fail('version', 'must be 1');
  r.string('id');
  if (input.tenantId !== null) r.string('tenantId');
  r.string('type');
  r.string('source');
  r.timestamp('time');
  r.timestamp('receivedAt');
  if (input.action !== null) r.oneOf('action', EVENT_ACTIONS);
  r.string('dataContentType');
  return r.result(input as unknown as HeraldEvent);
}

export function validateDeliveryJob(input: unknown): Validated<DeliveryJob> {
  if (!isRecord(input))
    return { ok: false, issues: [{ field: '$', message: 'must be an object' }] };
  const r = new FieldReader(input);
  if (input.kind !== 'herald.delivery-job') r.fail('kind', 'must be "herald.delivery-job"');
  if (input.version !== 1) r.fail('version', 'must be 1');
  r.string('deliveryId');
  r.string('subscriptionId');
  r.string('tenantId');
  r.integer('attempt', { min: 1 });
  r.timestamp('firstEnqueuedAt');
  r.timestamp('dueAt');
  r.integer('deferrals', { min: 0 });
  const event = validateHeraldEvent(input.event, 'event');
  const issues = [...r.issues, ...(event.ok ? [] : event.issues)];
  return issues.length === 0
    ? { ok: true, value: input as unknown as DeliveryJob }
    : { ok: false, issues };
}

export function validateSubscriptionRecord(input: unknown): Validated<SubscriptionRecord> {
  if (!isRecord(input))
    return { ok: false, issues: [{ field: '$', message: 'must be an object' }] };
  const r = new FieldReader(input);
  if (input.kind !== 'herald.subscription') r.fail('kind', 'must be "herald.subscription"');
  if (input.version !== 2) r.fail('version', 'must be 2 (signing secrets sealed)');
  const subscription = r.record('subscription');
  if (subscription) {
    const s = new FieldReader(subscription, 'subscription');
    s.string('id');
    s.string('tenantId');
    s.string('url');
    if (!Array.isArray(subscription.eventTypes)) s.fail('eventTypes', 'must be an array');
    s.integer('revision', { min: 0 });
    const secrets = isRecord(subscription.signing) ? subscription.signing.secrets : undefined;
    if (
      !Array.isArray(secrets) ||
      !secrets.every(
        (x) => isRecord(x) && typeof x.sealed === 'string' && typeof x.fingerprint === 'string',
      )
    ) {
      s.fail('signing.secrets', 'must be a list of sealed secrets ({sealed, fingerprint})');
    }
    r.issues.push(...s.issues);
  }
  return r.result(input as unknown as SubscriptionRecord);
}

/** Decodes a JSON message value with the given validator. */
export function decodeJson<T>(
  value: Buffer | string | null,
  validate: (input: unknown) => Validated<T>,
): Validated<T> {
  if (value === null)
    return { ok: false, issues: [{ field: '$', message: 'message has no value' }] };
  const parsed = parseJson(value.toString());
  return parsed.ok ? validate(parsed.value) : parsed;
}
