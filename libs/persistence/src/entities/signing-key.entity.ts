import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SigningKeyType } from '@herald/contracts';

/** A public key as the JWKS documents publish it (RFC 7517): public members only. */
export type PublicJwkColumn = Record<string, string>;

/**
 * An asymmetric key pair Herald signs with, per tenant or per subscription and kind. The
 * private key is a PKCS#8 PEM sealed like the signing secrets (`hsk1:<key id>:...`); the public
 * half is kept as its JWK for the JWKS documents. One current key (no `expires_at`) per scope
 * and kind; a rotation gives the previous one an expiry and it keeps signing until then.
 */
@Entity({ name: 'signing_keys' })
@Index('ix_signing_keys_scope', ['tenantId', 'subscriptionId'])
@Index('ux_signing_keys_current', ['tenantId', 'subscriptionId', 'type'], {
  unique: true,
  where: 'expires_at IS NULL',
})
export class SigningKeyEntity {
  /** The `kid` of the JWKS and the `keyid` receivers get: `key_<kind>_<random hex>`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_signing_keys' })
  kid!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** The subscription of a subscription-scope key; '' for the tenant's keys. */
  @Column({ name: 'subscription_id', type: 'text', default: '' })
  subscriptionId!: string;

  @Column({ type: 'text' })
  type!: SigningKeyType;

  @Column({ name: 'sealed_private_key', type: 'text' })
  sealedPrivateKey!: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: PublicJwkColumn;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** When a rotated-out key stops signing and leaves the JWKS; null = current. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
