import { Logger } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { TOPICS, allTopics } from '@herald/contracts';
import { ConsumerRunner, TypedProducer, ensureTopics } from '@herald/kafka';
import { EventStore } from '@herald/persistence';
import { CatalogSourceRepository } from './catalog-source.repository';
import { CachedEventCatalog } from './event-catalog';
import { inboundEventsHandler } from './inbound-events.handler';
import { IngestEvents } from './ingest-events.usecase';
import { IngestMetrics } from './ingest-metrics';
import { RecentEventsRepository } from './recent-events.repository';

export interface EventIngestSettings {
  domainTopics: readonly string[];
  domainTopicPattern: string | undefined;
  maxEventBytes: number;
  dedupWindowMs: number;
  catalogTtlMs: number;
  groupId?: string;
}

export const EVENT_INGEST_GROUP = 'herald-event-ingest';

/**
 * event-ingest put together: the consumer of the inbound and domain topics, the use-case and
 * its ports. Framework-free so integration tests run exactly what the service runs.
 */
export class EventIngestRuntime {
  private producer: TypedProducer | undefined;
  private runner: ConsumerRunner | undefined;
  private readonly logger = new Logger('event-ingest');

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly registry: Registry,
    private readonly settings: EventIngestSettings,
  ) {}

  get isRunning(): boolean {
    return this.runner?.isRunning ?? false;
  }

  async start(): Promise<void> {
    await ensureTopics(this.kafka, allTopics());
    const producer = await TypedProducer.connect(this.kafka);
    this.producer = producer;
    const eventStore = new EventStore(this.dataSource);
    const recent = new RecentEventsRepository(this.dataSource);
    const ingest = new IngestEvents(
      {
        catalog: new CachedEventCatalog(
          new CatalogSourceRepository(this.dataSource),
          this.settings.catalogTtlMs,
        ),
        seenSince: (events, since) => recent.seenSince(events, since),
        publish: (batches) => producer.sendMany(batches),
        store: (events) => eventStore.insertMany(events),
        now: () => new Date(),
      },
      { maxEventBytes: this.settings.maxEventBytes, dedupWindowMs: this.settings.dedupWindowMs },
    );
    const topics: (string | RegExp)[] = [TOPICS.eventsInbound, ...this.settings.domainTopics];
    if (this.settings.domainTopicPattern)
      topics.push(domainTopicRegExp(this.settings.domainTopicPattern));
    this.runner = new ConsumerRunner({
      kafka: this.kafka,
      groupId: this.settings.groupId ?? EVENT_INGEST_GROUP,
      handlers: [inboundEventsHandler(topics, ingest, new IngestMetrics(this.registry))],
      registry: this.registry,
      onError: (error, topic, partition) =>
        this.logger.error(`batch on ${topic}/${partition} failed, retrying: ${error.message}`),
    });
    await this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    await this.producer?.disconnect();
  }
}

/** The configured pattern, never matching Herald's own topics (that would loop events back). */
export function domainTopicRegExp(pattern: string): RegExp {
  return new RegExp(`^(?!herald\\.)[\\s\\S]*?(?:${pattern})`);
}
