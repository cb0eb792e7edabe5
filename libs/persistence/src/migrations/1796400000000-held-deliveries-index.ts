import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partial index over held deliveries only, oldest first per subscription: the dispatcher
 * releases them a page at a time when a subscription can deliver again, and the API counts and
 * discards them, without walking the subscription's whole delivery history.
 */
export class HeldDeliveriesIndex1796400000000 implements MigrationInterface {
  name = 'HeldDeliveriesIndex1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_deliveries_held" ON "deliveries" ("tenant_id", "subscription_id", "created_at", "id") WHERE status = 'held'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_deliveries_held"`);
  }
}
