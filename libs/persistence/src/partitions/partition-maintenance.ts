import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../stores/query-rows';
import {
  DailyPartition,
  PARTITIONED_TABLES,
  dailyPartition,
  planPartitions,
  retentionCutoff,
} from './partition-plan';

export interface MaintenanceReport {
  created: string[];
  dropped: string[];
  /** Rows removed from the non-partitioned tables that follow the same retention. */
  purged: Record<string, number>;
}

/** Advisory lock id so two instances never run partition DDL at the same time. */
const MAINTENANCE_LOCK = 0x4845_5241; // "HERA"

const PURGED_TABLES: readonly { table: string; column: string; also?: string }[] = [
  { table: 'event_ids', column: 'received_at' },
  { table: 'deliveries', column: 'created_at' },
  { table: 'dead_letters', column: 'created_at' },
  { table: 'idempotency_keys', column: 'created_at' },
  { table: 'invalid_events', column: 'rejected_at' },
  { table: 'outbox', column: 'created_at', also: 'published_at IS NOT NULL' },
];

/**
 * Keeps the daily partitions of `events` and `delivery_attempts` ahead of time and drops those
 * past retention (a whole partition at a time, never row by row); the small side tables that
 * follow the same retention are purged in batches.
 */
export class PartitionMaintenance {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { retentionDays: number; aheadDays?: number },
  ) {}

  async run(now: Date = new Date()): Promise<MaintenanceReport> {
    const report: MaintenanceReport = { created: [], dropped: [], purged: {} };
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [MAINTENANCE_LOCK]);
      for (const { table } of PARTITIONED_TABLES) {
        const existing = await listPartitions(manager, table);
        const plan = planPartitions({
          table,
          now,
          aheadDays: this.options.aheadDays ?? 3,
          retentionDays: this.options.retentionDays,
          existing,
        });
        for (const partition of plan.create) {
          await manager.query(createPartitionSql(table, partition));
          report.created.push(partition.name);
        }
        for (const name of plan.drop) {
          await manager.query(`DROP TABLE IF EXISTS "${name}"`);
          report.dropped.push(name);
        }
      }
    });
    const cutoff = retentionCutoff(now, this.options.retentionDays);
    for (const { table, column, also } of PURGED_TABLES) {
      report.purged[table] = await purgeBefore(this.dataSource, table, column, cutoff, also);
    }
    return report;
  }
}

/** Creates the daily partitions holding the given instants (the writers' fallback). */
export async function ensurePartitionsFor(
  dataSource: DataSource,
  table: string,
  instants: readonly Date[],
): Promise<void> {
  const partitions = new Map<string, DailyPartition>();
  for (const at of instants) {
    const p = dailyPartition(table, at);
    partitions.set(p.name, p);
  }
  for (const partition of partitions.values()) {
    await dataSource.query(createPartitionSql(table, partition));
  }
}

export async function listPartitions(
  db: DataSource | EntityManager,
  table: string,
): Promise<string[]> {
  const rows: { name: string }[] = await db.query(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = $1 ORDER BY c.relname`,
    [table],
  );
  return rows.map((r) => r.name);
}

function createPartitionSql(table: string, p: DailyPartition): string {
  return `CREATE TABLE IF NOT EXISTS "${p.name}" PARTITION OF "${table}"
          FOR VALUES FROM ('${p.from.toISOString()}') TO ('${p.to.toISOString()}')`;
}

async function purgeBefore(
  dataSource: DataSource,
  table: string,
  column: string,
  cutoff: Date,
  also = 'true',
): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = rowsOf<unknown>(
      await dataSource.query(
        `WITH doomed AS (SELECT ctid FROM "${table}" WHERE "${column}" < $1 AND ${also} LIMIT 5000)
       DELETE FROM "${table}" t USING doomed WHERE t.ctid = doomed.ctid RETURNING 1`,
        [cutoff],
      ),
    );
    total += rows.length;
    if (rows.length < 5000) return total;
  }
}

/** PostgreSQL's "no partition of relation ... found for row". */
export function isMissingPartition(error: unknown): boolean {
  return (
    (error as { code?: string })?.code === '23514' &&
    /no partition/i.test(String((error as Error).message))
  );
}
