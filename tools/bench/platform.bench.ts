import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { ApacheKafkaCluster, startApacheKafka } from '@herald/apache-kafka';
import { CountingReceiver, startCountingReceiver } from '@herald/testing';
import { ExternalKafka, startStack } from '@herald/stack';
import { measureHops } from './hop-latency';
import { createSubscriptions, createTenant, EventLoad, waitForCount } from './platform-driver';
import { UsageTracker } from './process-usage';
import { LatencySamples, measureRawCeiling } from '@herald/bench-kit';

/**
 * `npm run bench`: Herald end to end, against the same-run ceiling, once on the embedded broker
 * and once on a single-node Apache Kafka (the version tools/apache-kafka pins), side by side.
 * Knobs (env): BENCH_KAFKA (`embedded,apache`; either alone), BENCH_ENDPOINTS (100), BENCH_RATE (1000/s), BENCH_RATE_SECONDS (20),
 * BENCH_BURST (50000 events at full speed), BENCH_CEILING_SECONDS (10),
 * BENCH_ONLY_FIXED_RATE (true: stop after the fixed-rate phase and its per-hop breakdown).
 */
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 100);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 20);
const BURST = Number(process.env.BENCH_BURST ?? 50_000);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 10);
const KAFKAS = (process.env.BENCH_KAFKA ?? 'embedded,apache').split(',').map((k) => k.trim());

type Report = Record<string, unknown>;

function samplesOf(values: number[]): LatencySamples {
  const samples = new LatencySamples();
  for (const v of values) samples.add(v);
  return samples;
}

async function main(): Promise<void> {
  for (const kafka of KAFKAS) {
    if (kafka !== 'embedded' && kafka !== 'apache')
      throw new Error(`BENCH_KAFKA: unknown ${kafka}`);
  }
  const report: Report = {
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    date: new Date().toISOString(),
    runs: {} as Record<string, Report>,
  };
  const runs = report.runs as Record<string, Report>;
  for (const kafka of KAFKAS) runs[kafka] = await benchOn(kafka as 'embedded' | 'apache');
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/bench.json', `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync('reports/bench.md', renderMarkdown(report));
  console.log(renderMarkdown(report));
}

