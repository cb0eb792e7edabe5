import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-tenant limit overrides set by the admin (`PATCH /v1/tenants/{id}`): a JSON object of
 * limit name -> number; a limit that is absent takes the configured default.
 */
export class TenantLimits1796189800000 implements MigrationInterface {
  name = 'TenantLimits1796189800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tenants" ADD "limits" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tenants" DROP COLUMN "limits"`);
  }
}
