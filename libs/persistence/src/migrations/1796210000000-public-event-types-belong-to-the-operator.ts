import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public (broadcast) event types belong to the operator (tenant id ''): a type a tenant had
 * marked public was consulted for every tenant's events of that name. Such types become the
 * tenant's own again; the operator re-creates any that should be public through the admin API.
 */
export class PublicEventTypesBelongToTheOperator1796210000000 implements MigrationInterface {
  name = 'PublicEventTypesBelongToTheOperator1796210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "event_types" SET "visibility" = 'tenant' WHERE "tenant_id" <> '' AND "visibility" = 'public'`,
    );
    await q.query(`UPDATE "event_types" SET "visibility" = 'public' WHERE "tenant_id" = ''`);
  }

  async down(): Promise<void> {
    // Which tenant types were public before is not kept: nothing to restore.
  }
}
