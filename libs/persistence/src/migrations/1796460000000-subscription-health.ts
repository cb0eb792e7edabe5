import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each subscription's circuit (failures in the window, failing since, paused until, probe due),
 * so it survives a restart of the dispatcher and a move of the subscription's partition to
 * another instance. No row = closed.
 */
export class SubscriptionHealth1796460000000 implements MigrationInterface {
  name = 'SubscriptionHealth1796460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "subscription_health" (
        "tenant_id" text NOT NULL,
        "subscription_id" text NOT NULL,
        "failures" jsonb NOT NULL DEFAULT '[]',
        "failing_since" timestamptz,
        "open_until" timestamptz,
        "half_open" boolean NOT NULL DEFAULT false,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_subscription_health" PRIMARY KEY ("tenant_id", "subscription_id"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "subscription_health"`);
  }
}
