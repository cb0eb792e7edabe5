import { DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { tenantLimitDefaults } from '@herald/config';
import { createKafka } from '@herald/kafka';
import { consumerServiceModule } from '@herald/observability';
import { openServiceDatabase } from '@herald/persistence';
import { EventIngestConfig } from './event-ingest.config';
import { EventIngestRuntime } from './ingest/event-ingest.runtime';

/** Health, metrics, the pool and the ingest runtime, consuming before the app listens. */
@Module({})
export class EventIngestModule {
  static register(config: EventIngestConfig, version: string): DynamicModule {
    return consumerServiceModule({
      module: EventIngestModule,
      service: 'event-ingest',
      version,
      config: { provide: EventIngestConfig, useValue: config },
      openDatabase: () => openServiceDatabase(config, 'event-ingest'),
      runtime: EventIngestRuntime,
      createRuntime: (dataSource: DataSource, registry: Registry) =>
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
      readiness: { name: 'consumer', check: (runtime) => runtime.isRunning },
      start: 'before-listening',
    });
  }
}
