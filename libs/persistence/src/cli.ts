// `npm run db:migrate`: applies pending migrations and prepares the daily partitions.
import { commonSchema, loadConfig } from '@herald/config';
import { openDatabase } from './data-source';
import { migrateDatabase } from './migrate';

async function main(): Promise<void> {
  const config = loadConfig(commonSchema);
  const dataSource = await openDatabase({ url: config.DATABASE_URL, poolSize: 2 });
  try {
    const report = await migrateDatabase(dataSource, {
      retentionDays: config.HERALD_RETENTION_DAYS,
    });
    console.log(
      report.applied.length > 0
        ? `applied migrations: ${report.applied.join(', ')}`
        : 'database is up to date',
    );
    if (report.partitions.created.length > 0)
      console.log(`created partitions: ${report.partitions.created.join(', ')}`);
    if (report.partitions.dropped.length > 0)
      console.log(`dropped partitions (retention): ${report.partitions.dropped.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
