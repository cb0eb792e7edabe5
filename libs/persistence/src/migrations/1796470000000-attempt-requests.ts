import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each attempt keeps the request it sent: headers (credentials redacted) and the capped body. */
export class AttemptRequests1796470000000 implements MigrationInterface {
  name = 'AttemptRequests1796470000000';

  async up(q: QueryRunner): Promise<void> {
    // On the partitioned parent: every partition, present and future, gets the columns.
    await q.query(
      `ALTER TABLE "delivery_attempts" ADD COLUMN "request_headers" jsonb, ADD COLUMN "request_body" text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "delivery_attempts" DROP COLUMN "request_body", DROP COLUMN "request_headers"`,
    );
  }
}
