import {
  DynamicModule,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { tenantLimitDefaults } from '@herald/config';
import { createKafka } from '@herald/kafka';
import { ObservabilityModule, Readiness } from '@herald/observability';
import { openDatabase } from '@herald/persistence';
import { EventIngestConfig } from './event-ingest.config';
import { EventIngestRuntime } from './ingest/event-ingest.runtime';

/** Starts consuming once the app is up; stops the consumer before the pool closes. */
@Injectable()
class EventIngestLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runtime: EventIngestRuntime,
    private readonly dataSource: DataSource,
    private readonly readiness: Readiness,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.readiness.register({ name: 'consumer', check: () => this.runtime.isRunning });
    this.readiness.register({
      name: 'database',
      check: async () => (await this.dataSource.query('SELECT 1 AS ok')).length === 1,
    });
    await this.runtime.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Module({})
export class EventIngestModule {
  static register(config: EventIngestConfig, version: string): DynamicModule {
    return {
      module: EventIngestModule,
      imports: [ObservabilityModule.forService({ service: 'event-ingest', version })],
      providers: [
        { provide: EventIngestConfig, useValue: config },
        {
          provide: DataSource,
          useFactory: () =>
            openDatabase({
              url: config.DATABASE_URL,
              poolSize: config.HERALD_DATABASE_POOL_SIZE,
              applicationName: 'herald-event-ingest',
            }),
        },
        {
          provide: EventIngestRuntime,
          inject: [DataSource, Registry],
          useFactory: (dataSource: DataSource, registry: Registry) =>
            new EventIngestRuntime(createKafka(config, 'event-ingest'), dataSource, registry, {
              domainTopics: config.HERALD_INGEST_DOMAIN_TOPICS,
              domainTopicPattern: config.HERALD_INGEST_DOMAIN_TOPIC_PATTERN,
              maxEventBytes: config.HERALD_INGEST_MAX_EVENT_BYTES,
              maxEventDepth: config.HERALD_EVENT_MAX_DEPTH,
              maxMessageRetries: config.HERALD_CONSUMER_MAX_MESSAGE_RETRIES,
              dedupWindowMs: config.HERALD_INGEST_DEDUP_WINDOW_MINUTES * 60_000,
              catalogTtlMs: config.HERALD_INGEST_CATALOG_TTL_MS,
              tenantLimits: {
                defaults: tenantLimitDefaults(config),
                refreshMs: config.HERALD_TENANT_LIMITS_REFRESH_MS,
                overLimit: config.HERALD_INGEST_OVER_LIMIT,
              },
              catalogLimits: {
                schema: {
                  maxBytes: config.HERALD_SCHEMA_MAX_BYTES,
                  maxDepth: config.HERALD_SCHEMA_MAX_DEPTH,
                },
                types: {
                  perTenantEntries: config.HERALD_INGEST_SCHEMA_CACHE_PER_TENANT,
                  perTenantWeight: config.HERALD_INGEST_SCHEMA_CACHE_TENANT_BYTES,
                  totalEntries: config.HERALD_INGEST_SCHEMA_CACHE_ENTRIES,
                  totalWeight: config.HERALD_INGEST_SCHEMA_CACHE_BYTES,
                },
              },
            }),
        },
        EventIngestLifecycle,
      ],
    };
  }
}
