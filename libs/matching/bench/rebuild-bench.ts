/**
 * `npm run bench:matcher -- --rebuild [--sizes 100000,1000000] [--brokers embedded,apache]`:
 * what the subscription indexes cost as subscriptions grow. For each broker and size it fills a
 * compacted changelog with that many subscriptions (the matcher bench's workload, dressed as
 * subscription-api publishes them), then rebuilds the matcher's index and the dispatcher's
 * replica from it, each cold in a fresh process through the services' own ChangelogReader
 * (kafkajs): seconds to `loaded`, and heap held per subscription (forced GC before and after).
 * Targets: at most 1 KiB of heap per subscription; 1,000,000 rebuilt in at most 60 s.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { loadavg } from 'os';
import { TOPICS } from '@herald/contracts';
import { startApacheKafka } from '@herald/apache-kafka';
import {
  RebuildMeasurement,
  fillCompactedTopic,
  runRebuildChild,
  startBrokerProcess,
} from '@herald/bench-kit';
import { changelogRecords } from './changelog-records';

type BrokerKind = 'embedded' | 'apache';

const HOLDERS = [
  { holder: 'matcher index', entry: 'apps/matcher/bench/index-rebuild.ts' },
  { holder: 'dispatcher replica', entry: 'apps/dispatcher/bench/replica-rebuild.ts' },
];
const PARTITIONS = 3;
const HEAP_TARGET_BYTES = 1_024;
const SECONDS_TARGET = 60;

interface RebuildRow extends RebuildMeasurement {
  broker: BrokerKind;
  subscriptions: number;
  holder: string;
  changelogMb: number;
  /** 1-minute load average of the machine when the load started (2 cores, shared). */
  loadAverage: number;
}

interface Broker {
  brokers: string;
  stop(): Promise<void>;
}

async function startBroker(kind: BrokerKind): Promise<Broker> {
  if (kind === 'embedded') return startBrokerProcess(undefined);
  const cluster = await startApacheKafka({ nodes: 1 });
  return { brokers: cluster.bootstrap, stop: () => cluster.stop() };
}

function listArgument(argv: readonly string[], name: string, fallback: string[]): string[] {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < argv.length ? argv[at + 1].split(',') : fallback;
}

export async function rebuildBench(argv: readonly string[]): Promise<void> {
  const sizes = listArgument(argv, 'sizes', ['100000', '1000000']).map(Number);
  const kinds = listArgument(argv, 'brokers', ['embedded', 'apache']) as BrokerKind[];
  const rows: RebuildRow[] = [];
  for (const kind of kinds) {
    const broker = await startBroker(kind);
    try {
      for (const size of sizes) {
        const topic = `${TOPICS.subscriptionsChangelog}.bench-${size}`;
        const filled = await fillCompactedTopic(
          broker.brokers,
          topic,
          PARTITIONS,
          changelogRecords(size),
        );
        console.log(
          `${kind}: ${filled.records.toLocaleString('en-US')} changelog records ` +
            `(${(filled.bytes / 2 ** 20).toFixed(0)} MiB) produced in ${filled.seconds.toFixed(1)} s`,
        );
        for (const { holder, entry } of HOLDERS) {
          const loadAverage = loadavg()[0];
          const measured = await runRebuildChild(entry, {
            brokers: broker.brokers,
            topic,
            subscriptions: size,
          });
          if (measured.held + measured.rejected !== size)
            throw new Error(`${holder} on ${kind}: held ${measured.held} of ${size}`);
          rows.push({
            broker: kind,
            subscriptions: size,
            holder,
            changelogMb: filled.bytes / 2 ** 20,
            loadAverage,
            ...measured,
          });
          console.log(`  ${holder}: ${summary(rows[rows.length - 1])}`);
        }
      }
    } finally {
      await broker.stop();
    }
  }
  // One broker per run (runs for each broker may go side by side): a report of its own.
  report(rows, kinds.length === 1 ? `matcher-rebuild-${kinds[0]}` : 'matcher-rebuild');
}

function summary(row: RebuildRow): string {
  return (
    `${row.seconds.toFixed(1)} s, ${Math.round(row.bytesPerSubscription).toLocaleString('en-US')} B/subscription, ` +
    `${row.cpuSeconds.toFixed(1)} CPU s, load ${row.loadAverage.toFixed(2)}`
  );
}

function tableOf(rows: RebuildRow[]): Record<string, string>[] {
  return rows.map((r) => ({
    broker: r.broker,
    subscriptions: r.subscriptions.toLocaleString('en-US'),
    holder: r.holder,
    'rebuild s': r.seconds.toFixed(1),
    'records/s': Math.round(r.subscriptions / r.seconds).toLocaleString('en-US'),
    'CPU s': r.cpuSeconds.toFixed(1),
    'heap MiB': (r.heapBytes / 2 ** 20).toFixed(0),
    'B/subscription': Math.round(r.bytesPerSubscription).toLocaleString('en-US'),
    'RSS MiB': r.rssMb.toFixed(0),
    'load avg': r.loadAverage.toFixed(2),
  }));
}

function report(rows: RebuildRow[], name: string): void {
  const table = tableOf(rows);
  console.log(
    'Rebuild from the changelog (cold, one fresh process per load, through ChangelogReader; ' +
      'heap after a forced GC, reader bookkeeping included)',
  );
  console.table(table);
  const verdicts = rows.map(
    (r) =>
      `${r.broker}, ${r.subscriptions.toLocaleString('en-US')}, ${r.holder}: heap ` +
      `${r.bytesPerSubscription <= HEAP_TARGET_BYTES ? 'met' : 'NOT met'} (<= 1 KiB/subscription)` +
      (r.subscriptions >= 1_000_000
        ? `; rebuild ${r.seconds <= SECONDS_TARGET ? 'met' : 'NOT met'} (<= ${SECONDS_TARGET} s)`
        : ''),
  );
  for (const verdict of verdicts) console.log(verdict);
  mkdirSync('reports', { recursive: true });
  writeFileSync(
    `reports/${name}.json`,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2)}\n`,
  );
  writeFileSync(`reports/${name}.md`, markdownOf(table, verdicts));
}

function markdownOf(table: Record<string, string>[], verdicts: string[]): string {
  const columns = Object.keys(table[0] ?? {});
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `# Rebuild from the changelog (${new Date().toISOString()})`,
    '',
    '`npm run bench:matcher -- --rebuild`: cold load of the matcher index and the dispatcher',
    'replica through ChangelogReader, one fresh process per load; heap after a forced GC.',
    '',
    line(columns),
    line(columns.map(() => '---')),
    ...table.map((row) => line(columns.map((c) => row[c]))),
    '',
    ...verdicts.map((v) => `- ${v}`),
    '',
  ].join('\n');
}
