import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { HeraldEvent } from '@herald/contracts';

export { PUBLIC_TENANT_ID } from '@herald/contracts';

/**
 * A received event, kept for replay and `GET /v1/events/{id}`. PARTITION BY RANGE (received_at),
 * one partition a day, dropped whole by retention; so the key includes `received_at`.
 * De-duplication by (tenant, id) across partitions lives in `event_ids`.
 */
@Entity({ name: 'events' })
@Index('ix_events_tenant_type_received', ['tenantId', 'type', 'receivedAt'])
export class EventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', primaryKeyConstraintName: 'pk_events' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_events' })
  id!: string;

  @PrimaryColumn({
    name: 'received_at',
    type: 'timestamptz',
    primaryKeyConstraintName: 'pk_events',
  })
  receivedAt!: Date;

  @Column({ type: 'text' })
  type!: string;

  /** The whole normalised event as it went to `herald.events`. */
  @Column({ type: 'jsonb' })
  event!: HeraldEvent;
}

/** (tenant, event id) seen: the cross-partition de-duplication key of `events`. */
@Entity({ name: 'event_ids' })
@Index('ix_event_ids_received', ['receivedAt'])
export class EventIdEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', primaryKeyConstraintName: 'pk_event_ids' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_event_ids' })
  id!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
