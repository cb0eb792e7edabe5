import { Client } from 'pg';
import { readProcEntry, readProcTable, treeCpuSeconds } from './proc-table';

/** A process (with its descendants) whose CPU the ledger reads. */
export interface LedgerPart {
  name: string;
  pid: number;
}

export interface CpuLedgerParts {
  /** The Herald services, each a process tree. */
  services: LedgerPart[];
  /** The broker process (the embedded broker's own process, or Apache Kafka's JVM). */
  broker: LedgerPart;
  /** The PostgreSQL postmaster: its whole tree (backends, WAL writer, checkpointer...). */
  postgresPid: number;
  /** Where pg_stat_activity is read, to tell each service's backends apart. */
  databaseUrl: string;
}

export interface CpuFigures {
  deliveries: number;
  seconds: number;
  /** CPU seconds over the window, by process tree, plus the bench's own process apart. */
  cpuSeconds: Record<string, number>;
  /** Microseconds of CPU per delivered webhook: each process tree. */
  perDeliveryUs: Record<string, number>;
  /**
   * Microseconds per delivery by stage: each service with its own PostgreSQL backends (told
   * apart by application_name), the broker, and PostgreSQL's shared processes.
   */
  stageUs: Record<string, number>;
  /** Services + broker + PostgreSQL, per delivery (the receiver and load generator apart). */
  platformUs: number;
}

interface Snapshot {
  at: number;
  trees: Map<string, number>;
  backends: Map<number, { app: string; seconds: number }>;
  self: number;
}

const POSTGRES = 'postgresql';
const BENCH_SELF = 'bench (receiver + load)';

/**
 * CPU time per delivered webhook for every process of the platform, read from /proc
 * (utime + stime, plus reaped children's time for process trees) at the start and end of a
 * measured window. PostgreSQL's share is split by the backends each service opened.
 */
export class CpuLedger {
  private constructor(
    private readonly parts: CpuLedgerParts,
    private readonly client: Client,
    private readonly start: Snapshot,
  ) {}

  static async start(parts: CpuLedgerParts): Promise<CpuLedger> {
    const client = new Client({
      connectionString: parts.databaseUrl,
      application_name: 'herald-bench',
    });
    await client.connect();
    return new CpuLedger(parts, client, await snapshot(parts, client));
  }

  async stop(deliveries: number): Promise<CpuFigures> {
    const end = await snapshot(this.parts, this.client);
    await this.client.end();
    const cpuSeconds: Record<string, number> = {};
    for (const [name, seconds] of end.trees)
      cpuSeconds[name] = seconds - (this.start.trees.get(name) ?? 0);
    cpuSeconds[BENCH_SELF] = end.self - this.start.self;
    const us = (seconds: number) => Math.round((seconds / Math.max(1, deliveries)) * 1e6);
    const perDeliveryUs = Object.fromEntries(
      Object.entries(cpuSeconds).map(([name, seconds]) => [name, us(seconds)]),
    );

    const byApp = new Map<string, number>();
    for (const [pid, backend] of end.backends) {
      const before = this.start.backends.get(pid)?.seconds ?? 0;
      byApp.set(backend.app, (byApp.get(backend.app) ?? 0) + backend.seconds - before);
    }
    const stageUs: Record<string, number> = {};
    let backendsOfServices = 0;
    for (const service of this.parts.services) {
      const backend = byApp.get(`herald-${service.name}`) ?? 0;
      backendsOfServices += backend;
      stageUs[`${service.name} (+ its PostgreSQL backends)`] = us(
        cpuSeconds[service.name] + backend,
      );
    }
    stageUs[this.parts.broker.name] = us(cpuSeconds[this.parts.broker.name]);
    // Backends that exited during the phase leave the tree's sum but not `byApp`: never below 0.
    stageUs['postgresql (shared: WAL, checkpoints, other)'] = us(
      Math.max(0, cpuSeconds[POSTGRES] - backendsOfServices),
    );
    const platform =
      this.parts.services.reduce((sum, s) => sum + cpuSeconds[s.name], 0) +
      cpuSeconds[this.parts.broker.name] +
      cpuSeconds[POSTGRES];
    return {
      deliveries,
      seconds: (end.at - this.start.at) / 1000,
      cpuSeconds: Object.fromEntries(
        Object.entries(cpuSeconds).map(([k, v]) => [k, Math.round(v * 100) / 100]),
      ),
      perDeliveryUs,
      stageUs,
      platformUs: us(platform),
    };
  }
}

async function snapshot(parts: CpuLedgerParts, client: Client): Promise<Snapshot> {
  const activity = await client.query<{ pid: number; application_name: string }>(
    'SELECT pid, application_name FROM pg_stat_activity WHERE pid IS NOT NULL',
  );
  const table = readProcTable();
  const trees = new Map<string, number>();
  for (const part of [...parts.services, parts.broker])
    trees.set(part.name, treeCpuSeconds(table, part.pid));
  trees.set(POSTGRES, treeCpuSeconds(table, parts.postgresPid));
  const backends = new Map<number, { app: string; seconds: number }>();
  for (const row of activity.rows) {
    const entry = table.get(row.pid);
    if (entry) backends.set(row.pid, { app: row.application_name, seconds: entry.ownSeconds });
  }
  return { at: Date.now(), trees, backends, self: readProcEntry(process.pid)?.ownSeconds ?? 0 };
}

/** The postmaster: the parent of any backend (here, of this query's own backend). */
export async function postmasterPid(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = readProcEntry(rows[0].pid);
    if (!backend)
      throw new Error('PostgreSQL is not on this machine: no /proc entry for its backend');
    return backend.ppid;
  } finally {
    await client.end();
  }
}

/** A direct child of this process by command name (Apache Kafka's JVM: `java`). */
export function childNamed(comm: string): number | undefined {
  for (const e of readProcTable().values())
    if (e.ppid === process.pid && e.comm === comm) return e.pid;
  return undefined;
}
