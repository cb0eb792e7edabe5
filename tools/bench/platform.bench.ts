import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { ApacheKafkaCluster, startApacheKafka } from '@herald/apache-kafka';
import { bool, int, list, loadConfig, optionalStr } from '@herald/config';
import { CountingReceiver, startCountingReceiver } from '@herald/testing';
import { ExternalKafka, startStack } from '@herald/stack';
import { plaintextConnection } from '@herald/kafka';
import { measureHops } from './hop-latency';
import { createSubscriptions, createTenant, EventLoad, waitForCount } from './platform-driver';
import { BrokerProcess, startBrokerProcess } from './broker-process';
import { CpuFigures, CpuLedger, childNamed, postmasterPid } from './cpu-ledger';
import { UsageTracker } from './process-usage';
import { LatencySamples, measureRawCeiling } from '@herald/bench-kit';
import { formatSpread, spreadsOf } from './run-summary';

/**
 * `npm run bench`: Herald end to end, against the same-run ceiling, once on the embedded broker
 * and once on a single-node Apache Kafka (the version tools/apache-kafka pins), side by side.
 * Knobs (env): BENCH_KAFKA (`embedded,apache`; either alone), BENCH_ENDPOINTS (100), BENCH_RATE (1000/s), BENCH_RATE_SECONDS (20),
 * BENCH_BURST (50000 events at full speed), BENCH_CEILING_SECONDS (10), BENCH_WARMUP_SECONDS (3, at BENCH_RATE),
 * BENCH_ONLY_FIXED_RATE (true: stop after the fixed-rate phase and its per-hop breakdown).
 * BENCH_SERVICE_ENV (`NAME=value,...`: more environment for every service, for experiments such
 * as `HERALD_TENANT_MAX_IN_FLIGHT_DELIVERIES=0` or `NODE_OPTIONS=--cpu-prof --cpu-prof-dir=DIR`).
 * `--runs N` (1): N whole runs, the brokers in turn within each (A B A B ...), and each figure's
 * median and range. CPU per delivered webhook is read from /proc for every process: each
 * service, the broker (the embedded one in a process of its own here), PostgreSQL's whole
 * process tree (split by the backends each service opened), and the bench's own process
 * (receiver and load generator) apart.
 */
