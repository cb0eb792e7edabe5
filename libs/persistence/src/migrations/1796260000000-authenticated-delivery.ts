import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Authenticated delivery: a subscription's credential (header, Basic or OAuth 2.0 client
 * credentials, secret parts sealed) and mutual TLS material, and a tenant switch that requires
 * https for its callback and token URLs. Existing rows get none and false.
 */
export class AuthenticatedDelivery1796260000000 implements MigrationInterface {
  name = 'AuthenticatedDelivery1796260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "subscriptions" ADD "delivery_credential" jsonb`);
    await q.query(`ALTER TABLE "subscriptions" ADD "delivery_tls" jsonb`);
    await q.query(`ALTER TABLE "tenants" ADD "require_https" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tenants" DROP COLUMN "require_https"`);
    await q.query(`ALTER TABLE "subscriptions" DROP COLUMN "delivery_tls"`);
    await q.query(`ALTER TABLE "subscriptions" DROP COLUMN "delivery_credential"`);
  }
}
