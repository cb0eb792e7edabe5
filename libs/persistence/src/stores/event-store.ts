import { DataSource, QueryRunner } from 'typeorm';
import { HeraldEvent, PUBLIC_TENANT_ID, dedupKey, dedupKeyOf } from '@herald/contracts';
import { ensurePartitionsFor, isMissingPartition } from '../partitions/partition-maintenance';
import { rowsOf } from './query-rows';

/** An event with its JSON text, encoded once for Kafka and for the store. */
export interface EncodedEvent {
  event: HeraldEvent;
  /** `JSON.stringify(event)`. */
  json: string;
}

export interface AcceptResult {
  /** Events to forward, in input order. */
  accepted: EncodedEvent[];
  /** Events accepted since the window's start, or repeated within the list. */
  duplicates: EncodedEvent[];
}

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
 * into `event_ids` (ON CONFLICT: a duplicate), and only the new ones into `events`.
 */
export class EventStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Accepts the events for forwarding, in one transaction that commits only once
   * `beforeCommit(accepted)` has resolved: if the statement fails, `beforeCommit` is not called;
   * if it throws, nothing is claimed or stored (event-ingest publishes there, so a store that
   * fails, or a message PostgreSQL refuses, never leaves published events behind). An event is
   * accepted unless its (tenant, id) was accepted since `since`, or it repeats an earlier one of
   * the list. One statement de-duplicates and stores: each (tenant, id) is claimed in
   * `event_ids` (a new one, or one last accepted before `since`, whose time moves on), and
   * events claimed for the first time go into `events` (one accepted again after the window
   * keeps its first stored copy). Each event's JSON (`json`, as published) is what is stored.
   */
  async acceptThen(
    events: readonly EncodedEvent[],
    since: Date,
    beforeCommit: (accepted: EncodedEvent[]) => Promise<void>,
  ): Promise<AcceptResult> {
    const firsts = new Map<string, EncodedEvent>();
    for (const encoded of events) {
      const key = dedupKey(encoded.event);
      if (!firsts.has(key)) firsts.set(key, encoded);
    }
    if (firsts.size === 0) {
      await beforeCommit([]);
      return { accepted: [], duplicates: [] };
    }
    const unique = [...firsts.values()];
    const attempt = () =>
      this.inTransaction(async (runner) => {
        const claimed = await this.claimRows(unique, since, runner);
        const accepted = unique.filter((e) => claimed.has(dedupKey(e.event)));
        await beforeCommit(accepted);
        return accepted;
      });
    let accepted: EncodedEvent[];
    try {
      accepted = await attempt();
    } catch (error) {
      if (!isMissingPartition(error)) throw error;
      await ensurePartitionsFor(
        this.dataSource,
        'events',
        unique.map((e) => new Date(e.event.receivedAt)),
      );
      accepted = await attempt();
    }
    const taken = new Set(accepted);
    return { accepted, duplicates: events.filter((e) => !taken.has(e)) };
  }

  private async inTransaction<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The `dedupKey`s claimed: new in `event_ids`, or last accepted there before `since`. */
  private async claimRows(
    events: readonly EncodedEvent[],
    since: Date,
    on: QueryRunner,
  ): Promise<Set<string>> {
    const rows = rowsOf<{ tenant_id: string; id: string }>(
      await on.query(
        `WITH input AS (
           SELECT COALESCE(e->>'tenantId', $3) AS tenant_id, e->>'id' AS id,
                  (e->>'receivedAt')::timestamptz AS received_at, e->>'type' AS type, e AS event
             FROM jsonb_array_elements($1::jsonb) AS e
         ), claimed AS (
           INSERT INTO event_ids AS x (tenant_id, id, received_at)
           SELECT tenant_id, id, received_at FROM input
           ON CONFLICT (tenant_id, id) DO UPDATE SET received_at = EXCLUDED.received_at
             WHERE x.received_at < $2
           RETURNING x.tenant_id, x.id, (x.xmax = 0) AS first
         ), stored AS (
           INSERT INTO events (tenant_id, id, received_at, type, event)
           SELECT i.tenant_id, i.id, i.received_at, i.type, i.event
             FROM input i JOIN claimed c ON c.tenant_id = i.tenant_id AND c.id = i.id
            WHERE c.first
         )
         SELECT tenant_id, id FROM claimed`,
        [`[${events.map((e) => e.json).join(',')}]`, since, PUBLIC_TENANT_ID],
      ),
    );
    return new Set(rows.map((r) => dedupKeyOf(r.tenant_id, r.id)));
  }

  /** Stores events for replay (the API's test events and tools): new ones only. */
  async insertMany(events: readonly HeraldEvent[]): Promise<InsertManyResult> {
    if (events.length === 0) return { inserted: [], duplicates: [] };
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
      fresh = await this.insertRows(rows);
    } catch (error) {
      if (!isMissingPartition(error)) throw error;
      await ensurePartitionsFor(
        this.dataSource,
        'events',
        rows.map((r) => new Date(r.received_at)),
      );
      fresh = await this.insertRows(rows);
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

  private insertRows(rows: object[]): Promise<{ tenant_id: string; id: string }[]> {
    return this.dataSource.query(
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
