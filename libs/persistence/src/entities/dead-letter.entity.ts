import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DeliveryJob } from '@herald/contracts';

/** A delivery that exhausted its attempts (or could not be retried), kept for browsing and redrive. */
@Entity({ name: 'dead_letters' })
@Index('ix_dead_letters_tenant_created', ['tenantId', 'createdAt', 'deliveryId'])
export class DeadLetterEntity {
  @PrimaryColumn({
    name: 'delivery_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_dead_letters',
  })
  deliveryId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** The job as it was dead-lettered, so a redrive can send it again. */
  @Column({ type: 'jsonb' })
  job!: DeliveryJob;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'redriven_at', type: 'timestamptz', nullable: true })
  redrivenAt!: Date | null;
}
