import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A tenant portal session: a short-lived bearer token (`hps_...`) that a tenant's backend hands
 * to one of its users. Only the SHA-256 of the token is stored. It acts like a manage key of the
 * tenant (or a read-only one), limited to the portal's routes and, when `subscriptionIds` is
 * set, to those subscriptions.
 */
@Entity({ name: 'portal_sessions' })
@Index('ix_portal_sessions_tenant', ['tenantId', 'createdAt'])
export class PortalSessionEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_portal_sessions' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** Hex SHA-256 of the plain token. */
  @Index('uq_portal_sessions_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'read_only', type: 'boolean', default: false })
  readOnly!: boolean;

  /** The subscriptions this session is limited to; null = every subscription of the tenant. */
  @Column({ name: 'subscription_ids', type: 'text', array: true, nullable: true })
  subscriptionIds!: string[] | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
