import { DataSource, QueryRunner } from 'typeorm';
import { HeraldEvent, PUBLIC_TENANT_ID, dedupKey, dedupKeyOf } from '@herald/contracts';
import { ensurePartitionsFor, isMissingPartition } from '../partitions/partition-maintenance';

export interface InsertManyResult {
  /** Events seen for the first time, in input order. */
  inserted: HeraldEvent[];
  /** Events whose (tenant, id) was already stored, or repeated within the batch. */
  duplicates: HeraldEvent[];
}

/** A keyset position in `events`: received_at as PostgreSQL prints it, tenant and id. */
export interface EventCursor {
  at: string;
  tenantId: string;
  id: string;
}

export interface StoredEvent {
  event: HeraldEvent;
  receivedAt: Date;
}

function tenantKey(event: HeraldEvent): string {
  return event.tenantId ?? PUBLIC_TENANT_ID;
}

/**
 * Events kept for replay, de-duplicated by (tenant, id). One statement per batch: the ids go
 * into `event_ids` with ON CONFLICT DO NOTHING, and only the new ones into `events`.
 */
export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Which of the given events were already accepted since `since`, as `dedupKey`s: one query on
   * `event_ids` per batch. insertMany de-duplicates only while inserting; event-ingest must know
   * before it forwards.
   */
  async acceptedSince(events: readonly HeraldEvent[], since: Date): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: { tenant_id: string; id: string }[] = await this.dataSource.query(
      `SELECT e.tenant_id, e.id
         FROM event_ids e
         JOIN unnest($1::text[], $2::text[]) AS k(tenant_id, id)
           ON e.tenant_id = k.tenant_id AND e.id = k.id
        WHERE e.received_at >= $3`,
      [events.map(tenantKey), events.map((e) => e.id), since],
    );
    return new Set(rows.map((r) => dedupKeyOf(r.tenant_id, r.id)));
  }

  async insertMany(events: readonly HeraldEvent[]): Promise<InsertManyResult> {
    return this.insertManyThen(events, undefined);
  }

  /**
   * Like insertMany, in one transaction that commits only once `beforeCommit` has resolved: if
   * the insert fails, `beforeCommit` is not called; if `beforeCommit` throws, nothing is stored.
   * event-ingest publishes there, so a store that fails (or a message PostgreSQL refuses) never
   * leaves published events behind to be delivered again when the batch is retried.
   */
  async insertManyThen(
    events: readonly HeraldEvent[],
    beforeCommit: (() => Promise<void>) | undefined,
  ): Promise<InsertManyResult> {
    if (events.length === 0) {
      await beforeCommit?.();
      return { inserted: [], duplicates: [] };
    }
    const firsts = new Map<string, HeraldEvent>();
    for (const event of events) {
      const key = dedupKey(event);
      if (!firsts.has(key)) firsts.set(key, event);
    }
    const rows = [...firsts.values()].map((event) => ({
      tenant_id: tenantKey(event),
      id: event.id,
      received_at: event.receivedAt,
      type: event.type,
      event,
    }));
    let fresh: { tenant_id: string; id: string }[];
    try {
      fresh = await this.insertRowsThen(rows, beforeCommit);
    } catch (error) {
      if (!isMissingPartition(error)) throw error;
      await ensurePartitionsFor(
        this.dataSource,
        'events',
        rows.map((r) => new Date(r.received_at)),
      );
      fresh = await this.insertRowsThen(rows, beforeCommit);
    }
    const freshKeys = new Set(fresh.map((r) => dedupKeyOf(r.tenant_id, r.id)));
    const inserted: HeraldEvent[] = [];
    const duplicates: HeraldEvent[] = [];
    for (const event of events) {
      const key = dedupKey(event);
      if (freshKeys.has(key) && firsts.get(key) === event) inserted.push(event);
      else duplicates.push(event);
    }
    return { inserted, duplicates };
  }

  private async insertRowsThen(
    rows: object[],
    beforeCommit: (() => Promise<void>) | undefined,
  ): Promise<{ tenant_id: string; id: string }[]> {
    if (!beforeCommit) return this.insertRows(rows, this.dataSource);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const fresh = await this.insertRows(rows, runner);
      await beforeCommit();
      await runner.commitTransaction();
      return fresh;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private insertRows(
    rows: object[],
    on: Pick<DataSource, 'query'> | QueryRunner,
  ): Promise<{ tenant_id: string; id: string }[]> {
    return on.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS t(tenant_id text, id text, received_at timestamptz, type text, event jsonb)
       ), fresh AS (
         INSERT INTO event_ids (tenant_id, id, received_at)
         SELECT tenant_id, id, received_at FROM input
         ON CONFLICT DO NOTHING
         RETURNING tenant_id, id
       )
       INSERT INTO events (tenant_id, id, received_at, type, event)
       SELECT i.tenant_id, i.id, i.received_at, i.type, i.event
         FROM input i JOIN fresh f ON f.tenant_id = i.tenant_id AND f.id = i.id
       RETURNING tenant_id, id`,
      [JSON.stringify(rows)],
    );
  }

  /** One of the tenant's events, or a public one (public events reach every tenant). */
  async findById(tenantId: string, id: string): Promise<StoredEvent | undefined> {
    const rows: { event: HeraldEvent; received_at: Date }[] = await this.dataSource.query(
      `SELECT event, received_at FROM events WHERE tenant_id IN ($1, $3) AND id = $2 LIMIT 1`,
      [tenantId, id, PUBLIC_TENANT_ID],
    );
    return rows[0] ? { event: rows[0].event, receivedAt: rows[0].received_at } : undefined;
  }

  /**
   * One page of the tenant's (and public) stored events received in [since, until), oldest
   * first: at most `limit`, after the `after` position (keyset), with the position to go on from.
   */
  async pageReceivedBetween(
    tenantId: string,
    range: { since: Date; until: Date; limit: number; after?: EventCursor },
  ): Promise<{ events: HeraldEvent[]; next: EventCursor | null }> {
    const params: unknown[] = [tenantId, range.since, range.until, range.limit, PUBLIC_TENANT_ID];
    let afterFilter = '';
    if (range.after) {
      params.push(range.after.at, range.after.tenantId, range.after.id);
      afterFilter = 'AND (received_at, tenant_id, id) > ($6::timestamptz, $7, $8)';
    }
    const rows: { event: HeraldEvent; at: string; tenant_id: string; id: string }[] =
      await this.dataSource.query(
        `SELECT event, received_at::text AS at, tenant_id, id FROM events
          WHERE tenant_id IN ($1, $5) AND received_at >= $2 AND received_at < $3 ${afterFilter}
          ORDER BY received_at, tenant_id, id LIMIT $4`,
        params,
      );
    const last = rows[rows.length - 1];
    return {
      events: rows.map((r) => r.event),
      next:
        rows.length === range.limit && last
          ? { at: last.at, tenantId: last.tenant_id, id: last.id }
          : null,
    };
  }

  /** The tenant's (or public) stored events with these ids. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<HeraldEvent[]> {
    if (ids.length === 0) return [];
    const rows: { event: HeraldEvent }[] = await this.dataSource.query(
      `SELECT event FROM events WHERE tenant_id IN ($1, $3) AND id = ANY($2::text[])`,
      [tenantId, ids, PUBLIC_TENANT_ID],
    );
    return rows.map((r) => r.event);
  }
}
