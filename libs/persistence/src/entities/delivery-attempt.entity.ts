import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AttemptOutcome = 'succeeded' | 'failed';

/** One HTTP attempt of a delivery. PARTITION BY RANGE (attempted_at), a partition a day. */
@Entity({ name: 'delivery_attempts' })
@Index('ix_delivery_attempts_delivery', ['tenantId', 'deliveryId'])
@Index('ix_delivery_attempts_subscription_time', ['tenantId', 'subscriptionId', 'attemptedAt'])
export class DeliveryAttemptEntity {
  @PrimaryColumn({
    name: 'delivery_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_delivery_attempts',
  })
  deliveryId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_delivery_attempts' })
  attempt!: number;

  @PrimaryColumn({
    name: 'attempted_at',
    type: 'timestamptz',
    primaryKeyConstraintName: 'pk_delivery_attempts',
  })
  attemptedAt!: Date;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column({ type: 'text' })
  outcome!: AttemptOutcome;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'latency_ms', type: 'integer' })
  latencyMs!: number;

  /** e.g. timeout, connection_refused, dns, tls, http_status, success_rule. */
  @Column({ name: 'error_class', type: 'text', nullable: true })
  errorClass!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'response_headers', type: 'jsonb', nullable: true })
  responseHeaders!: Record<string, string> | null;

  /** At most 64 KiB (cut by the writer). */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  /** The request's headers as sent, credential values redacted ("[redacted]"). */
  @Column({ name: 'request_headers', type: 'jsonb', nullable: true })
  requestHeaders!: Record<string, string> | null;

  /** The request's body, at most 64 KiB (cut by the writer). */
  @Column({ name: 'request_body', type: 'text', nullable: true })
  requestBody!: string | null;
}
