import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DELIVERY_STATUSES = [
  'pending',
  'held',
  'succeeded',
  'failed',
  'dead',
  'discarded',
] as const;
/**
 * pending: enqueued, not attempted yet (or a retry is scheduled after `failed` was reset);
 * held: not sent because the subscription was paused/inactive (released when it can deliver
 * again, or replayable); discarded: held, then discarded by the tenant (or its event was past
 * retention when it was released);
 * failed: the last attempt failed and a retry is scheduled; dead: dead-lettered.
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One (event, subscription) pair; `id` is the delivery id sent as `webhook-id`. */
@Entity({ name: 'deliveries' })
@Index('ix_deliveries_tenant_created', ['tenantId', 'createdAt', 'id'])
@Index('ix_deliveries_subscription_created_id', ['tenantId', 'subscriptionId', 'createdAt', 'id'])
@Index('ix_deliveries_status_created', ['tenantId', 'status', 'createdAt', 'id'])
@Index('ix_deliveries_subscription_status', [
  'tenantId',
  'subscriptionId',
  'status',
  'lastAttemptAt',
])
@Index('ix_deliveries_event', ['tenantId', 'eventId'])
@Index('ix_deliveries_held', ['tenantId', 'subscriptionId', 'createdAt', 'id'], {
  where: `status = 'held'`,
})
export class DeliveryEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_deliveries' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
