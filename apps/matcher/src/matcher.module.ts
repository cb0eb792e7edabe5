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
import { MatcherConfig } from './matcher.config';
import { MatcherRuntime } from './matching/matcher.runtime';

/** Loads the index and starts consuming once the app is up; stops before the pool closes. */
@Injectable()
class MatcherLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: MatcherRuntime,
    private readonly dataSource: DataSource,
    private readonly readiness: Readiness,
  ) {}

  onApplicationBootstrap(): void {
    this.readiness.register({ name: 'subscription-index', check: () => this.runtime.isReady });
    this.readiness.register({
      name: 'database',
      check: async () => (await this.dataSource.query('SELECT 1 AS ok')).length === 1,
    });
    // Loading the changelog can take a while: the HTTP server (liveness, metrics) comes up
    // meanwhile and readiness stays false until the index is loaded.
    this.runtime.start().catch((error: Error) => {
      process.stderr.write(`matcher failed to start: ${error.stack ?? error.message}\n`);
      process.exit(1);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Module({})
export class MatcherModule {
  static register(config: MatcherConfig, version: string): DynamicModule {
    return {
      module: MatcherModule,
      imports: [ObservabilityModule.forService({ service: 'matcher', version })],
      providers: [
        { provide: MatcherConfig, useValue: config },
        {
          provide: DataSource,
          useFactory: () =>
            openDatabase({
              url: config.DATABASE_URL,
              poolSize: config.HERALD_DATABASE_POOL_SIZE,
              applicationName: 'herald-matcher',
            }),
        },
        {
          provide: MatcherRuntime,
          inject: [DataSource, Registry],
          useFactory: (dataSource: DataSource, registry: Registry) =>
            new MatcherRuntime(createKafka(config, 'matcher'), dataSource, registry, {
              maxMessageRetries: config.HERALD_CONSUMER_MAX_MESSAGE_RETRIES,
            }),
        },
        MatcherLifecycle,
      ],
    };
  }
}
