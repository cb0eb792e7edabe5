import { DataSource, MoreThanOrEqual } from 'typeorm';
import { attemptsFloor } from './attempt-floor';
import { DeliveryStatus } from '../entities/delivery.entity';
import { DeliveryAttemptEntity } from '../entities/delivery-attempt.entity';
import { DeliveryEntity } from '../entities/delivery.entity';
import { Keyset, Page } from './cursor';
import { rowsOf } from './query-rows';

/** The delivery log, newest first. */
const DELIVERY_PAGES = new Keyset({ time: 'd.created_at', id: 'd.id', direction: 'DESC' });

/** The subscription's ($1, $2) delivery in `status` attempted last. */
const LAST_OF_STATUS = (status: 'failed' | 'dead') =>
  `SELECT id, last_attempt_at, last_status_code, last_error FROM deliveries
    WHERE tenant_id = $1 AND subscription_id = $2 AND status = '${status}'
      AND last_attempt_at IS NOT NULL
    ORDER BY last_attempt_at DESC LIMIT 1`;

/** A keyset position: a row's timestamp as PostgreSQL prints it (microseconds kept) and id. */
export interface ReplayCursor {
  at: string;
  id: string;
}

export interface DeliveryRecord {
  deliveryId: string;
  tenantId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  /** Defaults to now. */
  createdAt?: string;
}

export interface DeliveryQuery {
  subscriptionId?: string;
  /** Only deliveries of these subscriptions (a limited portal session). */
  subscriptionIds?: readonly string[];
  eventId?: string;
  eventType?: string;
  status?: DeliveryStatus;
  since?: Date;
  until?: Date;
  cursor?: string;
  limit: number;
}

export interface DeliveryStats {
  total: number;
  byStatus: Record<DeliveryStatus, number>;
  /** succeeded / (succeeded + failed + dead), null when nothing finished yet. */
  successRate: number | null;
  lastFailure: {
    deliveryId: string;
    at: string;
    statusCode: number | null;
    error: string | null;
  } | null;
}

/**
 * The delivery log: one row per (event, subscription). Writers are batched (one statement per
 * batch); readers are always scoped by tenant.
 */
