// Benchmark of the dispatcher (not a test):
// `npm run bench:dispatch [-- --jobs N --subscriptions N --cpu-profile FILE]`.
// 1. The same-run raw ceiling: a bare undici loop POSTing the same payloads to the same loopback
//    receiver. 2. Dispatcher throughput from herald.deliveries to that receiver, attempts logged
//    in PostgreSQL. 3. Retry forwarding: 1,000 jobs/s coming due 5 s after they are written,
//    spread ±20 % as the dispatcher spreads retries (`--retry-jitter-percent N`, 0 for none) and
//    parked as it parks them, how early (must be never) and how late the retry-scheduler hands
//    them back.
// The broker, PostgreSQL and the retry-scheduler run in their own processes; the dispatcher and
// the receiver share this one (as does the ceiling loop), which runs with the dispatcher's
// deployed V8 flags (`--max-semi-space-size` in package.json, as in k8s/dispatcher.yaml).
import { mkdtempSync, rmSync } from 'fs';
import { Kafka, Message, logLevel } from 'kafkajs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';
import { Registry } from 'prom-client';
import {
  DeliveryJob,
  HEADERS,
  Subscription,
  TOPICS,
  allTopics,
  retryTopicFor,
} from '@herald/contracts';
import {
  DELIVERY_ID_PATTERN,
  jitterWindow,
  jitteredDelay,
  parkingDelayFor,
  renderPayload,
} from '@herald/delivery';
import { startEmbeddedPostgres } from '@herald/embedded-postgres';
import { ensureTopics, plaintextConnection } from '@herald/kafka';
import { migrateDatabase, openDatabase } from '@herald/persistence';
import { startService } from '@herald/stack';
import { TEST_SECRETS_KEY, startCountingReceiver } from '@herald/testing';
import {
  LatencySamples,
  measureRawCeiling,
  startBrokerProcess,
  startCpuProfile,
} from '@herald/bench-kit';
import { DispatcherRuntime } from '../src/delivery/dispatcher.runtime';
import { jobFor, subscriptionFixture } from '../src/testing/delivery-fixtures';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function stringArg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  progress(`waiting for ${what}`);
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function main(): Promise<void> {
  const totalJobs = arg('jobs', 60_000); // long enough (~6 s) that JIT warm-up does not dominate
  const subscriptionCount = arg('subscriptions', 50);
  const retryRate = arg('retry-rate', 1_000);
  const retrySeconds = arg('retry-seconds', 5);
  // Retry jobs are due 5 s after they are written, spread by the dispatcher's default jitter.
  const jitter = { ratio: arg('retry-jitter-percent', 20) / 100, minimumMs: 1_000 };
  const work = mkdtempSync(join(tmpdir(), 'dispatch-bench-'));
  const [broker, postgres, receiver] = await Promise.all([
    startBrokerProcess(undefined),
    startEmbeddedPostgres({ dataDir: join(work, 'pg'), persistent: false }),
    startCountingReceiver(),
  ]);
  const dataSource = await openDatabase({ url: postgres.url, poolSize: 10 });
  await migrateDatabase(dataSource, { retentionDays: 7 });
  const kafka = new Kafka({
    clientId: 'dispatch-bench',
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
  });
  await ensureTopics(kafka, allTopics());
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();

  // Subscriptions straight onto the changelog (the dispatcher reads only that).
  const subscriptions: Subscription[] = Array.from({ length: subscriptionCount }, (_, i) =>
    subscriptionFixture(`sub_bench_${i}`, `${receiver.url}/hooks/${i}`),
  );
  await producer.send({
    topic: TOPICS.subscriptionsChangelog,
    acks: -1,
    messages: subscriptions.map((s) => ({
      key: s.id,
      value: JSON.stringify({ kind: 'herald.subscription', version: 2, subscription: s }),
    })),
  });
  const jobs: DeliveryJob[] = Array.from({ length: totalJobs }, (_, i) =>
    jobFor(subscriptions[i % subscriptionCount]),
  );
  for (let i = 0; i < jobs.length; i += 500) {
    await producer.send({
      topic: TOPICS.deliveries,
      acks: -1,
      messages: jobs
        .slice(i, i + 500)
        .map((j) => ({ key: j.subscriptionId, value: JSON.stringify(j) })),
    });
  }
  const payloads = await Promise.all(
    jobs.slice(0, 100).map((j) => renderPayload(j, subscriptions[0])),
  );

  progress(`${totalJobs} jobs on herald.deliveries`);
  // The retry-scheduler runs too: jobs deferred by a busy subscription come back through it. It
  // is up (its TypeScript compiled) before anything is measured.
  const scheduler = await startService('retry-scheduler', {
    connection: plaintextConnection([broker.brokers]),
    databaseUrl: postgres.url,
    env: { HERALD_CANARY_POLL_MS: '60000', HERALD_LOG_LEVEL: 'warn' },
  });
  // 1. The raw ceiling, same receiver, same payloads, same process.
  const ceiling = await measureRawCeiling({
    url: `${receiver.url}/ceiling`,
    payloads: payloads.map((p) => p.body),
    concurrency: 64,
    durationMs: 5_000,
  });
  const receivedBefore = receiver.received;
  progress(`ceiling ${ceiling.perSecond}/s`);

  // 2. The dispatcher draining herald.deliveries.
  const { Logger } = await import('@nestjs/common');
  Logger.overrideLogger(false);
  const dispatcherRegistry = new Registry();
  const dispatcher = new DispatcherRuntime(kafka, dataSource, dispatcherRegistry, {
    allowPrivateTargets: true,
    maxRetryAfterMs: 3_600_000,
    maxInFlightPerInstance: 500,
    partitionsConcurrently: arg('partitions', 6),
    flushMs: 20,
    version: 'bench',
    secretsKeys: [TEST_SECRETS_KEY],
  });
  const profileFile = stringArg('cpu-profile');
  const stopProfile = profileFile ? await startCpuProfile(profileFile) : undefined;
  await dispatcher.start();
  await until(() => receiver.received > receivedBefore, 60_000, 'the first delivery');
  const firstAt = Date.now();
  const firstCount = receiver.received - receivedBefore;
  // Done when every delivery is finished in the log (succeeded or dead), as the receiver saw it.
  const finished = async () =>
    (
      (await dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS ok,
                count(*) FILTER (WHERE status = 'dead')::int AS dead FROM deliveries`,
      )) as { ok: number; dead: number }[]
    )[0];
  progress('waiting for every delivery');
  let lastAt = Date.now();
  let lastReceived = receiver.received;
  let outcome = await finished();
  const deadline = Date.now() + 600_000;
  while (outcome.ok + outcome.dead < totalJobs && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (receiver.received !== lastReceived) {
      lastReceived = receiver.received;
      lastAt = Date.now();
    }
    if (lastReceived - receivedBefore >= totalJobs) outcome = await finished();
    else if (Date.now() % 500 < 25) outcome = await finished();
  }
  const seconds = (lastAt - firstAt) / 1000;
  const delivered = lastReceived - receivedBefore;
  const dispatchRate = Math.round((delivered - firstCount) / seconds);
  const [{ n: logged }] = (await dataSource.query(
    'SELECT count(*)::int AS n FROM delivery_attempts',
  )) as { n: number }[];
  const duplicates = [...receiver.seen.entries()].filter(
    ([id, n]) => DELIVERY_ID_PATTERN.test(id) && n > 1,
  ).length;
  {
    const text = await dispatcherRegistry.metrics();
    progress(
      text
        .split('\n')
        .filter(
          (l) =>
            /deferred|duration_seconds_(sum|count)|held|attempts_total|dead_letters/.test(l) &&
            !l.startsWith('#'),
        )
        .join('\n'),
    );
  }
  await stopProfile?.();
  await dispatcher.stop();

  // 3. Retry forwarding at `retryRate` due jobs per second.
  const lateness = new LatencySamples();
  let early = 0;
  const consumer = kafka.consumer({
    groupId: `bench-deliveries-${Date.now()}`,
    maxWaitTimeInMs: 10,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.deliveries, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (!message.key?.toString().startsWith('sub_retry')) return;
      const due = Date.parse(message.headers?.[HEADERS.dueAt]?.toString() ?? '');
      const late = Date.now() - due;
      if (late < 0) early++;
      lateness.add(late);
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // let the group settle
  const retrySub = subscriptionFixture('sub_retry', `${receiver.url}/retry`);
  const retryTotal = retryRate * retrySeconds;
  const tickMs = 100;
  const perTick = Math.round((retryRate * tickMs) / 1000);
  const started = Date.now();
  for (let sent = 0, tick = 0; sent < retryTotal; tick++) {
    const at = started + tick * tickMs;
    const wait = at - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const byTopic = new Map<string, Message[]>();
    for (let i = 0; i < Math.min(perTick, retryTotal - sent); i++) {
      const waitMs = jitteredDelay(jitterWindow(5_000, jitter), Math.random);
      const j = jobFor(retrySub, {
        attempt: 2,
        dueAt: new Date(Date.now() + waitMs).toISOString(),
      });
      const topic = retryTopicFor(parkingDelayFor(waitMs));
      const list = byTopic.get(topic) ?? [];
      list.push({
        key: j.subscriptionId,
        value: JSON.stringify(j),
        headers: { [HEADERS.dueAt]: j.dueAt, [HEADERS.attempt]: '2' },
      });
      byTopic.set(topic, list);
      sent++;
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }
  await until(() => lateness.count >= retryTotal, 120_000, 'every retry forwarded');
  await consumer.disconnect();
  await scheduler.stop();

  const late = lateness.summary();
  const result = {
    machine: `${cpus().length} CPU`,
    nodeFlags: process.execArgv.join(' '),
    jobs: totalJobs,
    subscriptions: subscriptionCount,
    ceilingPerSecond: ceiling.perSecond,
    dispatchPerSecond: dispatchRate,
    ratioToCeiling: Math.round((dispatchRate / ceiling.perSecond) * 100) / 100,
    attemptsLogged: logged,
    duplicateDeliveries: duplicates,
    retry: {
      ratePerSecond: retryRate,
      jitterPercent: jitter.ratio * 100,
      jobs: retryTotal,
      early,
      latenessMs: late,
    },
  };
  console.log(
    [
      `node flags: ${result.nodeFlags || '(none)'}`,
      `raw undici ceiling: ${ceiling.perSecond}/s (64 in flight, same receiver and payloads)`,
      `dispatcher: ${dispatchRate}/s over ${totalJobs} jobs for ${subscriptionCount} subscriptions = ${result.ratioToCeiling} of the ceiling (target >= 0.5)`,
      `attempts logged: ${logged} for ${totalJobs} jobs (${outcome.ok} succeeded, ${outcome.dead} dead), duplicate deliveries: ${duplicates}`,
      `retry forwarding at ${retryRate} due jobs/s (5 s ±${jitter.ratio * 100}%): ${retryTotal} jobs, ${early} early, lateness ms (as seen by a consumer of herald.deliveries) p50 ${late.p50} p99 ${late.p99} max ${late.max} (target: none early, <= 1000)`,
    ].join('\n'),
  );
  console.log(JSON.stringify(result));

  await producer.disconnect();
  await dataSource.destroy();
  await receiver.close();
  await Promise.all([broker.stop(), postgres.stop()]);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
