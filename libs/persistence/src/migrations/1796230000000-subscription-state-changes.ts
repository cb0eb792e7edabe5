import { MigrationInterface, QueryRunner } from 'typeorm';

/** The history of each subscription's status: who or what changed it, when and why. */
export class SubscriptionStateChanges1796230000000 implements MigrationInterface {
  name = 'SubscriptionStateChanges1796230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "subscription_state_changes" (
        "id" BIGSERIAL NOT NULL,
        "tenant_id" text NOT NULL,
        "subscription_id" text NOT NULL,
        "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "from_state" text,
        "to_state" text NOT NULL,
        "reason" text,
        "actor_kind" text NOT NULL,
        "actor_id" text,
        CONSTRAINT "pk_subscription_state_changes" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "ix_subscription_state_changes_subscription" ON "subscription_state_changes" ("tenant_id", "subscription_id", "id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "subscription_state_changes"`);
  }
}
