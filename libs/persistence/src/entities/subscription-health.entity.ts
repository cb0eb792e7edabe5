import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A subscription's circuit as the dispatcher last recorded it (see `DurableCircuit`). */
@Entity({ name: 'subscription_health' })
export class SubscriptionHealthEntity {
  @PrimaryColumn({
    name: 'tenant_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_subscription_health',
  })
  tenantId!: string;

  @PrimaryColumn({
    name: 'subscription_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_subscription_health',
  })
  subscriptionId!: string;

  /** Times (ms since the epoch) of the failures inside the policy window. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  failures!: number[];

  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Column({ name: 'open_until', type: 'timestamptz', nullable: true })
  openUntil!: Date | null;

  @Column({ name: 'half_open', type: 'boolean', default: false })
  halfOpen!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
