import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const REPLAY_JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type ReplayJobState = (typeof REPLAY_JOB_STATES)[number];
/** `failed`: the failed, dead and held deliveries again; `all`: every matching stored event. */
export type ReplaySelection = 'failed' | 'all';

/**
 * Where a replay job stopped: the keyset position of the last row of its last finished page
 * (deliveries for `failed`, stored events for `all`).
 */
export type ReplayJobCursor =
  | { kind: 'deliveries'; at: string; id: string }
  | { kind: 'events'; at: string; tenantId: string; id: string };

/**
 * A replay of one subscription's window, run in pages by whichever API instance holds its lease.
 * Progress and the cursor are written after every page, so a job survives a restart and resumes
 * where its last finished page ended.
 */
@Entity({ name: 'replay_jobs' })
@Index('ix_replay_jobs_tenant', ['tenantId', 'createdAt'])
@Index('ix_replay_jobs_state', ['state', 'createdAt'])
export class ReplayJobEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_replay_jobs' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column({ type: 'text' })
  selection!: ReplaySelection;

  @Column({ type: 'timestamptz' })
  since!: Date;

  @Column({ type: 'timestamptz' })
  until!: Date;

  @Column({ type: 'text', default: 'queued' })
  state!: ReplayJobState;

  @Column({ type: 'jsonb', nullable: true })
  cursor!: ReplayJobCursor | null;

  /** Rows looked at so far (events or deliveries of the window). */
  @Column({ type: 'bigint', default: 0 })
  scanned!: string;

  /** Deliveries sent again so far. */
  @Column({ type: 'bigint', default: 0 })
  enqueued!: string;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The instance running it; its lease ends at `lease_until` unless renewed by a page. */
  @Column({ name: 'lease_token', type: 'text', nullable: true })
  leaseToken!: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