const knobs = loadConfig({
  BENCH_ENDPOINTS: int({ description: 'receiving endpoints', default: '100', min: 1 }),
  BENCH_RATE: int({ description: 'events per second of the fixed-rate phase', default: '1000' }),
  BENCH_RATE_SECONDS: int({ description: 'seconds of the fixed-rate phase', default: '20' }),
  BENCH_BURST: int({ description: 'events sent at full speed', default: '50000' }),
  BENCH_CEILING_SECONDS: int({ description: 'seconds of the raw ceiling', default: '10' }),
  BENCH_WARMUP_SECONDS: int({
    description: 'seconds of warm-up at the fixed rate before anything is measured',
    default: '3',
    min: 1,
  }),
  BENCH_KAFKA: list({ description: 'brokers to run on', default: 'embedded,apache' }),
  BENCH_ONLY_FIXED_RATE: bool({ description: 'stop after the fixed rate', default: 'false' }),
  BENCH_SERVICE_ENV: list({ description: 'NAME=value,... for every service', default: '' }),
  BENCH_NODE_ARGS: optionalStr({
    description: 'node flags for every service, space-separated',
    default: '',
  }),
});
const ENDPOINTS = knobs.BENCH_ENDPOINTS;
const RATE = knobs.BENCH_RATE;
const RATE_SECONDS = knobs.BENCH_RATE_SECONDS;
const BURST = knobs.BENCH_BURST;
const CEILING_SECONDS = knobs.BENCH_CEILING_SECONDS;
const WARMUP_SECONDS = knobs.BENCH_WARMUP_SECONDS;
const SERVICE_ENV = Object.fromEntries(
  knobs.BENCH_SERVICE_ENV.filter((pair) => pair.includes('=')).map((pair) => [
    pair.slice(0, pair.indexOf('=')).trim(),
    pair.slice(pair.indexOf('=') + 1),
  ]),
);
const KAFKAS = knobs.BENCH_KAFKA;
/** Node flags for every service, e.g. `--cpu-prof --cpu-prof-dir=DIR` (NODE_OPTIONS refuses it). */
const NODE_ARGS = (knobs.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

function runsArgument(argv: string[]): number {
  const at = argv.indexOf('--runs');
  if (at < 0) return 1;
  const runs = Number(argv[at + 1]);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
    console.error(`--runs: '${argv[at + 1]}' is not a whole number from 1 to 50`);
    process.exit(2);
  }
  return runs;
}

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
    runs: Object.fromEntries(KAFKAS.map((k) => [k, [] as Report[]])),
  };
  const runs = report.runs as Record<string, Report[]>;
  const count = runsArgument(process.argv.slice(2));
  for (let run = 1; run <= count; run++) {
    for (const kafka of KAFKAS) {
      console.log(`--- run ${run} of ${count}: ${kafka}`);
      runs[kafka].push(await benchOn(kafka as 'embedded' | 'apache'));
    }
  }
  report.summary = Object.fromEntries(
    KAFKAS.map((k) => [k, spreadsOf(runs[k].map((r) => figuresOf(r as unknown as RunFigures)))]),
  );
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
  let broker: BrokerProcess | undefined;
  let externalKafka: ExternalKafka | undefined;
  let brokerPid: number;
  if (kafka === 'embedded') {
    broker = await startBrokerProcess(join(home, 'kafka'));
    brokerPid = broker.pid;
    externalKafka = {
      connection: plaintextConnection([broker.brokers]),
    };
  } else {
    console.log('starting Apache Kafka (one node)...');
    apache = await startApacheKafka({ nodes: 1 });
    brokerPid = childNamed('java') ?? 0;
    externalKafka = {
      connection: plaintextConnection(apache.brokers),
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
    env: {
      HERALD_LOG_LEVEL: 'warn',
      HERALD_TENANT_KAFKA_EVENTS_PER_SECOND: '0',
      ...SERVICE_ENV,
    },
    nodeArgs: NODE_ARGS,
    log,
  }).catch(async (error: Error) => {
    await apache?.stop();
    await broker?.stop();
    throw error;
  });
  const receiver: CountingReceiver = await startCountingReceiver();
  const report: Report = {
    kafka: kafka === 'apache' ? `Apache Kafka ${apache!.version} (1 node)` : 'embedded broker',
  };
  const ledgerParts = {
    services: [...stack.services].map(([name, s]) => ({ name, pid: s.process.pid ?? 0 })),
    broker: { name: kafka === 'apache' ? 'Apache Kafka (JVM)' : 'embedded broker', pid: brokerPid },
    postgresPid: await postmasterPid(stack.databaseUrl),
    databaseUrl: stack.databaseUrl,
  };
  try {
    const tenant = await createTenant(stack.apiUrl, stack.adminToken, 'bench');
    await createSubscriptions(stack.apiUrl, tenant, receiver.url, ENDPOINTS, { timeoutMs: 1_000 });
    await new Promise((r) => setTimeout(r, 2_000)); // changelog reaches matcher and dispatcher
    const load = await EventLoad.connect(stack.brokers);

    // Warm-up: connections, JIT (the services' and the JVM broker's), pools.
    const warmed = await load.fixedRate(tenant.tenantId, ENDPOINTS, RATE, WARMUP_SECONDS);
    await waitForCount(() => receiver.received, warmed, 30_000);

    // Phase 1: fixed rate, latency.
    const before = receiver.latencies.length;
    const trackers = new Map(
      [...stack.services].map(([name, s]) => [name, new UsageTracker(s.process.pid ?? 0)]),
    );
    const fixedLedger = await CpuLedger.start(ledgerParts);
    const fixedFrom = Date.now();
    const sent = await load.fixedRate(tenant.tenantId, ENDPOINTS, RATE, RATE_SECONDS);
    const fixedTo = Date.now();
    await waitForCount(() => receiver.latencies.length - before, sent, 30_000);
    const fixedCpu = await fixedLedger.stop(receiver.latencies.length - before);
    const fixed = samplesOf(receiver.latencies.slice(before)).summary();
    report.fixedRate = {
      cpu: fixedCpu,
      eventsPerSecond: RATE,
      seconds: RATE_SECONDS,
      sent,
      delivered: receiver.latencies.length - before,
      latencyMs: fixed,
      hops: await measureHops(stack.brokers, fixedFrom, fixedTo),
    };
    console.log('fixed rate', JSON.stringify(report.fixedRate, null, 1));
    if (knobs.BENCH_ONLY_FIXED_RATE) return report;

    // Phase 2: full speed.
    const burstLedger = await CpuLedger.start(ledgerParts);
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
    const burstCpu = await burstLedger.stop(delivered);
    const throughput = Math.round(delivered / ((finished - burstStart) / 1000));
    report.fullSpeed = {
      events: BURST,
      delivered,
      produceSeconds: (produced - burstStart) / 1000,
      seconds: (finished - burstStart) / 1000,
      deliveriesPerSecond: throughput,
      cpu: burstCpu,
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
    report.ratio = Math.round((throughput / ceiling.perSecond) * 1000) / 1000;
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
    await broker?.stop();
    rmSync(home, { recursive: true, force: true });
  }
  return report;
}