export class DeliveryLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Deliveries enqueued for dispatch. Existing ids are left as they are. */
  async recordPendingMany(records: readonly DeliveryRecord[]): Promise<void> {
    await this.insert(records, 'pending');
  }

  /** Deliveries not sent because the subscription is paused or inactive (replayable later). */
  async recordHeldMany(records: readonly DeliveryRecord[]): Promise<void> {
    await this.insert(records, 'held');
  }

  private async insert(records: readonly DeliveryRecord[], status: DeliveryStatus): Promise<void> {
    if (records.length === 0) return;
    const now = new Date().toISOString();
    const rows = records.map((r) => ({
      id: r.deliveryId,
      tenant_id: r.tenantId,
      subscription_id: r.subscriptionId,
      event_id: r.eventId,
      event_type: r.eventType,
      created_at: r.createdAt ?? now,
    }));
    await this.dataSource.query(
      `INSERT INTO deliveries (id, tenant_id, subscription_id, event_id, event_type, status, created_at, updated_at)
       SELECT id, tenant_id, subscription_id, event_id, event_type, $2, created_at, created_at
         FROM jsonb_to_recordset($1::jsonb)
           AS t(id text, tenant_id text, subscription_id text, event_id text, event_type text, created_at timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows), status],
    );
  }

  /** Sets deliveries back to pending (a retry or replay was enqueued); returns those found. */
  async markPending(tenantId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE deliveries SET status = 'pending', updated_at = now()
          WHERE tenant_id = $1 AND id = ANY($2::text[]) RETURNING id`,
        [tenantId, ids],
      ),
    );
    return rows.map((r) => r.id);
  }

  async findById(tenantId: string, id: string): Promise<DeliveryEntity | null> {
    return this.dataSource.getRepository(DeliveryEntity).findOneBy({ tenantId, id });
  }

  /**
   * A delivery's attempts, oldest first. Given the delivery's `createdAt`, only the partitions of
   * `delivery_attempts` from that day on (less `ATTEMPT_CLOCK_SKEW_MS`) are planned and probed;
   * without it, every partition is.
   */
  async attemptsOf(
    tenantId: string,
    deliveryId: string,
    createdAt?: Date,
  ): Promise<DeliveryAttemptEntity[]> {
    const where = createdAt
      ? { tenantId, deliveryId, attemptedAt: MoreThanOrEqual(attemptsFloor(createdAt)) }
      : { tenantId, deliveryId };
    return this.dataSource
      .getRepository(DeliveryAttemptEntity)
      .find({ where, order: { attempt: 'ASC', attemptedAt: 'ASC' } });
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(tenantId: string, query: DeliveryQuery): Promise<Page<DeliveryEntity>> {
    const qb = this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where('d.tenant_id = :tenantId', { tenantId });
    if (query.subscriptionId) qb.andWhere('d.subscription_id = :s', { s: query.subscriptionId });
    if (query.subscriptionIds) {
      qb.andWhere('d.subscription_id = ANY(:ss)', { ss: [...query.subscriptionIds] });
    }
    if (query.eventId) qb.andWhere('d.event_id = :e', { e: query.eventId });
    if (query.eventType) qb.andWhere('d.event_type = :t', { t: query.eventType });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.since) qb.andWhere('d.created_at >= :since', { since: query.since });
    if (query.until) qb.andWhere('d.created_at < :until', { until: query.until });
    return DELIVERY_PAGES.pageOf(qb, query);
  }

  /** The ids of a subscription's deliveries created in [since, until) with one of the statuses. */
  async idsForReplay(
    tenantId: string,
    subscriptionId: string,
    range: {
      since: Date;
      until: Date;
      statuses: DeliveryStatus[] | 'all';
      limit: number;
      /** Keyset: only deliveries after this one (the `cursor` of the last page's last row). */
      after?: ReplayCursor;
    },
  ): Promise<{ id: string; eventId: string; cursor: ReplayCursor }[]> {
    const params: unknown[] = [tenantId, subscriptionId, range.since, range.until, range.limit];
    let statusFilter = '';
    if (range.statuses !== 'all') {
      params.push(range.statuses);
      statusFilter = `AND status = ANY($${params.length}::text[])`;
    }
    let afterFilter = '';
    if (range.after) {
      params.push(range.after.at, range.after.id);
      afterFilter = `AND (created_at, id) > ($${params.length - 1}::timestamptz, $${params.length})`;
    }
    const rows: { id: string; event_id: string; at: string }[] = await this.dataSource.query(
      `SELECT id, event_id, created_at::text AS at FROM deliveries
        WHERE tenant_id = $1 AND subscription_id = $2 AND created_at >= $3 AND created_at < $4
          ${statusFilter} ${afterFilter}
        ORDER BY created_at, id LIMIT $5`,
      params,
    );
    return rows.map((r) => ({ id: r.id, eventId: r.event_id, cursor: { at: r.at, id: r.id } }));
  }

  /** The subscription's existing delivery per event id (the first one, by creation). */
  async idsForEvents(
    tenantId: string,
    subscriptionId: string,
    eventIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (eventIds.length === 0) return new Map();
    const rows: { id: string; event_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (event_id) id, event_id FROM deliveries
        WHERE tenant_id = $1 AND subscription_id = $2 AND event_id = ANY($3::text[])
        ORDER BY event_id, created_at`,
      [tenantId, subscriptionId, eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, r.id]));
  }

  async stats(tenantId: string, subscriptionId: string): Promise<DeliveryStats> {
    const counts: { status: DeliveryStatus; n: string }[] = await this.dataSource.query(
      `SELECT status, count(*) AS n FROM deliveries
        WHERE tenant_id = $1 AND subscription_id = $2 GROUP BY status`,
      [tenantId, subscriptionId],
    );
    const byStatus: Record<DeliveryStatus, number> = {
      pending: 0,
      held: 0,
      succeeded: 0,
      failed: 0,
      dead: 0,
      discarded: 0,
    };
    for (const c of counts) byStatus[c.status] = Number(c.n);
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const finished = byStatus.succeeded + byStatus.failed + byStatus.dead;
    const failures: {
      id: string;
      last_attempt_at: Date;
      last_status_code: number | null;
      last_error: string | null;
    }[] = await this.dataSource.query(
      // One index row per failing status (ix_deliveries_subscription_status, read backwards),
      // then the later of the two: `status IN (...) ORDER BY` would sort every failure.
      `SELECT * FROM (
         (${LAST_OF_STATUS('failed')}) UNION ALL (${LAST_OF_STATUS('dead')})
       ) f ORDER BY last_attempt_at DESC LIMIT 1`,
      [tenantId, subscriptionId],
    );
    const f = failures[0];
    return {
      total,
      byStatus,
      successRate: finished === 0 ? null : byStatus.succeeded / finished,
      lastFailure: f
        ? {
            deliveryId: f.id,
            at: f.last_attempt_at.toISOString(),
            statusCode: f.last_status_code,
            error: f.last_error,
          }
        : null,
    };
  }
}
