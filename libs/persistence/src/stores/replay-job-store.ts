import { randomBytes } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ReplayJobCursor, ReplayJobState, ReplaySelection } from '../entities/replay-job.entity';
import { Keyset, KeysetColumns, Page } from './cursor';
import { rowsOf } from './query-rows';

/** A tenant's replay jobs, newest first. */
const REPLAY_JOB_PAGES = new Keyset({ time: 'created_at', id: 'id', direction: 'DESC' });

/** A replay job as the API shows it (counts as numbers; the lease stays inside). */
export interface ReplayJob {
  id: string;
  tenantId: string;
  subscriptionId: string;
  selection: ReplaySelection;
  since: Date;
  until: Date;
  state: ReplayJobState;
  cursor: ReplayJobCursor | null;
  scanned: number;
  enqueued: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewReplayJob {
  tenantId: string;
  subscriptionId: string;
  selection: ReplaySelection;
  since: Date;
  until: Date;
}

/** The tenant already has as many queued or running jobs as it may. */
export class TooManyReplayJobsError extends Error {
  constructor(readonly limit: number) {
    super(`at most ${limit} replay jobs may be queued or running at once; wait or cancel one`);
    this.name = 'TooManyReplayJobsError';
  }
}

interface ReplayJobRow {
  id: string;
  tenant_id: string;
  subscription_id: string;
  selection: ReplaySelection;
  since: Date;
  until: Date;
  state: ReplayJobState;
  cursor: ReplayJobCursor | null;
  scanned: string;
  enqueued: string;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const COLUMNS = `id, tenant_id, subscription_id, selection, since, until, state, cursor, scanned,
  enqueued, error, created_at, started_at, finished_at`;
const LIVE_STATES = `('queued', 'running')`;

function jobOf(row: ReplayJobRow): ReplayJob {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    subscriptionId: row.subscription_id,
    selection: row.selection,
    since: row.since,
    until: row.until,
    state: row.state,
    cursor: row.cursor,
    scanned: Number(row.scanned),
    enqueued: Number(row.enqueued),
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/**
 * Replay jobs. A job is claimed with a lease (one instance runs it); each finished page renews
 * the lease and records the cursor, so a crashed instance's job is taken over where its last page
 * ended once the lease runs out. A tenant runs one job at a time across instances (the others
 * wait queued), so a tenant's long replay cannot hold every runner.
 */
export class ReplayJobStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues a job unless the tenant already has `maxLive` queued or running (atomic per tenant). */
  async create(job: NewReplayJob, maxLive: number, now: Date = new Date()): Promise<ReplayJob> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('replay_jobs:' || $1))`, [
        job.tenantId,
      ]);
      const [{ n }]: { n: string }[] = await manager.query(
        `SELECT count(*) AS n FROM replay_jobs WHERE tenant_id = $1 AND state IN ${LIVE_STATES}`,
        [job.tenantId],
      );
      if (Number(n) >= maxLive) throw new TooManyReplayJobsError(maxLive);
      const rows: ReplayJobRow[] = await manager.query(
        `INSERT INTO replay_jobs (id, tenant_id, subscription_id, selection, since, until, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [
          `rpl_${randomBytes(10).toString('hex')}`,
          job.tenantId,
          job.subscriptionId,
          job.selection,
          job.since,
          job.until,
          now,
        ],
      );
      return jobOf(rows[0]);
    });
  }

  async get(tenantId: string, id: string): Promise<ReplayJob | undefined> {
    const rows: ReplayJobRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM replay_jobs WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0] ? jobOf(rows[0]) : undefined;
  }

  /** The tenant's jobs, newest first (keyset pages). */
  async list(
    tenantId: string,
    query: {
      subscriptionId?: string;
      /** Only jobs of these subscriptions (a limited portal session). */
      subscriptionIds?: readonly string[];
      state?: ReplayJobState;
      cursor?: string;
      limit: number;
    },
  ): Promise<Page<ReplayJob>> {
    const params: unknown[] = [tenantId, query.limit + 1];
    const filters: string[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      filters.push(sql(params.length));
    };
    if (query.subscriptionId !== undefined)
      add((n) => `subscription_id = $${n}`, query.subscriptionId);
    if (query.subscriptionIds !== undefined)
      add((n) => `subscription_id = ANY($${n}::text[])`, query.subscriptionIds);
    if (query.state !== undefined) add((n) => `state = $${n}`, query.state);
    const after = REPLAY_JOB_PAGES.after(query.cursor);
    if (after) filters.push(REPLAY_JOB_PAGES.where(after, params));
    const rows: (ReplayJobRow & KeysetColumns)[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, ${REPLAY_JOB_PAGES.columns()} FROM replay_jobs WHERE tenant_id = $1
        ${filters.map((f) => `AND ${f}`).join(' ')}
        ORDER BY ${REPLAY_JOB_PAGES.orderBy()} LIMIT $2`,
      params,
    );
    return REPLAY_JOB_PAGES.page(rows, query.limit, jobOf);
  }

  /** Cancels a queued or running job; undefined when it is not live (or not the tenant's). */
  async cancel(
    tenantId: string,
    id: string,
    now: Date = new Date(),
  ): Promise<ReplayJob | undefined> {
    const rows = rowsOf<ReplayJobRow>(
      await this.dataSource.query(
        `UPDATE replay_jobs SET state = 'cancelled', finished_at = $3, lease_token = NULL,
            lease_until = NULL
          WHERE tenant_id = $1 AND id = $2 AND state IN ${LIVE_STATES} RETURNING ${COLUMNS}`,
        [tenantId, id, now],
      ),
    );
    return rows[0] ? jobOf(rows[0]) : undefined;
  }

  /**
   * Takes the oldest job that is queued, or running under a lease that ran out, of a tenant with
   * no other job running, and leases it to `token` until `now + leaseMs`.
   */
  async claim(
    token: string,
    leaseMs: number,
    now: Date = new Date(),
  ): Promise<ReplayJob | undefined> {
    const rows = rowsOf<ReplayJobRow>(
      await this.dataSource.query(
        `UPDATE replay_jobs SET state = 'running', lease_token = $1, lease_until = $3,
            started_at = COALESCE(started_at, $2)
          WHERE id = (
            SELECT j.id FROM replay_jobs j
             WHERE (j.state = 'queued' OR (j.state = 'running' AND j.lease_until < $2))
               AND NOT EXISTS (
                 SELECT 1 FROM replay_jobs o
                  WHERE o.tenant_id = j.tenant_id AND o.id <> j.id AND o.state = 'running'
                    AND o.lease_until >= $2)
             ORDER BY j.created_at, j.id LIMIT 1
             FOR UPDATE SKIP LOCKED)
          RETURNING ${COLUMNS}`,
        [token, now, new Date(now.getTime() + leaseMs)],
      ),
    );
    return rows[0] ? jobOf(rows[0]) : undefined;
  }

  /**
   * Records a finished page and renews the lease. False when the job is no longer this lease's
   * (cancelled, or taken over after the lease ran out): the runner stops without writing more.
   */
  async recordPage(
    id: string,
    token: string,
    page: { cursor: ReplayJobCursor | null; scanned: number; enqueued: number },
    leaseMs: number,
    now: Date = new Date(),
  ): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE replay_jobs SET cursor = $3::jsonb, scanned = scanned + $4, enqueued = enqueued + $5,
            lease_until = $6, error = NULL
          WHERE id = $1 AND lease_token = $2 AND state = 'running' RETURNING id`,
        [
          id,
          token,
          page.cursor === null ? null : JSON.stringify(page.cursor),
          page.scanned,
          page.enqueued,
          new Date(now.getTime() + leaseMs),
        ],
      ),
    );
    return rows.length > 0;
  }

  /** Ends a job this lease holds: succeeded, or failed with why. */
  async finish(
    id: string,
    token: string,
    outcome: { state: 'succeeded' } | { state: 'failed'; error: string },
    now: Date = new Date(),
  ): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE replay_jobs SET state = $3, error = $4, finished_at = $5, lease_token = NULL,
            lease_until = NULL
          WHERE id = $1 AND lease_token = $2 AND state = 'running' RETURNING id`,
        [id, token, outcome.state, outcome.state === 'failed' ? outcome.error : null, now],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Keeps the job for a later try after a transient error: its lease ends `retryInMs` from now
   * (another instance, or this one, takes it up then) and `error` says what happened.
   */
  async postpone(
    id: string,
    token: string,
    error: string,
    retryInMs: number,
    now: Date = new Date(),
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE replay_jobs SET error = $3, lease_until = $4
        WHERE id = $1 AND lease_token = $2 AND state = 'running'`,
      [id, token, error, new Date(now.getTime() + retryInMs)],
    );
  }

  /** Hands a job back at shutdown: queued again at once, for any instance. */
  async release(id: string, token: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE replay_jobs SET state = 'queued', lease_token = NULL, lease_until = NULL
        WHERE id = $1 AND lease_token = $2 AND state = 'running'`,
      [id, token],
    );
  }
}
