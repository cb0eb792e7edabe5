import { DataSource } from 'typeorm';
import { HeraldEvent } from '@herald/contracts';
// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { openDatabase } from '../data-source';
import { migrateDatabase } from '../migrate';
import { AttemptLog, AttemptRecord, MAX_RESPONSE_BODY_BYTES } from './attempt-log';
import { DeadLetterStore } from './dead-letter-store';
import { DeliveryLog } from './delivery-log';
import { EventStore } from './event-store';
import { eventFixture, jobFixture } from '../testing/store-fixtures';

function attempt(
  deliveryId: string,
  n: number,
  overrides: Partial<AttemptRecord> = {},
): AttemptRecord {
  return {
    deliveryId,
    tenantId: 'acme',
    subscriptionId: 'sub_1',
    eventId: 'e1',
    eventType: 'order.created',
    attempt: n,
    attemptedAt: new Date(Date.now() + n * 1000).toISOString(),
    outcome: 'failed',
    statusCode: 500,
    latencyMs: 12,
    errorClass: 'http_status',
    errorMessage: 'HTTP 500',
    responseHeaders: { 'content-type': 'text/plain' },
    responseBody: 'boom',
    requestHeaders: { 'webhook-id': deliveryId, authorization: '[redacted]' },
    requestBody: '{"n":1}',
    deliveryStatus: 'failed',
    ...overrides,
  };
}

