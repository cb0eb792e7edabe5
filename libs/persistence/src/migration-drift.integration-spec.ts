import { DataSource } from 'typeorm';
// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { openDatabase } from './data-source';
import { migrateDatabase } from './migrate';

describe('migrations and entities', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase({ url: db.url, poolSize: 2 });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('leave nothing for TypeORM to change after every migration ran (no drift)', async () => {
    const report = await migrateDatabase(dataSource, { retentionDays: 30 });
    expect(report.applied.length).toBeGreaterThan(0);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('creates events and delivery_attempts as partitioned tables', async () => {
    const rows: { relname: string }[] = await dataSource.query(
      `SELECT relname FROM pg_class WHERE relkind = 'p' ORDER BY relname`,
    );
    expect(rows.map((r) => r.relname)).toEqual(['delivery_attempts', 'events']);
  });

  it('is idempotent: running again applies nothing', async () => {
    const again = await migrateDatabase(dataSource, { retentionDays: 30 });
    expect(again.applied).toEqual([]);
    expect(again.partitions.created).toEqual([]);
  });
});
