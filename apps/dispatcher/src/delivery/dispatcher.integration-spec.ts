import { randomBytes } from 'crypto';
import { Kafka, Producer, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { DataSource } from 'typeorm';
import {
  DeliveryJob,
  HEADERS,
  InboundCloudEvent,
  Subscription,
  TOPICS,
  allTopics,
} from '@herald/contracts';
// Integration specs use the shared test kit; its broker is HERALD_TEST_KAFKA's.
import { SecretBox } from '@herald/delivery';
import { ensureTopics } from '@herald/kafka';
import {
  DeadLetterStore,
  DeliveryLog,
  EventStore,
  HeldDeliveryStore,
  OutboxStore,
  SubscriptionStateStore,
  SubscriptionStore,
  migrateDatabase,
  openDatabase,
} from '@herald/persistence';
// The retries of these scenarios need the real retry-scheduler next to the dispatcher: it runs
// as its own process, as deployed.
import { RunningService, startService } from '@herald/stack';
import {
  TEST_SECRETS_KEY,
  TestDatabase,
  createTestDatabase,
  TopicCollector,
  eventually,
  sealedSigningSecret,
  TestKafka,
  startTestKafka,
} from '@herald/testing';
import { TEST_SECRET, jobFor, subscriptionFixture } from '../testing/delivery-fixtures';
import { OutboxPump } from '../testing/outbox-pump';
import { ScriptedReceiver } from '../testing/scripted-receiver';
import { DispatcherRuntime } from './dispatcher.runtime';

describe('dispatcher and retry-scheduler on the test broker, PostgreSQL and loopback receivers', () => {
  let broker: TestKafka;
  let database: TestDatabase;
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let dispatcher: DispatcherRuntime;
  let scheduler: RunningService;
  const dispatcherRegistry = new Registry();
  let pump: OutboxPump;
  let collector: TopicCollector;
  let subscriptions: SubscriptionStore;
  let base: string;
  const receiver = new ScriptedReceiver();

  const create = async (id: string, overrides: Partial<Subscription> = {}) => {
    const created = await subscriptions.create(subscriptionFixture(id, `${base}/${id}`, overrides));
    await eventually(() => dispatcher.view.get(id) !== undefined, `${id} on the changelog`);
    return created;
  };
  const enqueue = async (jobs: DeliveryJob[], partition?: number): Promise<void> => {
    await producer.send({
      topic: TOPICS.deliveries,
      acks: -1,
      messages: jobs.map((job) => ({
        key: job.subscriptionId,
        value: JSON.stringify(job),
        partition,
      })),
    });
  };
  const attemptsOf = (deliveryId: string) =>
    new DeliveryLog(dataSource).attemptsOf('acme', deliveryId);
  const operationalEvents = (type: string) =>
    collector
      .on(TOPICS.eventsOperational)
      .map((m) => JSON.parse(m.value!) as InboundCloudEvent)
      .filter((e) => e.type === type);

  beforeAll(async () => {
    [broker, database] = await Promise.all([startTestKafka(), createTestDatabase()]);
    base = await receiver.start();
    dataSource = await openDatabase({ url: database.url, poolSize: 6 });
    await migrateDatabase(dataSource, { retentionDays: 7 });
    kafka = new Kafka({
      clientId: 'dispatcher-spec',
      brokers: [broker.brokers],
      logLevel: logLevel.NOTHING,
    });
    await ensureTopics(kafka, allTopics());
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    subscriptions = new SubscriptionStore(dataSource);
    pump = new OutboxPump(new OutboxStore(dataSource), producer);
    pump.start(50);
    collector = new TopicCollector(kafka);
    await collector.start([TOPICS.deliveriesDlq, TOPICS.eventsOperational]);
    dispatcher = new DispatcherRuntime(kafka, dataSource, dispatcherRegistry, {
      allowPrivateTargets: true,
      maxRetryAfterMs: 10_000,
      // The service's default spread; its 1 s floor keeps the 1 s ladder steps below at 1-1.2 s.
      retryJitter: { ratio: 0.2, minimumMs: 1_000 },
      maxInFlightPerInstance: 200,
      partitionsConcurrently: 4,
      flushMs: 10,
      heldReleaseMs: 200,
      version: 'test',
      secretsKeys: [TEST_SECRETS_KEY],
    });
    [scheduler] = await Promise.all([
      startService('retry-scheduler', {
        connection: broker.connection,
        databaseUrl: database.url,
        env: { HERALD_CANARY_POLL_MS: '100', HERALD_DATABASE_POOL_SIZE: '2' },
      }),
      dispatcher.start(),
    ]);
  }, 90_000); // the retry-scheduler's process compiles its TypeScript as it starts

  afterAll(async () => {
    await scheduler?.stop();
    await dispatcher?.stop();
    await pump?.stop();
    await collector?.stop();
    await producer?.disconnect();
    await receiver.stop();
    await dataSource?.destroy();
    await Promise.all([broker?.stop(), database?.drop()]);
  }, 30_000); // the dispatcher drains running deliveries (a blackholed one) for up to 5 s

  it('signs so that standardwebhooks and svix verify, with one signature per secret in a rotation', async () => {
    const next = 'whsec_' + Buffer.from('the-rotated-in-secret-32-bytes!!').toString('base64');
    const sub = await create('sub_signed', {
      signing: {
        scheme: 'standard-webhooks',
        secrets: [
          sealedSigningSecret(TEST_SECRET, new Date(Date.now() + 3_600_000).toISOString()),
          sealedSigningSecret(next),
        ],
      },
    });
    const job = jobFor(sub);
    await enqueue([job]);
    await eventually(() => receiver.on('/sub_signed').length === 1, 'the signed delivery');
    const { body, headers } = receiver.on('/sub_signed')[0];
    const h = headers as Record<string, string>;
    expect(h['webhook-id']).toBe(job.deliveryId);
    expect(h['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new StandardWebhook(TEST_SECRET).verify(body, h)).toMatchObject({ id: job.event.id });
    expect(new SvixWebhook(next).verify(body, h)).toMatchObject({ type: 'order.created' });
  });

  it('fails a delivery whose secret the keys cannot open, naming the key id and no secret', async () => {
    const foreign = new SecretBox([{ id: 'other', key: randomBytes(32) }]);
    const sub = await create('sub_foreign_key', {
      signing: {
        scheme: 'standard-webhooks',
        secrets: [sealedSigningSecret(TEST_SECRET, null, foreign)],
      },
      retryPolicy: { delays: ['0s'], maxAttempts: 1 },
    });
    const job = jobFor(sub);
    await enqueue([job]);
    await eventually(async () => (await attemptsOf(job.deliveryId)).length === 1, 'the attempt');
    const [attempt] = await attemptsOf(job.deliveryId);
    expect(attempt.errorClass).toBe('signing');
    expect(attempt.errorMessage).toMatch(
      /secret sealed with key "other", which HERALD_SECRETS_KEYS/,
    );
    expect(attempt.errorMessage).not.toContain(TEST_SECRET.slice(6));
    expect(receiver.on('/sub_foreign_key')).toHaveLength(0);
    await subscriptions.delete('acme', 'sub_foreign_key');
  });

  it('refuses to start with a key that does not open the stored secrets', async () => {
    const wrong = new DispatcherRuntime(kafka, dataSource, new Registry(), {
      allowPrivateTargets: true,
      maxRetryAfterMs: 10_000,
      maxInFlightPerInstance: 10,
      partitionsConcurrently: 1,
      flushMs: 10,
      version: 'test',
      secretsKeys: [{ id: TEST_SECRETS_KEY.id, key: randomBytes(32) }],
      groupId: 'herald-dispatcher-wrong-key',
    });
    try {
      await expect(wrong.start()).rejects.toThrow(
        /sealed secrets cannot be decrypted: secret sealed with key "(test1|other)"/,
      );
    } finally {
      await wrong.stop();
    }
  }, 30_000);

  it('adds RFC 9421 Signature-Input and Signature when asked', async () => {
    const sub = await create('sub_rfc9421', {
      signing: {
        scheme: 'http-message-signatures',
        secrets: [sealedSigningSecret(TEST_SECRET)],
      },
    });
    await enqueue([jobFor(sub)]);
    await eventually(() => receiver.on('/sub_rfc9421').length === 1, 'the RFC 9421 delivery');
    const h = receiver.on('/sub_rfc9421')[0].headers;
    expect(h['signature-input']).toMatch(
      /^sig1=\("@method" "@target-uri" "content-digest" "date"\)/,
    );
    expect(h.signature).toMatch(/^sig1=:[A-Za-z0-9+/=]+:$/);
    expect(h['content-digest']).toMatch(/^sha-256=:/);
  });

  it('gives a receiver that fails twice then succeeds exactly three attempts on the ladder', async () => {
    receiver.script('/sub_flaky', [{ status: 500 }, { status: 502 }, { status: 200 }]);
    const sub = await create('sub_flaky', {
      retryPolicy: { delays: ['0s', '1s', '1s'], maxAttempts: 5 },
    });
    const job = jobFor(sub);
    await enqueue([job]);
    await eventually(async () => (await attemptsOf(job.deliveryId)).length === 3, 'three attempts');
    const received = receiver.on('/sub_flaky');
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(
      new Set([job.deliveryId]),
    );
    // Never early: each retry comes at least the ladder's 1s after the failure before it.
    expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(1_000);
    expect(received[2].at - received[1].at).toBeGreaterThanOrEqual(1_000);
    const attempts = await attemptsOf(job.deliveryId);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 502],
      [3, 'succeeded', 200],
    ]);
    expect((await new DeliveryLog(dataSource).findById('acme', job.deliveryId))?.status).toBe(
      'succeeded',
    );
    await eventually(
      () =>
        operationalEvents('herald.delivery.recovered').some(
          (e) => (e.data as { deliveryId: string }).deliveryId === job.deliveryId,
        ),
      'herald.delivery.recovered',
    );
  });

  it('dead-letters a receiver that always fails after maxAttempts, and a redrive delivers it', async () => {
    receiver.script('/sub_down', [{ status: 500 }]);
    const sub = await create('sub_down', { retryPolicy: { delays: ['0s', '1s'], maxAttempts: 3 } });
    const job = jobFor(sub);
    await enqueue([job]);
    await eventually(
      () => collector.on(TOPICS.deliveriesDlq).some((m) => m.key === 'sub_down'),
      'the dead letter',
    );
    const dead = collector.on(TOPICS.deliveriesDlq).find((m) => m.key === 'sub_down')!;
    expect(dead.headers[HEADERS.deadReason]).toBe('exhausted');
    expect(dead.headers[HEADERS.attempt]).toBe('3');
    expect(receiver.on('/sub_down')).toHaveLength(3);
    const letters = new DeadLetterStore(dataSource);
    const page = await letters.list('acme', { subscriptionId: 'sub_down', limit: 10 });
    expect(page.items.map((l) => l.deliveryId)).toEqual([job.deliveryId]);
    expect(operationalEvents('herald.delivery.exhausted').map((e) => e.tenantid)).toContain('acme');

    // What POST /v1/dead-letters/redrive does: the receiver is back, the job goes round again.
    receiver.script('/sub_down', [{ status: 200 }]);
    await letters.redrive('acme', { subscriptionId: 'sub_down', limit: 10 }, (jobs) =>
      enqueue(jobs.map((j) => ({ ...j, attempt: 1, lastError: null }))),
    );
    await eventually(
      async () =>
        (await new DeliveryLog(dataSource).findById('acme', job.deliveryId))?.status ===
        'succeeded',
      'the redriven delivery',
    );
  });

  it('disables a subscription answered with 410 Gone and publishes it on the changelog', async () => {
    receiver.script('/sub_gone', [{ status: 410 }]);
    const sub = await create('sub_gone');
    await enqueue([jobFor(sub)]);
    await eventually(
      () => dispatcher.view.get('sub_gone')?.state === 'disabled',
      'disabled on the changelog',
    );
    expect((await subscriptions.findById('acme', 'sub_gone'))?.state).toBe('disabled');
    expect(receiver.on('/sub_gone')).toHaveLength(1);
    await eventually(
      () => operationalEvents('herald.subscription.disabled').some((e) => e.subject === 'sub_gone'),
      'herald.subscription.disabled',
    );
  });

  it('spreads retries over ±20% of the ladder step, parked and handed back never early', async () => {
    const ids = ['sub_jitter_a', 'sub_jitter_b', 'sub_jitter_c', 'sub_jitter_d'];
    for (const id of ids) receiver.script(`/${id}`, [{ status: 500 }, { status: 200 }]);
    const subs = await Promise.all(
      ids.map((id) => create(id, { retryPolicy: { delays: ['0s', '5s'], maxAttempts: 2 } })),
    );
    await enqueue(subs.map((sub) => jobFor(sub)));
    await eventually(
      () => ids.every((id) => receiver.on(`/${id}`).length === 2),
      'every second attempt',
      15_000,
    );
    const gaps = ids.map((id) => {
      const [first, second] = receiver.on(`/${id}`);
      return second.at - first.at;
    });
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(4_000); // 5 s - 20 %, never earlier
      expect(gap).toBeLessThan(6_000 + 1_000); // 5 s + 20 %, plus the hand-back's lateness
    }
    // Four failures that came together do not come back together.
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(50);
  });

  it('honours Retry-After on 503', async () => {
    receiver.script('/sub_busy', [
      { status: 503, headers: { 'retry-after': '2' } },
      { status: 200 },
    ]);
    const sub = await create('sub_busy', { retryPolicy: { delays: ['0s', '1s'], maxAttempts: 3 } });
    await enqueue([jobFor(sub)]);
    await eventually(() => receiver.on('/sub_busy').length === 2, 'the second attempt');
    const [first, second] = receiver.on('/sub_busy');
    expect(second.at - first.at).toBeGreaterThanOrEqual(2_000);
  });

  it('does not let a blackholed endpoint on the same partition delay a healthy one', async () => {
    receiver.script('/sub_blackhole', [{ status: 200, hang: true }]);
    const hole = await create('sub_blackhole', { timeoutMs: 4_000, maxConcurrency: 2 });
    const healthy = await create('sub_healthy');
    const jobs: DeliveryJob[] = [];
    for (let i = 0; i < 5; i++) jobs.push(jobFor(hole), jobFor(healthy));
    await enqueue(jobs, 0);
    await eventually(() => receiver.on('/sub_healthy').length === 5, 'the healthy deliveries');
    // Every healthy delivery arrived while the blackholed requests were still hanging.
    const holeAttempts = await Promise.all(
      jobs.filter((j) => j.subscriptionId === hole.id).map((j) => attemptsOf(j.deliveryId)),
    );
    expect(holeAttempts.flat()).toHaveLength(0);
    expect(receiver.on('/sub_blackhole').length).toBeLessThanOrEqual(2);
  });

  /** `count` held-to-be jobs with stored events, created oldest first at `firstAt` + i s. */
  const storedJobs = async (sub: Subscription, count: number, firstAt: number) => {
    const jobs = Array.from({ length: count }, (_, i) =>
      jobFor(sub, { firstEnqueuedAt: new Date(firstAt + i * 1_000).toISOString() }),
    );
    await new EventStore(dataSource).insertMany(jobs.map((j) => j.event));
    return jobs;
  };
  const heldCount = (id: string) => new HeldDeliveryStore(dataSource).summary('acme', id);
  const released = async () =>
    (await dispatcherRegistry.getSingleMetric('herald_held_deliveries_released_total')?.get())
      ?.values[0]?.value ?? 0;

  it('holds a paused subscription’s events and releases them oldest first, paced, once reactivated', async () => {
    const sub = await create('sub_paused', {
      state: 'paused',
      stateReason: 'test',
      pausedUntil: new Date(Date.now() + 3_600_000).toISOString(),
      maxConcurrency: 1,
      rateLimitPerSecond: 4,
    });
    // Each answer takes 50 ms, so two requests let through together would overlap here.
    receiver.script('/sub_paused', [{ status: 200, delayMs: 50 }]);
    const jobs = await storedJobs(sub, 6, Date.now() - 60_000);
    const releasedBefore = await released();
    await enqueue([...jobs].reverse()); // newest first on the topic: released by age, not arrival
    await eventually(async () => (await heldCount('sub_paused')).count === 6, 'six held');
    expect((await heldCount('sub_paused')).oldest).toBe(jobs[0].firstEnqueuedAt);
    expect(receiver.on('/sub_paused')).toHaveLength(0);

    await new SubscriptionStateStore(dataSource).setState('acme', 'sub_paused', 'active', null);
    await eventually(() => receiver.on('/sub_paused').length === 6, 'the released deliveries');
    const received = receiver.on('/sub_paused');
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(jobs.map((j) => j.deliveryId));
    expect(receiver.peakInFlight('/sub_paused')).toBe(1); // maxConcurrency 1
    // A release commits its rows after sending them: the last may reach the receiver first,
    // and the rows are gone before the release returns and counts them.
    await eventually(async () => (await heldCount('sub_paused')).count === 0, 'none held');
    await eventually(async () => (await released()) - releasedBefore >= 6, 'six counted');
    expect((await released()) - releasedBefore).toBe(6);
    await eventually(
      async () =>
        (await new DeliveryLog(dataSource).findById('acme', jobs[5].deliveryId))?.status ===
        'succeeded',
      'the last one logged',
    );
  });

  it('releases held events no more than maxConcurrency at a time, oldest first', async () => {
    const sub = await create('sub_backlog', {
      state: 'disabled',
      stateReason: '410 Gone',
      maxConcurrency: 2,
    });
    receiver.script('/sub_backlog', [{ status: 200, delayMs: 100 }]);
    const jobs = await storedJobs(sub, 10, Date.now() - 60_000);
    await enqueue(jobs);
    await eventually(async () => (await heldCount('sub_backlog')).count === 10, 'ten held');

    await new SubscriptionStateStore(dataSource).setState('acme', 'sub_backlog', 'active', null);
    await eventually(() => receiver.on('/sub_backlog').length === 10, 'the released deliveries');
    expect(receiver.peakInFlight('/sub_backlog')).toBeLessThanOrEqual(2);
    // Two at a time may reach the receiver in either order; none overtakes an older one further.
    const rank = new Map(jobs.map((j, i) => [j.deliveryId, i]));
    const order = receiver.on('/sub_backlog').map((r) => rank.get(String(r.headers['webhook-id'])));
    order.forEach((r, i) => expect(Math.abs(r! - i)).toBeLessThanOrEqual(1));
    expect(new Set(order).size).toBe(10);
  });

  it('releases what was held once the pause deadline passes, with no change of state', async () => {
    const pausedUntil = Date.now() + 1_500;
    const sub = await create('sub_cooling', {
      state: 'paused',
      stateReason: 'more than 10 failures in 10m',
      pausedUntil: new Date(pausedUntil).toISOString(),
    });
    const jobs = await storedJobs(sub, 2, Date.now() - 10_000);
    await enqueue(jobs);
    await eventually(async () => (await heldCount('sub_cooling')).count === 2, 'two held');
    await eventually(() => receiver.on('/sub_cooling').length === 2, 'released after the pause');
    const received = receiver.on('/sub_cooling');
    expect(received[0].at).toBeGreaterThanOrEqual(pausedUntil);
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(jobs.map((j) => j.deliveryId));
  });

  it('enforces the success rule {"Success": true}', async () => {
    receiver.script('/sub_rule', [
      { status: 200, body: '{"Success": false}' },
      { status: 200, body: '{"Success": true, "Id": 1}' },
    ]);
    const sub = await create('sub_rule', {
      successRule: { statuses: ['200'], body: { Success: true } },
      retryPolicy: { delays: ['0s', '1s'], maxAttempts: 3 },
    });
    const job = jobFor(sub);
    await enqueue([job]);
    await eventually(async () => (await attemptsOf(job.deliveryId)).length === 2, 'two attempts');
    const attempts = await attemptsOf(job.deliveryId);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect(attempts[0].errorMessage).toContain('Success');
  });

  it('keeps at most 64 KiB of a response body', async () => {
    receiver.script('/sub_chatty', [{ status: 200, body: 'y'.repeat(300 * 1024) }]);
    const sub = await create('sub_chatty');
    const job = jobFor(sub);
    await enqueue([job]);
    await eventually(async () => (await attemptsOf(job.deliveryId)).length === 1, 'the attempt');
    const [attempt] = await attemptsOf(job.deliveryId);
    expect(Buffer.byteLength(attempt.responseBody ?? '')).toBe(64 * 1024);
    // The request as sent, in the same row: the body and the signature headers.
    const [sent] = receiver.on('/sub_chatty');
    expect(attempt.requestBody).toBe(sent.body);
    expect(attempt.requestHeaders).toMatchObject({
      'webhook-id': job.deliveryId,
      'webhook-signature': sent.headers['webhook-signature'],
    });
  });

  it('sends canary events on schedule to subscriptions that opt in', async () => {
    await create('sub_canary', { canary: { enabled: true, intervalMs: 1_000 } });
    await eventually(() => receiver.on('/sub_canary').length >= 2, 'two canaries', 15_000);
    const [first, second] = receiver
      .on('/sub_canary')
      .map(
        (r) => JSON.parse(r.body) as { type: string; timestamp: string; data: { code: string } },
      );
    expect(first.type).toBe('herald.canary');
    expect(first.data.code).toBe('000');
    // The schedule is in the events' times: arrivals also carry each delivery's own latency.
    expect(Date.parse(second.timestamp) - Date.parse(first.timestamp)).toBeGreaterThanOrEqual(
      1_000,
    );
  });
});
