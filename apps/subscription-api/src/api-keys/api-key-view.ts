import { ApiKeyEntity } from '@herald/persistence';

/** A key as the API lists it: never its value or hash; its status at `now`. */
export function apiKeyView(key: ApiKeyEntity, now: Date = new Date()) {
  const status = key.revokedAt
    ? 'revoked'
    : key.expiresAt && key.expiresAt.getTime() <= now.getTime()
      ? 'expired'
      : 'active';
  return {
    id: key.id,
    tenantId: key.tenantId,
    name: key.name,
    prefix: key.prefix,
    scope: key.scope,
    status,
    expiresAt: key.expiresAt,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
  };
}
