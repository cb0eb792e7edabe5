import { createHash, randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';

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
}

/**
 * API keys. Only the SHA-256 of a key is stored (the key has 256 bits of entropy, so a fast
 * hash is enough and lookups need one indexed query); `prefix` helps people tell keys apart.
 */
export class ApiKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  async issue(tenantId: string, name: string, now: Date = new Date()): Promise<IssuedApiKey> {
    const plain = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const key = new ApiKeyEntity();
    key.id = `key_${randomBytes(8).toString('hex')}`;
    key.tenantId = tenantId;
    key.name = name;
    key.prefix = plain.slice(0, SHOWN_PREFIX_LENGTH);
    key.keyHash = hashApiKey(plain);
    key.createdAt = now;
    key.revokedAt = null;
    await this.dataSource.getRepository(ApiKeyEntity).insert(key);
    return { key, plain };
  }

  /** The tenant a live key belongs to, or undefined. */
  async authenticate(plain: string): Promise<Principal | undefined> {
    if (!plain.startsWith(API_KEY_PREFIX)) return undefined;
    const rows: { id: string; tenant_id: string }[] = await this.dataSource.query(
      'SELECT id, tenant_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashApiKey(plain)],
    );
    return rows[0] ? { tenantId: rows[0].tenant_id, keyId: rows[0].id } : undefined;
  }

  /** Revokes a key (admin). False when there is no such live key. */
  async revoke(id: string, now: Date = new Date()): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  listByTenant(tenantId: string): Promise<ApiKeyEntity[]> {
    return this.dataSource
      .getRepository(ApiKeyEntity)
      .find({ where: { tenantId }, order: { createdAt: 'ASC' } });
  }
}
