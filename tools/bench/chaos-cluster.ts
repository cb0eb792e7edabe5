import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { int, loadConfig } from '@herald/config';
import { TOPICS } from '@herald/contracts';
import { createKafkaForBrokers } from '@herald/kafka';
import { startCountingReceiver } from '@herald/testing';
import { ClusterPlatform, startClusterPlatform } from './cluster-platform';
import { createSubscriptions, createTenant, EventLoad } from './platform-driver';

/**
 * `npm run chaos:cluster`: Herald on a 3-node Apache Kafka cluster (replication factor 3,
 * min.insync.replicas 2, acks=all), two instances of every service, a steady load whose every
 * event matches one subscription, and a receiver that records every webhook-id. Faults in
 * turn: kill -9 of the broker leading most herald.deliveries partitions (restarted later),
 * kill -9 of one instance of each service, a third dispatcher started and stopped gracefully,
 * and a restart of the whole cluster. lost = sent - distinct webhook-ids (must be 0).
 */
const knobs = loadConfig({
  CHAOS_RATE: int({ description: 'events per second', default: '100', min: 1 }),
  CHAOS_SETTLE_SECONDS: int({ description: 'seconds to wait for stragglers', default: '300' }),
  CHAOS_BROKER_DOWN_SECONDS: int({ description: 'seconds a broker stays down', default: '20' }),
});
const RATE = knobs.CHAOS_RATE;
const ENDPOINTS = 20;
const SETTLE_MS = knobs.CHAOS_SETTLE_SECONDS * 1000;
const BROKER_DOWN_MS = knobs.CHAOS_BROKER_DOWN_SECONDS * 1000;
const RECOVERY_LIMIT_MS = 180_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The CloudEvent id of a produced message (the load generator's JSON). */
function eventIdOf(value: unknown): string {
  return (JSON.parse(String(value)) as { id: string }).id;
}

interface FaultResult {
  fault: string;
  /** Seconds after the load started. */
  at: number;
  /** Seconds from the fault until everything sent before it had arrived; null = not within the limit. */
  recoverySeconds: number | null;
}

/** The index (in `platform.kafka.brokers`) of the node that leads most partitions of `topic`. */
async function busiestLeader(platform: ClusterPlatform, topic: string): Promise<number> {
  const admin = createKafkaForBrokers(platform.kafka.bootstrap, 'herald-chaos-admin').admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const led = new Map<number, number>();
    for (const p of topics[0].partitions) led.set(p.leader, (led.get(p.leader) ?? 0) + 1);
    const [nodeId] = [...led.entries()].sort((a, b) => b[1] - a[1])[0];
    return platform.kafka.nodeIds.indexOf(nodeId);
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'herald-chaos-cluster-'));
  const started = Date.now();
  const platform = await startClusterPlatform({
    home,
    instancesPerService: 2,
    log: (source, line) => {
      if (/restarting|giving up/.test(line)) console.log(`[${source}] ${line}`);
    },
  });
  console.log(
    `Apache Kafka ${platform.kafka.version}, 3 nodes (${platform.kafka.bootstrap}), ` +
      `${platform.instances.length} service instances, ready after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const receiver = await startCountingReceiver();
  const tenant = await createTenant(platform.apiUrl, platform.adminToken, 'chaos-cluster');
  await createSubscriptions(platform.apiUrl, tenant, receiver.url, ENDPOINTS, {
    retryPolicy: { delays: ['0s', '1s', '5s', '10s', '30s', '1m', '5m'], maxAttempts: 7 },
  });
  await sleep(3_000);

  const load = await EventLoad.connect(platform.kafka.bootstrap);
  let sent = 0;
  const loadStarted = Date.now();
  const sentIds: { id: string; at: number }[] = [];
  let produceErrors = 0;
  let producing = true;
  const producer = (async () => {
    while (producing) {
      const endpoints = Array.from({ length: RATE / 10 }, (_, i) => (sent + i) % ENDPOINTS);
      const batch = load.batch(tenant.tenantId, endpoints);
      // Until the cluster acknowledges it, the same batch (same event ids) is sent again, as a
      // real producer would; event-ingest drops the copies that did arrive.
      for (;;) {
        try {
          await load.send(batch);
          break;
        } catch {
          produceErrors++;
          await sleep(500);
        }
      }
      sent += batch.length;
      const at = (Date.now() - loadStarted) / 1000;
      for (const message of batch) sentIds.push({ id: eventIdOf(message.value), at });
      await sleep(100);
    }
  })();

  const faults: FaultResult[] = [];
  const recoverAfter = async (fault: string, inject: () => Promise<void>) => {
    await sleep(5_000);
    const target = sent;
    const at = Date.now();
    const atSeconds = (at - loadStarted) / 1000;
    console.log(`fault: ${fault}`);
    await inject();
    while (receiver.seen.size < target && Date.now() - at < RECOVERY_LIMIT_MS) await sleep(100);
    const recoverySeconds = receiver.seen.size >= target ? (Date.now() - at) / 1000 : null;
    faults.push({ fault, at: atSeconds, recoverySeconds });
    console.log(`  caught up with everything sent before it after ${recoverySeconds ?? '>180'} s`);
  };

  const leader = await busiestLeader(platform, TOPICS.deliveries);
  const leaderId = platform.kafka.nodeIds[leader];
  await recoverAfter(`kill -9 broker ${leaderId} (leads most herald.deliveries partitions)`, () =>
    platform.kafka.killNode(leader),
  );
  await sleep(Math.max(0, BROKER_DOWN_MS - 5_000));
  await recoverAfter(`restart broker ${leaderId}`, () => platform.kafka.restartNode(leader));

  const firstOfEach = new Map<string, (typeof platform.instances)[number]>();
  for (const instance of platform.instances) {
    const service = instance.name.split('#')[0];
    if (!firstOfEach.has(service)) firstOfEach.set(service, instance);
  }
  for (const instance of firstOfEach.values()) {
    await recoverAfter(`kill -9 ${instance.name}`, async () => instance.process.kill());
  }

  let third: (typeof platform.instances)[number] | undefined;
  await recoverAfter('start a third dispatcher (scale-out rebalance)', async () => {
    third = await platform.addInstance('dispatcher');
  });
  await recoverAfter('stop the third dispatcher gracefully (SIGTERM)', async () => {
    await third?.process.stop();
  });

  await recoverAfter('restart the whole cluster (controlled shutdown of every node)', async () => {
    for (let i = platform.kafka.nodeIds.length - 1; i >= 0; i--) await platform.kafka.stopNode(i);
    await Promise.all(platform.kafka.nodeIds.map((_, i) => platform.kafka.restartNode(i)));
  });

  producing = false;
  await producer;
  const settleStart = Date.now();
  while (receiver.eventIds.size < sent && Date.now() - settleStart < SETTLE_MS) await sleep(200);
  const settledSeconds = (Date.now() - settleStart) / 1000;
  const lostEvents = sentIds.filter((e) => !receiver.eventIds.has(e.id));
  const distinct = receiver.seen.size;
  const duplicated = [...receiver.seen.values()].filter((n) => n > 1).length;
  const report = {
    date: new Date().toISOString(),
    kafka: `Apache Kafka ${platform.kafka.version}, 3 nodes, replication factor 3, min.insync.replicas 2`,
    instancesPerService: 2,
    rate: RATE,
    eventsSent: sent,
    produceRetries: produceErrors,
    distinctDelivered: distinct,
    lost: lostEvents.length,
    lostSentAtSeconds: summarize(lostEvents.map((e) => e.at)),
    settledSeconds,
    duplicatedWebhookIds: duplicated,
    extraDeliveries: receiver.received - distinct,
    faults,
  };
  await load.close().catch(() => undefined);
  await receiver.close();
  await platform.stop();
  rmSync(home, { recursive: true, force: true });
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/chaos-cluster.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  console.log('\n| fault | caught up after |\n| --- | --- |');
  for (const f of faults) {
    console.log(
      `| ${f.fault} | ${f.recoverySeconds === null ? '> 180 s' : `${f.recoverySeconds.toFixed(1)} s`} |`,
    );
  }
  console.log(
    `\nchaos:cluster: ${report.lost} lost of ${sent}, ${duplicated} webhook-ids delivered more than once (all de-duplicable by webhook-id)`,
  );
  process.exit(report.lost === 0 ? 0 : 1);
}

/** When the lost events were sent (seconds after the load started), as ranges. */
function summarize(times: number[]): string[] {
  const ranges: string[] = [];
  let start: number | undefined;
  let last = -Infinity;
  for (const t of times) {
    if (start === undefined || t - last > 1) {
      if (start !== undefined) ranges.push(`${start.toFixed(1)}-${last.toFixed(1)}`);
      start = t;
    }
    last = t;
  }
  if (start !== undefined) ranges.push(`${start.toFixed(1)}-${last.toFixed(1)}`);
  return ranges;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
