import { tokenUseMs } from '@herald/delivery';

/** A token endpoint's answer as the cache sees it. */
export type FetchedToken =
  { ok: true; accessToken: string; expiresInMs: number | null } | { ok: false; message: string };

export type TokenOutcome = { ok: true; accessToken: string } | { ok: false; message: string };

export interface OAuthTokensOptions {
  now(): number;
  /** Token fetches of one tenant running at once; more wait for a slot. */
  fetchesPerTenant: number;
  /** Longest wait for one of the tenant's slots before the attempt fails. */
  slotWaitMs: number;
  /** After a failed fetch, attempts fail with its error for this long without fetching again. */
  failureHoldMs: number;
  /** Tokens kept (one per credential in use); the oldest goes first beyond it. */
  maxEntries: number;
}

export const DEFAULT_OAUTH_TOKENS_OPTIONS: Omit<OAuthTokensOptions, 'now'> = {
  fetchesPerTenant: 4,
  slotWaitMs: 10_000,
  failureHoldMs: 5_000,
  maxEntries: 10_000,
};

type Entry =
  | { kind: 'token'; accessToken: string; useUntil: number }
  | { kind: 'failed'; message: string; until: number };

interface Waiter {
  start(): void;
  timer: NodeJS.Timeout;
}

/**
 * OAuth 2.0 access tokens per credential: fetched once and shared by every delivery that needs
 * one meanwhile (one fetch in flight per credential), used until they expire minus a margin,
 * forgotten on a receiver's 401. A failed fetch is remembered briefly, so a backlog of
 * deliveries fails fast with its error instead of each waiting on a dead endpoint. Fetches are
 * bounded per tenant: one tenant's slow token endpoint takes that tenant's slots, never another's.
 */
export class OAuthTokens {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<TokenOutcome>>();
  private readonly running = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly options: OAuthTokensOptions) {}

  /** The token for `key`: cached, shared with a fetch in flight, or fetched now. */
  get(tenantId: string, key: string, fetch: () => Promise<FetchedToken>): Promise<TokenOutcome> {
    const now = this.options.now();
    const entry = this.entries.get(key);
    if (entry?.kind === 'token' && entry.useUntil > now) {
      return Promise.resolve({ ok: true, accessToken: entry.accessToken });
    }
    if (entry?.kind === 'failed' && entry.until > now) {
      return Promise.resolve({
        ok: false,
        message: `${entry.message} (in the last ${this.options.failureHoldMs / 1000}s; not asked again yet)`,
      });
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const started = this.fetchWithSlot(tenantId, key, fetch).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, started);
    return started;
  }

  /** Forgets `key`'s token if it is `rejected` (a receiver answered 401 to it). */
  invalidate(key: string, rejected: string): void {
    const entry = this.entries.get(key);
    if (entry?.kind === 'token' && entry.accessToken === rejected) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private async fetchWithSlot(
    tenantId: string,
    key: string,
    fetch: () => Promise<FetchedToken>,
  ): Promise<TokenOutcome> {
    if (!(await this.slot(tenantId))) {
      return {
        ok: false,
        message: `token endpoint busy: ${this.options.fetchesPerTenant} token requests of this tenant still running after ${this.options.slotWaitMs}ms`,
      };
    }
    let fetched: FetchedToken;
    try {
      fetched = await fetch();
    } catch (error) {
      fetched = { ok: false, message: (error as Error).message };
    } finally {
      this.release(tenantId);
    }
    const now = this.options.now();
    if (this.entries.size >= this.options.maxEntries && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.delete(key);
    if (!fetched.ok) {
      this.entries.set(key, {
        kind: 'failed',
        message: fetched.message,
        until: now + this.options.failureHoldMs,
      });
      return { ok: false, message: fetched.message };
    }
    this.entries.set(key, {
      kind: 'token',
      accessToken: fetched.accessToken,
      useUntil: now + tokenUseMs(fetched.expiresInMs),
    });
    return { ok: true, accessToken: fetched.accessToken };
  }

  /** Resolves true with a slot of the tenant's, or false after `slotWaitMs` without one. */
  private slot(tenantId: string): Promise<boolean> {
    const running = this.running.get(tenantId) ?? 0;
    if (running < this.options.fetchesPerTenant) {
      this.running.set(tenantId, running + 1);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const queue = this.queues.get(tenantId) ?? [];
      this.queues.set(tenantId, queue);
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve(true);
        },
        timer: setTimeout(() => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          if (queue.length === 0) this.queues.delete(tenantId);
          resolve(false);
        }, this.options.slotWaitMs),
      };
      queue.push(waiter);
    });
  }

  private release(tenantId: string): void {
    const queue = this.queues.get(tenantId);
    const next = queue?.shift();
    if (queue?.length === 0) this.queues.delete(tenantId);
    if (next) {
      next.start(); // the slot passes straight to the next waiter
      return;
    }
    const running = (this.running.get(tenantId) ?? 1) - 1;
    if (running <= 0) this.running.delete(tenantId);
    else this.running.set(tenantId, running);
  }
}
