import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StateActorKind, SubscriptionStatusState } from '@herald/contracts';

/**
 * One change of a subscription's status (see `subscriptionStatus`): from what to what, why, who
 * or what made it and when. Written in the transaction that changes the subscription.
 */
@Entity({ name: 'subscription_state_changes' })
@Index('ix_subscription_state_changes_subscription', ['tenantId', 'subscriptionId', 'id'])
export class SubscriptionStateChangeEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_subscription_state_changes',
  })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState!: SubscriptionStatusState | null;

  @Column({ name: 'to_state', type: 'text' })
  toState!: SubscriptionStatusState;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: StateActorKind;

  /** The API key id or the dispatcher instance; null when not known. */
  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;
}