interface RunFigures {
  kafka: string;
  fixedRate?: { eventsPerSecond: number; latencyMs: Record<string, number>; cpu?: CpuFigures };
  fullSpeed?: { deliveriesPerSecond: number; cpu?: CpuFigures };
  rawCeiling?: { perSecond: number };
  ratio?: number;
  blackhole?: { withoutMs: { p99: number }; withMs: { p99: number }; p99IncreasePercent: number };
  services?: Record<string, { peakRssMb: number; cpuPercent: number }>;
}

/** A run's figures by name, for the median and range over runs. */
function figuresOf(run: RunFigures): Record<string, number> {
  const f: Record<string, number> = {};
  const put = (name: string, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) f[name] = value;
  };
  put('deliveriesPerSecond', run.fullSpeed?.deliveriesPerSecond);
  put('ceilingPerSecond', run.rawCeiling?.perSecond);
  put('ratio', run.ratio);
  for (const q of ['p50', 'p99', 'p999']) put(`latency.${q}`, run.fixedRate?.latencyMs[q]);
  put('blackhole.withoutP99', run.blackhole?.withoutMs.p99);
  put('blackhole.withP99', run.blackhole?.withMs.p99);
  put('blackhole.increasePercent', run.blackhole?.p99IncreasePercent);
  for (const [name, u] of Object.entries(run.services ?? {})) {
    put(`rss.${name}`, u.peakRssMb);
    put(`cpuPercent.${name}`, u.cpuPercent);
  }
  for (const [phase, cpu] of [
    ['fullSpeed', run.fullSpeed?.cpu],
    ['fixedRate', run.fixedRate?.cpu],
  ] as const) {
    if (!cpu) continue;
    put(`${phase}.platformUs`, cpu.platformUs);
    for (const [name, us] of Object.entries(cpu.perDeliveryUs)) put(`${phase}.process.${name}`, us);
    for (const [name, us] of Object.entries(cpu.stageUs)) put(`${phase}.stage.${name}`, us);
  }
  return f;
}

