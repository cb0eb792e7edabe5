import { Kafka, Producer, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { migrateDatabase, openDatabase } from '@herald/persistence';
import { TopicCollector, createTestDatabase } from '@herald/testing';
import { EventIngestRuntime, EventIngestSettings } from '../ingest/event-ingest.runtime';

/** A broker the harness can reach and stop: the test broker or an embedded one. */
export interface HarnessBroker {
  brokers: string;
  stop(): Promise<void>;
}

export interface IngestHarness {
  /** The broker's bootstrap address (`host:port`). */
  brokers: string;
  kafka: Kafka;
  dataSource: DataSource;
  /** The registry the runtime's metrics are in (the one given, or a new one). */
  registry: Registry;
  runtime: EventIngestRuntime;
  producer: Producer;
  collector: TopicCollector;
  stop(): Promise<void>;
}

export interface IngestHarnessOptions {
  /** Starts the broker (the spec names it, so the Apache tier can find its specs). */
  broker: () => Promise<HarnessBroker>;
  clientId: string;
  /** What the spec sets; the rest is `INGEST_SPEC_SETTINGS`. */
  settings?: Partial<EventIngestSettings>;
  /** Tenants and event types to create in the migrated database before the runtime starts. */
  seed?: (dataSource: DataSource) => Promise<void>;
  /** Topics to create before the runtime starts (domain topics the pattern must find). */
  beforeStart?: (kafka: Kafka) => Promise<void>;
  /** Topics the collector reads from the start. */
  collect: string[];
  registry?: Registry;
}

/** What an ingest spec runs with unless it says otherwise: no domain topics, small events. */
export const INGEST_SPEC_SETTINGS: EventIngestSettings = {
  domainTopics: [],
  domainTopicPattern: undefined,
  maxEventBytes: 4_096,
  dedupWindowMs: 60 * 60_000,
  catalogTtlMs: 1_000,
};

/**
 * event-ingest on a real broker and a real migrated PostgreSQL, with an idempotent producer and
 * a collector on its output topics: what every ingest integration spec starts from.
 */
export async function startIngestHarness(options: IngestHarnessOptions): Promise<IngestHarness> {
  const [broker, database] = await Promise.all([options.broker(), createTestDatabase()]);
  const dataSource = await openDatabase({ url: database.url, poolSize: 3 });
  await migrateDatabase(dataSource, { retentionDays: 7 });
  await options.seed?.(dataSource);
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [broker.brokers],
    logLevel: logLevel.NOTHING,
  });
  await options.beforeStart?.(kafka);
  const registry = options.registry ?? new Registry();
  const runtime = new EventIngestRuntime(kafka, dataSource, registry, {
    ...INGEST_SPEC_SETTINGS,
    ...options.settings,
  });
  await runtime.start();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const collector = new TopicCollector(kafka);
  await collector.start(options.collect);
  return {
    brokers: broker.brokers,
    kafka,
    dataSource,
    registry,
    runtime,
    producer,
    collector,
    stop: async () => {
      await collector.stop();
      await producer.disconnect();
      await runtime.stop();
      await dataSource.destroy();
      await Promise.all([broker.stop(), database.drop()]);
    },
  };
}
