import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The answer given to a request with an `Idempotency-Key`, so a repeat gets the same answer. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({
    name: 'tenant_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_idempotency_keys',
  })
  tenantId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  key!: string;

  /** SHA-256 of the request body: the same key with another body is a conflict. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** Null while the request holding the key runs (the claim). */
  @Column({ type: 'jsonb', nullable: true })
  response!: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
