/**
 * `npm run bench:api -- --history`: the portal's and the CLI's reads of delivery history against
 * a grown database. Loads (with COPY) `--deliveries` deliveries (5M) and `--attempts` attempts
 * (10M) over `--days` daily partitions (30) for `--tenants` tenants (1,000, zipf-sized), with the
 * secondary indexes built after the COPY and a VACUUM (ANALYZE) after them, then drives the real
 * subscription-api, in its own process, with an open-loop load at `--rate` requests/s (200) for
 * `--seconds` (60) after `--warmup` (10), a mix of: recent deliveries, filtered by status,
 * subscription and time range, the next page by cursor, one delivery with its attempts, dead
 * letters and a subscription's stats. Reports p50/p95/p99/p999/max per call
 * and overall (latency from each request's scheduled start, so a stall is not hidden), writes the
 * EXPLAIN (ANALYZE, BUFFERS) plans of each query for the biggest tenant to
 * tmp/history-plans.md, and times retention: dropping a day's partition at full scale against
 * a tiny one, and purging that day's deliveries. Target: p99 <= 50 ms for every call.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import { Pool as PgPool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, Logger } from 'typeorm';
import { Pool } from 'undici';
import { LatencySamples } from '@herald/bench-kit';
import { BENCH_ADMIN_TOKEN, callApi, startApiProcess } from './api-process';
import { withIndexesDeferred } from './deferred-indexes';
import { loadConfig, optionalStr } from '@herald/config';
import { seededRandom } from '@herald/contracts/testing';
import { startEmbeddedPostgres } from '@herald/embedded-postgres';
import { startEmbeddedKafka } from '@herald/embedded-kafka';
import {
  DeadLetterStore,
  DeliveryLog,
  PartitionMaintenance,
  createDataSource,
  dailyPartition,
  ensurePartitionsFor,
  hashApiKey,
  migrateDatabase,
  startOfUtcDay,
} from '@herald/persistence';

const DAY_MS = 86_400_000;
const ADMIN = BENCH_ADMIN_TOKEN;
const TARGET_P99_MS = 50;
const SUBSCRIPTIONS_PER_TENANT = 10;

interface Options {
  attempts: number;
  deliveries: number;
  tenants: number;
  days: number;
  rate: number;
  seconds: number;
  warmup: number;
}

function options(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const n = Number(argv[at + 1]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
    return n;
  };
  return {
    attempts: value('attempts', 10_000_000),
    deliveries: value('deliveries', 5_000_000),
    tenants: value('tenants', 1_000),
    days: value('days', 30),
    rate: value('rate', 200),
    seconds: value('seconds', 60),
    warmup: value('warmup', 10),
  };
}

/** Picks an index with probability proportional to 1 / (index + 1): a few tenants are big. */
function zipfPicker(n: number, rand: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const tenantId = (t: number) => `tn_${String(t).padStart(4, '0')}`;
const subscriptionId = (t: number, s: number) => `sub_${String(t).padStart(4, '0')}_${s}`;
const deliveryId = (i: number) => `msg_${i.toString(36).padStart(8, '0')}`;

/** Status shares of a month of deliveries: mostly delivered, a few failing, dead or waiting. */
const STATUSES: readonly [string, number][] = [
  ['succeeded', 0.9],
  ['failed', 0.04],
  ['dead', 0.02],
  ['pending', 0.02],
  ['held', 0.01],
  ['discarded', 0.01],
];

function pickStatus(x: number): string {
  let acc = 0;
  for (const [status, share] of STATUSES) {
    acc += share;
    if (x < acc) return status;
  }
  return 'succeeded';
}

/** COPY text format: tab-separated, `\N` for null; the values here hold no tab or backslash. */
const csvValue = (v: string | number | null) => (v === null ? '\\N' : String(v));

async function copyRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<(string | number | null)[]>,
): Promise<void> {
  const iterator = rows[Symbol.iterator]();
  const source = new Readable({
    read() {
      // Hand over ~1,000 rows per read: a string per row would cost more in stream overhead.
      const lines: string[] = [];
      for (let i = 0; i < 1_000; i++) {
        const next = iterator.next();
        if (next.done) {
          if (lines.length > 0) this.push(lines.join(''));
          this.push(null);
          return;
        }
        lines.push(next.value.map(csvValue).join('\t') + '\n');
      }
      this.push(lines.join(''));
    },
  });
  await pipeline(
    source,
    client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
  );
}

