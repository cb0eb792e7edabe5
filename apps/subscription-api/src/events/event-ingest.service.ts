import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import {
  InboundCloudEvent,
  TOPICS,
  findUnstorable,
  unstorableText,
  validateCloudEvent,
} from '@herald/contracts';
import { isOperationalType } from '@herald/matching';
import { IdempotencyStore, RememberedResponse } from '@herald/persistence';
import { CachedEventCatalog, judgeByCatalogue } from '@herald/tenant-schemas';
import { MESSAGE_BUS, MessageBus } from '../infrastructure/message-bus';
import { FieldIssue, Problem, ProblemException, invalidField, problemOf } from '../http/problem';
import { SubscriptionApiConfig } from '../subscription-api.config';
import { headerField } from './binary-cloud-event';

export interface Accepted {
  id: string;
  status: 'accepted';
}

/** One event's answer in a batch, in the order sent. */
export type BatchItemResult =
  | { index: number; id: string; status: 202 }
  | { index: number; id: string | null; status: number; problem: Problem };

export interface BatchAccepted {
  accepted: number;
  refused: number;
  results: BatchItemResult[];
}

/** How the event came: a JSON CloudEvent (structured mode) or `ce-*` headers (binary mode). */
export type ContentMode = 'structured' | 'binary';

/** How long a request waits for another one holding its Idempotency-Key before a 409. */
const IDEMPOTENCY_WAIT_MS = 5_000;
/** A claim older than this was left by a crashed request: another may take it over. */
const IDEMPOTENCY_STALE_MS = 30_000;

type Judged = { ok: true; event: InboundCloudEvent } | { ok: false; problem: Problem };

