import { Injectable, OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { tenantLimitDefaults } from '@herald/config';
import { TenantLimitsDirectory, TenantStore } from '@herald/persistence';
import { TenantRateLimiter } from '@herald/tenancy';
import { SubscriptionApiConfig } from '../subscription-api.config';

/** Counts refusals by limit name (a fixed set): never a tenant id as a label. */
export class TenantLimitMetrics {
  readonly refused: Counter<'limit'>;

  constructor(registry: Registry) {
    this.refused = new Counter({
      name: 'herald_tenant_limit_refusals_total',
      help: 'Requests refused by a tenant limit (429 for rates, 409 for quotas), by limit',
      labelNames: ['limit'],
      registers: [registry],
    });
    for (const limit of ['httpEventsPerSecond', 'maxSubscriptions', 'maxEventTypes'])
      this.refused.inc({ limit }, 0);
  }
}

/** Loads the overrides before the API serves, refreshes them, stops with the app. */
@Injectable()
export class TenantLimitsLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(private readonly directory: TenantLimitsDirectory) {}

  onModuleInit(): Promise<void> {
    return this.directory.start();
  }

  onApplicationShutdown(): void {
    this.directory.stop();
  }
}

export const tenantLimitsProviders: Provider[] = [
  {
    provide: TenantLimitsDirectory,
    inject: [TenantStore, SubscriptionApiConfig],
    useFactory: (tenants: TenantStore, config: SubscriptionApiConfig) =>
      new TenantLimitsDirectory(
        tenants,
        tenantLimitDefaults(config),
        config.HERALD_TENANT_LIMITS_REFRESH_MS,
      ),
  },
  { provide: TenantRateLimiter, useFactory: () => new TenantRateLimiter(Date.now) },
  {
    provide: TenantLimitMetrics,
    inject: [Registry],
    useFactory: (registry: Registry) => new TenantLimitMetrics(registry),
  },
  TenantLimitsLifecycle,
];
