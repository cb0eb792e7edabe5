import { Kafka, Producer, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DeliveryJob, TOPICS, allTopics } from '@herald/contracts';
import { ensureTopics } from '@herald/kafka';
import { OutboxStore, SubscriptionStore, migrateDatabase, openDatabase } from '@herald/persistence';
// Integration specs use the shared test kit; its broker is HERALD_TEST_KAFKA's.
import {
  TEST_SECRETS_KEY,
  TestDatabase,
  TestKafka,
  createTestDatabase,
  eventually,
  startTestKafka,
} from '@herald/testing';
import { jobFor, subscriptionFixture } from '../testing/delivery-fixtures';
import { OutboxPump } from '../testing/outbox-pump';
import { ScriptedReceiver } from '../testing/scripted-receiver';
import { DISPATCHER_GROUP, DispatcherRuntime } from './dispatcher.runtime';

/**
 * A subscription's partition moves to another dispatcher instance in the middle of a failure
 * streak (the first leaves the group): the next owner loads the circuit the first one wrote and
 * pauses at the threshold counted across both, with the first failure's failingSince.
 */
jest.setTimeout(120_000);

let broker: TestKafka;
let database: TestDatabase;
let dataSource: DataSource;
let kafka: Kafka;
let producer: Producer;
let pump: OutboxPump;
let subscriptions: SubscriptionStore;
let base: string;
const receiver = new ScriptedReceiver();
const running: DispatcherRuntime[] = [];

function dispatcher(): DispatcherRuntime {
  const runtime = new DispatcherRuntime(kafka, dataSource, new Registry(), {
    allowPrivateTargets: true,
    maxRetryAfterMs: 10_000,
    maxInFlightPerInstance: 50,
    partitionsConcurrently: 4,
    flushMs: 10,
    version: 'test',
    secretsKeys: [TEST_SECRETS_KEY],
  });
  running.push(runtime);
  return runtime;
}

beforeAll(async () => {
  [broker, database] = await Promise.all([startTestKafka(), createTestDatabase()]);
  base = await receiver.start();
  dataSource = await openDatabase({ url: database.url, poolSize: 6 });
  await migrateDatabase(dataSource, { retentionDays: 7 });
  kafka = new Kafka({
    clientId: 'handover-spec',
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
  });
  await ensureTopics(kafka, allTopics());
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  subscriptions = new SubscriptionStore(dataSource);
  pump = new OutboxPump(new OutboxStore(dataSource), producer);
  pump.start(50);
}, 60_000);

afterAll(async () => {
  for (const runtime of running) await runtime.stop().catch(() => undefined);
  await pump?.stop();
  await producer?.disconnect();
  await receiver.stop();
  await dataSource?.destroy();
  await Promise.all([broker?.stop(), database?.drop()]);
}, 30_000);

async function settledOnOneMember(): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([DISPATCHER_GROUP]);
    return groups[0]?.state === 'Stable' && groups[0].members.length === 1;
  } finally {
    await admin.disconnect();
  }
}

const enqueue = (jobs: DeliveryJob[]) =>
  producer.send({
    topic: TOPICS.deliveries,
    acks: -1,
    messages: jobs.map((job) => ({ key: job.subscriptionId, value: JSON.stringify(job) })),
  });

it('pauses on the next owner at the threshold counted over the handover', async () => {
  const first = dispatcher();
  await first.start();
  const sub = await subscriptions.create(
    subscriptionFixture('sub_handover', `${base}/handover`, {
      retryPolicy: { delays: ['0s'], maxAttempts: 1 },
      disablePolicy: {
        failureThreshold: 3,
        windowMs: 600_000,
        pauseMs: 3_600_000,
        disableAfterMs: 86_400_000,
      },
    }),
  );
  receiver.script('/handover', [{ status: 503 }]);
  await eventually(() => first.view.get(sub.id) !== undefined, 'the subscription on the changelog');
  for (let i = 0; i < 3; i++) {
    await enqueue([jobFor(sub)]);
    await eventually(() => receiver.on('/handover').length === i + 1, `failure ${i + 1}`);
  }
  const firstFailure = receiver.on('/handover')[0].at;

  // A second instance joins, and the first leaves: every partition is the second's.
  const second = dispatcher();
  await second.start();
  await first.stop();
  running.splice(running.indexOf(first), 1);
  // Only once the group has settled on the second alone: a job fetched while the first's leave
  // still rebalances the group is fetched again afterwards (at-least-once, a second attempt).
  await eventually(settledOnOneMember, 'the group settled on the second dispatcher', 30_000);
  await enqueue([jobFor(sub)]);
  await eventually(
    async () => (await subscriptions.findById(sub.tenantId, sub.id))?.state === 'paused',
    'the pause',
    60_000,
  );
  const paused = await subscriptions.findById(sub.tenantId, sub.id);
  expect(paused?.stateReason).toBe('4 failures within 600s');
  expect(receiver.on('/handover')).toHaveLength(4);
  // The state change is published first, then the circuit is written with the attempt.
  const circuit = async () =>
    (
      await dataSource.query<{ failing_since: Date; open_until: Date | null }[]>(
        `SELECT failing_since, open_until FROM subscription_health
          WHERE tenant_id = $1 AND subscription_id = $2`,
        [sub.tenantId, sub.id],
      )
    )[0];
  await eventually(async () => (await circuit())?.open_until != null, 'the stored pause');
  const row = await circuit();
  expect(row.failing_since.getTime() - firstFailure).toBeGreaterThanOrEqual(0);
  expect(row.failing_since.getTime() - firstFailure).toBeLessThan(5_000);
  expect(row.open_until?.toISOString()).toBe(paused?.pausedUntil);
});
