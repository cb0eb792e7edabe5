import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Kafka message written in the same transaction as the change it announces; the relay in
 * subscription-api publishes unpublished rows in id order and stamps `published_at`.
 */
@Entity({ name: 'outbox' })
@Index('ix_outbox_unpublished', ['id'], { where: 'published_at IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_outbox' })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  /** The JSON value; null = a tombstone. */
  @Column({ type: 'jsonb', nullable: true })
  value!: unknown;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