/** One whole benchmark on a fresh stack over the embedded broker or Apache Kafka. */
async function benchOn(kafka: 'embedded' | 'apache'): Promise<Report> {
  const home = mkdtempSync(join(tmpdir(), 'herald-bench-'));
  const log = (source: string, line: string) => {
    if (/"level":"(error|fatal)"/.test(line)) process.stderr.write(`[${source}] ${line}\n`);
  };
  let apache: ApacheKafkaCluster | undefined;
  let externalKafka: ExternalKafka | undefined;
  if (kafka === 'apache') {
    console.log('starting Apache Kafka (one node)...');
    apache = await startApacheKafka({ nodes: 1 });
    externalKafka = {
      connection: {
        HERALD_KAFKA_BROKERS: apache.brokers,
        HERALD_KAFKA_CLIENT_ID: 'herald',
        HERALD_KAFKA_SSL: false,
        HERALD_KAFKA_SASL_MECHANISM: 'none',
        HERALD_KAFKA_SASL_USERNAME: 'herald',
        HERALD_KAFKA_SASL_PASSWORD: 'unset',
      },
    };
  }
  console.log(
    `starting the stack on ${kafka === 'apache' ? `Apache Kafka ${apache!.version}` : 'the embedded broker'}...`,
  );
  const stack = await startStack({
    home,
    persistent: false,
    kafkaPort: 0,
    externalKafka,
    postgresPort: 0,
    servicePorts: 'free',
    // One tenant at full speed is the point here: no per-tenant Kafka rate (bench:noisy has one).
    env: { HERALD_LOG_LEVEL: 'warn', HERALD_TENANT_KAFKA_EVENTS_PER_SECOND: '0' },
    log,
  }).catch(async (error: Error) => {
    await apache?.stop();
    throw error;
  });
  const receiver: CountingReceiver = await startCountingReceiver();
  const report: Report = {
    kafka: kafka === 'apache' ? `Apache Kafka ${apache!.version} (1 node)` : 'embedded broker',
  };
  try {
    const tenant = await createTenant(stack.apiUrl, stack.adminToken, 'bench');
    await createSubscriptions(stack.apiUrl, tenant, receiver.url, ENDPOINTS, { timeoutMs: 1_000 });
    await new Promise((r) => setTimeout(r, 2_000)); // changelog reaches matcher and dispatcher
    const load = await EventLoad.connect(stack.brokers);

    // Warm-up: connections, JIT, pools.
    await load.fixedRate(tenant.tenantId, ENDPOINTS, 500, 3);
    await waitForCount(() => receiver.received, 1_500, 30_000);

    // Phase 1: fixed rate, latency.
    const before = receiver.latencies.length;
    const trackers = new Map(
      [...stack.services].map(([name, s]) => [name, new UsageTracker(s.process.pid ?? 0)]),
    );
    const fixedFrom = Date.now();
    const sent = await load.fixedRate(tenant.tenantId, ENDPOINTS, RATE, RATE_SECONDS);
    const fixedTo = Date.now();
    await waitForCount(() => receiver.latencies.length - before, sent, 30_000);
    const fixed = samplesOf(receiver.latencies.slice(before)).summary();
    report.fixedRate = {
      eventsPerSecond: RATE,
      seconds: RATE_SECONDS,
      sent,
      delivered: receiver.latencies.length - before,
      latencyMs: fixed,
      hops: await measureHops(stack.brokers, fixedFrom, fixedTo),
    };
    console.log('fixed rate', JSON.stringify(report.fixedRate, null, 1));
    if (process.env.BENCH_ONLY_FIXED_RATE === 'true') return report;

    // Phase 2: full speed.
    const burstStart = Date.now();
    const base = receiver.received;
    for (let i = 0; i < BURST; i += 500) {
      await load.sendBatch(
        tenant.tenantId,
        Array.from({ length: Math.min(500, BURST - i) }, (_, k) => (i + k) % ENDPOINTS),
      );
    }
    const produced = Date.now();
    const finished = await waitForCount(() => receiver.received - base, BURST, 300_000);
    const delivered = receiver.received - base;
    const throughput = Math.round(delivered / ((finished - burstStart) / 1000));
    report.fullSpeed = {
      events: BURST,
      delivered,
      produceSeconds: (produced - burstStart) / 1000,
      seconds: (finished - burstStart) / 1000,
      deliveriesPerSecond: throughput,
      hops: await measureHops(stack.brokers, burstStart, produced),
    };
    console.log('full speed', JSON.stringify(report.fullSpeed, null, 1));
    report.services = Object.fromEntries([...trackers].map(([name, t]) => [name, t.stop()]));
    console.log('services', report.services);

    // Phase 3: the raw ceiling, same receiver, same payload size.
    const payload = JSON.stringify({
      type: 'bench.event',
      data: { sentAt: Date.now(), padding: 'x'.repeat(200) },
    });
    const ceiling = await measureRawCeiling({
      url: `${receiver.url}/r/0`,
      payloads: [payload],
      concurrency: 64,
      durationMs: CEILING_SECONDS * 1000,
    });
    report.rawCeiling = ceiling;
    report.ratio = Math.round((throughput / ceiling.perSecond) * 100) / 100;
    console.log('raw ceiling', ceiling, 'ratio', report.ratio);

    // Phase 4: one of the endpoints blackholes; do the healthy ones keep their latency?
    const healthyBaseline = receiver.latencies.length;
    await load.fixedRate(tenant.tenantId, ENDPOINTS, RATE, 10);
    await waitForCount(() => receiver.latencies.length - healthyBaseline, RATE * 10, 30_000);
    const withoutBlackhole = samplesOf(receiver.latencies.slice(healthyBaseline)).summary();
    receiver.blackhole('/r/0');
    const marks = new Map([...receiver.latenciesByPath].map(([p, l]) => [p, l.length]));
    await load.fixedRate(tenant.tenantId, ENDPOINTS, RATE, 10);
    await new Promise((r) => setTimeout(r, 3_000));
    const healthy: number[] = [];
    for (const [path, list] of receiver.latenciesByPath) {
      if (path !== '/r/0') healthy.push(...list.slice(marks.get(path) ?? 0));
    }
    const withBlackhole = samplesOf(healthy).summary();
    report.blackhole = {
      withoutMs: withoutBlackhole,
      withMs: withBlackhole,
      p99IncreasePercent: Math.round(
        ((withBlackhole.p99 - withoutBlackhole.p99) / withoutBlackhole.p99) * 100,
      ),
    };
    console.log('blackhole', report.blackhole);
    await load.close();
  } finally {
    await receiver.close();
    await stack.stop();
    await apache?.stop();
    rmSync(home, { recursive: true, force: true });
  }
  return report;
}

