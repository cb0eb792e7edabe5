import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { InboundCloudEvent, TOPICS, findUnstorable, validateCloudEvent } from '@herald/contracts';
import { IdempotencyStore } from '@herald/persistence';
import { CachedEventCatalog, judgeByCatalogue } from '@herald/tenant-schemas';
import { MESSAGE_BUS, MessageBus } from '../infrastructure/message-bus';
import { ProblemException, invalid, invalidField, problemOf } from '../http/problem';
import { SubscriptionApiConfig } from '../subscription-api.config';

export interface Accepted {
  id: string;
  status: 'accepted';
}

/**
 * HTTP ingest for tenants that cannot reach Kafka: the CloudEvent goes to
 * `herald.events.inbound` (keyed by tenant) with the caller's tenant id, where event-ingest
 * validates and de-duplicates it like any other. An `Idempotency-Key` makes a repeat return
 * the first answer without producing again; the same key with another body is a 422.
 * A body PostgreSQL could not store (a NUL or a lone surrogate in any string or key, nesting
 * deeper than HERALD_EVENT_MAX_DEPTH) is refused here with the field named, before anything
 * walks it: it would otherwise be accepted and then refused by the event store.
 *
 * The event is judged by the tenant's catalogue here, as event-ingest will judge it: a `data`
 * its registered type's JSON Schema refuses, or (strict catalogue) an unregistered type, is a
 * 422 naming each field, instead of a 202 followed by a silent trip to herald.events.invalid.
 */
@Injectable()
export class EventIngestService {
  constructor(
    private readonly idempotency: IdempotencyStore,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SubscriptionApiConfig) private readonly config: SubscriptionApiConfig,
    private readonly catalog: CachedEventCatalog,
  ) {}

  async accept(
    tenantId: string,
    body: unknown,
    idempotencyKey: string | undefined,
  ): Promise<Accepted> {
    const unstorable = findUnstorable(body, this.config.HERALD_EVENT_MAX_DEPTH);
    if (unstorable) throw invalidField(unstorable.path, unstorable.problem);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const given = (body as Record<string, unknown>).tenantid;
      if (given !== undefined && given !== tenantId) {
        throw invalidField('tenantid', 'must be absent or the tenant of the API key');
      }
    }
    const validated = validateCloudEvent(
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? { ...body, tenantid: tenantId }
        : body,
    );
    if (!validated.ok) throw invalid(validated.issues);
    const event: InboundCloudEvent = validated.value;
    const verdict = await judgeByCatalogue(this.catalog, {
      tenantId,
      type: event.type,
      data: event.data ?? null,
    });
    if (!verdict.ok) {
      const { refusal } = verdict;
      throw new ProblemException(
        problemOf(422, `${refusal.reason}: ${refusal.detail}`, refusal.issues),
      );
    }
    if (idempotencyKey === undefined) {
      await this.publish(tenantId, event);
      return { id: event.id, status: 'accepted' };
    }
    if (idempotencyKey.length === 0 || idempotencyKey.length > 255) {
      throw invalidField('Idempotency-Key', 'must be 1 to 255 characters');
    }
    const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const previous = await this.idempotency.find(tenantId, idempotencyKey);
    if (previous) return this.replayed(previous, requestHash);
    await this.publish(tenantId, event);
    const response: Accepted = { id: event.id, status: 'accepted' };
    const kept = await this.idempotency.remember(tenantId, idempotencyKey, {
      requestHash,
      response: { ...response },
    });
    return this.replayed(kept, requestHash);
  }

  private replayed(
    previous: { requestHash: string; response: Record<string, unknown> },
    requestHash: string,
  ): Accepted {
    if (previous.requestHash !== requestHash) {
      throw new ProblemException(
        problemOf(422, 'this Idempotency-Key was used with a different request body', [
          { field: 'Idempotency-Key', message: 'was used with a different request body' },
        ]),
      );
    }
    return previous.response as unknown as Accepted;
  }

  private publish(tenantId: string, event: InboundCloudEvent): Promise<void> {
    return this.bus.send(TOPICS.eventsInbound, [{ key: tenantId, value: event }]);
  }
}
