import { DataSource } from 'typeorm';
import { SubscriptionRecord, TOPICS } from '@herald/contracts';
// Integration specs take their database from the shared test kit.
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { openDatabase } from '../data-source';
import { migrateDatabase } from '../migrate';
import { ApiKeyStore } from './api-key-store';
import { CanarySchedule } from './canary-schedule';
import { OutboxMessage, OutboxStore } from './outbox';
import { SubscriptionStateStore } from './subscription-state-store';
import { SubscriptionStore } from './subscription-store';
import { subscriptionFixture } from '../testing/store-fixtures';

describe('subscriptions, outbox, state, canary and keys', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let outbox: OutboxStore;

  async function drain(): Promise<OutboxMessage[]> {
    const all: OutboxMessage[] = [];
    await outbox.publishPending(100, async (m) => void all.push(...m));
    return all;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase({ url: db.url, poolSize: 4 });
    await migrateDatabase(dataSource, { retentionDays: 30 });
    outbox = new OutboxStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('writes every change to the outbox in order, with a tombstone on delete', async () => {
    const store = new SubscriptionStore(dataSource);
    const sub = await store.create(subscriptionFixture({ id: 'sub_a' }));
    const updated = await store.update('acme', sub.id, (s) => ({
      ...s,
      url: 'https://example.com/2',
    }));
    expect(updated?.revision).toBe(2);
    expect(await store.update('globex', sub.id, (s) => s)).toBeUndefined();
    expect(await store.delete('globex', sub.id)).toBe(false);
    expect(await store.delete('acme', sub.id)).toBe(true);
    const messages = await drain();
    expect(messages.map((m) => [m.topic, m.key])).toEqual([
      [TOPICS.subscriptionsChangelog, 'sub_a'],
      [TOPICS.subscriptionsChangelog, 'sub_a'],
      [TOPICS.subscriptionsChangelog, 'sub_a'],
    ]);
    const [created, changed, tombstone] = messages.map((m) => m.value as SubscriptionRecord | null);
    expect(created?.subscription.revision).toBe(1);
    expect(changed?.subscription.url).toBe('https://example.com/2');
    expect(tombstone).toBeNull();
    expect(await outbox.unpublishedCount()).toBe(0);
  });

  it('rolls the change back when the update function throws (nothing reaches the outbox)', async () => {
    const store = new SubscriptionStore(dataSource);
    await store.create(subscriptionFixture({ id: 'sub_b' }));
    await drain();
    await expect(
      store.update('acme', 'sub_b', () => {
        throw new Error('invalid');
      }),
    ).rejects.toThrow('invalid');
    expect((await store.findById('acme', 'sub_b'))?.revision).toBe(1);
    expect(await outbox.unpublishedCount()).toBe(0);
  });

  it('keeps messages unpublished when publishing fails', async () => {
    const store = new SubscriptionStore(dataSource);
    await store.update('acme', 'sub_b', (s) => ({ ...s, description: 'x' }));
    await expect(
      outbox.publishBatch(10, async () => {
        throw new Error('broker down');
      }),
    ).rejects.toThrow('broker down');
    expect(await outbox.unpublishedCount()).toBe(1);
    expect(await drain()).toHaveLength(1);
  });

  it('pages subscriptions by tenant with a cursor', async () => {
    const store = new SubscriptionStore(dataSource);
    for (let i = 0; i < 5; i++) {
      await store.create(subscriptionFixture({ id: `sub_p${i}`, tenantId: 'pager' }));
    }
    const first = await store.list('pager', { limit: 2 });
    const second = await store.list('pager', { limit: 2, cursor: first.nextCursor! });
    const third = await store.list('pager', { limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((s) => s.id)).toEqual([
      'sub_p0',
      'sub_p1',
      'sub_p2',
      'sub_p3',
      'sub_p4',
    ]);
    expect(third.nextCursor).toBeNull();
    expect((await store.list('acme', { limit: 10 })).items.map((s) => s.id)).toEqual(['sub_b']);
    await drain();
  });

  it('SubscriptionStateStore.setState pauses through the outbox, announced once', async () => {
    const states = new SubscriptionStateStore(dataSource);
    const until = new Date('2030-01-01T00:00:00Z');
    const paused = await states.setState('acme', 'sub_b', 'paused', 'too many failures', until);
    expect(paused).toMatchObject({
      state: 'paused',
      stateReason: 'too many failures',
      pausedUntil: until.toISOString(),
    });
    const again = await states.setState('acme', 'sub_b', 'paused', 'too many failures', until);
    expect(again?.revision).toBe(paused?.revision);
    const messages = await drain();
    expect(messages.map((m) => m.topic)).toEqual([
      TOPICS.subscriptionsChangelog,
      TOPICS.eventsOperational,
    ]);
    expect((messages[0].value as SubscriptionRecord).subscription.state).toBe('paused');
    expect(messages[1].value).toMatchObject({
      type: 'herald.subscription.paused',
      tenantid: 'acme',
      data: { pausedUntil: until.toISOString(), changedBy: 'dispatcher' },
    });
    expect(await states.setState('globex', 'sub_b', 'disabled', 'x')).toBeUndefined();
    await expect(states.setState('acme', 'sub_b', 'paused', 'x', null)).rejects.toThrow(
      /pausedUntil/,
    );
  });

  it('CanarySchedule claims due subscriptions once per interval', async () => {
    const store = new SubscriptionStore(dataSource);
    const t0 = new Date('2030-01-01T00:00:00Z');
    await store.create(
      subscriptionFixture({ id: 'sub_c', canary: { enabled: true, intervalMs: 3_600_000 } }),
      t0,
    );
    const schedule = new CanarySchedule(dataSource);
    expect(await schedule.claimDue(new Date(t0.getTime() + 1000), 10)).toEqual([]);
    const due = new Date(t0.getTime() + 3_600_000);
    expect((await schedule.claimDue(due, 10)).map((s) => s.id)).toEqual(['sub_c']);
    expect(await schedule.claimDue(due, 10)).toEqual([]);
    expect(
      (await schedule.claimDue(new Date(due.getTime() + 3_600_000), 10)).map((s) => s.id),
    ).toEqual(['sub_c']);
  });

  it('stores only the hash of an API key and authenticates the plain key', async () => {
    const keys = new ApiKeyStore(dataSource);
    const { key, plain } = await keys.issue('acme', {
      name: 'ci',
      scope: 'read-only',
      expiresAt: null,
    });
    expect(plain).toMatch(/^hk_[A-Za-z0-9_-]{43}$/);
    const dump: { t: string }[] = await dataSource.query(
      `SELECT row_to_json(k)::text AS t FROM api_keys k`,
    );
    expect(dump.map((r) => r.t).join('\n')).not.toContain(plain);
    expect(await keys.authenticate(plain)).toEqual({
      tenantId: 'acme',
      keyId: key.id,
      scope: 'read-only',
      expiresAt: null,
    });
    expect(await keys.authenticate(`${plain}x`)).toBeUndefined();
    expect(await keys.revoke(key.id, 'globex')).toBe(false);
    expect(await keys.revoke(key.id)).toBe(true);
    expect(await keys.authenticate(plain)).toBeUndefined();
  });

  it('refuses an API key from its expiry on', async () => {
    const keys = new ApiKeyStore(dataSource);
    const expiresAt = new Date('2026-06-01T00:00:00Z');
    const { plain } = await keys.issue('acme', { name: 'short', scope: 'manage', expiresAt });
    expect(await keys.authenticate(plain, new Date(expiresAt.getTime() - 1))).toMatchObject({
      expiresAt,
    });
    expect(await keys.authenticate(plain, expiresAt)).toBeUndefined();
  });
});