interface Dataset {
  start: Date;
  end: Date;
  /** Per tenant, a sample of its delivery ids (for "one delivery with its attempts"). */
  sampleIds: string[][];
  deliveriesOf: number[];
  deadOf: number[];
}

/** Deliveries, their attempts and dead letters, generated and COPYed in one pass each. */
async function load(pool: PgPool, o: Options, api: { templateSubscription: string }) {
  const rand = seededRandom(42); // the same data on every run
  const pickTenant = zipfPicker(o.tenants, rand);
  const end = new Date(Date.now() - 10 * 60_000);
  const start = new Date(startOfUtcDay(end).getTime() - (o.days - 1) * DAY_MS);
  const span = end.getTime() - start.getTime();
  const client = await pool.connect();
  try {
    await client.query('SET synchronous_commit = off');
    // Tenants, one API key each (`hk_bench_<tenant>`), and ten subscriptions each, cloned
    // from one made through the API so every column holds what the API would write.
    const t0 = Date.now();
    await client.query(
      `INSERT INTO tenants (id, name) SELECT 'tn_' || lpad(i::text, 4, '0'), 'Tenant ' || i
         FROM generate_series(0, $1 - 1) AS i`,
      [o.tenants],
    );
    const keys = Array.from({ length: o.tenants }, (_, t) => `hk_bench_${tenantId(t)}`);
    await copyRows(
      client,
      'api_keys',
      ['id', 'tenant_id', 'name', 'prefix', 'key_hash'],
      keys.map((k, t) => [`key_${t}`, tenantId(t), 'bench', k.slice(0, 11), hashApiKey(k)]),
    );
    const columns = (
      await client.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
          WHERE table_name = 'subscriptions' AND column_name NOT IN ('id', 'tenant_id')`,
      )
    ).rows.map((r) => `"${r.name}"`);
    await client.query(
      `INSERT INTO subscriptions (id, tenant_id, ${columns.join(', ')})
       SELECT 'sub_' || lpad(t::text, 4, '0') || '_' || s, 'tn_' || lpad(t::text, 4, '0'),
              ${columns.map((c) => `template.${c}`).join(', ')}
         FROM subscriptions template, generate_series(0, $2 - 1) AS t, generate_series(0, $3 - 1) AS s
        WHERE template.id = $1`,
      [api.templateSubscription, o.tenants, SUBSCRIPTIONS_PER_TENANT],
    );
    console.log(
      `  tenants, keys, ${o.tenants * SUBSCRIPTIONS_PER_TENANT} subscriptions: ${Date.now() - t0} ms`,
    );

    // One pass draws every delivery (tenant, subscription, time, status); the attempts and
    // dead letters are derived from it, so the three COPYs agree.
    const tenantOf = new Uint16Array(o.deliveries);
    const subOf = new Uint8Array(o.deliveries);
    const createdOf = new Float64Array(o.deliveries);
    const statusOf = new Uint8Array(o.deliveries);
    const sampleIds: string[][] = Array.from({ length: o.tenants }, () => []);
    const deliveriesOf = new Array<number>(o.tenants).fill(0);
    const deadOf = new Array<number>(o.tenants).fill(0);
    const statusIndex = new Map(STATUSES.map(([s], i) => [s, i]));
    for (let i = 0; i < o.deliveries; i++) {
      const t = pickTenant();
      tenantOf[i] = t;
      subOf[i] = Math.floor(rand() * SUBSCRIPTIONS_PER_TENANT);
      createdOf[i] = start.getTime() + Math.floor(rand() * span);
      const status = pickStatus(rand());
      statusOf[i] = statusIndex.get(status) ?? 0;
      deliveriesOf[t]++;
      if (status === 'dead') deadOf[t]++;
      const sample = sampleIds[t];
      if (sample.length < 200) sample.push(deliveryId(i));
      else if (rand() < 200 / deliveriesOf[t]) sample[Math.floor(rand() * 200)] = deliveryId(i);
    }
    const attemptsFor = (i: number) =>
      Math.floor(((i + 1) * o.attempts) / o.deliveries) -
      Math.floor((i * o.attempts) / o.deliveries);
    const iso = (ms: number) => new Date(ms).toISOString();

    let deliveriesMs = 0;
    let attemptsMs = 0;
    const tables = ['deliveries', 'delivery_attempts', 'dead_letters'];
    const indexMs = await withIndexesDeferred(client, tables, async () => {
      const t1 = Date.now();
      await copyRows(
        client,
        'deliveries',
        [
          'id',
          'tenant_id',
          'subscription_id',
          'event_id',
          'event_type',
          'status',
          'attempts',
          'last_attempt_at',
          'last_status_code',
          'last_error',
          'created_at',
          'updated_at',
        ],
        (function* () {
          for (let i = 0; i < o.deliveries; i++) {
            const status = STATUSES[statusOf[i]][0];
            const n = attemptsFor(i);
            const last = n > 0 ? createdOf[i] + (n - 1) * 30_000 + 120 : null;
            const failing = status === 'failed' || status === 'dead';
            yield [
              deliveryId(i),
              tenantId(tenantOf[i]),
              subscriptionId(tenantOf[i], subOf[i]),
              `evt_${i.toString(36)}`,
              i % 3 === 0 ? 'order.created' : i % 3 === 1 ? 'order.paid' : 'invoice.sent',
              status,
              n,
              last === null ? null : iso(last),
              last === null ? null : failing ? 503 : 200,
              last !== null && failing ? 'http_503' : null,
              iso(createdOf[i]),
              iso(last ?? createdOf[i]),
            ];
          }
        })(),
      );
      deliveriesMs = Date.now() - t1;
      console.log(`  ${o.deliveries.toLocaleString('en')} deliveries: ${deliveriesMs} ms`);

      const t2 = Date.now();
      await copyRows(
        client,
        'delivery_attempts',
        [
          'delivery_id',
          'attempt',
          'attempted_at',
          'tenant_id',
          'subscription_id',
          'outcome',
          'status_code',
          'latency_ms',
          'error_class',
        ],
        (function* () {
          for (let i = 0; i < o.deliveries; i++) {
            const n = attemptsFor(i);
            const status = STATUSES[statusOf[i]][0];
            const tenant = tenantId(tenantOf[i]);
            const sub = subscriptionId(tenantOf[i], subOf[i]);
            for (let a = 1; a <= n; a++) {
              const ok = a === n && status === 'succeeded';
              yield [
                deliveryId(i),
                a,
                iso(createdOf[i] + (a - 1) * 30_000 + 120),
                tenant,
                sub,
                ok ? 'succeeded' : 'failed',
                ok ? 200 : 503,
                20 + ((i * 7 + a * 13) % 400),
                ok ? null : 'http_status',
              ];
            }
          }
        })(),
      );
      attemptsMs = Date.now() - t2;
      console.log(`  ${o.attempts.toLocaleString('en')} attempts: ${attemptsMs} ms`);

      const t3 = Date.now();
      const deadIndex = statusIndex.get('dead');
      await copyRows(
        client,
        'dead_letters',
        ['delivery_id', 'tenant_id', 'subscription_id', 'event_id', 'reason', 'job', 'created_at'],
        (function* () {
          for (let i = 0; i < o.deliveries; i++) {
            if (statusOf[i] !== deadIndex) continue;
            const n = attemptsFor(i);
            yield [
              deliveryId(i),
              tenantId(tenantOf[i]),
              subscriptionId(tenantOf[i], subOf[i]),
              `evt_${i.toString(36)}`,
              'retries_exhausted',
              JSON.stringify({ deliveryId: deliveryId(i), attempt: n, bench: true }),
              iso(createdOf[i] + Math.max(0, n - 1) * 30_000 + 200),
            ];
          }
        })(),
      );
      console.log(
        `  ${deadOf.reduce((a, b) => a + b, 0).toLocaleString('en')} dead letters: ${Date.now() - t3} ms`,
      );
    });
    console.log(`  secondary indexes of ${tables.join(', ')} built after the COPY: ${indexMs} ms`);

    // As autovacuum would have by the time the portal reads: the visibility map lets the
    // counts be index-only scans, and the planner gets statistics.
    const t4 = Date.now();
    await client.query('VACUUM (ANALYZE)');
    const visible = (
      await client.query<{ pages: number; visible: number }>(
        `SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = 'deliveries'`,
      )
    ).rows[0];
    console.log(
      `  VACUUM (ANALYZE): ${Date.now() - t4} ms; deliveries: ${visible.visible} of ${visible.pages} pages all-visible`,
    );
    const dataset: Dataset = { start, end, sampleIds, deliveriesOf, deadOf };
    return { dataset, deliveriesMs, attemptsMs };
  } finally {
    client.release();
  }
}

/** A TypeORM logger that hands each statement run to `onQuery`, to EXPLAIN what the stores send. */
class CapturingLogger implements Logger {
  onQuery: (query: string, parameters: unknown[]) => void = () => undefined;
  logQuery(query: string, parameters?: unknown[]): void {
    this.onQuery(query, parameters ?? []);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement each store call runs, for the biggest tenant. */
async function explainAll(url: string, d: Dataset): Promise<string> {
  const logger = new CapturingLogger();
  const statements: { name: string; query: string; parameters: unknown[] }[] = [];
  const ds: DataSource = createDataSource({ url, poolSize: 2 });
  ds.setOptions({ logging: true, logger });
  await ds.initialize();
  const capture = async (name: string, call: () => Promise<unknown>) => {
    const seen: { query: string; parameters: unknown[] }[] = [];
    logger.onQuery = (query, parameters) => seen.push({ query, parameters });
    await call();
    logger.onQuery = () => undefined;
    seen.forEach((s, i) =>
      statements.push({ name: seen.length > 1 ? `${name} (${i + 1})` : name, ...s }),
    );
  };
  try {
    const big = tenantId(0);
    const sub = subscriptionId(0, 0);
    const log = new DeliveryLog(ds);
    const dead = new DeadLetterStore(ds);
    const day = new Date(d.end.getTime() - 3 * DAY_MS);
    const first = await log.list(big, { limit: 50 });
    await capture('recent deliveries', () => log.list(big, { limit: 50 }));
    await capture('by status (failed)', () => log.list(big, { status: 'failed', limit: 50 }));
    await capture('by status (dead)', () => log.list(big, { status: 'dead', limit: 50 }));
    await capture('by subscription', () => log.list(big, { subscriptionId: sub, limit: 50 }));
    await capture('time range (one day)', () =>
      log.list(big, { since: day, until: new Date(day.getTime() + DAY_MS), limit: 50 }),
    );
    await capture('next page (cursor)', () =>
      log.list(big, { cursor: first.nextCursor ?? undefined, limit: 50 }),
    );
    const id = d.sampleIds[0][0];
    await capture('one delivery', () => log.findById(big, id));
    const createdAt = (await log.findById(big, id))?.createdAt;
    await capture('its attempts', () => log.attemptsOf(big, id, createdAt));
    // the portal's usual case: a delivery from the top of the list, whose floor prunes the most
    const newest = first.items[0];
    if (newest) {
      await capture('its attempts (newest delivery)', () =>
        log.attemptsOf(big, newest.id, newest.createdAt),
      );
    }
    await capture('dead letters', () => dead.list(big, { limit: 50 }));
    await capture('subscription stats', () => log.stats(big, sub));
    const out: string[] = [
      `# Query plans: delivery history, tenant ${big} (${d.deliveriesOf[0].toLocaleString('en')} deliveries)`,
      '',
    ];
    for (const s of statements) {
      const plan: { 'QUERY PLAN': string }[] = await ds.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${s.query}`,
        s.parameters,
      );
      out.push(`## ${s.name}`, '', '```sql', s.query.trim(), '```', '', '```');
      out.push(...plan.map((r) => r['QUERY PLAN']), '```', '');
    }
    return out.join('\n');
  } finally {
    await ds.destroy();
  }
}

