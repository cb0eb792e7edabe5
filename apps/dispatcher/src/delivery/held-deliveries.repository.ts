import { DataSource } from 'typeorm';
import { DeliveryJob } from '@herald/contracts';

/**
 * Marks deliveries `held` (not sent: the subscription is paused, disabled or inactive), creating
 * the row if the matcher's has not landed. Held deliveries are what a replay picks up after
 * reactivation. A delivery already finished is left as it is. One statement per batch.
 */
export class HeldDeliveries {
  constructor(private readonly dataSource: DataSource) {}

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
}
