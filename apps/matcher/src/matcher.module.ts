import { DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { createKafka } from '@herald/kafka';
import { consumerServiceModule } from '@herald/observability';
import { openServiceDatabase } from '@herald/persistence';
import { MatcherConfig } from './matcher.config';
import { MatcherRuntime } from './matching/matcher.runtime';

/**
 * Health, metrics, the pool and the matcher runtime. Loading the changelog can take a while: the
 * HTTP server (liveness, metrics) comes up meanwhile and readiness stays false until it is loaded.
 */
@Module({})
export class MatcherModule {
  static register(config: MatcherConfig, version: string): DynamicModule {
    return consumerServiceModule({
      module: MatcherModule,
      service: 'matcher',
      version,
      config: { provide: MatcherConfig, useValue: config },
      openDatabase: () => openServiceDatabase(config, 'matcher'),
      runtime: MatcherRuntime,
      createRuntime: (dataSource: DataSource, registry: Registry) =>
        new MatcherRuntime(createKafka(config, 'matcher'), dataSource, registry, {
          maxMessageRetries: config.HERALD_CONSUMER_MAX_MESSAGE_RETRIES,
        }),
      readiness: { name: 'subscription-index', check: (runtime) => runtime.isReady },
      start: 'background',
    });
  }
}
