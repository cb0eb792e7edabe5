/** A named condition a service must meet before it takes traffic (index loaded, DB reachable...). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean> | boolean;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | 'failing'>;
}

/** Collects readiness checks from the modules of a service and evaluates them together. */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  /** Once draining starts the service reports not-ready so load balancers stop sending work. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    const checks: ReadinessReport['checks'] = {};
    for (const [name, check] of this.checks) {
      let ok = false;
      try {
        ok = await check.check();
      } catch {
        ok = false;
      }
      checks[name] = ok ? 'ok' : 'failing';
    }
    if (this.shuttingDown) checks.shutdown = 'failing';
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
  }
}