interface RunFigures {
  kafka: string;
  fixedRate?: { eventsPerSecond: number; latencyMs: Record<string, number> };
  fullSpeed?: { deliveriesPerSecond: number };
  rawCeiling?: { perSecond: number };
  ratio?: number;
  blackhole?: { withoutMs: { p99: number }; withMs: { p99: number }; p99IncreasePercent: number };
  services?: Record<string, { peakRssMb: number; cpuPercent: number }>;
}

/** One table, a column per Kafka, each run against its own same-run ceiling. */
function renderMarkdown(r: Report): string {
  const runs = Object.values(r.runs as Record<string, RunFigures>);
  const m = r.machine as { cpus: number; model: string; memoryGb: number; node: string };
  const row = (measure: string, cell: (run: RunFigures) => string, target = '') =>
    `| ${measure} | ${runs.map((run) => cell(run)).join(' | ')} | ${target} |`;
  const latency = (run: RunFigures) => {
    const l = run.fixedRate?.latencyMs;
    return l ? `${l.p50} / ${l.p99} / ${l.p999} ms` : 'n/a';
  };
  const blackhole = ({ blackhole: b }: RunFigures) =>
    b
      ? `${b.withoutMs.p99} / ${b.withMs.p99} ms (${b.p99IncreasePercent >= 0 ? '+' : ''}${b.p99IncreasePercent}%)`
      : 'n/a';
  const serviceNames = [...new Set(runs.flatMap((run) => Object.keys(run.services ?? {})))];
  const lines = [
    `Herald benchmark, ${String(r.date)}, ${m.cpus} cores (${m.model}), ${m.memoryGb} GiB, Node ${m.node}; receiver on the same machine.`,
    '',
    `| measure | ${runs.map((run) => run.kafka).join(' | ')} | target |`,
    `| --- | ${runs.map(() => '---').join(' | ')} | --- |`,
    row('deliveries/s sustained (full speed, attempts logged)', (run) =>
      String(run.fullSpeed?.deliveriesPerSecond ?? 'n/a'),
    ),
    row(
      'raw ceiling (bare undici loop, same receiver, same run)',
      (run) => `${run.rawCeiling?.perSecond ?? 'n/a'}/s`,
    ),
    row('Herald / ceiling', (run) => String(run.ratio ?? 'n/a'), '>= 0.40'),
    row(`event-to-delivery p50 / p99 / p999 at ${RATE} events/s`, latency, 'p99 <= 50 ms'),
    row('healthy p99 without / with 1 of 100 endpoints blackholed', blackhole, '<= +20%'),
    ...serviceNames.map((name) =>
      row(
        `${name} peak RSS / CPU`,
        (run) => {
          const u = run.services?.[name];
          return u ? `${u.peakRssMb} MB / ${u.cpuPercent}%` : 'n/a';
        },
        '<= 200 MB',
      ),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