/**
 * HTTP ingest for tenants that cannot reach Kafka: the CloudEvent goes to
 * `herald.events.inbound` (keyed by tenant) with the caller's tenant id, where event-ingest
 * validates and de-duplicates it like any other. A body PostgreSQL could not store (a NUL or a
 * lone surrogate in any string or key, nesting deeper than HERALD_EVENT_MAX_DEPTH) is refused
 * here with the field named, before anything walks it.
 *
 * The event is judged by the tenant's catalogue here, as event-ingest will judge it: a `data`
 * its registered type's JSON Schema refuses, or (strict catalogue) an unregistered type, is a
 * 422 naming each field, instead of a 202 followed by a silent trip to herald.events.invalid.
 *
 * An `Idempotency-Key` is claimed atomically in PostgreSQL before anything is produced: of two
 * concurrent requests with one key, one publishes and the other waits for its answer (a 409 if
 * it does not come within 5 s); a repeat returns the first answer; the same key with another
 * body is a 422. A batch is judged event by event and its accepted events go in one produce.
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
    mode: ContentMode = 'structured',
  ): Promise<Accepted> {
    const key = checkedKey(idempotencyKey);
    const judged = await this.judge(tenantId, body, mode);
    if (!judged.ok) throw new ProblemException(judged.problem);
    const { event } = judged;
    const run = async (): Promise<Accepted> => {
      await this.publish(tenantId, [event]);
      return { id: event.id, status: 'accepted' };
    };
    if (key === undefined) return run();
    return this.once(tenantId, key, requestHash(mode, body), run);
  }

  /**
   * A CloudEvents batch (a JSON array of at most HERALD_API_MAX_BATCH_EVENTS): each event judged
   * as `accept` judges one, the accepted ones produced together in one request, and one result
   * per event in the order sent. One Idempotency-Key covers the whole batch.
   */
  async acceptBatch(
    tenantId: string,
    body: unknown,
    idempotencyKey: string | undefined,
  ): Promise<BatchAccepted> {
    const key = checkedKey(idempotencyKey);
    const events = batchOf(body, this.config.HERALD_API_MAX_BATCH_EVENTS);
    const run = async (): Promise<BatchAccepted> => {
      const results: BatchItemResult[] = [];
      const accepted: InboundCloudEvent[] = [];
      for (const [index, item] of events.entries()) {
        const judged = await this.judge(tenantId, item);
        if (judged.ok) {
          accepted.push(judged.event);
          results.push({ index, id: judged.event.id, status: 202 });
        } else {
          const id = (item as { id?: unknown } | null)?.id;
          results.push({
            index,
            id: typeof id === 'string' && id.length <= 256 && !unstorableText(id) ? id : null,
            status: judged.problem.status,
            problem: judged.problem,
          });
        }
      }
      await this.publish(tenantId, accepted);
      return { accepted: accepted.length, refused: events.length - accepted.length, results };
    };
    if (key === undefined) return run();
    return this.once(tenantId, key, requestHash('batch', body), run);
  }

  /** Whether one event may be produced: storable, of this tenant, a valid envelope, allowed. */
  private async judge(
    tenantId: string,
    body: unknown,
    mode: ContentMode = 'structured',
  ): Promise<Judged> {
    const refuse = (status: 400 | 422, issues: FieldIssue[], detail?: string): Judged => {
      // Binary mode: an attribute's issue names the header it came from (`ce-type`).
      const named =
        mode === 'binary' ? issues.map((i) => ({ ...i, field: headerField(i.field) })) : issues;
      return {
        ok: false,
        problem: problemOf(
          status,
          detail ?? named.map((i) => `${i.field}: ${i.message}`).join('; '),
          named,
        ),
      };
    };
    const unstorable = findUnstorable(body, this.config.HERALD_EVENT_MAX_DEPTH);
    if (unstorable) return refuse(400, [{ field: unstorable.path, message: unstorable.problem }]);
    const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
    if (isObject) {
      const given = (body as Record<string, unknown>).tenantid;
      if (given !== undefined && given !== tenantId) {
        return refuse(400, [
          { field: 'tenantid', message: 'must be absent or the tenant of the API key' },
        ]);
      }
    }
    const validated = validateCloudEvent(isObject ? { ...body, tenantid: tenantId } : body);
    if (!validated.ok) return refuse(400, validated.issues);
    const event = validated.value;
    if (isOperationalType(event.type)) {
      // Only Herald publishes its operational feed: a tenant cannot forge a pause or a disable.
      return refuse(422, [
        { field: 'type', message: "is reserved: herald.* types are Herald's own events" },
      ]);
    }
    const verdict = await judgeByCatalogue(this.catalog, {
      tenantId,
      type: event.type,
      data: event.data ?? null,
    });
    if (!verdict.ok) {
      const { refusal } = verdict;
      return refuse(422, refusal.issues, `${refusal.reason}: ${refusal.detail}`);
    }
    return { ok: true, event };
  }

  /**
   * Runs `run` once per (tenant, key): the key is claimed in PostgreSQL first (an INSERT only
   * one request can win), so a concurrent request with the same key never runs it too; it
   * waits for the winner's answer instead. A failed run releases the key for a retry.
   */
  private async once<T extends object>(
    tenantId: string,
    key: string,
    hash: string,
    run: () => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
    for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
      const claim = await this.idempotency.claim(tenantId, key, hash, IDEMPOTENCY_STALE_MS);
      if (claim.kind === 'done') return replayed<T>(claim.remembered, hash);
      if (claim.kind === 'claimed') {
        let response: T;
        try {
          response = await run();
        } catch (error) {
          await this.idempotency.release(tenantId, key);
          throw error;
        }
        await this.idempotency.complete(tenantId, key, { ...response } as Record<string, unknown>);
        return response;
      }
      if (claim.requestHash !== hash) throw differentBody();
      if (Date.now() > deadline) {
        throw new ProblemException(
          problemOf(409, 'a request with this Idempotency-Key is still being processed', [
            { field: 'Idempotency-Key', message: 'is in use by a request still in progress' },
          ]),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async publish(tenantId: string, events: readonly InboundCloudEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.bus.send(
      TOPICS.eventsInbound,
      events.map((value) => ({ key: tenantId, value })),
    );
  }
}

function checkedKey(key: string | undefined): string | undefined {
  if (key !== undefined && (key.length === 0 || key.length > 255)) {
    throw invalidField('Idempotency-Key', 'must be 1 to 255 characters');
  }
  return key;
}

/** The batch's events, or a 400 naming `$` for anything but a non-empty array within `max`. */
function batchOf(body: unknown, max: number): unknown[] {
  if (!Array.isArray(body)) {
    throw invalidField('$', 'must be a JSON array of CloudEvents (the CloudEvents batch format)');
  }
  if (body.length === 0) throw invalidField('$', 'must hold at least one event');
  if (body.length > max) {
    throw invalidField('$', `must hold at most ${max} events (HERALD_API_MAX_BATCH_EVENTS)`);
  }
  return body;
}

function requestHash(kind: string, body: unknown): string {
  return createHash('sha256')
    .update(kind)
    .update('\u0000')
    .update(JSON.stringify(body) ?? '')
    .digest('hex');
}

function replayed<T>(previous: RememberedResponse, hash: string): T {
  if (previous.requestHash !== hash) throw differentBody();
  return previous.response as unknown as T;
}

function differentBody(): ProblemException {
  return new ProblemException(
    problemOf(422, 'this Idempotency-Key was used with a different request body', [
      { field: 'Idempotency-Key', message: 'was used with a different request body' },
    ]),
  );
}