/** One table, a column per Kafka (median and range over the runs), each against its same-run ceiling. */
function renderMarkdown(r: Report): string {
  const kafkas = Object.keys(r.runs as Record<string, RunFigures[]>);
  const summary = r.summary as Record<string, ReturnType<typeof spreadsOf>>;
  const names = kafkas.map((k) => (r.runs as Record<string, RunFigures[]>)[k][0]?.kafka ?? k);
  const count = (r.runs as Record<string, RunFigures[]>)[kafkas[0]].length;
  const m = r.machine as { cpus: number; model: string; memoryGb: number; node: string };
  const cell = (kafka: string, name: string, digits = 0, unit = '') =>
    formatSpread(summary[kafka][name], digits, unit);
  const row = (measure: string, render: (kafka: string) => string, target = '') =>
    `| ${measure} | ${kafkas.map(render).join(' | ')} | ${target} |`;
  const allNames = [...new Set(kafkas.flatMap((k) => Object.keys(summary[k])))];
  const prefixed = (prefix: string) =>
    allNames.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
  const header = (first: string) => [
    `| ${first} | ${kafkas.map((k, i) => names[i] ?? k).join(' | ')} | target |`,
    `| --- | ${kafkas.map(() => '---').join(' | ')} | --- |`,
  ];
  const lines = [
    `Herald benchmark, ${String(r.date)}, ${m.cpus} cores (${m.model}), ${m.memoryGb} GiB, Node ${m.node}; receiver on the same machine; ${count} run(s), median (min-max).`,
    '',
    ...header('measure'),
    row('deliveries/s sustained (full speed, attempts logged)', (k) =>
      cell(k, 'deliveriesPerSecond'),
    ),
    row('raw ceiling (bare undici loop, same receiver, same run)', (k) =>
      cell(k, 'ceilingPerSecond', 0, '/s'),
    ),
    row('Herald / ceiling', (k) => cell(k, 'ratio', 2), '>= 0.40'),
    row(`event-to-delivery p50 at ${RATE} events/s`, (k) => cell(k, 'latency.p50', 0, ' ms')),
    row(
      `event-to-delivery p99 at ${RATE} events/s`,
      (k) => cell(k, 'latency.p99', 0, ' ms'),
      '<= 50 ms',
    ),
    row(
      `event-to-delivery p999 at ${RATE} events/s`,
      (k) => cell(k, 'latency.p999', 0, ' ms'),
      '<= 100 ms',
    ),
    row('healthy p99 without 1 of 100 endpoints blackholed', (k) =>
      cell(k, 'blackhole.withoutP99', 0, ' ms'),
    ),
    row('healthy p99 with 1 of 100 endpoints blackholed', (k) =>
      cell(k, 'blackhole.withP99', 0, ' ms'),
    ),
    row('blackhole p99 increase', (k) => cell(k, 'blackhole.increasePercent', 0, '%'), '<= +20%'),
    ...prefixed('rss.').map((name) =>
      row(`${name} peak RSS`, (k) => cell(k, `rss.${name}`, 0, ' MB'), '<= 200 MB'),
    ),
    ...prefixed('cpuPercent.').map((name) =>
      row(`${name} CPU (both phases)`, (k) => cell(k, `cpuPercent.${name}`, 0, '%')),
    ),
    '',
    'CPU per delivered webhook, µs (from /proc: utime + stime; PostgreSQL summed over its process tree).',
    '',
    ...header('full speed'),
    row('**platform: services + broker + PostgreSQL**', (k) => cell(k, 'fullSpeed.platformUs', 0)),
    ...prefixed('fullSpeed.process.').map((name) =>
      row(name, (k) => cell(k, `fullSpeed.process.${name}`)),
    ),
    ...prefixed('fullSpeed.stage.').map((name) =>
      row(`stage: ${name}`, (k) => cell(k, `fullSpeed.stage.${name}`)),
    ),
    '',
    ...header(`fixed rate (${RATE}/s)`),
    row('**platform: services + broker + PostgreSQL**', (k) => cell(k, 'fixedRate.platformUs', 0)),
    ...prefixed('fixedRate.process.').map((name) =>
      row(name, (k) => cell(k, `fixedRate.process.${name}`)),
    ),
    ...prefixed('fixedRate.stage.').map((name) =>
      row(`stage: ${name}`, (k) => cell(k, `fixedRate.stage.${name}`)),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
