import { Subscription, SubscriptionRecord } from '@herald/contracts';
import { changelogRecords } from './changelog-records';

/**
 * `npm run bench:matcher -- --heap-by-field [--subscriptions 100000]` (node --expose-gc): what
 * each field of a decoded changelog subscription costs on the heap, as the dispatcher's replica
 * holds them. Decodes the rebuild bench's records, then deletes one field at a time from every
 * subscription and weighs what the heap gave back (forced GC before and after): the field's
 * value plus its slot. The whole object is the last row.
 */
export function heapByField(argv: readonly string[]): void {
  const at = argv.indexOf('--subscriptions');
  const count = at >= 0 ? Number(argv[at + 1]) : 100_000;
  const collect = globalThis.gc;
  if (!collect) throw new Error('--heap-by-field needs node --expose-gc');
  const heap = () => {
    collect();
    collect();
    return process.memoryUsage().heapUsed;
  };
  const empty = heap();
  let held: Record<string, unknown>[] = [];
  for (const record of changelogRecords(count)) {
    held.push(
      (JSON.parse(record.value) as SubscriptionRecord).subscription as unknown as Record<
        string,
        unknown
      >,
    );
  }
  const whole = heap() - empty;
  const fields = Object.keys(held[0]) as (keyof Subscription)[];
  const rows: { field: string; 'B/subscription': string; share: string }[] = [];
  let before = heap();
  for (const field of fields) {
    // A fresh object without the field (delete would turn every object into a dictionary).
    held = held.map(({ [field]: _dropped, ...rest }) => rest);
    const after = heap();
    rows.push({
      field,
      'B/subscription': ((before - after) / count).toFixed(0),
      share: `${((100 * (before - after)) / whole).toFixed(1)}%`,
    });
    before = after;
  }
  rows.push({
    field: '(whole subscription)',
    'B/subscription': (whole / count).toFixed(0),
    share: '100%',
  });
  console.log(
    `Heap per decoded changelog subscription, by field (${count.toLocaleString('en-US')} subscriptions)`,
  );
  console.table(rows);
  if (held.length !== count) throw new Error('unreachable');
}
