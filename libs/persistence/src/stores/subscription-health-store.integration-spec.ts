import { DataSource } from 'typeorm';
// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { openDatabase } from '../data-source';
import { migrateDatabase } from '../migrate';
import { SubscriptionHealthStore } from './subscription-health-store';
import { SubscriptionStateStore } from './subscription-state-store';
import { SubscriptionStore } from './subscription-store';
import { subscriptionFixture } from '../testing/store-fixtures';

const failing = (since: number, ...failures: number[]) => ({
  failures,
  failingSince: since,
  openUntil: null,
  halfOpen: false,
});

describe('subscription health (the durable circuit)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let health: SubscriptionHealthStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase({ url: db.url, poolSize: 4 });
    await migrateDatabase(dataSource, { retentionDays: 30 });
    health = new SubscriptionHealthStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('stores circuits in one upsert, the last of a subscription winning, and loads them', async () => {
    const t0 = Date.parse('2026-12-03T10:00:00.123Z');
    await health.saveMany([
      { tenantId: 'acme', subscriptionId: 'sub_1', circuit: failing(t0, t0) },
      { tenantId: 'acme', subscriptionId: 'sub_2', circuit: failing(t0 + 5, t0 + 5) },
      { tenantId: 'acme', subscriptionId: 'sub_1', circuit: failing(t0, t0, t0 + 1_000) },
    ]);
    await health.saveMany([
      {
        tenantId: 'acme',
        subscriptionId: 'sub_2',
        circuit: { failures: [], failingSince: t0 + 5, openUntil: t0 + 60_000, halfOpen: true },
      },
    ]);
    const loaded = await health.load([
      { tenantId: 'acme', subscriptionId: 'sub_1' },
      { tenantId: 'acme', subscriptionId: 'sub_2' },
      { tenantId: 'acme', subscriptionId: 'sub_none' },
    ]);
    expect(Object.fromEntries(loaded)).toEqual({
      sub_1: failing(t0, t0, t0 + 1_000),
      sub_2: { failures: [], failingSince: t0 + 5, openUntil: t0 + 60_000, halfOpen: true },
    });
    expect(await health.load([])).toEqual(new Map());
  });

  it('is scoped by tenant: another tenant asking for the same id finds nothing', async () => {
    await health.saveMany([{ tenantId: 'acme', subscriptionId: 'sub_t', circuit: failing(1, 1) }]);
    expect((await health.load([{ tenantId: 'globex', subscriptionId: 'sub_t' }])).size).toBe(0);
    expect((await health.load([{ tenantId: 'acme', subscriptionId: 'sub_t' }])).size).toBe(1);
  });

  it('is cleared when the subscription is reactivated or deleted, and kept while paused', async () => {
    const subscriptions = new SubscriptionStore(dataSource);
    const states = new SubscriptionStateStore(dataSource);
    const sub = await subscriptions.create(subscriptionFixture());
    const key = [{ tenantId: sub.tenantId, subscriptionId: sub.id }];
    const until = new Date(Date.now() + 60_000);
    await health.saveMany([{ ...key[0], circuit: failing(1, 1, 2) }]);
    await states.setState(sub.tenantId, sub.id, 'paused', '2 failures within 60s', until);
    expect((await health.load(key)).get(sub.id)?.failingSince).toBe(1);
    await states.setState(sub.tenantId, sub.id, 'disabled', 'failing since then');
    expect((await health.load(key)).size).toBe(1);
    await subscriptions.update(sub.tenantId, sub.id, (s) => ({ ...s, state: 'active' }));
    expect((await health.load(key)).size).toBe(0);

    await health.saveMany([{ ...key[0], circuit: failing(3, 3) }]);
    expect(await subscriptions.delete(sub.tenantId, sub.id)).toBe(true);
    expect((await health.load(key)).size).toBe(0);
  });

  it('keeps a thousand failure times of a circuit intact', async () => {
    const failures = Array.from({ length: 1_000 }, (_, i) => 1_796_000_000_000 + i);
    await health.saveMany([
      { tenantId: 'acme', subscriptionId: 'sub_many', circuit: failing(failures[0], ...failures) },
    ]);
    const loaded = await health.load([{ tenantId: 'acme', subscriptionId: 'sub_many' }]);
    expect(loaded.get('sub_many')?.failures).toEqual(failures);
  });
});
