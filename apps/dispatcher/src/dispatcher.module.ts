import {
  DynamicModule,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { templateLimitsOf, tenantLimitDefaults } from '@herald/config';
import { createKafka } from '@herald/kafka';
import { ObservabilityModule, Readiness } from '@herald/observability';
import { openDatabase } from '@herald/persistence';
import { DispatcherConfig } from './dispatcher.config';
import { DispatcherRuntime } from './delivery/dispatcher.runtime';

/** Loads the subscriptions and starts consuming once the app is up; stops before the pool closes. */
@Injectable()
class DispatcherLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: DispatcherRuntime,
    private readonly dataSource: DataSource,
    private readonly readiness: Readiness,
  ) {}

  onApplicationBootstrap(): void {
    this.readiness.register({ name: 'subscriptions', check: () => this.runtime.isReady });
    this.readiness.register({
      name: 'database',
      check: async () => (await this.dataSource.query('SELECT 1 AS ok')).length === 1,
    });
    this.runtime.start().catch((error: Error) => {
      process.stderr.write(`dispatcher failed to start: ${error.stack ?? error.message}\n`);
      process.exit(1);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Module({})
export class DispatcherModule {
  static register(config: DispatcherConfig, version: string): DynamicModule {
    return {
      module: DispatcherModule,
      imports: [ObservabilityModule.forService({ service: 'dispatcher', version })],
      providers: [
        { provide: DispatcherConfig, useValue: config },
        {
          provide: DataSource,
          useFactory: () =>
            openDatabase({
              url: config.DATABASE_URL,
              poolSize: config.HERALD_DATABASE_POOL_SIZE,
              applicationName: 'herald-dispatcher',
            }),
        },
        {
          provide: DispatcherRuntime,
          inject: [DataSource, Registry],
          useFactory: (dataSource: DataSource, registry: Registry) =>
            new DispatcherRuntime(createKafka(config, 'dispatcher'), dataSource, registry, {
              allowPrivateTargets: config.HERALD_ALLOW_PRIVATE_TARGETS,
              privateTargetAllowlist: config.HERALD_PRIVATE_TARGET_ALLOWLIST,
              maxRetryAfterMs: config.HERALD_RETRY_AFTER_MAX_MS,
              retryJitter: {
                ratio: config.HERALD_RETRY_JITTER_PERCENT / 100,
                minimumMs: config.HERALD_RETRY_JITTER_MIN_MS,
              },
              maxInFlightPerPartition: config.HERALD_DISPATCH_MAX_IN_FLIGHT,
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
        },
        DispatcherLifecycle,
      ],
    };
  }
}