interface Call {
  kind: string;
  path: string;
  tenant: number;
  /** The response's next-page cursor is kept for the tenant's next "next page" call. */
  keepsCursor?: boolean;
}

/** The open-loop load: request i starts at t0 + i / rate whatever the earlier ones are doing. */
async function drive(url: string, o: Options, d: Dataset) {
  const rand = seededRandom(7);
  const pickTenant = zipfPicker(o.tenants, rand);
  const http = new Pool(url, { connections: 64, pipelining: 1 });
  const cursors: (string | undefined)[] = new Array(o.tenants);
  const nextCall = (): Call => {
    // Half the calls from a tenant picked by its size (busy tenants look more), half uniform.
    const tenant = rand() < 0.5 ? pickTenant() : Math.floor(rand() * o.tenants);
    const x = rand();
    const sub = subscriptionId(tenant, Math.floor(rand() * SUBSCRIPTIONS_PER_TENANT));
    const recent: Call = {
      kind: 'recent',
      path: '/v1/deliveries?limit=50',
      tenant,
      keepsCursor: true,
    };
    if (x < 0.2) return recent;
    if (x < 0.3) {
      const status = ['failed', 'dead', 'pending'][Math.floor(rand() * 3)];
      return { kind: 'by-status', path: `/v1/deliveries?status=${status}&limit=50`, tenant };
    }
    if (x < 0.4) {
      return {
        kind: 'by-subscription',
        path: `/v1/deliveries?subscriptionId=${sub}&limit=50`,
        tenant,
      };
    }
    if (x < 0.5) {
      const since =
        d.start.getTime() + Math.floor(rand() * (d.end.getTime() - d.start.getTime() - DAY_MS));
      const range = `since=${new Date(since).toISOString()}&until=${new Date(since + DAY_MS).toISOString()}`;
      return { kind: 'time-range', path: `/v1/deliveries?${range}&limit=50`, tenant };
    }
    if (x < 0.6) {
      const cursor = cursors[tenant];
      if (!cursor) return recent;
      return {
        kind: 'next-page',
        path: `/v1/deliveries?limit=50&cursor=${cursor}`,
        tenant,
        keepsCursor: true,
      };
    }
    if (x < 0.78) {
      const ids = d.sampleIds[tenant];
      const id = ids.length > 0 ? ids[Math.floor(rand() * ids.length)] : 'msg_none';
      return { kind: 'one-delivery', path: `/v1/deliveries/${id}`, tenant };
    }
    if (x < 0.9) return { kind: 'dead-letters', path: '/v1/dead-letters?limit=50', tenant };
    return { kind: 'stats', path: `/v1/subscriptions/${sub}/stats`, tenant };
  };
  const send = async (call: Call) => {
    const response = await http.request({
      method: 'GET',
      path: call.path,
      headers: { authorization: `Bearer hk_bench_${tenantId(call.tenant)}` },
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      throw new Error(
        `${call.kind} ${call.path}: HTTP ${response.statusCode} ${text.slice(0, 200)}`,
      );
    }
    if (call.keepsCursor) {
      cursors[call.tenant] =
        (JSON.parse(text) as { nextCursor: string | null }).nextCursor ?? undefined;
    }
  };

  const phase = async (seconds: number) => {
    const samples = new Map<string, LatencySamples>();
    const all = new LatencySamples();
    const errors = new Map<string, number>();
    const total = Math.round(seconds * o.rate);
    const t0 = performance.now();
    const inFlight: Promise<void>[] = [];
    let firstError: string | undefined;
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / o.rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const call = nextCall();
      inFlight.push(
        send(call).then(
          () => {
            const s = samples.get(call.kind) ?? new LatencySamples();
            s.add(performance.now() - due);
            all.add(performance.now() - due);
            samples.set(call.kind, s);
          },
          (error: unknown) => {
            firstError ??= String(error);
            errors.set(call.kind, (errors.get(call.kind) ?? 0) + 1);
          },
        ),
      );
    }
    const sent = (performance.now() - t0) / 1000;
    await Promise.all(inFlight);
    return { samples, all, errors, achieved: total / sent, firstError };
  };
  try {
    await phase(o.warmup);
    return await phase(o.seconds);
  } finally {
    await http.close();
  }
}

