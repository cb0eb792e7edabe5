import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant portal sessions: hashed, expiring, revocable bearer tokens (`hps_...`); and the index
 * the portal's per-subscription attempt chart reads (on the partitioned parent, so every daily
 * partition has it).
 */
export class PortalSessions1796270000000 implements MigrationInterface {
  name = 'PortalSessions1796270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "portal_sessions" (
        "id" text NOT NULL,
        "tenant_id" text NOT NULL,
        "token_hash" text NOT NULL,
        "read_only" boolean NOT NULL DEFAULT false,
        "subscription_ids" text array,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_portal_sessions" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_portal_sessions_hash" ON "portal_sessions" ("token_hash")`,
    );
    await q.query(
      `CREATE INDEX "ix_portal_sessions_tenant" ON "portal_sessions" ("tenant_id", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_delivery_attempts_subscription_time" ON "delivery_attempts" ("tenant_id", "subscription_id", "attempted_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_delivery_attempts_subscription_time"`);
    await q.query(`DROP TABLE "portal_sessions"`);
  }
}
