interface Waiter<T> {
  items: T[];
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * Gathers items for a short interval (or until `maxItems`) and writes them in one call; each
 * `add` resolves once its batch is written, or rejects with the write's error. When a write
 * fails in a way `isPermanent` says no retry can fix (one add's items cannot be stored), each
 * add is written alone, so only the adds that cannot be written reject.
 */
export class FlushBatcher<T> {
  private items: T[] = [];
  private waiters: Waiter<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly intervalMs: number,
    private readonly maxItems = 1_000,
    private readonly isPermanent: (error: Error) => boolean = () => false,
  ) {}

  add(...items: T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.items.push(...items);
      this.waiters.push({ items, resolve, reject });
      if (this.items.length >= this.maxItems) this.flushNow();
      else this.timer ??= setTimeout(() => this.flushNow(), this.intervalMs);
    });
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.items;
    const waiters = this.waiters;
    this.items = [];
    this.waiters = [];
    if (waiters.length === 0) return;
    // One write at a time, in order.
    this.writing = this.writing.then(() =>
      this.write(items).then(
        () => waiters.forEach((w) => w.resolve()),
        (error: Error) =>
          waiters.length > 1 && this.isPermanent(error)
            ? this.writeEachAlone(waiters)
            : waiters.forEach((w) => w.reject(error)),
      ),
    );
  }

  private async writeEachAlone(waiters: Waiter<T>[]): Promise<void> {
    for (const waiter of waiters) {
      await this.write(waiter.items).then(waiter.resolve, waiter.reject);
    }
  }

  /** Writes what is pending now (used when stopping). */
  async drain(): Promise<void> {
    this.flushNow();
    await this.writing;
  }
}
