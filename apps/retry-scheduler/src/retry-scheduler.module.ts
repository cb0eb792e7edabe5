import { DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { createKafka } from '@herald/kafka';
import { consumerServiceModule } from '@herald/observability';
import { openServiceDatabase } from '@herald/persistence';
import { RetrySchedulerConfig } from './retry-scheduler.config';
import { RetrySchedulerRuntime } from './retry/retry-scheduler.runtime';

/** Health, metrics, the pool and the retry-scheduler runtime. */
@Module({})
export class RetrySchedulerModule {
  static register(config: RetrySchedulerConfig, version: string): DynamicModule {
    return consumerServiceModule({
      module: RetrySchedulerModule,
      service: 'retry-scheduler',
      version,
      config: { provide: RetrySchedulerConfig, useValue: config },
      openDatabase: () => openServiceDatabase(config, 'retry-scheduler'),
      runtime: RetrySchedulerRuntime,
      createRuntime: (dataSource: DataSource, registry: Registry) =>
        new RetrySchedulerRuntime(createKafka(config, 'retry-scheduler'), dataSource, registry, {
          canaryPollMs: config.HERALD_CANARY_POLL_MS,
          maxMessageRetries: config.HERALD_CONSUMER_MAX_MESSAGE_RETRIES,
        }),
      readiness: { name: 'retry-consumer', check: (runtime) => runtime.isReady },
      start: 'background',
    });
  }
}
