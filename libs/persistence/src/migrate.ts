import { DataSource } from 'typeorm';
import { MaintenanceReport, PartitionMaintenance } from './partitions/partition-maintenance';

export interface MigrationReport {
  applied: string[];
  partitions: MaintenanceReport;
}

/**
 * Brings a database up to date: pending migrations (each in its own transaction), then the
 * daily partitions for today and the days ahead (and retention). Safe to run from several
 * instances at once: migrations take an advisory lock.
 */
export async function migrateDatabase(
  dataSource: DataSource,
  options: { retentionDays: number; now?: Date },
): Promise<MigrationReport> {
  // The lock is held by one session (its own connection) while the migrations run on another,
  // so the pool needs at least two connections.
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  let applied: string[];
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
  const partitions = await new PartitionMaintenance(dataSource, {
    retentionDays: options.retentionDays,
  }).run(options.now);
  return { applied, partitions };
}

const MIGRATION_LOCK = 0x4845_5240;
