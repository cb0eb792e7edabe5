import { DataSource } from 'typeorm';
import { AttemptOutcome } from '../entities/delivery-attempt.entity';
import { DeliveryStatus } from '../entities/delivery.entity';
import { ensurePartitionsFor, isMissingPartition } from '../partitions/partition-maintenance';

/** Response and request bodies are kept up to 64 KiB. */
export const MAX_RESPONSE_BODY_BYTES = 64 * 1024;

export interface AttemptRecord {
  deliveryId: string;
  tenantId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  attemptedAt: string;
  outcome: AttemptOutcome;
  statusCode: number | null;
  latencyMs: number;
  errorClass: string | null;
  errorMessage: string | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  /** The request's headers as sent, credential values already redacted; null: nothing was sent. */
  requestHeaders: Record<string, string> | null;
  /** The request's body (cut to MAX_RESPONSE_BODY_BYTES by the writer); null: nothing was sent. */
  requestBody: string | null;
  /** The delivery's status after this attempt: succeeded, failed (a retry is scheduled) or dead. */
  deliveryStatus: Extract<DeliveryStatus, 'succeeded' | 'failed' | 'dead'>;
}

/** Cuts a body to at most `max` UTF-8 bytes (never inside a character) and drops NULs. */
export function capBody(body: string | null, max = MAX_RESPONSE_BODY_BYTES): string | null {
  if (body === null) return null;
  const clean = body.includes('\u0000') ? body.split('\u0000').join('') : body;
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short bodies need no counting.
  if (clean.length * 3 <= max) return clean;
  const bytes = Buffer.from(clean, 'utf8');
  if (bytes.length <= max) return clean;
  return bytes
    .subarray(0, max)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}

/**
 * Appends attempts (partitioned by `attempted_at`) and moves each delivery to its new status,
 * in one statement per batch. A delivery row missing (e.g. recorded later) is created.
 * An older attempt never overwrites a newer one's status.
 */
export class AttemptLog {
  constructor(private readonly dataSource: DataSource) {}

  async appendMany(attempts: readonly AttemptRecord[]): Promise<void> {
    if (attempts.length === 0) return;
    const rows = attempts.map((a) => ({
      delivery_id: a.deliveryId,
      tenant_id: a.tenantId,
      subscription_id: a.subscriptionId,
      event_id: a.eventId,
      event_type: a.eventType,
      attempt: a.attempt,
      attempted_at: a.attemptedAt,
      outcome: a.outcome,
      status_code: a.statusCode,
      latency_ms: Math.max(0, Math.round(a.latencyMs)),
      error_class: a.errorClass,
      error_message: capBody(a.errorMessage, 4096),
      response_headers: a.responseHeaders,
      response_body: capBody(a.responseBody),
      request_headers: a.requestHeaders,
      request_body: capBody(a.requestBody),
      delivery_status: a.deliveryStatus,
    }));
    try {
      await this.write(rows);
    } catch (error) {
      if (!isMissingPartition(error)) throw error;
      await ensurePartitionsFor(
        this.dataSource,
        'delivery_attempts',
        attempts.map((a) => new Date(a.attemptedAt)),
      );
      await this.write(rows);
    }
  }

  private async write(rows: object[]): Promise<void> {
    await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(
           delivery_id text, tenant_id text, subscription_id text, event_id text, event_type text,
           attempt integer, attempted_at timestamptz, outcome text, status_code integer,
           latency_ms integer, error_class text, error_message text, response_headers jsonb,
           response_body text, request_headers jsonb, request_body text, delivery_status text)
       ), attempts AS (
         INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, tenant_id, subscription_id,
           outcome, status_code, latency_ms, error_class, error_message, response_headers, response_body,
           request_headers, request_body)
         SELECT delivery_id, attempt, attempted_at, tenant_id, subscription_id, outcome, status_code,
           latency_ms, error_class, error_message, response_headers, response_body, request_headers,
           request_body FROM input
         ON CONFLICT DO NOTHING
       ), latest AS (
         SELECT DISTINCT ON (delivery_id) * FROM input ORDER BY delivery_id, attempt DESC, attempted_at DESC
       )
       INSERT INTO deliveries AS d (id, tenant_id, subscription_id, event_id, event_type, status, attempts,
         last_attempt_at, last_status_code, last_error, created_at, updated_at)
       SELECT delivery_id, tenant_id, subscription_id, event_id, event_type, delivery_status, attempt,
         attempted_at, status_code, COALESCE(error_class || ': ' || error_message, error_class, error_message),
         attempted_at, attempted_at
         FROM latest
       ON CONFLICT (id) DO UPDATE SET
         status = EXCLUDED.status,
         attempts = EXCLUDED.attempts,
         last_attempt_at = EXCLUDED.last_attempt_at,
         last_status_code = EXCLUDED.last_status_code,
         last_error = EXCLUDED.last_error,
         updated_at = now()
       WHERE d.tenant_id = EXCLUDED.tenant_id
         AND (d.last_attempt_at IS NULL OR d.last_attempt_at <= EXCLUDED.last_attempt_at)`,
      [JSON.stringify(rows)],
    );
  }
}
