import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rejected Kafka events of each tenant, for `GET /v1/invalid-events`: who, what and why,
 * never the payload or the headers (which may hold anything, secrets included). Purged with the
 * retention of the other side tables (`rejected_at`).
 */
export class InvalidEvents1796410002000 implements MigrationInterface {
  name = 'InvalidEvents1796410002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "invalid_events" (
      "tenant_id" text NOT NULL,
      "id" text NOT NULL,
      "event_id" text,
      "type" text,
      "source" text,
      "reason" text NOT NULL,
      "detail" text NOT NULL,
      "topic" text NOT NULL,
      "partition" integer NOT NULL,
      "offset" text NOT NULL,
      "size_bytes" integer NOT NULL,
      "rejected_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "pk_invalid_events" PRIMARY KEY ("tenant_id", "id"))`);
    await q.query(
      `CREATE INDEX "ix_invalid_events_tenant_rejected" ON "invalid_events" ("tenant_id", "rejected_at", "id")`,
    );
    await q.query(`CREATE INDEX "ix_invalid_events_rejected" ON "invalid_events" ("rejected_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "invalid_events"`);
  }
}
