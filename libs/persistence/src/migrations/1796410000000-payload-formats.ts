import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Named payload formats per tenant, and the name a subscription refers to one by (its
 * `payload_template` holds the format's template as last published).
 */
export class PayloadFormats1796410000000 implements MigrationInterface {
  name = 'PayloadFormats1796410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "payload_formats" (
      "tenant_id" text NOT NULL,
      "name" text NOT NULL,
      "description" text,
      "template" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_payload_formats" PRIMARY KEY ("tenant_id", "name"))`);
    await q.query(`ALTER TABLE "subscriptions" ADD "payload_format_name" text`);
    await q.query(
      `CREATE INDEX "ix_subscriptions_payload_format" ON "subscriptions" ("tenant_id", "payload_format_name")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_subscriptions_payload_format"`);
    await q.query(`ALTER TABLE "subscriptions" DROP COLUMN "payload_format_name"`);
    await q.query(`DROP TABLE "payload_formats"`);
  }
}
