import { DataSource } from 'typeorm';
import { HeraldEvent } from '@herald/contracts';
import { baseEvent } from '@herald/contracts/testing';
// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { openDatabase } from '../data-source';
import { migrateDatabase } from '../migrate';
import { EventStore } from '../stores/event-store';
import { PartitionMaintenance, listPartitions } from './partition-maintenance';

const event = (id: string, receivedAt: string): HeraldEvent =>
  baseEvent({ id, source: 'test', time: receivedAt, receivedAt, action: null, data: {} });

describe('partition maintenance', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase({ url: db.url, poolSize: 2 });
    await migrateDatabase(dataSource, { retentionDays: 30, now: new Date('2026-01-10T12:00:00Z') });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('creates today and the days ahead for both partitioned tables', async () => {
    expect(await listPartitions(dataSource, 'events')).toEqual([
      'events_p20260110',
      'events_p20260111',
      'events_p20260112',
      'events_p20260113',
    ]);
    expect(await listPartitions(dataSource, 'delivery_attempts')).toHaveLength(4);
  });

  it('drops whole partitions past retention and purges the side tables', async () => {
    const store = new EventStore(dataSource);
    await store.insertMany([
      event('old', '2026-01-10T13:00:00Z'),
      event('new', '2026-01-13T01:00:00Z'),
    ]);
    const report = await new PartitionMaintenance(dataSource, {
      retentionDays: 2,
      aheadDays: 1,
    }).run(new Date('2026-01-13T08:00:00Z'));
    expect(report.dropped).toEqual(['events_p20260110', 'delivery_attempts_p20260110']);
    expect(report.created).toEqual(['events_p20260114', 'delivery_attempts_p20260114']);
    expect(report.purged.event_ids).toBe(1);
    expect(await store.findById('acme', 'old')).toBeUndefined();
    expect((await store.findById('acme', 'new'))?.event.id).toBe('new');
  });

  it('lets a writer create a missing partition on its own (an event from a day not prepared)', async () => {
    const store = new EventStore(dataSource);
    const result = await store.insertMany([event('late', '2026-03-01T10:00:00Z')]);
    expect(result.inserted.map((e) => e.id)).toEqual(['late']);
    expect(await listPartitions(dataSource, 'events')).toContain('events_p20260301');
  });
});