/** Retention: a whole day's partition at full scale against an empty one, and the purge. */
async function retention(pool: PgPool, url: string, d: Dataset, o: Options) {
  const oldest = dailyPartition('delivery_attempts', d.start).name;
  const rows = Number(
    (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${oldest}"`)).rows[0].n,
  );
  const t0 = performance.now();
  await pool.query(`DROP TABLE "${oldest}"`);
  const dropMs = performance.now() - t0;
  const tinyDay = new Date(d.end.getTime() + 30 * DAY_MS);
  const ds = createDataSource({ url, poolSize: 2 });
  await ds.initialize();
  try {
    await ensurePartitionsFor(ds, 'delivery_attempts', [tinyDay]);
    const tiny = dailyPartition('delivery_attempts', tinyDay).name;
    const t1 = performance.now();
    await pool.query(`DROP TABLE "${tiny}"`);
    const tinyMs = performance.now() - t1;
    // What retention then does for that day's deliveries (not partitioned): batched DELETEs.
    const dayDeliveries = Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM deliveries WHERE created_at < $1`,
          [new Date(d.start.getTime() + DAY_MS)],
        )
      ).rows[0].n,
    );
    const t2 = performance.now();
    const report = await new PartitionMaintenance(ds, { retentionDays: o.days - 1 }).run(
      new Date(d.start.getTime() + o.days * DAY_MS),
    );
    const purgeMs = performance.now() - t2;
    return { oldest, rows, dropMs, tinyMs, dayDeliveries, purgeMs, report };
  } finally {
    await ds.destroy();
  }
}

const ms = (v: number) => v.toFixed(1).padStart(7);

export async function historyBench(argv: readonly string[]): Promise<void> {
  const o = options(argv);
  const home = mkdtempSync(join(tmpdir(), 'herald-bench-history-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    console.log(
      `delivery-history bench: ${o.deliveries.toLocaleString('en')} deliveries, ${o.attempts.toLocaleString('en')} attempts, ${o.tenants} tenants, ${o.days} days; ${o.rate} req/s for ${o.seconds} s after ${o.warmup} s; ${cpus().length} CPUs`,
    );
    const knobs = loadConfig({
      DATABASE_URL: optionalStr({
        description: 'PostgreSQL to use (embedded if unset)',
        default: '',
      }),
      HERALD_SECRETS_KEYS: optionalStr({
        description: 'secrets keys of the API (a fixed bench key if unset)',
        default: '',
        sensitive: true,
      }),
    });
    let url = knobs.DATABASE_URL;
    if (!url) {
      const pg = await startEmbeddedPostgres({ dataDir: join(home, 'data'), persistent: false });
      stops.push(() => pg.stop());
      url = pg.url;
    }
    const ds = createDataSource({ url, poolSize: 3 });
    await ds.initialize();
    const now = new Date();
    await migrateDatabase(ds, { retentionDays: o.days + 5, now });
    const first = new Date(startOfUtcDay(now).getTime() - o.days * DAY_MS);
    const days = Array.from(
      { length: o.days + 1 },
      (_, i) => new Date(first.getTime() + i * DAY_MS),
    );
    await ensurePartitionsFor(ds, 'delivery_attempts', days);
    await ensurePartitionsFor(ds, 'events', days);
    await ds.destroy();

    const kafka = await startEmbeddedKafka({ port: 0 });
    stops.push(() => kafka.stop());
    const apiProcess = await startApiProcess({
      databaseUrl: url,
      brokers: kafka.brokers,
      secretsKeys: knobs.HERALD_SECRETS_KEYS,
      env: { HERALD_RETENTION_DAYS: String(o.days + 5) },
      readyWithinMs: 120_000,
    });
    stops.unshift(() => apiProcess.stop());
    const api = apiProcess.url;
    await callApi(api, ADMIN, 'POST', '/v1/tenants', { id: 'template', name: 'Template' });
    const { key } = await callApi(api, ADMIN, 'POST', '/v1/tenants/template/api-keys', {
      name: 'template',
    });
    const template = await callApi(api, key, 'POST', '/v1/subscriptions', {
      url: 'https://93.184.215.14/hook',
      eventTypes: ['order.*'],
    });

    const pool = new PgPool({ connectionString: url, max: 2 });
    stops.unshift(() => pool.end());
    console.log('\nloading (COPY):');
    const t0 = Date.now();
    const { dataset } = await load(pool, o, { templateSubscription: template.id });
    const loadMs = Date.now() - t0;
    const sizes = (
      await pool.query<{ name: string; size: string }>(
        `SELECT relname AS name, pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS size
           FROM (SELECT c.oid, coalesce(p.relname, c.relname) AS relname FROM pg_class c
                   LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
                   LEFT JOIN pg_class p ON p.oid = i.inhparent
                  WHERE c.relkind = 'r') c
          WHERE relname IN ('deliveries', 'delivery_attempts', 'dead_letters')
          GROUP BY relname ORDER BY relname`,
      )
    ).rows;
    console.log(
      `  loaded in ${(loadMs / 1000).toFixed(1)} s; sizes: ${sizes.map((s) => `${s.name} ${s.size}`).join(', ')}`,
    );
    console.log(
      `  biggest tenant ${tenantId(0)}: ${dataset.deliveriesOf[0].toLocaleString('en')} deliveries, ${dataset.deadOf[0].toLocaleString('en')} dead letters; median tenant ${[...dataset.deliveriesOf].sort((a, b) => a - b)[Math.floor(o.tenants / 2)]} deliveries`,
    );

    const plans = await explainAll(url, dataset);
    mkdirSync('tmp', { recursive: true });
    writeFileSync('tmp/history-plans.md', plans);
    console.log('\nquery plans (EXPLAIN ANALYZE, BUFFERS; full text in tmp/history-plans.md):');
    for (const block of plans.split('\n## ').slice(1)) {
      const name = block.slice(0, block.indexOf('\n'));
      const plan = block.slice(block.lastIndexOf('```\n', block.length - 5));
      const top = plan.split('\n').filter((l) => /Scan|Execution Time|Sort Method|Append/.test(l));
      console.log(`  ${name}:`);
      for (const l of top.slice(0, 4)) console.log(`    ${l.trim()}`);
      const exec = top.find((l) => l.includes('Execution Time'));
      if (exec && !top.slice(0, 4).includes(exec)) console.log(`    ${exec.trim()}`);
    }

    console.log(
      `\nopen-loop load: ${o.rate} req/s, ${o.warmup} s warm-up, ${o.seconds} s measured`,
    );
    const result = await drive(api, o, dataset);
    let ok = true;
    const header = ['count', 'p50', 'p95', 'p99', 'p999', 'max']
      .map((h) => h.padStart(7))
      .join(' ');
    console.log(`  ${'call (ms)'.padEnd(16)} ${header}  errors`);
    const row = (kind: string, s: LatencySamples, errors: number) =>
      console.log(
        `  ${kind.padEnd(16)} ${String(s.count).padStart(7)} ${[50, 95, 99, 99.9, 100].map((p) => ms(s.percentile(p))).join(' ')}  ${errors}`,
      );
    for (const [kind, s] of [...result.samples.entries()].sort()) {
      const errors = result.errors.get(kind) ?? 0;
      row(kind, s, errors);
      if (s.percentile(99) > TARGET_P99_MS || errors > 0) ok = false;
    }
    const errorsTotal = [...result.errors.values()].reduce((a, b) => a + b, 0);
    row('all', result.all, errorsTotal);
    if (result.firstError) console.log(`  first error: ${result.firstError}`);
    console.log(`  achieved ${result.achieved.toFixed(1)} req/s sent (${o.rate} offered)`);

    const r = await retention(pool, url, dataset, o);
    console.log('\nretention:');
    console.log(
      `  DROP of ${r.oldest} (${r.rows.toLocaleString('en')} rows): ${r.dropMs.toFixed(1)} ms; of an empty partition: ${r.tinyMs.toFixed(1)} ms`,
    );
    console.log(
      `  that day's deliveries (not partitioned), purged by batched DELETE: ${r.dayDeliveries.toLocaleString('en')} rows, maintenance run ${r.purgeMs.toFixed(0)} ms (${JSON.stringify(r.report.purged)})`,
    );
    console.log(
      `\ntarget: p99 <= ${TARGET_P99_MS} ms for every call at ${o.rate} req/s: ${ok ? 'met' : 'NOT met'}`,
    );
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  }
}
