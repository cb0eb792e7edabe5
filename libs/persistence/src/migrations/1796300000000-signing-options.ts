import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscriptions get the signatures they choose besides the scheme (`v1a,`, RFC 9421 with an
 * asymmetric algorithm, draft-cavage). Null on every subscription stored before: the scheme
 * alone, what they signed with until now.
 */
export class SigningOptions1796300000000 implements MigrationInterface {
  name = 'SigningOptions1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "subscriptions" ADD "signing_options" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "subscriptions" DROP COLUMN "signing_options"`);
  }
}
