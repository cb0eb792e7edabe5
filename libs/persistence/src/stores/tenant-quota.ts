import { EntityManager } from 'typeorm';
import { QuotaExceeded, TenantLimits, quotaCheck } from '@herald/tenancy';

export class QuotaExceededError extends Error {
  constructor(readonly exceeded: QuotaExceeded) {
    super(
      `the tenant's ${exceeded.quota} quota is used up (${exceeded.used} of ${exceeded.limit})`,
    );
    this.name = 'QuotaExceededError';
  }
}

const TABLES = { maxSubscriptions: 'subscriptions', maxEventTypes: 'event_types' } as const;
const QUOTA_LOCK = 0x5154_4131;

/**
 * Inside the transaction that inserts one more row: serialises the tenant's inserts into that
 * table (a transaction-scoped advisory lock) and throws QuotaExceededError when the tenant
 * already has its quota, so concurrent creates cannot overshoot it.
 */
export async function enforceQuota(
  manager: EntityManager,
  tenantId: string,
  quota: QuotaExceeded['quota'],
  limits: TenantLimits,
): Promise<void> {
  if (limits[quota] === 0) return;
  const table = TABLES[quota];
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    QUOTA_LOCK,
    `${table}:${tenantId}`,
  ]);
  const [{ used }]: { used: number }[] = await manager.query(
    `SELECT count(*)::int AS used FROM ${table} WHERE tenant_id = $1`,
    [tenantId],
  );
  const exceeded = quotaCheck(quota, limits, used);
  if (exceeded) throw new QuotaExceededError(exceeded);
}
