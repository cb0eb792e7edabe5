import { DataSource } from 'typeorm';
import { DeliveryJob } from '@herald/contracts';
import { DeliveryEntity } from '../entities/delivery.entity';
import { Keyset, Page } from './cursor';

/** Held deliveries, oldest first: the order they are released in. */
const HELD_PAGES = new Keyset({ time: 'd.created_at', id: 'd.id', direction: 'ASC' });

/** A held delivery, as the release needs it. */
export interface HeldRow {
  id: string;
  eventId: string;
  createdAt: Date;
}

export interface HeldSummary {
  count: number;
  /** When the oldest held delivery was created (null: none held). */
  oldest: string | null;
}

/**
 * Deliveries held (not sent) while their subscription was paused, disabled or inactive: found,
 * counted, released oldest first a page at a time, or discarded. Every query is scoped by tenant
 * and served by the partial index `ix_deliveries_held`.
 */
export class HeldDeliveryStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Marks deliveries `held` (not sent: the subscription is paused, disabled or inactive),
   * creating the row if the matcher's has not landed; a delivery already finished is left as
   * it is. One statement per batch.
   */
  async markHeld(jobs: readonly DeliveryJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const rows = jobs.map((j) => ({
      id: j.deliveryId,
      tenant_id: j.tenantId,
      subscription_id: j.subscriptionId,
      event_id: j.event.id,
      event_type: j.event.type,
      created_at: j.firstEnqueuedAt,
    }));
    await this.dataSource.query(
      `INSERT INTO deliveries AS d (id, tenant_id, subscription_id, event_id, event_type, status, created_at, updated_at)
       SELECT id, tenant_id, subscription_id, event_id, event_type, 'held', created_at, now()
         FROM jsonb_to_recordset($1::jsonb)
           AS t(id text, tenant_id text, subscription_id text, event_id text, event_type text, created_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET status = 'held', updated_at = now()
       WHERE d.tenant_id = EXCLUDED.tenant_id AND d.status IN ('pending', 'failed')`,
      [JSON.stringify(rows)],
    );
  }

  /** Every subscription with held deliveries (what a starting dispatcher looks at first). */
  async subscriptionsWithHeld(): Promise<{ tenantId: string; subscriptionId: string }[]> {
    const rows: { tenant_id: string; subscription_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT tenant_id, subscription_id FROM deliveries WHERE status = 'held'`,
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, subscriptionId: r.subscription_id }));
  }

  async summary(tenantId: string, subscriptionId: string): Promise<HeldSummary> {
    const [row]: { count: string; oldest: Date | null }[] = await this.dataSource.query(
      `SELECT count(*) AS count, min(created_at) AS oldest FROM deliveries
        WHERE tenant_id = $1 AND subscription_id = $2 AND status = 'held'`,
      [tenantId, subscriptionId],
    );
    return { count: Number(row.count), oldest: row.oldest ? row.oldest.toISOString() : null };
  }

  /** A page of a subscription's held deliveries, oldest first (the order they are released in). */
  async page(
    tenantId: string,
    subscriptionId: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<DeliveryEntity>> {
    const qb = this.dataSource
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where(
        `d.tenant_id = :tenantId AND d.subscription_id = :subscriptionId AND d.status = 'held'`,
        { tenantId, subscriptionId },
      );
    return HELD_PAGES.pageOf(qb, query);
  }

  /**
   * Releases up to `limit` of the oldest held deliveries: in one transaction they are locked
   * (skipping rows another instance is releasing), handed to `send`, which answers the ids it
   * sent, and marked `pending`; those it did not send (their event is past retention) are marked
   * `discarded`. A failed send leaves them all held. Returns what was sent and discarded.
   */
  async release(
    tenantId: string,
    subscriptionId: string,
    limit: number,
    send: (rows: HeldRow[]) => Promise<string[]>,
  ): Promise<{ released: string[]; discarded: number }> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; event_id: string; created_at: Date }[] = await manager.query(
        `SELECT id, event_id, created_at FROM deliveries
          WHERE tenant_id = $1 AND subscription_id = $2 AND status = 'held'
          ORDER BY created_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [tenantId, subscriptionId, limit],
      );
      if (rows.length === 0) return { released: [], discarded: 0 };
      const released = await send(
        rows.map((r) => ({ id: r.id, eventId: r.event_id, createdAt: r.created_at })),
      );
      const sent = new Set(released);
      const gone = rows.map((r) => r.id).filter((id) => !sent.has(id));
      await manager.query(
        `UPDATE deliveries SET status = 'pending', updated_at = now()
          WHERE tenant_id = $1 AND id = ANY($2::text[])`,
        [tenantId, released],
      );
      if (gone.length > 0)
        await manager.query(
          `UPDATE deliveries SET status = 'discarded', updated_at = now(),
                  last_error = 'held past the retention of its event'
            WHERE tenant_id = $1 AND id = ANY($2::text[])`,
          [tenantId, gone],
        );
      return { released, discarded: gone.length };
    });
  }

  /** Those of these deliveries still `pending` (released, not attempted yet). */
  async stillPending(tenantId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM deliveries
        WHERE tenant_id = $1 AND id = ANY($2::text[]) AND status = 'pending'`,
      [tenantId, ids],
    );
    return rows.map((r) => r.id);
  }

  /** Discards every held delivery of a subscription (they will not be sent); returns how many. */
  async discard(tenantId: string, subscriptionId: string): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query(
      `WITH gone AS (
         UPDATE deliveries SET status = 'discarded', updated_at = now(),
                last_error = 'held, discarded by the tenant'
          WHERE tenant_id = $1 AND subscription_id = $2 AND status = 'held'
          RETURNING 1)
       SELECT count(*) AS count FROM gone`,
      [tenantId, subscriptionId],
    );
    return Number(row.count);
  }
}
