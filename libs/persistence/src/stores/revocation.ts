import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Stamps a live credential row (`revoked_at IS NULL`) revoked, of `tenantId` only when given.
 * False when there is no such live row: API keys and portal sessions alike.
 */
export async function revokeLive(
  dataSource: DataSource,
  entity: EntityTarget<ObjectLiteral>,
  id: string,
  tenantId: string | undefined,
  now: Date,
): Promise<boolean> {
  const qb = dataSource
    .getRepository(entity)
    .createQueryBuilder()
    .update()
    .set({ revokedAt: now })
    .where('id = :id AND revoked_at IS NULL', { id });
  if (tenantId !== undefined) qb.andWhere('tenant_id = :tenantId', { tenantId });
  const result = await qb.execute();
  return (result.affected ?? 0) > 0;
}
