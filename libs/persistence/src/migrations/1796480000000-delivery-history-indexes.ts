import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes the portal's and the CLI's delivery-history reads need at millions of deliveries
 * (plans and figures in docs/performance.md, 2026-12-04):
 * - a subscription's deliveries, newest first: (tenant_id, subscription_id, created_at, id)
 *   replaces (tenant_id, subscription_id, created_at), so the keyset's tie-break on id is read
 *   in index order instead of sorted;
 * - deliveries in one status, newest first: (tenant_id, status, created_at, id), instead of
 *   walking the tenant's whole history past the rows in other statuses;
 * - a subscription's stats: (tenant_id, subscription_id, status, last_attempt_at), so the counts
 *   by status are an index-only scan and the last failure is one index row per failing status.
 */
export class DeliveryHistoryIndexes1796480000000 implements MigrationInterface {
  name = 'DeliveryHistoryIndexes1796480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_deliveries_subscription_created_id" ON "deliveries" ("tenant_id", "subscription_id", "created_at", "id")`,
    );
    await q.query(`DROP INDEX "ix_deliveries_subscription_created"`);
    await q.query(
      `CREATE INDEX "ix_deliveries_status_created" ON "deliveries" ("tenant_id", "status", "created_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "ix_deliveries_subscription_status" ON "deliveries" ("tenant_id", "subscription_id", "status", "last_attempt_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_deliveries_subscription_status"`);
    await q.query(`DROP INDEX "ix_deliveries_status_created"`);
    await q.query(
      `CREATE INDEX "ix_deliveries_subscription_created" ON "deliveries" ("tenant_id", "subscription_id", "created_at")`,
    );
    await q.query(`DROP INDEX "ix_deliveries_subscription_created_id"`);
  }
}
