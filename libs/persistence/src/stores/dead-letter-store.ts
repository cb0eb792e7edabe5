import { DataSource } from 'typeorm';
import { DeliveryJob } from '@herald/contracts';
import { DeadLetterEntity } from '../entities/dead-letter.entity';
import { Keyset, Page } from './cursor';
import { rowsOf } from './query-rows';

/** Dead letters, newest first. */
const DEAD_LETTER_PAGES = new Keyset({
  time: 'l.created_at',
  id: 'l.delivery_id',
  direction: 'DESC',
});

export interface DeadLetterRecord {
  job: DeliveryJob;
  reason: string;
  /** Defaults to now. */
  at?: string;
}

export interface DeadLetterQuery {
  subscriptionId?: string;
  /** Only dead letters of these subscriptions (a limited portal session). */
  subscriptionIds?: readonly string[];
  /** false (default) = only those not redriven yet. */
  includeRedriven?: boolean;
  cursor?: string;
  limit: number;
}

/** Dead-lettered deliveries, for browsing and redrive. Writes are one statement per batch. */
export class DeadLetterStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Records dead letters and marks their deliveries `dead`. A repeated id is overwritten. */
  async addMany(records: readonly DeadLetterRecord[]): Promise<void> {
    if (records.length === 0) return;
    const now = new Date().toISOString();
    const byId = new Map<string, object>();
    for (const r of records) {
      byId.set(r.job.deliveryId, {
        delivery_id: r.job.deliveryId,
        tenant_id: r.job.tenantId,
        subscription_id: r.job.subscriptionId,
        event_id: r.job.event.id,
        event_type: r.job.event.type,
        reason: r.reason,
        job: r.job,
        created_at: r.at ?? now,
      });
    }
    await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(delivery_id text, tenant_id text,
           subscription_id text, event_id text, event_type text, reason text, job jsonb, created_at timestamptz)
       ), letters AS (
         INSERT INTO dead_letters (delivery_id, tenant_id, subscription_id, event_id, reason, job, created_at)
         SELECT delivery_id, tenant_id, subscription_id, event_id, reason, job, created_at FROM input
         ON CONFLICT (delivery_id) DO UPDATE SET reason = EXCLUDED.reason, job = EXCLUDED.job,
           created_at = EXCLUDED.created_at, redriven_at = NULL
         WHERE dead_letters.tenant_id = EXCLUDED.tenant_id
       )
       INSERT INTO deliveries AS d (id, tenant_id, subscription_id, event_id, event_type, status, created_at, updated_at)
       SELECT delivery_id, tenant_id, subscription_id, event_id, event_type, 'dead', created_at, created_at FROM input
       ON CONFLICT (id) DO UPDATE SET status = 'dead', updated_at = now()
       WHERE d.tenant_id = EXCLUDED.tenant_id`,
      [JSON.stringify([...byId.values()])],
    );
  }

  /** Newest first, keyset-paginated. */
  async list(tenantId: string, query: DeadLetterQuery): Promise<Page<DeadLetterEntity>> {
    const qb = this.dataSource
      .getRepository(DeadLetterEntity)
      .createQueryBuilder('l')
      .where('l.tenant_id = :tenantId', { tenantId });
    if (query.subscriptionId) qb.andWhere('l.subscription_id = :s', { s: query.subscriptionId });
    if (query.subscriptionIds) {
      qb.andWhere('l.subscription_id = ANY(:ss)', { ss: [...query.subscriptionIds] });
    }
    if (!query.includeRedriven) qb.andWhere('l.redriven_at IS NULL');
    return DEAD_LETTER_PAGES.pageOf(qb, query);
  }

  /**
   * Redrives dead letters (these ids, or every one not redriven yet, up to `limit`): in one
   * transaction they are locked, handed to `send` and stamped redriven, so a failed send
   * leaves them as they were. Returns the jobs sent.
   */
  async redrive(
    tenantId: string,
    selection: {
      deliveryIds?: readonly string[];
      subscriptionId?: string;
      /** Only dead letters of these subscriptions (a limited portal session). */
      subscriptionIds?: readonly string[];
      limit: number;
    },
    send: (jobs: DeliveryJob[]) => Promise<void>,
  ): Promise<DeliveryJob[]> {
    const params: unknown[] = [tenantId, selection.limit];
    const filters: string[] = [];
    if (selection.deliveryIds) {
      params.push(selection.deliveryIds);
      filters.push(`AND delivery_id = ANY($${params.length}::text[])`);
    }
    if (selection.subscriptionId) {
      params.push(selection.subscriptionId);
      filters.push(`AND subscription_id = $${params.length}`);
    }
    if (selection.subscriptionIds) {
      params.push(selection.subscriptionIds);
      filters.push(`AND subscription_id = ANY($${params.length}::text[])`);
    }
    return this.dataSource.transaction(async (manager) => {
      const rows = rowsOf<{ job: DeliveryJob }>(
        await manager.query(
          `WITH picked AS (
           SELECT delivery_id FROM dead_letters
            WHERE tenant_id = $1 AND redriven_at IS NULL ${filters.join(' ')}
            ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE dead_letters l SET redriven_at = now() FROM picked
          WHERE l.delivery_id = picked.delivery_id RETURNING l.job`,
          params,
        ),
      );
      const jobs = rows.map((r) => r.job);
      if (jobs.length > 0) {
        await manager.query(
          `UPDATE deliveries SET status = 'pending', updated_at = now()
            WHERE tenant_id = $1 AND id = ANY($2::text[])`,
          [tenantId, jobs.map((j) => j.deliveryId)],
        );
        await send(jobs);
      }
      return jobs;
    });
  }
}
