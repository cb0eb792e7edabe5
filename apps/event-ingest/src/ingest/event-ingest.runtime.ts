import { Logger } from '@nestjs/common';
import { Kafka, Message } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DEFAULT_MAX_EVENT_DEPTH, TOPICS, allTopics } from '@herald/contracts';
import { HeraldKafkaTransport, TypedProducer, ensureTopics } from '@herald/kafka';
import {
  EventCatalogSource,
  EventStore,
  InvalidEventStore,
  TenantLimitsDirectory,
  TenantStore,
} from '@herald/persistence';
import { TenantLimits, TenantRateLimiter } from '@herald/tenancy';
import { CachedEventCatalog, CatalogLimits } from '@herald/tenant-schemas';
import { IngestConsumers, chunksOf, ingestBinding } from './inbound-events.handler';
import { IngestEvents, IngestPorts } from './ingest-events.usecase';
import { IngestMetrics } from './ingest-metrics';
import { DeferredDrain } from './deferred-drain';
import { RateLimitMetrics } from './rate-limit-metrics';
import { OverLimitAction, TenantAdmission } from './tenant-admission';

export interface EventIngestSettings {
  domainTopics: readonly string[];
  domainTopicPattern: string | undefined;
  maxEventBytes: number;
  /** Failures of one message of no known class before it is quarantined. */
  maxMessageRetries?: number;
  /** Deepest nesting accepted in an event (HERALD_EVENT_MAX_DEPTH). */
  maxEventDepth?: number;
  dedupWindowMs: number;
  catalogTtlMs: number;
  /** Per-tenant Kafka rates; absent = no limit. */
  tenantLimits?: { defaults: TenantLimits; refreshMs: number; overLimit: OverLimitAction };
  /** Schema size limits and compiled-schema cache bounds; the libs/config defaults if absent. */
  catalogLimits?: CatalogLimits;
  groupId?: string;
}

const NO_LIMITS: TenantLimits = {
  httpEventsPerSecond: 0,
  kafkaEventsPerSecond: 0,
  burstSeconds: 1,
  maxSubscriptions: 0,
  maxEventTypes: 0,
  maxInFlightDeliveries: 0,
};

export const EVENT_INGEST_GROUP = 'herald-event-ingest';

/**
 * event-ingest put together: the consumer of the inbound and domain topics, the use-case and
 * its ports. Framework-free so integration tests run exactly what the service runs.
 */
export class EventIngestRuntime {
  private producer: TypedProducer | undefined;
  private transport: HeraldKafkaTransport | undefined;
  private limits: TenantLimitsDirectory | undefined;
  private deferred: DeferredDrain | undefined;
  private readonly logger = new Logger('event-ingest');

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly registry: Registry,
    private readonly settings: EventIngestSettings,
  ) {}

  get isRunning(): boolean {
    return this.transport?.isRunning ?? false;
  }

  async start(): Promise<void> {
    await ensureTopics(this.kafka, allTopics());
    const producer = await TypedProducer.connect(this.kafka);
    this.producer = producer;
    const eventStore = new EventStore(this.dataSource);
    const invalidEvents = new InvalidEventStore(this.dataSource);
    const tenantLimits = this.settings.tenantLimits;
    this.limits = new TenantLimitsDirectory(
      new TenantStore(this.dataSource),
      tenantLimits?.defaults ?? NO_LIMITS,
      tenantLimits?.refreshMs ?? 5_000,
      (error) => this.logger.warn(`tenant limits not refreshed: ${error.message}`),
    );
    await this.limits.start();
    const admission = new TenantAdmission(
      this.limits,
      new TenantRateLimiter(Date.now),
      tenantLimits?.overLimit ?? 'defer',
    );
    const rateLimitMetrics = new RateLimitMetrics(this.registry);
    const ingestMetrics = new IngestMetrics(this.registry);
    const ports: IngestPorts = {
      catalog: new CachedEventCatalog(
        new EventCatalogSource(this.dataSource),
        this.settings.catalogTtlMs,
        Date.now,
        this.settings.catalogLimits,
      ),
      publish: (batches) => producer.sendMany(batches),
      admit: (tenantId) => admission.admit(tenantId),
      accept: (events, since, beforeCommit) => eventStore.acceptThen(events, since, beforeCommit),
      recordRejected: (records) => invalidEvents.recordMany(records),
      now: () => new Date(),
    };
    const ingestSettings = {
      maxEventBytes: this.settings.maxEventBytes,
      maxEventDepth: this.settings.maxEventDepth ?? DEFAULT_MAX_EVENT_DEPTH,
      dedupWindowMs: this.settings.dedupWindowMs,
    };
    const ingest = new IngestEvents(ports, ingestSettings);
    // Deferred events took their token in the drain: ingested like fresh ones, never deferred again.
    const drained = new IngestEvents({ ...ports, admit: () => 'forward' }, ingestSettings);
    const deferred = new DeferredDrain(
      admission,
      async (messages) => {
        for (const chunk of chunksOf(messages)) {
          ingestMetrics.recordOutcome(await drained.execute(chunk));
        }
      },
      rateLimitMetrics,
    );
    this.deferred = deferred;
    const sendInvalid = (messages: Message[]) => producer.sendRaw(TOPICS.eventsInvalid, messages);
    const unprocessable = () =>
      ingestMetrics.record({ accepted: 0, deferred: 0, duplicates: 0, invalid: ['unprocessable'] });
    const domainTopics: (string | RegExp)[] = [...this.settings.domainTopics];
    if (this.settings.domainTopicPattern)
      domainTopics.push(domainTopicRegExp(this.settings.domainTopicPattern));
    this.transport = new HeraldKafkaTransport({
      kafka: this.kafka,
      groupId: this.settings.groupId ?? EVENT_INGEST_GROUP,
      bindings: {
        [TOPICS.eventsInbound]: ingestBinding(sendInvalid, unprocessable, {
          alsoOwns: domainTopics,
        }),
        [TOPICS.eventsOperational]: ingestBinding(sendInvalid, unprocessable),
        // A deferred event that can never be forwarded goes to herald.events.invalid.
        [TOPICS.eventsDeferred]: ingestBinding(sendInvalid, () => undefined, {
          onRebalance: () => deferred.onRebalance(),
        }),
      },
      registry: this.registry,
      maxMessageRetries: this.settings.maxMessageRetries,
      onError: (error, topic, partition) =>
        this.logger.error(`batch on ${topic}/${partition} failed, retrying: ${error.message}`),
      onPoison: (message, poison) =>
        this.logger.warn(
          `${message.topic}/${message.partition}@${message.offset} sent to ${TOPICS.eventsInvalid} (${poison.reason}): ${poison.detail}`,
        ),
    }).bind(new IngestConsumers(ingest, ingestMetrics, deferred, rateLimitMetrics));
    await this.transport.start();
  }

  async stop(): Promise<void> {
    this.deferred?.stop();
    this.limits?.stop();
    await this.transport?.close();
    await this.producer?.disconnect();
  }
}

/** The configured pattern, never matching Herald's own topics (that would loop events back). */
export function domainTopicRegExp(pattern: string): RegExp {
  return new RegExp(`^(?!herald\\.)[\\s\\S]*?(?:${pattern})`);
}
