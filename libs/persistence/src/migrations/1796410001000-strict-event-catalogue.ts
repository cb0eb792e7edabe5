import { MigrationInterface, QueryRunner } from 'typeorm';

/** A tenant may make its event catalogue strict: events of unregistered types are refused. */
export class StrictEventCatalogue1796410001000 implements MigrationInterface {
  name = 'StrictEventCatalogue1796410001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tenants" ADD "strict_event_types" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tenants" DROP COLUMN "strict_event_types"`);
  }
}
