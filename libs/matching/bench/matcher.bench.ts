/**
 * `npm run bench:matcher`: match throughput of the in-memory subscription index at 10, 10,000
 * and 100,000 subscriptions with typical selectivity (Kafka I/O excluded). Target: at least
 * 50,000 events/s at 100,000 subscriptions, within 2x of the 10-subscription figure. Events are
 * matched in batches of BATCH with `matchMany`, as the matcher service matches what it fetches.
 *
 * Two ways to present the events: `reused` matches the same 20,000 event objects pass after
 * pass (V8 has long since hashed their strings); `decoded` parses each batch from JSON just before
 * matching it (parsing not timed), as the service decodes what it fetches, so every tenant id and
 * event type is a fresh string that the index must hash and compare.
 *
 * `npm run bench:matcher -- --rebuild` measures instead what the indexes cost to rebuild from
 * the changelog and to hold, at 100,000 and 1,000,000 subscriptions (see `rebuild-bench.ts`), and
 * `-- --heap-by-field` what each field of a decoded subscription weighs (`heap-by-field.ts`).
 */
import { HeraldEvent } from '@herald/contracts';
import { SubscriptionIndex } from '../src';
import { heapByField } from './heap-by-field';
import { rebuildBench } from './rebuild-bench';
import { regexRows } from './regex-rows';
import { TenantTraffic, generateEvents, generateSubscriptions, seededRandom } from './workload';

const SIZES = [10, 10_000, 100_000];
const EVENTS = 20_000;
/** Events per `matchMany` call, as the matcher service matches each fetched Kafka batch. */
const BATCH = 500;
const MIN_DURATION_MS = 1_000;

type EventSource = 'reused' | 'decoded';

interface Row {
  events: EventSource;
  subscriptions: number;
  traffic: TenantTraffic;
  buildMs: number;
  eventsPerSecond: number;
  microsPerEvent: number;
  matchesPerEvent: number;
}

function measure(size: number, traffic: TenantTraffic, source: EventSource): Row {
  const random = seededRandom(size);
  const subscriptions = generateSubscriptions(size, random);
  const events = generateEvents(EVENTS, size, traffic, random);
  const buildStart = process.hrtime.bigint();
  const index = new SubscriptionIndex();
  for (const s of subscriptions) index.upsert(s);
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;

  const batches: HeraldEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  // One JSON text per event, as each arrives in its own Kafka message.
  const serialized = batches.map((batch) => batch.map((e) => JSON.stringify(e)));
  const batchAt = (i: number): HeraldEvent[] =>
    source === 'reused' ? batches[i] : serialized[i].map((text) => JSON.parse(text) as HeraldEvent);
  // Warm up the JIT on the same workload, then run whole passes for at least MIN_DURATION_MS,
  // timing the matchMany calls only.
  for (let i = 0; i < batches.length; i++) index.matchMany(batchAt(i));
  let matched = 0;
  let processed = 0;
  let elapsedNs = 0n;
  while (elapsedNs < BigInt(MIN_DURATION_MS) * 1_000_000n) {
    for (let i = 0; i < batches.length; i++) {
      const batch = batchAt(i);
      const start = process.hrtime.bigint();
      const results = index.matchMany(batch);
      elapsedNs += process.hrtime.bigint() - start;
      for (const matches of results) matched += matches.length;
    }
    processed += events.length;
  }
  const seconds = Number(elapsedNs) / 1e9;
  return {
    events: source,
    subscriptions: size,
    traffic,
    buildMs,
    eventsPerSecond: processed / seconds,
    microsPerEvent: (seconds * 1e6) / processed,
    matchesPerEvent: matched / processed,
  };
}

function main(): void {
  const traffics: TenantTraffic[] = ['one tenant', 'zipf', 'uniform'];
  const sources: EventSource[] = ['reused', 'decoded'];
  const rows = sources.flatMap((source) =>
    traffics.flatMap((traffic) => SIZES.map((size) => measure(size, traffic, source))),
  );
  const find = (source: EventSource, traffic: TenantTraffic, size: number) =>
    rows.find((r) => r.events === source && r.traffic === traffic && r.subscriptions === size)!;
  const baselineOf = (r: Row) => find(r.events, r.traffic, SIZES[0]).eventsPerSecond;
  const table = rows.map((r) => ({
    events: r.events,
    'tenant traffic': r.traffic,
    subscriptions: r.subscriptions.toLocaleString('en-US'),
    'events/s': Math.round(r.eventsPerSecond).toLocaleString('en-US'),
    'µs/event': r.microsPerEvent.toFixed(2),
    'matches/event': r.matchesPerEvent.toFixed(2),
    'vs 10 subs': `${(baselineOf(r) / r.eventsPerSecond).toFixed(2)}x`,
    'index build ms': Math.round(r.buildMs),
  }));
  console.log(
    `Matcher throughput (in-memory index, one core, Kafka I/O excluded; ~10 subscriptions per tenant; batches of ${BATCH})`,
  );
  console.table(table);
  for (const source of sources) {
    for (const traffic of traffics) {
      const largest = find(source, traffic, SIZES[SIZES.length - 1]);
      const ratio = baselineOf(largest) / largest.eventsPerSecond;
      console.log(
        `${source} events, ${traffic}: ${Math.round(largest.eventsPerSecond).toLocaleString('en-US')} events/s at ` +
          `${largest.subscriptions.toLocaleString('en-US')} subscriptions ` +
          `(target >= 50,000: ${largest.eventsPerSecond >= 50_000 ? 'met' : 'NOT met'}); ` +
          `${ratio.toFixed(2)}x the 10-subscription time per event ` +
          `(target <= 2x${traffic === 'uniform' ? ' for typical traffic; uniform is the worst case for the CPU caches' : ''}: ` +
          `${ratio <= 2 ? 'met' : 'NOT met'})`,
      );
    }
  }
}

if (process.argv.includes('--rebuild')) {
  rebuildBench(process.argv).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (process.argv.includes('--heap-by-field')) {
  heapByField(process.argv);
} else {
  main();
  console.log('Regular expressions in conditions (one core; ns per test, typical values)');
  console.table(regexRows());
}