describe('hot-path writers', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase({ url: db.url, poolSize: 4 });
    await migrateDatabase(dataSource, { retentionDays: 30 });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('EventStore.insertMany tells new events from duplicates by (tenant, id), in one batch and across batches', async () => {
    const store = new EventStore(dataSource);
    const a = eventFixture('a');
    const first = await store.insertMany([a, eventFixture('b'), eventFixture('a')]);
    expect(first.inserted.map((e) => e.id)).toEqual(['a', 'b']);
    expect(first.duplicates.map((e) => e.id)).toEqual(['a']);
    const second = await store.insertMany([
      eventFixture('b'),
      eventFixture('b', { tenantId: 'globex' }),
      eventFixture('c', { tenantId: null }),
    ]);
    expect(second.inserted.map((e) => `${e.tenantId}/${e.id}`)).toEqual(['globex/b', 'null/c']);
    expect(second.duplicates.map((e) => e.id)).toEqual(['b']);
    expect((await store.findById('acme', 'a'))?.event).toEqual(a);
    expect(await store.findById('globex', 'a')).toBeUndefined();
    expect((await store.findById('globex', 'c'))?.event.tenantId).toBeNull();
  });

  it('EventStore.acceptThen forwards what was not accepted within the window, in one transaction with the publish', async () => {
    const store = new EventStore(dataSource);
    const encoded = (id: string, overrides: Partial<HeraldEvent> = {}) => {
      const event = eventFixture(id, overrides);
      return { event, json: JSON.stringify(event) };
    };
    const ids = (events: { event: HeraldEvent }[]) =>
      events.map((e) => `${e.event.tenantId}/${e.event.id}`);
    const windowStart = () => new Date(Date.now() - 60_000);
    const published: string[][] = [];
    const first = await store.acceptThen(
      [encoded('w1'), encoded('w2'), encoded('w1'), encoded('w4', { tenantId: null })],
      windowStart(),
      async (accepted) => {
        published.push(ids(accepted));
      },
    );
    expect(ids(first.accepted)).toEqual(['acme/w1', 'acme/w2', 'null/w4']);
    expect(ids(first.duplicates)).toEqual(['acme/w1']);
    expect(published).toEqual([['acme/w1', 'acme/w2', 'null/w4']]);
    expect((await store.findById('acme', 'w1'))?.event).toEqual(first.accepted[0].event);

    // A failed publish claims and stores nothing: the retry forwards the event.
    await expect(
      store.acceptThen([encoded('w3')], windowStart(), async () => {
        throw new Error('broker down');
      }),
    ).rejects.toThrow('broker down');
    expect(await store.findById('acme', 'w3')).toBeUndefined();
    const retried = await store.acceptThen(
      [encoded('w3'), encoded('w2')],
      windowStart(),
      async () => undefined,
    );
    expect(ids(retried.accepted)).toEqual(['acme/w3']);
    expect(ids(retried.duplicates)).toEqual(['acme/w2']);

    // Accepted before the window started: forwarded again, its first stored copy kept.
    const again = await store.acceptThen(
      [encoded('w2')],
      new Date(Date.now() + 1_000),
      async () => undefined,
    );
    expect(ids(again.accepted)).toEqual(['acme/w2']);
    const copies: unknown[] = await dataSource.query(
      `SELECT 1 FROM events WHERE tenant_id = 'acme' AND id = 'w2'`,
    );
    expect(copies).toHaveLength(1);
    // Within the window, a duplicate again.
    const soon = await store.acceptThen([encoded('w2')], windowStart(), async () => undefined);
    expect(ids(soon.duplicates)).toEqual(['acme/w2']);
    expect(await store.acceptThen([], windowStart(), async () => undefined)).toEqual({
      accepted: [],
      duplicates: [],
    });
  });

  it('DeliveryLog records pending and held rows without overwriting existing ones', async () => {
    const log = new DeliveryLog(dataSource);
    const base = {
      tenantId: 'acme',
      subscriptionId: 'sub_1',
      eventId: 'e1',
      eventType: 'order.created',
    };
    await log.recordPendingMany([
      { ...base, deliveryId: 'd1' },
      { ...base, deliveryId: 'd2' },
    ]);
    await log.recordHeldMany([
      { ...base, deliveryId: 'd3' },
      { ...base, deliveryId: 'd1' },
    ]);
    expect((await log.findById('acme', 'd1'))?.status).toBe('pending');
    expect((await log.findById('acme', 'd3'))?.status).toBe('held');
    expect(await log.findById('globex', 'd1')).toBeNull();
  });

  it('AttemptLog.appendMany stores attempts and moves deliveries to their latest status', async () => {
    const attempts = new AttemptLog(dataSource);
    const log = new DeliveryLog(dataSource);
    const huge = 'x'.repeat(MAX_RESPONSE_BODY_BYTES + 10);
    await attempts.appendMany([
      attempt('d1', 1, { responseBody: huge, requestBody: `${huge}\u0000` }),
      attempt('d1', 2, {
        outcome: 'succeeded',
        statusCode: 200,
        errorClass: null,
        errorMessage: null,
        deliveryStatus: 'succeeded',
      }),
      attempt('d2', 1),
      attempt('d9', 1, { deliveryId: 'd9' }),
    ]);
    const d1 = await log.findById('acme', 'd1');
    expect(d1).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
    });
    expect(await log.findById('acme', 'd2')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'http_status: HTTP 500',
    });
    expect((await log.findById('acme', 'd9'))?.status).toBe('failed');
    const stored = await log.attemptsOf('acme', 'd1');
    expect(stored.map((a) => a.attempt)).toEqual([1, 2]);
    expect(stored[0].responseBody).toHaveLength(MAX_RESPONSE_BODY_BYTES);
    expect(stored[0].requestBody).toHaveLength(MAX_RESPONSE_BODY_BYTES);
    expect(stored[1].requestBody).toBe('{"n":1}');
    expect(stored[1].requestHeaders).toEqual({ 'webhook-id': 'd1', authorization: '[redacted]' });
    expect(await log.attemptsOf('globex', 'd1')).toEqual([]);
    // an older attempt arriving late does not undo the newer status
    await attempts.appendMany([
      attempt('d1', 1, { attemptedAt: new Date(Date.now() - 60_000).toISOString() }),
    ]);
    expect((await log.findById('acme', 'd1'))?.status).toBe('succeeded');
    const stats = await log.stats('acme', 'sub_1');
    expect(stats.byStatus).toMatchObject({ succeeded: 1, failed: 2, held: 1 });
    expect(stats.successRate).toBeCloseTo(1 / 3);
    expect(stats.lastFailure?.deliveryId).toMatch(/^d[29]$/);
  });

  it("DeliveryLog.attemptsOf, given the delivery's createdAt, finds every attempt from its clock-skew floor on", async () => {
    const attempts = new AttemptLog(dataSource);
    const log = new DeliveryLog(dataSource);
    const hour = 60 * 60 * 1000;
    const createdAt = new Date(Date.now() - 2 * 24 * hour);
    const at = (ms: number) => new Date(createdAt.getTime() + ms).toISOString();
    const own = { subscriptionId: 'sub_floor' };
    await log.recordPendingMany([
      {
        deliveryId: 'df',
        tenantId: 'acme',
        eventId: 'e1',
        eventType: 'order.created',
        createdAt: createdAt.toISOString(),
        ...own,
      },
    ]);
    // skewed by up to the margin, minutes later, a day later (another partition), a replay today
    await attempts.appendMany([attempt('df', 1, { ...own, attemptedAt: at(-59 * 60 * 1000) })]);
    await attempts.appendMany([attempt('df', 2, { ...own, attemptedAt: at(5 * 60 * 1000) })]);
    await attempts.appendMany([attempt('df', 3, { ...own, attemptedAt: at(25 * hour) })]);
    await attempts.appendMany([
      attempt('df', 4, { ...own, attemptedAt: new Date().toISOString() }),
    ]);
    const found = await log.attemptsOf('acme', 'df', createdAt);
    expect(found.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    expect(await log.attemptsOf('acme', 'df')).toHaveLength(4);
    expect(await log.attemptsOf('globex', 'df', createdAt)).toEqual([]);
    // below the floor is not looked at: the margin is the whole tolerance for skew
    await attempts.appendMany([attempt('df', 5, { ...own, attemptedAt: at(-2 * hour) })]);
    expect(await log.attemptsOf('acme', 'df', createdAt)).toHaveLength(4);
    expect(await log.attemptsOf('acme', 'df')).toHaveLength(5);
  });

  it('DeadLetterStore.addMany records dead letters, marks deliveries dead, and redrives once', async () => {
    const store = new DeadLetterStore(dataSource);
    const log = new DeliveryLog(dataSource);
    const event = eventFixture('e1');
    await store.addMany([
      { job: jobFixture('d2', event, 'sub_1'), reason: 'max_attempts' },
      { job: jobFixture('d4', event, 'sub_1'), reason: 'max_attempts' },
    ]);
    expect((await log.findById('acme', 'd2'))?.status).toBe('dead');
    const page = await store.list('acme', { limit: 1 });
    expect(page.items).toHaveLength(1);
    const next = await store.list('acme', { limit: 1, cursor: page.nextCursor! });
    expect(next.items).toHaveLength(1);
    expect(next.nextCursor).toBeNull();
    expect(new Set([page.items[0].deliveryId, next.items[0].deliveryId])).toEqual(
      new Set(['d2', 'd4']),
    );
    expect((await store.list('globex', { limit: 10 })).items).toEqual([]);

    await expect(
      store.redrive('acme', { deliveryIds: ['d2'], limit: 10 }, async () => {
        throw new Error('broker down');
      }),
    ).rejects.toThrow('broker down');
    const sent: string[] = [];
    const jobs = await store.redrive('acme', { deliveryIds: ['d2'], limit: 10 }, async (j) => {
      sent.push(...j.map((x) => x.deliveryId));
    });
    expect(jobs.map((j) => j.deliveryId)).toEqual(['d2']);
    expect(sent).toEqual(['d2']);
    expect((await log.findById('acme', 'd2'))?.status).toBe('pending');
    expect(
      await store.redrive('acme', { deliveryIds: ['d2'], limit: 10 }, async () => undefined),
    ).toEqual([]);
    expect(await store.redrive('globex', { limit: 10 }, async () => undefined)).toEqual([]);
  });

  it("DeliveryLog.stats names the last failure: the later of the subscription's last failed and last dead delivery", async () => {
    const attempts = new AttemptLog(dataSource);
    const log = new DeliveryLog(dataSource);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const on = (
      deliveryId: string,
      minutesAgo: number,
      deliveryStatus: AttemptRecord['deliveryStatus'],
      overrides: Partial<AttemptRecord> = {},
    ) =>
      attempt(deliveryId, 1, {
        subscriptionId: 'sub_stats',
        attemptedAt: ago(minutesAgo),
        deliveryStatus,
        ...overrides,
      });
    const dead = on('s_dead', 20, 'dead', { statusCode: 410 });
    await attempts.appendMany([
      on('s_failed_old', 30, 'failed'),
      dead,
      on('s_ok', 1, 'succeeded', {
        outcome: 'succeeded',
        statusCode: 200,
        errorClass: null,
        errorMessage: null,
      }),
      on('s_other_subscription', 2, 'failed', { subscriptionId: 'sub_other' }),
      on('s_other_tenant', 2, 'failed', { tenantId: 'globex' }),
    ]);
    const stats = await log.stats('acme', 'sub_stats');
    expect(stats.byStatus).toMatchObject({ failed: 1, dead: 1, succeeded: 1 });
    expect(stats.lastFailure).toEqual({
      deliveryId: 's_dead',
      at: dead.attemptedAt,
      statusCode: 410,
      error: 'http_status: HTTP 500',
    });
    await attempts.appendMany([on('s_failed_new', 10, 'failed', { statusCode: 503 })]);
    expect((await log.stats('acme', 'sub_stats')).lastFailure).toMatchObject({
      deliveryId: 's_failed_new',
      statusCode: 503,
    });
    expect(await log.stats('acme', 'sub_none')).toMatchObject({ total: 0, lastFailure: null });
  });
});
