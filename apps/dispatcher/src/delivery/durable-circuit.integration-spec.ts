import { DataSource } from 'typeorm';
import { DisablePolicy, Subscription } from '@herald/contracts';
import { SubscriptionHealthStore, migrateDatabase, openDatabase } from '@herald/persistence';
import { TestDatabase, createTestDatabase } from '@herald/testing';
import { subscriptionFixture } from '../testing/delivery-fixtures';
import { OutcomeRecorder } from './outcome-recorder';
import { SubscriptionGates } from './subscription-gates';

/**
 * The circuit of a subscription outlives the dispatcher instance that built it: what one
 * instance wrote to subscription_health (real PostgreSQL), the next one (a restart, or the next
 * owner of the partition) loads before its first job, and goes on from there.
 */
const policy: DisablePolicy = {
  failureThreshold: 3,
  windowMs: 60_000,
  pauseMs: 30_000,
  disableAfterMs: 300_000,
};
const at = (ms: number) => new Date(ms);
const T0 = Date.parse('2026-12-03T09:00:00Z');

let db: TestDatabase;
let dataSource: DataSource;
let store: SubscriptionHealthStore;
let loads: number;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = await openDatabase({ url: db.url, poolSize: 4 });
  await migrateDatabase(dataSource, { retentionDays: 30 });
  const real = new SubscriptionHealthStore(dataSource);
  store = real;
  loads = 0;
  // Counts the queries; every one goes to PostgreSQL.
  store = Object.assign(Object.create(real) as SubscriptionHealthStore, {
    load: (keys: Parameters<SubscriptionHealthStore['load']>[0]) => {
      loads++;
      return real.load(keys);
    },
  });
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

/** One dispatcher instance's gates and outcome batches, written to the real table. */
function instance() {
  const gates = new SubscriptionGates(() => 0, store);
  let circuitWrites = 0;
  const recorder = new OutcomeRecorder(
    {
      appendAttempts: async () => undefined,
      addDeadLetters: async () => undefined,
      markHeld: async () => undefined,
      saveCircuits: (records) => {
        circuitWrites += records.length;
        return store.saveMany(records);
      },
      sendMany: async () => undefined,
    },
    1,
  );
  /** Admits a job at `t` and records its outcome the way HandleDeliveryMessage does. */
  async function attempt(sub: Subscription, success: boolean, t: number) {
    await gates.loadCircuit(sub);
    const gate = gates.admit(sub, at(t));
    if (gate.kind !== 'deliver') return gate;
    const transition = gates.finish(sub, gate.startedAt, success, at(t));
    const read = gates.changedCircuit(sub.id);
    await recorder.record(read ? [recorder.circuit(sub, read)] : []);
    return transition;
  }
  return { gates, attempt, writes: () => circuitWrites };
}

const newSubscription = (id: string) =>
  subscriptionFixture(id, 'https://receiver.example/hook', { disablePolicy: policy });

it('keeps the failure window over a restart: the pause comes at the threshold, not later', async () => {
  const sub = newSubscription('sub_window');
  const first = instance();
  expect(await first.attempt(sub, false, T0)).toEqual({ kind: 'none' });
  expect(await first.attempt(sub, false, T0 + 1_000)).toEqual({ kind: 'none' });
  expect(await first.attempt(sub, false, T0 + 2_000)).toEqual({ kind: 'none' });
  // kill -9: the next instance starts from the table.
  const second = instance();
  expect(await second.attempt(sub, false, T0 + 3_000)).toEqual({
    kind: 'pause',
    until: at(T0 + 3_000 + policy.pauseMs),
    reason: '4 failures within 60s',
  });
});

it('keeps the pause deadline: the next owner holds until it, then sends one probe', async () => {
  const sub = newSubscription('sub_pause');
  const first = instance();
  for (let i = 0; i < 4; i++) await first.attempt(sub, false, T0 + i);
  const second = instance();
  // Held like any job of a paused subscription (released when the pause ends), not sent.
  expect(await second.attempt(sub, false, T0 + 10_000)).toEqual({ kind: 'hold', reason: 'paused' });
  expect(second.gates.pausedHere(sub.id, at(T0 + 10_000))).toBe(true);
  const third = instance();
  await third.gates.loadCircuit(sub);
  expect(third.gates.admit(sub, at(T0 + policy.pauseMs + 4))).toMatchObject({
    kind: 'deliver',
    probe: true,
  });
});

it('disables at failingSince + disableAfter of the first failure, across restarts', async () => {
  const sub = newSubscription('sub_disable');
  // A failure every 100 s, each on a fresh instance: none lives 300 s.
  for (let i = 0; i < 3; i++) {
    expect(await instance().attempt(sub, false, T0 + i * 100_000)).toEqual({ kind: 'none' });
  }
  expect(await instance().attempt(sub, false, T0 + 300_000)).toEqual({
    kind: 'disable',
    reason: `failing since ${at(T0).toISOString()}`,
  });
});

it('clears failingSince durably with a success, and writes nothing for a healthy success', async () => {
  const sub = newSubscription('sub_success');
  const first = instance();
  await first.attempt(sub, false, T0);
  expect(first.writes()).toBe(1);
  await first.attempt(sub, true, T0 + 1_000);
  expect(first.writes()).toBe(2);
  const stored = await store.load([{ tenantId: sub.tenantId, subscriptionId: sub.id }]);
  expect(stored.get(sub.id)).toEqual({
    failures: [],
    failingSince: null,
    openUntil: null,
    halfOpen: false,
  });
  // Healthy successes on a closed circuit add no write.
  for (let i = 0; i < 5; i++) await first.attempt(sub, true, T0 + 2_000 + i);
  expect(first.writes()).toBe(2);
  // After a restart, the failing-since clock starts at the next failure, not the old one.
  const second = instance();
  await second.attempt(sub, false, T0 + 400_000);
  expect(await second.attempt(sub, false, T0 + 400_000 + 299_000)).toEqual({ kind: 'none' });
});

it('loads the subscriptions first seen in one turn with one query, and again after a rebalance', async () => {
  const subs = ['sub_b1', 'sub_b2', 'sub_b3'].map(newSubscription);
  const { gates } = instance();
  const before = loads;
  await Promise.all(subs.map((s) => gates.loadCircuit(s)));
  await Promise.all(subs.map((s) => gates.loadCircuit(s)));
  expect(loads - before).toBe(1);
  // Another owner moved sub_b1's circuit on while the partition was away.
  await store.saveMany([
    {
      tenantId: subs[0].tenantId,
      subscriptionId: subs[0].id,
      circuit: { failures: [], failingSince: T0, openUntil: T0 + 60_000, halfOpen: true },
    },
  ]);
  expect(gates.pausedHere(subs[0].id, at(T0 + 1_000))).toBe(false);
  gates.forgetLoaded();
  await gates.loadCircuit(subs[0]);
  expect(loads - before).toBe(2);
  expect(gates.pausedHere(subs[0].id, at(T0 + 1_000))).toBe(true);
});
