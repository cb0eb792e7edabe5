import { TenantLimitOverrides, TenantLimits, effectiveLimits } from '@herald/tenancy';

export interface TenantLimitsSource {
  limitOverrides(): Promise<Map<string, TenantLimitOverrides>>;
}

/**
 * Every tenant's effective limits, answered synchronously on the hot path: the overrides are
 * re-read every `refreshMs` (only tenants that have any), the rest get the defaults. A failed
 * refresh keeps the last known overrides; `set` applies an admin's change on this instance
 * at once (other instances see it within `refreshMs`).
 */
export class TenantLimitsDirectory {
  private overrides = new Map<string, TenantLimitOverrides>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: TenantLimitsSource,
    readonly defaults: TenantLimits,
    private readonly refreshMs: number,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** Loads once, then keeps refreshing until `stop`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  limitsOf(tenantId: string): TenantLimits {
    return effectiveLimits(this.defaults, this.overrides.get(tenantId));
  }

  set(tenantId: string, overrides: TenantLimitOverrides): void {
    if (Object.keys(overrides).length === 0) this.overrides.delete(tenantId);
    else this.overrides.set(tenantId, overrides);
  }

  async refresh(): Promise<void> {
    try {
      this.overrides = await this.source.limitOverrides();
    } catch (error) {
      this.onError(error as Error);
    }
  }
}
