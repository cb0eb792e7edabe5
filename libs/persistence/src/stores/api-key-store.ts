import { createHash, randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { ApiKeyEntity, ApiKeyScope } from '../entities/api-key.entity';
import { revokeLive } from './revocation';

/** Tenant keys: `hk_` + 32 random bytes (base64url). */
export const API_KEY_PREFIX = 'hk_';
const SHOWN_PREFIX_LENGTH = 11;

export function hashApiKey(plain: string): string {
  return createHash('sha256').update(plain, 'utf8').digest('hex');
}

export interface IssuedApiKey {
  key: ApiKeyEntity;
  /** The plain key: returned once, never stored. */
  plain: string;
}

export interface Principal {
  tenantId: string;
  keyId: string;
  scope: ApiKeyScope;
  /** When the key stops working (caches must not outlive it); null = never. */
  expiresAt: Date | null;
}

export interface ApiKeyOptions {
  name: string;
  scope: ApiKeyScope;
  expiresAt: Date | null;
}

/**
 * API keys. Only the SHA-256 of a key is stored (the key has 256 bits of entropy, so a fast
 * hash is enough and lookups need one indexed query); `prefix` helps people tell keys apart.
 */
export class ApiKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  async issue(
    tenantId: string,
    options: ApiKeyOptions,
    now: Date = new Date(),
  ): Promise<IssuedApiKey> {
    const plain = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const key = new ApiKeyEntity();
    key.id = `key_${randomBytes(8).toString('hex')}`;
    key.tenantId = tenantId;
    key.name = options.name;
    key.prefix = plain.slice(0, SHOWN_PREFIX_LENGTH);
    key.keyHash = hashApiKey(plain);
    key.scope = options.scope;
    key.expiresAt = options.expiresAt;
    key.createdAt = now;
    key.revokedAt = null;
    await this.dataSource.getRepository(ApiKeyEntity).insert(key);
    return { key, plain };
  }

  /** The principal of a live key (not revoked, not expired at `now`), or undefined. */
  async authenticate(plain: string, now: Date = new Date()): Promise<Principal | undefined> {
    if (!plain.startsWith(API_KEY_PREFIX)) return undefined;
    const rows: { id: string; tenant_id: string; scope: ApiKeyScope; expires_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT id, tenant_id, scope, expires_at FROM api_keys
          WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
        [hashApiKey(plain), now],
      );
    const row = rows[0];
    return row
      ? { tenantId: row.tenant_id, keyId: row.id, scope: row.scope, expiresAt: row.expires_at }
      : undefined;
  }

  /** Revokes a live key, of `tenantId` only when given. False when there is no such live key. */
  async revoke(id: string, tenantId?: string, now: Date = new Date()): Promise<boolean> {
    return revokeLive(this.dataSource, ApiKeyEntity, id, tenantId, now);
  }

  /** Renames a key of the tenant; undefined when it has no such key. */
  async rename(tenantId: string, id: string, name: string): Promise<ApiKeyEntity | undefined> {
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const result = await repo.update({ tenantId, id }, { name });
    if (!result.affected) return undefined;
    return (await repo.findOneBy({ tenantId, id })) ?? undefined;
  }

  findById(tenantId: string, id: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ tenantId, id });
  }

  /** Every key of the tenant, revoked and expired ones included, oldest first. */
  listByTenant(tenantId: string): Promise<ApiKeyEntity[]> {
    return this.dataSource
      .getRepository(ApiKeyEntity)
      .find({ where: { tenantId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
