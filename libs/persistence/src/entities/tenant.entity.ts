import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TenantLimitOverrides } from '@herald/tenancy';

/** A tenant: the owner of keys, event types, subscriptions, events and deliveries. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_tenants' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata!: Record<string, string>;

  /** Limits the admin set for this tenant; an absent one is the configured default. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  limits!: TenantLimitOverrides;

  /** Callback and token URLs of this tenant must use https. */
  @Column({ name: 'require_https', type: 'boolean', default: false })
  requireHttps!: boolean;

  /** The tenant's event catalogue is strict: events of types it has not registered are refused. */
  @Column({ name: 'strict_event_types', type: 'boolean', default: false })
  strictEventTypes!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
