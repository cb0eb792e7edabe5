/** The timers a loop runs on: the process's by default, fake ones in a unit spec. */
export interface LoopTimers {
  setTimeout(run: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, looked up at each call (so jest's fake timers apply), never holding the process. */
export const processTimers: LoopTimers = {
  setTimeout: (run, delayMs) => setTimeout(run, delayMs).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PollingLoopOptions {
  /** Wait between the end of one round and the start of the next. */
  intervalMs: number;
  /** Wait before the first round; 0 by default. */
  firstDelayMs?: number;
  /** Wait after a round that threw; `intervalMs` by default. */
  backoffMs?: number;
  /** Told of a round that threw (the loop goes on after `backoffMs`). */
  onError: (error: unknown) => void;
  timers?: LoopTimers;
}

/**
 * Runs `round` over and over, one at a time: `intervalMs` after a round ends, `backoffMs` after
 * one throws, at once after a `kick` (a kick during a round runs the next one right after it, if
 * it succeeded). `stop` cancels the wait and resolves when the running round is done.
 */
export class PollingLoop {
  private readonly timers: LoopTimers;
  private timer: unknown;
  private running: Promise<void> | undefined;
  private started = false;
  private stopped = false;
  private kicked = false;
  private lastRoundFailed = false;

  constructor(
    private readonly round: () => Promise<void>,
    private readonly options: PollingLoopOptions,
  ) {
    this.timers = options.timers ?? processTimers;
  }

  /** Whether the last round threw (the loop is waiting out `backoffMs`). */
  get failing(): boolean {
    return this.lastRoundFailed;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(this.options.firstDelayMs ?? 0);
  }

  /** Runs a round now, or right after the one running; ignored before `start` and after `stop`. */
  kick(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.kicked = true;
      return;
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.running = this.run().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
  }

  private async run(): Promise<void> {
    let delay = this.options.intervalMs;
    this.kicked = false;
    try {
      await this.round();
      this.lastRoundFailed = false;
      if (this.kicked) delay = 0;
    } catch (error) {
      this.lastRoundFailed = true;
      delay = this.options.backoffMs ?? this.options.intervalMs;
      this.options.onError(error);
    }
    this.schedule(delay);
  }
}
