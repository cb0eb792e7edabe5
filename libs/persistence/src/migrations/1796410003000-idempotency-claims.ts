import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Idempotency-Key is claimed (a row without a response) before its request produces
 * anything, so two concurrent requests with one key cannot both publish.
 */
export class IdempotencyClaims1796410003000 implements MigrationInterface {
  name = 'IdempotencyClaims1796410003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response" DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "idempotency_keys" WHERE "response" IS NULL`);
    await q.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response" SET NOT NULL`);
  }
}
