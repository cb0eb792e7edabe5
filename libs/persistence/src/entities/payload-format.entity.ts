import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A tenant's named payload format: a JSONata template defined once (`packt`, `xena`) that
 * subscriptions refer to by name (`payloadFormatName`). A change is copied into every
 * subscription using it and published on the changelog, so dispatchers render with it at once.
 */
@Entity({ name: 'payload_formats' })
export class PayloadFormatEntity {
  @PrimaryColumn({
    name: 'tenant_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_payload_formats',
  })
  tenantId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_payload_formats' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** The JSONata expression, checked against the template budgets when saved. */
  @Column({ type: 'text' })
  template!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
