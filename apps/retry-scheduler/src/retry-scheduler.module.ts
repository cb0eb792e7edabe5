import {
  DynamicModule,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { createKafka } from '@herald/kafka';
import { ObservabilityModule, Readiness } from '@herald/observability';
import { openDatabase } from '@herald/persistence';
import { RetrySchedulerConfig } from './retry-scheduler.config';
import { RetrySchedulerRuntime } from './retry/retry-scheduler.runtime';

@Injectable()
class RetrySchedulerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: RetrySchedulerRuntime,
    private readonly dataSource: DataSource,
    private readonly readiness: Readiness,
  ) {}

  onApplicationBootstrap(): void {
    this.readiness.register({ name: 'retry-consumer', check: () => this.runtime.isReady });
    this.readiness.register({
      name: 'database',
      check: async () => (await this.dataSource.query('SELECT 1 AS ok')).length === 1,
    });
    this.runtime.start().catch((error: Error) => {
      process.stderr.write(`retry-scheduler failed to start: ${error.stack ?? error.message}\n`);
      process.exit(1);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Module({})
export class RetrySchedulerModule {
  static register(config: RetrySchedulerConfig, version: string): DynamicModule {
    return {
      module: RetrySchedulerModule,
      imports: [ObservabilityModule.forService({ service: 'retry-scheduler', version })],
      providers: [
        { provide: RetrySchedulerConfig, useValue: config },
        {
          provide: DataSource,
          useFactory: () =>
            openDatabase({
              url: config.DATABASE_URL,
              poolSize: config.HERALD_DATABASE_POOL_SIZE,
              applicationName: 'herald-retry-scheduler',
            }),
        },
        {
          provide: RetrySchedulerRuntime,
          inject: [DataSource, Registry],
          useFactory: (dataSource: DataSource, registry: Registry) =>
            new RetrySchedulerRuntime(
              createKafka(config, 'retry-scheduler'),
              dataSource,
              registry,
              {
                canaryPollMs: config.HERALD_CANARY_POLL_MS,
                maxMessageRetries: config.HERALD_CONSUMER_MAX_MESSAGE_RETRIES,
              },
            ),
        },
        RetrySchedulerLifecycle,
      ],
    };
  }
}
