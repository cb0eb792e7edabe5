import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join } from 'path';
import { int, loadConfig } from '@herald/config';
import { CountingReceiver, startCountingReceiver } from '@herald/testing';
import { startStack } from '@herald/stack';
import { LatencySamples, LatencySummary } from '@herald/bench-kit';
import {
  BenchTenant,
  EventLoad,
  createSubscriptions,
  createTenant,
  waitForCount,
} from './platform-driver';

/**
 * `npm run bench:noisy`: does one tenant sending ten times its share slow the others down?
 * QUIET tenants send QUIET_RATE events/s each through Kafka for the whole run; in alternate
 * phases one more tenant sends NOISY_FACTOR x QUIET_RATE. Every tenant has the same Kafka rate
 * limit (LIMIT events/s, HERALD_TENANT_KAFKA_EVENTS_PER_SECOND), so the noisy tenant's excess
 * waits on herald.events.deferred. Reported: the quiet tenants' event-to-delivery p50/p99 in
 * each phase, the with/without ratio per repetition, and its median and range.
 * Knobs (env): BENCH_QUIET_TENANTS (10), BENCH_QUIET_RATE (20/s), BENCH_NOISY_FACTOR (10),
 * BENCH_TENANT_LIMIT (30/s, 1.5x a quiet tenant's rate; 0 = no limit, the same load
 * uncontained), BENCH_PHASE_SECONDS (4), BENCH_REPS (10), BENCH_ENDPOINTS (5 per tenant).
 */
const knobs = loadConfig({
  BENCH_QUIET_TENANTS: int({ description: 'quiet tenants', default: '10', min: 1 }),
  BENCH_QUIET_RATE: int({ description: 'events/s of each quiet tenant', default: '20', min: 1 }),
  BENCH_NOISY_FACTOR: int({ description: 'noisy rate over quiet rate', default: '10', min: 1 }),
  BENCH_TENANT_LIMIT: int({ description: 'tenant events/s (0: no limit)', default: '30', min: 0 }),
  BENCH_PHASE_SECONDS: int({ description: 'seconds of each phase', default: '4', min: 1 }),
  BENCH_REPS: int({ description: 'repetitions', default: '10', min: 1 }),
  BENCH_ENDPOINTS: int({ description: 'endpoints per tenant', default: '5', min: 1 }),
});
const QUIET = knobs.BENCH_QUIET_TENANTS;
const QUIET_RATE = knobs.BENCH_QUIET_RATE;
const NOISY_FACTOR = knobs.BENCH_NOISY_FACTOR;
const LIMIT = knobs.BENCH_TENANT_LIMIT;
const PHASE_SECONDS = knobs.BENCH_PHASE_SECONDS;
const REPS = knobs.BENCH_REPS;
const ENDPOINTS = knobs.BENCH_ENDPOINTS;
const TICK_MS = 10;

