import { MigrationInterface, QueryRunner } from 'typeorm';

/** Replay jobs: a subscription's window replayed in pages, with progress, lease and cancel. */
export class ReplayJobs1796430000000 implements MigrationInterface {
  name = 'ReplayJobs1796430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "replay_jobs" (
        "id" text NOT NULL,
        "tenant_id" text NOT NULL,
        "subscription_id" text NOT NULL,
        "selection" text NOT NULL,
        "since" TIMESTAMP WITH TIME ZONE NOT NULL,
        "until" TIMESTAMP WITH TIME ZONE NOT NULL,
        "state" text NOT NULL DEFAULT 'queued',
        "cursor" jsonb,
        "scanned" bigint NOT NULL DEFAULT '0',
        "enqueued" bigint NOT NULL DEFAULT '0',
        "error" text,
        "lease_token" text,
        "lease_until" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "started_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_replay_jobs" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "ix_replay_jobs_tenant" ON "replay_jobs" ("tenant_id", "created_at")`,
    );
    await q.query(`CREATE INDEX "ix_replay_jobs_state" ON "replay_jobs" ("state", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "replay_jobs"`);
  }
}
