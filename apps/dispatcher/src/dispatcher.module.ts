import { DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { templateLimitsOf, tenantLimitDefaults } from '@herald/config';
import { createKafka } from '@herald/kafka';
import { consumerServiceModule } from '@herald/observability';
import { openServiceDatabase } from '@herald/persistence';
import { DispatcherConfig } from './dispatcher.config';
import { DispatcherRuntime } from './delivery/dispatcher.runtime';

/** Health, metrics, the pool and the dispatcher runtime (subscriptions loaded, then consuming). */
@Module({})
export class DispatcherModule {
  static register(config: DispatcherConfig, version: string): DynamicModule {
    return consumerServiceModule({
      module: DispatcherModule,
      service: 'dispatcher',
      version,
      config: { provide: DispatcherConfig, useValue: config },
      openDatabase: () => openServiceDatabase(config, 'dispatcher'),
      runtime: DispatcherRuntime,
      createRuntime: (dataSource: DataSource, registry: Registry) =>
        new DispatcherRuntime(createKafka(config, 'dispatcher'), dataSource, registry, {
          allowPrivateTargets: config.HERALD_ALLOW_PRIVATE_TARGETS,
          privateTargetAllowlist: config.HERALD_PRIVATE_TARGET_ALLOWLIST,
          maxRetryAfterMs: config.HERALD_RETRY_AFTER_MAX_MS,
          retryJitter: {
            ratio: config.HERALD_RETRY_JITTER_PERCENT / 100,
            minimumMs: config.HERALD_RETRY_JITTER_MIN_MS,
          },
          maxInFlightPerInstance: config.HERALD_DISPATCH_MAX_IN_FLIGHT,
          partitionsConcurrently: config.HERALD_DISPATCH_PARTITIONS,
          flushMs: config.HERALD_DISPATCH_FLUSH_MS,
          maxMessageRetries: config.HERALD_CONSUMER_MAX_MESSAGE_RETRIES,
          tenantLimits: {
            defaults: tenantLimitDefaults(config),
            refreshMs: config.HERALD_TENANT_LIMITS_REFRESH_MS,
          },
          version,
          secretsKeys: config.HERALD_SECRETS_KEYS,
          templateLimits: templateLimitsOf(config),
        }),
      readiness: { name: 'subscriptions', check: (runtime) => runtime.isReady },
      start: 'background',
    });
  }
}
