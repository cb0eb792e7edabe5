import { spawn } from 'child_process';
import { join } from 'path';
import { createInterface } from 'readline';

const ROOT = join(__dirname, '..', '..', '..');
const RESULT = 'rebuild-result ';

/** What a rebuild bench child needs of the service's changelog reader. */
export interface ChangelogLoad {
  start(): Promise<void>;
  readonly loaded: Promise<void>;
  stop(): Promise<void>;
}

/** Where a rebuild child reads: the broker, the compacted topic, how many subscriptions. */
export interface RebuildTarget {
  brokers: string;
  topic: string;
  subscriptions: number;
}

export interface RebuildMeasurement {
  /** Subscriptions held once the reader had loaded (must equal the records produced). */
  held: number;
  /** Records left out (invalid, or refused by the listener). */
  rejected: number;
  /** From starting the reader (a new consumer, from the beginning) to `loaded`. */
  seconds: number;
  /** Heap used after the load minus before it, each after a forced full GC. */
  heapBytes: number;
  bytesPerSubscription: number;
  /** CPU time of the child during the load (user + system), to tell load from waiting. */
  cpuSeconds: number;
  /** The child's resident set afterwards (heap, code, buffers). */
  rssMb: number;
}

function collectedHeap(): number {
  const collect = globalThis.gc;
  if (!collect) throw new Error('the rebuild child needs node --expose-gc');
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/**
 * Times a cold load of the changelog through `reader` and the heap its listener then holds
 * (with the reader's own bookkeeping): everything is built before the first forced GC, and the
 * consumer is stopped before the second, so its fetch buffers are not counted.
 */
export async function measureRebuild(
  reader: ChangelogLoad,
  held: () => number,
  rejected: () => number,
): Promise<RebuildMeasurement> {
  const before = collectedHeap();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await reader.start();
  await reader.loaded;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  await reader.stop();
  const heapBytes = collectedHeap() - before;
  const count = held();
  return {
    held: count,
    rejected: rejected(),
    seconds,
    heapBytes,
    bytesPerSubscription: count === 0 ? 0 : heapBytes / count,
    cpuSeconds: (used.user + used.system) / 1e6,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}

/** The target a rebuild child was started with (`runRebuildChild` passes it). */
export function rebuildTargetOf(argv: readonly string[]): RebuildTarget {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0 || at + 1 >= argv.length) throw new Error(`rebuild child: --${name} is required`);
    return argv[at + 1];
  };
  return {
    brokers: value('brokers'),
    topic: value('topic'),
    subscriptions: Number(value('subscriptions')),
  };
}

/** Writes the measurement for the parent, which reads it from the child's output, and exits. */
export function reportRebuild(measurement: RebuildMeasurement): never {
  process.stdout.write(`${RESULT}${JSON.stringify(measurement)}\n`);
  process.exit(0);
}

/**
 * Runs a rebuild child (`entry`, relative to the repository root) in a fresh Node process with
 * `--expose-gc`, so each load starts cold and its heap is measured alone.
 */
export function runRebuildChild(entry: string, target: RebuildTarget): Promise<RebuildMeasurement> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      join(ROOT, 'scripts/run-ts.cjs'),
      join(ROOT, entry),
      '--brokers',
      target.brokers,
      '--topic',
      target.topic,
      '--subscriptions',
      String(target.subscriptions),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let result: RebuildMeasurement | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(RESULT))
        result = JSON.parse(line.slice(RESULT.length)) as RebuildMeasurement;
      else process.stdout.write(`  [${entry}] ${line}\n`);
    });
    child.once('error', reject);
    child.once('close', (code) =>
      result ? resolve(result) : reject(new Error(`${entry} exited with ${code} and no result`)),
    );
  });
}
