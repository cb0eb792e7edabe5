import { BatchContext } from './consumer-runner';

/** The timer functions a pause uses: the real ones, or a test's clock. */
export interface PauseClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_CLOCK: PauseClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The longest a failing partition waits before it is tried again. */
export const MAX_BACKOFF_MS = 30_000;

/** The back-off before retry `attempt` (1, 2, ...): 400 ms doubling, at most 30 s. */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(attempt, 8));
}

/**
 * How a partition waits without sleeping in kafkajs: pause it, seek back to the first message
 * not handled, and resume from a timer (a due time, a token, a back-off). One wait a partition:
 * a new one replaces the old. A rebalance resumes every paused partition (the next fetch decides
 * again); stopping clears the timers without resuming.
 */
export class PartitionPauses {
  private readonly waits = new Map<string, { handle: unknown; resume: () => void }>();

  constructor(private readonly clock: PauseClock = REAL_CLOCK) {}

  /** Partitions paused and waiting for their timer. */
  get size(): number {
    return this.waits.size;
  }

  /** Pauses the partition at `offset` (re-read on resume) and resumes it after `ms`. */
  waitAt(
    context: Pick<BatchContext, 'topic' | 'partition' | 'pause' | 'seek'>,
    offset: string,
    ms: number,
  ): void {
    const key = `${context.topic}/${context.partition}`;
    this.drop(key, false);
    const resume = context.pause();
    context.seek(offset);
    const handle = this.clock.setTimeout(
      () => {
        this.waits.delete(key);
        resume();
      },
      Math.max(0, ms),
    );
    this.waits.set(key, { handle, resume });
  }

  /** After a rebalance: every paused partition resumes now. */
  resumeAll(): void {
    for (const key of [...this.waits.keys()]) this.drop(key, true);
  }

  /** On stop: the timers go, nothing resumes. */
  clear(): void {
    for (const key of [...this.waits.keys()]) this.drop(key, false);
  }

  private drop(key: string, resume: boolean): void {
    const wait = this.waits.get(key);
    if (!wait) return;
    this.clock.clearTimeout(wait.handle);
    this.waits.delete(key);
    if (resume) wait.resume();
  }
}
