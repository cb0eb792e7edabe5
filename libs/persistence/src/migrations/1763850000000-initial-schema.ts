import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Herald's first schema. Hand-written; `migration-drift.integration-spec.ts` fails when the
 * entities and the migrations disagree.
 *
 * `events` and `delivery_attempts` are append-heavy: PARTITION BY RANGE on their time column,
 * one partition a day, created ahead and dropped by retention (partitions/partition-maintenance.ts).
 * A partitioned table's keys must include the partition column, so the cross-partition
 * de-duplication of events by (tenant, id) lives in the small `event_ids` table.
 * Foreign keys are left out on purpose: tenant ownership is enforced by scoping every query
 * by tenant id, and the hot-path tables stay cheap to write.
 */
export class InitialSchema1763850000000 implements MigrationInterface {
  name = 'InitialSchema1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "tenants" (
        "id" text NOT NULL,
        "name" text NOT NULL,
        "metadata" jsonb NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_tenants" PRIMARY KEY ("id"))`);

    await q.query(`
      CREATE TABLE "api_keys" (
        "id" text NOT NULL,
        "tenant_id" text NOT NULL,
        "name" text NOT NULL,
        "prefix" text NOT NULL,
        "key_hash" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_api_keys_hash" ON "api_keys" ("key_hash")`);
    await q.query(`CREATE INDEX "ix_api_keys_tenant" ON "api_keys" ("tenant_id", "created_at")`);

    await q.query(`
      CREATE TABLE "event_types" (
        "tenant_id" text NOT NULL,
        "name" text NOT NULL,
        "description" text,
        "code" text,
        "schema" jsonb,
        "visibility" text NOT NULL DEFAULT 'tenant',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_event_types" PRIMARY KEY ("tenant_id", "name"))`);

    await q.query(`
      CREATE TABLE "subscriptions" (
        "id" text NOT NULL,
        "tenant_id" text NOT NULL,
        "url" text NOT NULL,
        "description" text,
        "event_types" text array NOT NULL,
        "entity_type" text,
        "entity_id" text,
        "actions" text array NOT NULL DEFAULT '{}',
        "triggers" text array NOT NULL DEFAULT '{}',
        "condition" jsonb,
        "active" boolean NOT NULL DEFAULT true,
        "state" text NOT NULL DEFAULT 'active',
        "state_reason" text,
        "paused_until" TIMESTAMP WITH TIME ZONE,
        "payload_format" text NOT NULL DEFAULT 'herald',
        "payload_template" text,
        "content_type" text NOT NULL DEFAULT 'json',
        "headers" jsonb NOT NULL DEFAULT '{}',
        "timeout_ms" integer NOT NULL,
        "success_rule" jsonb NOT NULL,
        "retry_policy" jsonb NOT NULL,
        "disable_policy" jsonb NOT NULL,
        "canary" jsonb NOT NULL,
        "canary_next_due_at" TIMESTAMP WITH TIME ZONE,
        "signing_scheme" text NOT NULL DEFAULT 'standard-webhooks',
        "signing_secrets" jsonb NOT NULL,
        "rate_limit_per_second" integer,
        "max_concurrency" integer NOT NULL,
        "metadata" jsonb NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "revision" integer NOT NULL DEFAULT '1',
        CONSTRAINT "pk_subscriptions" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_subscriptions_tenant" ON "subscriptions" ("tenant_id", "id")`);
    await q.query(
      `CREATE INDEX "ix_subscriptions_canary_due" ON "subscriptions" ("canary_next_due_at")`,
    );

    await q.query(`
      CREATE TABLE "events" (
        "tenant_id" text NOT NULL,
        "id" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "type" text NOT NULL,
        "event" jsonb NOT NULL,
        CONSTRAINT "pk_events" PRIMARY KEY ("tenant_id", "id", "received_at")
      ) PARTITION BY RANGE ("received_at")`);
    await q.query(
      `CREATE INDEX "ix_events_tenant_type_received" ON "events" ("tenant_id", "type", "received_at")`,
    );
    await q.query(`
      CREATE TABLE "event_ids" (
        "tenant_id" text NOT NULL,
        "id" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_event_ids" PRIMARY KEY ("tenant_id", "id"))`);
    await q.query(`CREATE INDEX "ix_event_ids_received" ON "event_ids" ("received_at")`);

    await q.query(`
      CREATE TABLE "deliveries" (
        "id" text NOT NULL,
        "tenant_id" text NOT NULL,
        "subscription_id" text NOT NULL,
        "event_id" text NOT NULL,
        "event_type" text NOT NULL,
        "status" text NOT NULL,
        "attempts" integer NOT NULL DEFAULT '0',
        "last_attempt_at" TIMESTAMP WITH TIME ZONE,
        "last_status_code" integer,
        "last_error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_deliveries" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_deliveries_event" ON "deliveries" ("tenant_id", "event_id")`);
    await q.query(
      `CREATE INDEX "ix_deliveries_subscription_created" ON "deliveries" ("tenant_id", "subscription_id", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_deliveries_tenant_created" ON "deliveries" ("tenant_id", "created_at", "id")`,
    );

    await q.query(`
      CREATE TABLE "delivery_attempts" (
        "delivery_id" text NOT NULL,
        "attempt" integer NOT NULL,
        "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "tenant_id" text NOT NULL,
        "subscription_id" text NOT NULL,
        "outcome" text NOT NULL,
        "status_code" integer,
        "latency_ms" integer NOT NULL,
        "error_class" text,
        "error_message" text,
        "response_headers" jsonb,
        "response_body" text,
        CONSTRAINT "pk_delivery_attempts" PRIMARY KEY ("delivery_id", "attempt", "attempted_at")
      ) PARTITION BY RANGE ("attempted_at")`);
    await q.query(
      `CREATE INDEX "ix_delivery_attempts_delivery" ON "delivery_attempts" ("tenant_id", "delivery_id")`,
    );

    await q.query(`
      CREATE TABLE "dead_letters" (
        "delivery_id" text NOT NULL,
        "tenant_id" text NOT NULL,
        "subscription_id" text NOT NULL,
        "event_id" text NOT NULL,
        "reason" text NOT NULL,
        "job" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "redriven_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_dead_letters" PRIMARY KEY ("delivery_id"))`);
    await q.query(
      `CREATE INDEX "ix_dead_letters_tenant_created" ON "dead_letters" ("tenant_id", "created_at", "delivery_id")`,
    );

    await q.query(`
      CREATE TABLE "outbox" (
        "id" BIGSERIAL NOT NULL,
        "topic" text NOT NULL,
        "message_key" text NOT NULL,
        "value" jsonb,
        "tenant_id" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "published_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_outbox" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "ix_outbox_unpublished" ON "outbox" ("id") WHERE published_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE "idempotency_keys" (
        "tenant_id" text NOT NULL,
        "key" text NOT NULL,
        "request_hash" text NOT NULL,
        "response" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("tenant_id", "key"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'outbox',
      'dead_letters',
      'delivery_attempts',
      'deliveries',
      'event_ids',
      'events',
      'subscriptions',
      'event_types',
      'api_keys',
      'tenants',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
