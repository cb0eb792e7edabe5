import { readFileSync, readdirSync } from 'fs';

/** Linux clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's CPU fields. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcEntry {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime of the process itself, in seconds. */
  ownSeconds: number;
  /** cutime + cstime: its children that have exited and been waited for, in seconds. */
  reapedChildrenSeconds: number;
}

/** One process's /proc/<pid>/stat, or undefined once it is gone. */
export function readProcEntry(pid: number): ProcEntry | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const close = stat.lastIndexOf(')');
  const comm = stat.slice(stat.indexOf('(') + 1, close);
  // Fields after the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
  const f = stat.slice(close + 2).split(' ');
  return {
    pid,
    ppid: Number(f[1]),
    comm,
    ownSeconds: (Number(f[11]) + Number(f[12])) / CLOCK_TICKS_PER_SECOND,
    reapedChildrenSeconds: (Number(f[13]) + Number(f[14])) / CLOCK_TICKS_PER_SECOND,
  };
}

/** Every process on the machine, by pid. */
export function readProcTable(): Map<number, ProcEntry> {
  const table = new Map<number, ProcEntry>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readProcEntry(Number(name));
    if (entry) table.set(entry.pid, entry);
  }
  return table;
}

/**
 * CPU seconds of a process and all its descendants: each live process's own time plus the
 * time of its children that already exited (cutime/cstime), so a short-lived PostgreSQL
 * backend still counts once it is reaped, and a live one is never counted twice.
 */
export function treeCpuSeconds(table: Map<number, ProcEntry>, root: number): number {
  const children = new Map<number, number[]>();
  for (const e of table.values()) {
    const list = children.get(e.ppid) ?? [];
    list.push(e.pid);
    children.set(e.ppid, list);
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const e = table.get(pid);
    if (!e) continue;
    total += e.ownSeconds + e.reapedChildrenSeconds;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
