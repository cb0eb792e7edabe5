import { DataSource, EntityManager } from 'typeorm';
import {
  SealedSigningKey,
  SigningKeyType,
  Subscription,
  signingKeyTypesOf,
} from '@herald/contracts';
import { PublicJwkColumn } from '../entities/signing-key.entity';
import { rowsOf } from './query-rows';

/** `subscription_id` of the tenant's own keys (the ones every tenant-scope subscription uses). */
export const TENANT_SCOPE = '';

/** A key pair just made: the private key already sealed, the public one as its JWK. */
export interface NewSigningKey {
  kid: string;
  type: SigningKeyType;
  sealed: string;
  publicJwk: PublicJwkColumn;
}

/** Makes a key pair of a kind (the API's: node:crypto, sealed with the secrets keyring). */
export type SigningKeyMaker = (type: SigningKeyType) => Promise<NewSigningKey>;

/** A key as the JWKS documents and key listings show it: never the private half. */
export interface PublishedSigningKey {
  kid: string;
  type: SigningKeyType;
  /** null for the tenant's keys. */
  subscriptionId: string | null;
  publicJwk: PublicJwkColumn;
  createdAt: string;
  /** null = current; else the end of its rotation overlap. */
  expiresAt: string | null;
}

interface KeyRow {
  kid: string;
  type: SigningKeyType;
  subscription_id: string;
  sealed_private_key: string;
  public_jwk: PublicJwkColumn;
  created_at: Date;
  expires_at: Date | null;
}

/** The scope (`subscription_id` column) whose keys sign for a subscription. */
export function keyScopeOf(s: Pick<Subscription, 'id' | 'signing'>): string {
  return s.signing.options?.keyScope === 'subscription' ? s.id : TENANT_SCOPE;
}

/** The sealed keys of one scope and kinds that still sign at `now`: current ones first. */
export async function sealedKeysIn(
  manager: EntityManager,
  tenantId: string,
  scope: string,
  types: readonly SigningKeyType[],
  now: Date,
): Promise<SealedSigningKey[]> {
  if (types.length === 0) return [];
  const rows = rowsOf<KeyRow>(
    await manager.query(
      `SELECT kid, type, sealed_private_key, expires_at FROM signing_keys
        WHERE tenant_id = $1 AND subscription_id = $2 AND type = ANY($3)
          AND (expires_at IS NULL OR expires_at > $4)
        ORDER BY type, expires_at DESC NULLS FIRST, kid`,
      [tenantId, scope, types, now],
    ),
  );
  return rows.map((r) => ({
    kid: r.kid,
    type: r.type,
    sealed: r.sealed_private_key,
    expiresAt: r.expires_at ? r.expires_at.toISOString() : null,
  }));
}

/** Stores a key as the current one of its scope and kind, unless there is one already. */
export async function insertKeyIfAbsent(
  manager: EntityManager,
  tenantId: string,
  scope: string,
  key: NewSigningKey,
  now: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO signing_keys
       (kid, tenant_id, subscription_id, type, sealed_private_key, public_jwk, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
     ON CONFLICT (tenant_id, subscription_id, type) WHERE expires_at IS NULL DO NOTHING`,
    [key.kid, tenantId, scope, key.type, key.sealed, JSON.stringify(key.publicJwk), now],
  );
}

/**
 * The subscription with `signing.options.keys` set to the sealed keys of its scope, for the
 * changelog record (inside the caller's transaction). With `makeKey`, a kind the options need
 * and the scope lacks is made first, so a subscription never goes out without a key it signs
 * with; without it (services that only change state) the keys there are are attached.
 */
export async function withSigningKeys(
  manager: EntityManager,
  s: Subscription,
  now: Date,
  makeKey?: SigningKeyMaker,
): Promise<Subscription> {
  const options = s.signing.options;
  if (!options) return s;
  const types = signingKeyTypesOf(options);
  const scope = keyScopeOf(s);
  let keys = await sealedKeysIn(manager, s.tenantId, scope, types, now);
  const missing = types.filter((t) => !keys.some((k) => k.type === t && k.expiresAt === null));
  if (missing.length > 0 && makeKey) {
    for (const type of missing) {
      await insertKeyIfAbsent(manager, s.tenantId, scope, await makeKey(type), now);
    }
    keys = await sealedKeysIn(manager, s.tenantId, scope, types, now);
  }
  return { ...s, signing: { ...s.signing, options: { ...options, keys } } };
}

/** Reading the key pairs for JWKS documents, key listings and the reseal of private keys. */
export class SigningKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The keys of one scope that sign at `now` (current and in a rotation overlap), public
   * halves only. `scope` is a subscription id, or TENANT_SCOPE.
   */
  async published(tenantId: string, scope: string, now: Date): Promise<PublishedSigningKey[]> {
    return this.publishedWhere('tenant_id = $1 AND subscription_id = $2', [tenantId, scope], now);
  }

  /** Every scope of the tenant (its own keys and its subscriptions'). */
  async publishedOfTenant(tenantId: string, now: Date): Promise<PublishedSigningKey[]> {
    return this.publishedWhere('tenant_id = $1', [tenantId], now);
  }

  private async publishedWhere(
    where: string,
    values: unknown[],
    now: Date,
  ): Promise<PublishedSigningKey[]> {
    const rows = rowsOf<KeyRow>(
      await this.dataSource.query(
        `SELECT kid, type, subscription_id, public_jwk, created_at, expires_at FROM signing_keys
          WHERE ${where} AND (expires_at IS NULL OR expires_at > $${values.length + 1})
          ORDER BY subscription_id, type, expires_at DESC NULLS FIRST, kid`,
        [...values, now],
      ),
    );
    return rows.map((r) => ({
      kid: r.kid,
      type: r.type,
      subscriptionId: r.subscription_id === TENANT_SCOPE ? null : r.subscription_id,
      publicJwk: r.public_jwk,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at ? r.expires_at.toISOString() : null,
    }));
  }
}
