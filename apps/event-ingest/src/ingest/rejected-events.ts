import { createHash } from 'crypto';
import {
  HeraldEvent,
  InvalidReason,
  headerText,
  isBinaryModeCloudEvent,
  withStorableCharacters,
} from '@herald/contracts';
import type { InvalidEventRecord } from '@herald/persistence';
import { InboundMessage, Rejection, messageSize } from './inbound-decoder';

/**
 * A rejected event as its tenant may list it (what it claimed, why, where it was read): the
 * store's record, with the reason one of the contract's.
 */
export interface RejectedEvent extends Omit<InvalidEventRecord, 'reason'> {
  reason: InvalidReason;
}

/** What a message claims to be before (or without) decoding. */
export interface ClaimedIdentity {
  tenantId: string | null;
  eventId: string | null;
  type: string | null;
  source: string | null;
}

/** Reasons not listed to tenants: no such tenant, or a flood dropped on purpose (metrics only). */
const UNLISTED: ReadonlySet<InvalidReason> = new Set(['unknown_tenant', 'rate_limited']);
const MAX_ATTRIBUTE_CHARS = 256;
const MAX_DETAIL_CHARS = 1_000;
const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function listedReason(reason: InvalidReason): boolean {
  return !UNLISTED.has(reason);
}

/**
 * Text a tenant chose, made storable and short: NUL and lone surrogates become U+FFFD (the
 * reason it was rejected may be that it held them), then it is clipped.
 */
export function storableText(value: unknown, maxChars: number): string | null {
  if (typeof value !== 'string') return null;
  const clean = withStorableCharacters(value.slice(0, maxChars + 1));
  return clean.length <= maxChars ? clean : `${clean.slice(0, maxChars - 1)}…`;
}

/**
 * Who the message says it is from: the decoded event's attributes, else its `ce_*` headers
 * (binary mode), else a best-effort parse of a structured body no larger than `maxBytes` (a
 * larger one is not read at all). Nothing here is trusted: the tenant must still exist.
 */
export function claimedIdentity(
  message: InboundMessage,
  event: HeraldEvent | undefined,
  maxBytes: number,
): ClaimedIdentity {
  if (event) {
    return {
      tenantId: event.tenantId,
      eventId: event.id,
      type: event.type,
      source: event.source,
    };
  }
  let attributes: Record<string, unknown> = {};
  if (isBinaryModeCloudEvent(message.headers)) {
    attributes = {
      tenantid: headerText(message.headers, 'ce_tenantid'),
      id: headerText(message.headers, 'ce_id'),
      type: headerText(message.headers, 'ce_type'),
      source: headerText(message.headers, 'ce_source'),
    };
  } else if (message.value !== null && messageSize(message) <= maxBytes) {
    try {
      const parsed: unknown = JSON.parse(message.value.toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        attributes = parsed as Record<string, unknown>;
      }
    } catch {
      // not JSON: nothing is claimed
    }
  }
  const tenant = attributes.tenantid;
  return {
    tenantId: typeof tenant === 'string' && TENANT_ID.test(tenant) ? tenant : null,
    eventId: storableText(attributes.id, MAX_ATTRIBUTE_CHARS),
    type: storableText(attributes.type, MAX_ATTRIBUTE_CHARS),
    source: storableText(attributes.source, MAX_ATTRIBUTE_CHARS),
  };
}

/** The listed record of one rejection of a tenant's message; its id is its Kafka position's. */
export function rejectedEvent(
  message: InboundMessage,
  rejection: Rejection,
  claimed: ClaimedIdentity & { tenantId: string },
  rejectedAt: Date,
): RejectedEvent {
  const position = `${message.topic}\u0000${message.partition}\u0000${message.offset}`;
  return {
    tenantId: claimed.tenantId,
    id: `inv_${createHash('sha256').update(position).digest('hex').slice(0, 24)}`,
    eventId: storableText(claimed.eventId, MAX_ATTRIBUTE_CHARS),
    type: storableText(claimed.type, MAX_ATTRIBUTE_CHARS),
    source: storableText(claimed.source, MAX_ATTRIBUTE_CHARS),
    reason: rejection.reason,
    detail: storableText(rejection.detail, MAX_DETAIL_CHARS) ?? '',
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    sizeBytes: messageSize(message),
    rejectedAt: rejectedAt.toISOString(),
  };
}
