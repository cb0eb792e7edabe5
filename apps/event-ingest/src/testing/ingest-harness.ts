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
  runtime: EventIngestRuntime;
  producer: Producer;
  collector: TopicCollector;
  stop(): Promise<void>;
}

export interface IngestHarnessOptions {
  /** Starts the broker (the spec names it, so the Apache tier can find its specs). */
  broker: () => Promise<HarnessBroker>;
  clientId: string;
  settings: EventIngestSettings;
  /** Tenants and event types to create in the migrated database before the runtime starts. */
  seed?: (dataSource: DataSource) => Promise<void>;
  /** Topics to create before the runtime starts (domain topics the pattern must find). */
  beforeStart?: (kafka: Kafka) => Promise<void>;
  /** Topics the collector reads from the start. */
  collect: string[];
  registry?: Registry;
}

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
  const runtime = new EventIngestRuntime(
    kafka,
    dataSource,
    options.registry ?? new Registry(),
    options.settings,
  );
  await runtime.start();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const collector = new TopicCollector(kafka);
  await collector.start(options.collect);
  return {
    brokers: broker.brokers,
    kafka,
    dataSource,
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
