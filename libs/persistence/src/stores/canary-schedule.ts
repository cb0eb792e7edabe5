import { DataSource } from 'typeorm';
import { Subscription } from '@herald/contracts';
import { SubscriptionEntity } from '../entities/subscription.entity';
import { toSubscription } from '../mapping/subscription-row';
import { rowsOf } from './query-rows';

/**
 * The canary (heartbeat) schedule: subscriptions whose `canary_next_due_at` has passed are
 * claimed with FOR UPDATE SKIP LOCKED (so several retry-scheduler instances share the work
 * without sending twice) and moved one interval ahead in the same statement.
 */
export class CanarySchedule {
  constructor(private readonly dataSource: DataSource) {}

  async claimDue(now: Date, limit: number): Promise<Subscription[]> {
    const ids = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `WITH due AS (
         SELECT id FROM subscriptions
          WHERE canary_next_due_at <= $1 ORDER BY canary_next_due_at LIMIT $2
          FOR UPDATE SKIP LOCKED)
       UPDATE subscriptions s
          SET canary_next_due_at = $1::timestamptz + ((s.canary->>'intervalMs')::bigint * interval '1 millisecond')
         FROM due WHERE s.id = due.id
       RETURNING s.id`,
        [now, limit],
      ),
    );
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(SubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.id IN (:...ids)', { ids: ids.map((r) => r.id) })
      .getMany();
    return rows.map(toSubscription);
  }
}
