import { DataSource, EntityManager } from 'typeorm';
import { Subscription, TOPICS } from '@herald/contracts';
import { subscriptionRecord } from '../mapping/subscription-row';

export interface OutboxMessage {
  id: string;
  topic: string;
  key: string;
  /** null = a tombstone. */
  value: unknown;
}

/** Writes the changelog record of a subscription into the outbox, inside the caller's transaction. */
export async function appendSubscriptionChange(
  manager: EntityManager,
  change: { tenantId: string; subscriptionId: string; subscription: Subscription | null },
): Promise<void> {
  await manager.query(
    `INSERT INTO outbox (topic, message_key, value, tenant_id) VALUES ($1, $2, $3::jsonb, $4)`,
    [
      TOPICS.subscriptionsChangelog,
      change.subscriptionId,
      change.subscription === null ? null : JSON.stringify(subscriptionRecord(change.subscription)),
      change.tenantId,
    ],
  );
}

/** Advisory lock id: only one relay publishes at a time, so records keep their order. */
const RELAY_LOCK = 0x4845_5242;

/** What `publishBatch` returns when another relay holds the lock. */
export const RELAY_BUSY = 'busy';

/** The reading side of the outbox, for the relay. */
export class OutboxStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the oldest unpublished messages, hands them to `publish` and marks them published,
   * in one transaction. Returns how many went out, or `RELAY_BUSY` without waiting when another
   * relay holds the lock.
   */
  async publishBatch(
    limit: number,
    publish: (messages: OutboxMessage[]) => Promise<void>,
  ): Promise<number | typeof RELAY_BUSY> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }]: { locked: boolean }[] = await manager.query(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [RELAY_LOCK],
      );
      if (!locked) return RELAY_BUSY;
      const rows: { id: string; topic: string; message_key: string; value: unknown }[] =
        await manager.query(
          `SELECT id, topic, message_key, value FROM outbox
            WHERE published_at IS NULL ORDER BY id LIMIT $1`,
          [limit],
        );
      if (rows.length === 0) return 0;
      await publish(
        rows.map((r) => ({ id: r.id, topic: r.topic, key: r.message_key, value: r.value })),
      );
      await manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  /**
   * Publishes batch after batch until the outbox is empty or another relay holds the lock;
   * returns how many went out and whether it stopped at the lock.
   */
  async publishPending(
    batchSize: number,
    publish: (messages: OutboxMessage[]) => Promise<void>,
  ): Promise<{ published: number; busy: boolean }> {
    let published = 0;
    for (;;) {
      const n = await this.publishBatch(batchSize, publish);
      if (n === RELAY_BUSY) return { published, busy: true };
      published += n;
      if (n < batchSize) return { published, busy: false };
    }
  }

  async unpublishedCount(): Promise<number> {
    const [{ n }]: { n: string }[] = await this.dataSource.query(
      'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL',
    );
    return Number(n);
  }
}
