import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A Kafka event event-ingest rejected, as its tenant may list it (`GET /v1/invalid-events`):
 * what it claimed to be, the reason and where it was read. Never the payload or the headers;
 * every text is cleaned (no NUL, no lone surrogate) and clipped before it is stored. The id is
 * derived from the message's topic, partition and offset, so a retried batch stores it once.
 */
@Entity({ name: 'invalid_events' })
@Index('ix_invalid_events_tenant_rejected', ['tenantId', 'rejectedAt', 'id'])
@Index('ix_invalid_events_rejected', ['rejectedAt'])
export class InvalidEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', primaryKeyConstraintName: 'pk_invalid_events' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_invalid_events' })
  id!: string;

  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text', nullable: true })
  type!: string | null;

  @Column({ type: 'text', nullable: true })
  source!: string | null;

  /** One of INVALID_REASONS. */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  detail!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'integer' })
  partition!: number;

  @Column({ type: 'text' })
  offset!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'rejected_at', type: 'timestamptz' })
  rejectedAt!: Date;
}
