/** Pure planning of the daily partitions of Herald's time-partitioned tables. */

export interface PartitionedTable {
  table: string;
  column: string;
}

export const PARTITIONED_TABLES: readonly PartitionedTable[] = [
  { table: 'events', column: 'received_at' },
  { table: 'delivery_attempts', column: 'attempted_at' },
];

export interface DailyPartition {
  name: string;
  /** Inclusive lower bound, UTC midnight. */
  from: Date;
  /** Exclusive upper bound, the next UTC midnight. */
  to: Date;
}

const DAY_MS = 86_400_000;

export function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** `events_p20261122` holds [2026-11-22T00:00Z, 2026-11-23T00:00Z). */
export function dailyPartition(table: string, at: Date): DailyPartition {
  const from = startOfUtcDay(at);
  const day = from.toISOString().slice(0, 10).replace(/-/g, '');
  return { name: `${table}_p${day}`, from, to: new Date(from.getTime() + DAY_MS) };
}

/** The day a partition name stands for, or undefined for a name not made by `dailyPartition`. */
export function partitionDay(table: string, name: string): Date | undefined {
  const match = new RegExp(`^${table}_p(\\d{4})(\\d{2})(\\d{2})$`).exec(name);
  if (!match) return undefined;
  const day = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) ? undefined : day;
}

export interface PartitionPlan {
  create: DailyPartition[];
  drop: string[];
}

/**
 * Which partitions to create (today and `aheadDays` after it, when missing) and to drop (every
 * day that ended more than `retentionDays` ago), given the partitions that exist.
 */
export function planPartitions(input: {
  table: string;
  now: Date;
  aheadDays: number;
  retentionDays: number;
  existing: readonly string[];
}): PartitionPlan {
  const existing = new Set(input.existing);
  const today = startOfUtcDay(input.now);
  const create: DailyPartition[] = [];
  for (let day = 0; day <= input.aheadDays; day++) {
    const partition = dailyPartition(input.table, new Date(today.getTime() + day * DAY_MS));
    if (!existing.has(partition.name)) create.push(partition);
  }
  const cutoff = retentionCutoff(input.now, input.retentionDays);
  const drop = input.existing.filter((name) => {
    const day = partitionDay(input.table, name);
    return day !== undefined && day.getTime() + DAY_MS <= cutoff.getTime();
  });
  return { create, drop: drop.sort() };
}

/** Rows older than this are past retention. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(startOfUtcDay(now).getTime() - retentionDays * DAY_MS);
}
