import { PoolClient } from 'pg';

/**
 * Runs `load` with the secondary indexes of `tables` dropped, then builds them again from their
 * own definitions, as a bulk load into a new database would: one sort per index instead of
 * millions of random inserts into it. Primary keys and unique indexes stay, so COPY still checks
 * them. An index on a partitioned table is rebuilt on every partition. Returns the rebuild's ms.
 */
export async function withIndexesDeferred(
  client: PoolClient,
  tables: readonly string[],
  load: () => Promise<void>,
): Promise<number> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = ANY($1) AND NOT x.indisprimary AND NOT x.indisunique
      ORDER BY i.relname`,
    [tables],
  );
  for (const r of rows) await client.query(`DROP INDEX "${r.name}"`);
  await load();
  const t0 = Date.now();
  await client.query(`SET maintenance_work_mem = '1GB'`);
  // A partitioned table's definition says ON ONLY (the parent alone); here every partition.
  for (const r of rows) await client.query(r.definition.replace(' ON ONLY ', ' ON '));
  return Date.now() - t0;
}
