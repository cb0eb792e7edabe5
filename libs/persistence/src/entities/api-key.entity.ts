import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a key may do: GET only, POST /v1/events only, or everything of its tenant. */
export const API_KEY_SCOPES = ['read-only', 'ingest-only', 'manage'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * A tenant API key. Only the SHA-256 of the (high-entropy) key is stored; `prefix` is the
 * first characters of the plain key so a person can tell keys apart. The plain key is shown once.
 */
@Entity({ name: 'api_keys' })
@Index('ix_api_keys_tenant', ['tenantId', 'createdAt'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_api_keys' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  prefix!: string;

  /** Hex SHA-256 of the plain key. */
  @Index('uq_api_keys_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'text', default: 'manage' })
  scope!: ApiKeyScope;

  /** After this instant the key is refused; null = no expiry. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
