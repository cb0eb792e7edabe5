import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { openDatabase } from '../data-source';
import { migrateDatabase } from '../migrate';
import { InvalidCursorError, Page, encodeCursor } from './cursor';
import { DeliveryLog } from './delivery-log';
import { InvalidEventStore } from './invalid-event-store';
import { TenantStore } from './tenant-store';

/** Six rows in one millisecond, apart only in microseconds, with ids against the time order. */
const TIES = [5, 4, 3, 2, 1, 0].map((i) => `2026-12-03T14:00:00.123${i}00Z`);

async function everyPage<T>(list: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && all.length < 100);
  return all;
}

describe('keyset pages on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase({ url: db.url, poolSize: 2 });
    await migrateDatabase(dataSource, { retentionDays: 30 });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('gives each row once when rows share a millisecond (ascending, query builder)', async () => {
    const tenants = new TenantStore(dataSource);
    for (const [i, at] of TIES.entries()) {
      await tenants.create({ id: `ten_${i}`, name: `t${i}` });
      await dataSource.query(`UPDATE tenants SET created_at = $2 WHERE id = $1`, [`ten_${i}`, at]);
    }
    const ids = (await everyPage((cursor) => tenants.list({ cursor, limit: 1 }))).map((t) => t.id);
    expect(ids).toEqual(['ten_5', 'ten_4', 'ten_3', 'ten_2', 'ten_1', 'ten_0']);
  });

  it('gives each row once when rows share a millisecond (descending, query builder)', async () => {
    const log = new DeliveryLog(dataSource);
    await log.recordPendingMany(
      TIES.map((createdAt, i) => ({
        deliveryId: `msg_${i}`,
        tenantId: 'acme',
        subscriptionId: 'sub_a',
        eventId: `evt_${i}`,
        eventType: 'order.created',
        createdAt,
      })),
    );
    const ids = (await everyPage((cursor) => log.list('acme', { cursor, limit: 2 }))).map(
      (d) => d.id,
    );
    expect(ids).toEqual(['msg_0', 'msg_1', 'msg_2', 'msg_3', 'msg_4', 'msg_5']);
  });

  it('gives each row once when rows share a millisecond (descending, raw SQL)', async () => {
    const store = new InvalidEventStore(dataSource);
    await store.recordMany(
      TIES.map((rejectedAt, i) => ({
        tenantId: 'acme',
        id: `inv_${i}`,
        eventId: null,
        type: null,
        source: null,
        reason: 'schema',
        detail: 'x',
        topic: 'herald.events.ingest',
        partition: 0,
        offset: String(i),
        sizeBytes: 1,
        rejectedAt,
      })),
    );
    const ids = (await everyPage((cursor) => store.list('acme', { cursor, limit: 4 }))).map(
      (e) => e.id,
    );
    expect(ids).toEqual(['inv_0', 'inv_1', 'inv_2', 'inv_3', 'inv_4', 'inv_5']);
  });

  it('answers any cursor with a page or InvalidCursorError, never a database error', async () => {
    const tenants = new TenantStore(dataSource);
    const log = new DeliveryLog(dataSource);
    const invalid = new InvalidEventStore(dataSource);
    const cursor = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .tuple(
          fc.oneof(
            fc.string(),
            fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())),
          ),
          fc.string({ unit: 'binary', maxLength: 40 }),
        )
        .map(([at, id]) => encodeCursor({ at, id })),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(cursor, async (c) => {
        for (const list of [
          () => tenants.list({ cursor: c, limit: 2 }),
          () => log.list('acme', { cursor: c, limit: 2 }),
          () => invalid.list('acme', { cursor: c, limit: 2 }),
        ]) {
          try {
            expect(Array.isArray((await list()).items)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidCursorError);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
