import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The asymmetric key pairs Herald signs with (ed25519, ECDSA P-256, RSA), per tenant or per
 * subscription: private keys sealed like signing secrets, public keys as JWKs. At most one
 * current key (no expiry) per scope and kind.
 */
export class SigningKeys1796301000000 implements MigrationInterface {
  name = 'SigningKeys1796301000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "signing_keys" (
        "kid" text NOT NULL,
        "tenant_id" text NOT NULL,
        "subscription_id" text NOT NULL DEFAULT '',
        "type" text NOT NULL,
        "sealed_private_key" text NOT NULL,
        "public_jwk" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_signing_keys" PRIMARY KEY ("kid"))`);
    await q.query(
      `CREATE INDEX "ix_signing_keys_scope" ON "signing_keys" ("tenant_id", "subscription_id")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "ux_signing_keys_current" ON "signing_keys" ("tenant_id", "subscription_id", "type") WHERE expires_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "signing_keys"`);
  }
}