interface Phase {
  rep: number;
  noisy: boolean;
  quiet: LatencySummary;
  /** Each quiet tenant's p99 (ms): uneven ones point at a shared partition, even ones at CPU. */
  quietP99ByTenant: Record<string, number>;
  quietSent: number;
  noisySent: number;
  /** Seconds after the phase until the noisy tenant's last deferred event was delivered. */
  drainSeconds?: number;
  loadAverage: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends every tenant's rate in 10 ms ticks, all tenants in one request per tick. */
async function run(
  load: EventLoad,
  rates: { tenantId: string; perSecond: number }[],
  seconds: number,
): Promise<Map<string, number>> {
  const sent = new Map(rates.map((r) => [r.tenantId, 0]));
  const carry = new Map(rates.map((r) => [r.tenantId, 0]));
  const started = Date.now();
  for (let tick = 0; tick < (seconds * 1000) / TICK_MS; tick++) {
    const events: { tenantId: string; endpoint: number }[] = [];
    for (const { tenantId, perSecond } of rates) {
      const due = carry.get(tenantId)! + (perSecond * TICK_MS) / 1000;
      const n = Math.floor(due);
      carry.set(tenantId, due - n);
      const already = sent.get(tenantId)!;
      for (let i = 0; i < n; i++) events.push({ tenantId, endpoint: (already + i) % ENDPOINTS });
      sent.set(tenantId, already + n);
    }
    if (events.length > 0) await load.sendMixed(events);
    const wait = started + (tick + 1) * TICK_MS - Date.now();
    if (wait > 0) await sleep(wait);
  }
  return sent;
}

/** Every path's delivered count so far: a phase's latencies are what each path got after. */
function marks(receiver: CountingReceiver): Map<string, number> {
  return new Map([...receiver.latenciesByPath].map(([path, list]) => [path, list.length]));
}

/** Latencies of the paths of the given tenants (`/<tenant>/r/<i>`), since `since`. */
function latenciesOf(
  receiver: CountingReceiver,
  tenants: string[],
  since: Map<string, number> = new Map(),
): number[] {
  const prefixes = tenants.map((t) => `/${t}/`);
  return [...receiver.latenciesByPath]
    .filter(([path]) => prefixes.some((prefix) => path.startsWith(prefix)))
    .flatMap(([path, list]) => list.slice(since.get(path) ?? 0));
}

const summaryOf = (values: number[]): LatencySummary => {
  const samples = new LatencySamples();
  for (const v of values) samples.add(v);
  return samples.summary();
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round2(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
};
const round2 = (v: number) => Math.round(v * 100) / 100;

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'herald-noisy-'));
  console.log(`starting the embedded stack (per-tenant Kafka limit ${LIMIT || 'off'})...`);
  const stack = await startStack({
    home,
    persistent: false,
    kafkaPort: 0,
    postgresPort: 0,
    servicePorts: 'free',
    env: {
      HERALD_LOG_LEVEL: 'warn',
      HERALD_TENANT_KAFKA_EVENTS_PER_SECOND: String(LIMIT),
      HERALD_TENANT_BURST_SECONDS: '1',
    },
    log: (source, line) => {
      if (/"level":"(error|fatal)"/.test(line)) process.stderr.write(`[${source}] ${line}\n`);
    },
  });
  const receiver = await startCountingReceiver();
  const phases: Phase[] = [];
  try {
    const quietNames = Array.from({ length: QUIET }, (_, i) => `q${i}`);
    const tenants = new Map<string, BenchTenant>();
    for (const name of [...quietNames, 'noisy']) {
      const tenant = await createTenant(stack.apiUrl, stack.adminToken, name);
      await createSubscriptions(stack.apiUrl, tenant, `${receiver.url}/${name}`, ENDPOINTS);
      tenants.set(name, tenant);
    }
    await sleep(2_000); // the changelog reaches matcher and dispatcher
    const load = await EventLoad.connect(stack.brokers);
    const quietRates = quietNames.map((n) => ({
      tenantId: tenants.get(n)!.tenantId,
      perSecond: QUIET_RATE,
    }));
    const noisyRate = {
      tenantId: tenants.get('noisy')!.tenantId,
      perSecond: QUIET_RATE * NOISY_FACTOR,
    };
    const quietDelivered = () => latenciesOf(receiver, quietNames).length;
    const noisyDelivered = () => latenciesOf(receiver, ['noisy']).length;

    console.log('warm-up...');
    await run(load, quietRates, 5);
    await waitForCount(quietDelivered, QUIET * QUIET_RATE * 5, 30_000);

    let noisySentTotal = 0;
    for (let rep = 1; rep <= REPS; rep++) {
      for (const noisy of [false, true]) {
        const before = marks(receiver);
        const deliveredBefore = quietDelivered();
        const sent = await run(
          load,
          noisy ? [...quietRates, noisyRate] : quietRates,
          PHASE_SECONDS,
        );
        const phaseEnd = Date.now();
        const quietSent = quietRates.reduce((n, r) => n + sent.get(r.tenantId)!, 0);
        const noisySent = sent.get(noisyRate.tenantId) ?? 0;
        await waitForCount(() => quietDelivered() - deliveredBefore, quietSent, 60_000);
        const quiet = summaryOf(latenciesOf(receiver, quietNames, before));
        const phase: Phase = {
          rep,
          noisy,
          quiet,
          quietP99ByTenant: Object.fromEntries(
            quietNames.map((n) => [n, summaryOf(latenciesOf(receiver, [n], before)).p99]),
          ),
          quietSent,
          noisySent,
          loadAverage: round2(loadavg()[0]),
        };
        if (noisy) {
          // The deferred backlog drains at the tenant's rate before the next quiet-only phase.
          noisySentTotal += noisySent;
          const drained = await waitForCount(noisyDelivered, noisySentTotal, 600_000);
          phase.drainSeconds = round2((drained - phaseEnd) / 1000);
        }
        phases.push(phase);
        console.log(
          `rep ${rep} ${noisy ? 'with noisy   ' : 'without noisy'} quiet p50 ${quiet.p50} p99 ${quiet.p99} ms (n=${quiet.count})${phase.drainSeconds !== undefined ? `, noisy backlog drained ${phase.drainSeconds} s after` : ''}, load ${phase.loadAverage}`,
        );
      }
    }
    if (noisyDelivered() !== noisySentTotal) {
      throw new Error(`noisy tenant: ${noisySentTotal} sent, ${noisyDelivered()} delivered`);
    }
    await load.close();
  } finally {
    await receiver.close();
    await stack.stop();
    rmSync(home, { recursive: true, force: true });
  }

  const reps = Array.from({ length: REPS }, (_, i) => {
    const without = phases.find((p) => p.rep === i + 1 && !p.noisy)!;
    const withNoisy = phases.find((p) => p.rep === i + 1 && p.noisy)!;
    return {
      rep: i + 1,
      withoutMs: { p50: without.quiet.p50, p99: without.quiet.p99 },
      withMs: { p50: withNoisy.quiet.p50, p99: withNoisy.quiet.p99 },
      p50Ratio: round2(withNoisy.quiet.p50 / without.quiet.p50),
      p99Ratio: round2(withNoisy.quiet.p99 / without.quiet.p99),
      drainSeconds: withNoisy.drainSeconds,
    };
  });
  const p99Ratios = reps.map((r) => r.p99Ratio);
  const p50Ratios = reps.map((r) => r.p50Ratio);
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    settings: {
      quietTenants: QUIET,
      quietRatePerTenant: QUIET_RATE,
      noisyRate: QUIET_RATE * NOISY_FACTOR,
      tenantKafkaLimit: LIMIT,
      phaseSeconds: PHASE_SECONDS,
      reps: REPS,
      endpointsPerTenant: ENDPOINTS,
    },
    phases,
    reps,
    summary: {
      p99Ratio: {
        median: median(p99Ratios),
        min: Math.min(...p99Ratios),
        max: Math.max(...p99Ratios),
      },
      p50Ratio: {
        median: median(p50Ratios),
        min: Math.min(...p50Ratios),
        max: Math.max(...p50Ratios),
      },
      withoutP99Ms: median(reps.map((r) => r.withoutMs.p99)),
      withP99Ms: median(reps.map((r) => r.withMs.p99)),
      target: 'p99 ratio <= 1.20',
    },
  };
  const name = LIMIT > 0 ? 'noisy-tenant' : 'noisy-tenant-uncontained';
  mkdirSync('reports', { recursive: true });
  writeFileSync(`reports/${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const md = renderMarkdown(report);
  writeFileSync(`reports/${name}.md`, md);
  console.log(md);
}

function renderMarkdown(r: {
  date: string;
  machine: { cpus: number; model?: string; node: string };
  settings: Record<string, number>;
  reps: {
    rep: number;
    withoutMs: { p50: number; p99: number };
    withMs: { p50: number; p99: number };
    p50Ratio: number;
    p99Ratio: number;
    drainSeconds?: number;
  }[];
  summary: {
    p99Ratio: { median: number; min: number; max: number };
    p50Ratio: { median: number; min: number; max: number };
  };
}): string {
  const s = r.settings;
  return [
    `Noisy tenant, ${r.date}, ${r.machine.cpus} cores (${r.machine.model}), Node ${r.machine.node}.`,
    `${s.quietTenants} tenants x ${s.quietRatePerTenant} events/s; one tenant at ${s.noisyRate} events/s in alternate ${s.phaseSeconds} s phases; per-tenant Kafka limit ${s.tenantKafkaLimit || 'off'} events/s.`,
    '',
    '| rep | quiet p50 / p99 without (ms) | quiet p50 / p99 with (ms) | p50 ratio | p99 ratio | noisy backlog drained after |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.reps.map(
      (x) =>
        `| ${x.rep} | ${x.withoutMs.p50} / ${x.withoutMs.p99} | ${x.withMs.p50} / ${x.withMs.p99} | ${x.p50Ratio} | ${x.p99Ratio} | ${x.drainSeconds ?? 'n/a'} s |`,
    ),
    '',
    `p99 ratio median ${r.summary.p99Ratio.median} (range ${r.summary.p99Ratio.min}-${r.summary.p99Ratio.max}); p50 ratio median ${r.summary.p50Ratio.median} (range ${r.summary.p50Ratio.min}-${r.summary.p50Ratio.max}); target p99 ratio <= 1.20.`,
    '',
  ].join('\n');
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
