import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { CountingReceiver, startCountingReceiver } from '@herald/testing';
import { startStack } from '@herald/stack';
import { measureHops } from './hop-latency';
import { LatencySamples } from './latency-histogram';
import { createSubscriptions, createTenant, EventLoad, waitForCount } from './platform-driver';
import { UsageTracker } from './process-usage';
import { measureRawCeiling } from './raw-ceiling';

/**
 * `npm run bench`: Herald end to end on the embedded stack, against the same-run ceiling.
 * Knobs (env): BENCH_ENDPOINTS (100), BENCH_RATE (1000/s), BENCH_RATE_SECONDS (20),
 * BENCH_BURST (50000 events at full speed), BENCH_CEILING_SECONDS (10),
 * BENCH_ONLY_FIXED_RATE (true: stop after the fixed-rate phase and its per-hop breakdown).
 */
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 100);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 20);
const BURST = Number(process.env.BENCH_BURST ?? 50_000);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 10);

function samplesOf(values: number[]): LatencySamples {
  const samples = new LatencySamples();
  for (const v of values) samples.add(v);
  return samples;
}

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'herald-bench-'));
  const log = (source: string, line: string) => {
    if (/"level":"(error|fatal)"/.test(line)) process.stderr.write(`[${source}] ${line}\n`);
  };
  console.log('starting the embedded stack...');
  const stack = await startStack({
    home,
    persistent: false,
    kafkaPort: 0,
    postgresPort: 0,
    servicePorts: 'free',
    // One tenant at full speed is the point here: no per-tenant Kafka rate (bench:noisy has one).
    env: { HERALD_LOG_LEVEL: 'warn', HERALD_TENANT_KAFKA_EVENTS_PER_SECOND: '0' },
    log,
  });
  const receiver: CountingReceiver = await startCountingReceiver();
  const report: Record<string, unknown> = {
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    date: new Date().toISOString(),
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
    if (process.env.BENCH_ONLY_FIXED_RATE === 'true') return;

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
    rmSync(home, { recursive: true, force: true });
  }
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/bench.json', `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync('reports/bench.md', renderMarkdown(report));
  console.log(renderMarkdown(report));
}

function renderMarkdown(r: Record<string, unknown>): string {
  const f = r.fixedRate as
    { eventsPerSecond: number; latencyMs: Record<string, number> } | undefined;
  const s = r.fullSpeed as { deliveriesPerSecond: number } | undefined;
  const c = r.rawCeiling as { perSecond: number } | undefined;
  const b = r.blackhole as
    { withoutMs: { p99: number }; withMs: { p99: number }; p99IncreasePercent: number } | undefined;
  const services = (r.services ?? {}) as Record<string, { peakRssMb: number; cpuPercent: number }>;
  const m = r.machine as { cpus: number; model: string; memoryGb: number; node: string };
  const lines = [
    `Herald benchmark, ${r.date}, ${m.cpus} cores (${m.model}), ${m.memoryGb} GiB, Node ${m.node}; receiver on the same machine.`,
    '',
    '| measure | value | target |',
    '| --- | --- | --- |',
    `| deliveries/s sustained (full speed, attempts logged) | ${s?.deliveriesPerSecond ?? 'n/a'} | >= 10,000 |`,
    `| raw ceiling (bare undici loop, same receiver) | ${c?.perSecond ?? 'n/a'}/s | |`,
    `| Herald / ceiling | ${r.ratio ?? 'n/a'} | >= 0.30 |`,
    `| event-to-delivery p50 / p99 / p999 at ${f?.eventsPerSecond ?? '?'} events/s | ${f ? `${f.latencyMs.p50} / ${f.latencyMs.p99} / ${f.latencyMs.p999} ms` : 'n/a'} | p99 <= 50 ms |`,
    `| healthy p99 without / with 1 of 100 endpoints blackholed | ${b ? `${b.withoutMs.p99} / ${b.withMs.p99} ms (+${b.p99IncreasePercent}%)` : 'n/a'} | < +20% |`,
    ...Object.entries(services).map(
      ([name, u]) =>
        `| ${name} peak RSS / CPU | ${u.peakRssMb} MB / ${u.cpuPercent}% | <= 200 MB |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
