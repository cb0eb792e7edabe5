/**
 * `npm run bench:api`: requests/s and p99 of `GET /v1/subscriptions/{id}` and `POST /v1/events`
 * with autocannon, against subscription-api running in its own process (as in production) on an
 * embedded PostgreSQL and the embedded broker (or DATABASE_URL / HERALD_KAFKA_BROKERS if set).
 * Knobs (env): BENCH_SECONDS (10), BENCH_CONNECTIONS (50). Target: >= 2,000 req/s, p99 <= 50 ms.
 * `--history` runs the delivery-history bench instead (history.bench.ts: reads over a grown
 * database, `--attempts N --deliveries N --tenants N --days N`).
 */
// autocannon ships no types: ./autocannon.d.ts declares what this bench uses.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';
import { int, loadConfig, optionalStr } from '@herald/config';
import { startEmbeddedPostgres } from '@herald/embedded-postgres';
// The bench starts the dev/test broker itself when no brokers are given.
import { startEmbeddedKafka } from '@herald/embedded-kafka';
import { BENCH_ADMIN_TOKEN, callApi, startApiProcess } from './api-process';
import { historyBench } from './history.bench';

type Result = autocannon.Result;

const knobs = loadConfig({
  BENCH_SECONDS: int({ description: 'seconds of each load', default: '10', min: 1 }),
  BENCH_CONNECTIONS: int({ description: 'concurrent connections', default: '50', min: 1 }),
  DATABASE_URL: optionalStr({ description: 'PostgreSQL to use (embedded if unset)', default: '' }),
  HERALD_KAFKA_BROKERS: optionalStr({
    description: 'Kafka to use (embedded if unset)',
    default: '',
  }),
  HERALD_SECRETS_KEYS: optionalStr({
    description: 'secrets keys of the API (a fixed bench key if unset)',
    default: '',
    sensitive: true,
  }),
});
const SECONDS = knobs.BENCH_SECONDS;
const CONNECTIONS = knobs.BENCH_CONNECTIONS;
const TARGET_RPS = 2_000;
const TARGET_P99_MS = 50;
const ADMIN = BENCH_ADMIN_TOKEN;

/** `201: 61234, 429: 3` (autocannon's latencies are of 2xx responses only). */
function statuses(r: Result): string {
  return Object.entries(r.statusCodeStats)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, { count }]) => `${code}: ${count}`)
    .join(', ');
}

function line(name: string, r: Result): string {
  return `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(3)} ms   p99 ${String(r.latency.p99).padStart(3)} ms   non-2xx ${r.non2xx}   errors ${r.errors + r.timeouts}   (${statuses(r)})`;
}

function reportMax(name: string, r: Result): void {
  console.log(`  ${line(name, r)}`);
}

/** Met when the route's maximum is above the target rate and, offered that rate, p99 is within target. */
function reportAtTarget(name: string, atTarget: Result, max: Result): boolean {
  const ok =
    max.requests.average >= TARGET_RPS &&
    atTarget.latency.p99 <= TARGET_P99_MS &&
    atTarget.non2xx + atTarget.errors + atTarget.timeouts === 0;
  console.log(`  ${line(name, atTarget)}   ${ok ? 'meets target' : 'BELOW TARGET'}`);
  return ok;
}

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'herald-bench-api-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    let databaseUrl = knobs.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir: join(home, 'data'),
        persistent: false,
      });
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
    }
    let brokers = knobs.HERALD_KAFKA_BROKERS;
    if (!brokers) {
      const kafka = await startEmbeddedKafka({ port: 0 });
      stops.push(() => kafka.stop());
      brokers = kafka.brokers;
    }
    const apiProcess = await startApiProcess({
      databaseUrl,
      brokers,
      secretsKeys: knobs.HERALD_SECRETS_KEYS,
      // The bench's one tenant offers thousands of events/s, far past the default per-tenant
      // rate (100/s), which would answer most of them 429 and count the cheap refusals as
      // throughput. The bench measures what a request costs; admission has its own spec
      // (tenants/tenant-limits.integration-spec.ts). 0 = no limit.
      env: { HERALD_TENANT_HTTP_EVENTS_PER_SECOND: '0' },
      readyWithinMs: 60_000,
    });
    stops.unshift(() => apiProcess.stop());
    const url = apiProcess.url;

    await callApi(url, ADMIN, 'POST', '/v1/tenants', { id: 'bench', name: 'Bench' });
    const { key } = await callApi(url, ADMIN, 'POST', '/v1/tenants/bench/api-keys', {
      name: 'bench',
    });
    const sub = await callApi(url, key, 'POST', '/v1/subscriptions', {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['order.*'],
    });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    console.log(
      `subscription-api bench: ${SECONDS} s per route, ${CONNECTIONS} connections, ${cpus().length} CPUs`,
    );

    // Warm up (JIT, connection pools, producer metadata) before measuring.
    await autocannon({
      url: `${url}/v1/subscriptions/${sub.id}`,
      headers,
      connections: 10,
      duration: 2,
    });
    const getOptions = {
      url: `${url}/v1/subscriptions/${sub.id}`,
      headers,
      connections: CONNECTIONS,
      duration: SECONDS,
    };
    const get = await autocannon(getOptions);
    const getAtTarget = await autocannon({
      ...getOptions,
      connectionRate: TARGET_RPS / CONNECTIONS,
    });
    // Every request a distinct event id (autocannon's idReplacement breaks content-length).
    let sequence = 0;
    const eventRequests = [
      {
        method: 'POST',
        path: '/v1/events',
        headers,
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          body: JSON.stringify({
            specversion: '1.0',
            id: `bench-${process.pid}-${sequence++}`,
            source: '/bench',
            type: 'order.created',
            entitytype: 'order',
            entityid: 'o-1',
            action: 'created',
            data: { total: 42 },
          }),
        }),
      },
    ];
    await autocannon({ url, requests: eventRequests, connections: 10, duration: 2 });
    const postOptions = {
      url,
      requests: eventRequests,
      connections: CONNECTIONS,
      duration: SECONDS,
    };
    const post = await autocannon(postOptions);
    const postAtTarget = await autocannon({
      ...postOptions,
      connectionRate: TARGET_RPS / CONNECTIONS,
    });
    console.log('\nmaximum throughput (as fast as the connections go):');
    reportMax('GET /v1/subscriptions/{id}', get);
    reportMax('POST /v1/events', post);
    console.log(`\nlatency at the target rate (${TARGET_RPS} req/s offered):`);
    const okGet = reportAtTarget('GET /v1/subscriptions/{id}', getAtTarget, get);
    const okPost = reportAtTarget('POST /v1/events', postAtTarget, post);
    console.log(
      `\ntarget: >= ${TARGET_RPS} req/s with p99 <= ${TARGET_P99_MS} ms on each route: ${okGet && okPost ? 'met' : 'NOT met'}`,
    );
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  }
}

(process.argv.includes('--history') ? historyBench(process.argv) : main()).catch(
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
