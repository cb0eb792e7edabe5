interface Entry {
  offset: string;
  done: boolean;
  error: Error | undefined;
  settled: Promise<void>;
}

/**
 * The jobs of one partition that were started and not yet committed, in offset order. Jobs run
 * concurrently; the committed position only moves over a finished prefix, so a slow job holds
 * the commit (not the other deliveries) and nothing after it is lost if the process dies.
 */
export class PartitionWindow {
  private readonly entries: Entry[] = [];
  private readonly known = new Set<string>();
  private unfinished = 0;

  /** Jobs started and not yet taken by `takeFinishedPrefix` (finished or not). */
  get size(): number {
    return this.entries.length;
  }

  /** Jobs still running. */
  get running(): number {
    return this.unfinished;
  }

  /** The offset of the oldest job not yet taken. */
  get firstOffset(): string | undefined {
    return this.entries[0]?.offset;
  }

  has(offset: string): boolean {
    return this.known.has(offset);
  }

  start(offset: string, work: () => Promise<void>): void {
    const entry: Entry = { offset, done: false, error: undefined, settled: Promise.resolve() };
    const finish = (error: Error | undefined) => {
      entry.done = true;
      entry.error = error;
      this.unfinished--;
    };
    this.unfinished++;
    entry.settled = work().then(
      () => finish(undefined),
      (error: Error) => finish(error),
    );
    this.entries.push(entry);
    this.known.add(offset);
  }

  /** Resolves when every started job has finished, or after `ms`, whichever is first. */
  async settle(ms: number): Promise<void> {
    if (this.unfinished === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.entries.map((e) => e.settled)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    ]);
    clearTimeout(timer);
  }

  /**
   * Removes the finished prefix and returns its last offset (to commit), and the error of the
   * first job that failed to record its outcome, if that is where the prefix stops.
   */
  takeFinishedPrefix(): { lastOffset: string | undefined; error: Error | undefined } {
    let lastOffset: string | undefined;
    while (this.entries.length > 0 && this.entries[0].done && !this.entries[0].error) {
      const entry = this.entries.shift()!;
      this.known.delete(entry.offset);
      lastOffset = entry.offset;
    }
    const head = this.entries[0];
    return { lastOffset, error: head?.done ? head.error : undefined };
  }
}
