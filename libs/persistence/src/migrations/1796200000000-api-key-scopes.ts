import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys get a scope (`read-only`, `ingest-only`, `manage`) and an optional expiry. Keys
 * issued before keep `manage`, what they could do until now.
 */
export class ApiKeyScopes1796200000000 implements MigrationInterface {
  name = 'ApiKeyScopes1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_keys" ADD "scope" text NOT NULL DEFAULT 'manage'`);
    await q.query(`ALTER TABLE "api_keys" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_keys" DROP COLUMN "expires_at"`);
    await q.query(`ALTER TABLE "api_keys" DROP COLUMN "scope"`);
  }
}
