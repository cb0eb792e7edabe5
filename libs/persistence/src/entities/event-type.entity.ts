import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EventTypeVisibility = 'tenant' | 'public';

/** A named kind of event (`order.created`) a tenant declares, with an optional data schema. */
@Entity({ name: 'event_types' })
export class EventTypeEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', primaryKeyConstraintName: 'pk_event_types' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_event_types' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', nullable: true })
  code!: string | null;

  /** JSON Schema for the event's `data`, or null. */
  @Column({ type: 'jsonb', nullable: true })
  schema!: Record<string, unknown> | null;

  @Column({ type: 'text', default: 'tenant' })
  visibility!: EventTypeVisibility;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
